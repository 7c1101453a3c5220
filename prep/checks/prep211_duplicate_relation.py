"""The same relation written twice.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP211", Severity.WARNING, name="duplicate-relation",
      summary="the same relation written twice", scope="process")
def check(target):
    return iter(())
