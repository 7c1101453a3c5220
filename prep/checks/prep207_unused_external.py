"""An external process has no relation.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP207", Severity.WARNING, name="unused-external",
      summary="an external process has no relation", scope="process")
def check(target):
    return iter(())
