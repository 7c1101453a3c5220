"""An intangible product goes to an external process or is final.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP403", Severity.ERROR, name="intangible-to-external",
      summary="an intangible product goes to an external process or is final", scope="process")
def check(target):
    return iter(())
