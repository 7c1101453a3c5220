"""A product that is not final goes to an external process.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP206", Severity.WARNING, name="intermediate-to-external",
      summary="a product that is not final goes to an external process", scope="process")
def check(target):
    return iter(())
