"""A final product goes to no external process.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP202", Severity.ERROR, name="final-goes-nowhere",
      summary="a final product goes to no external process", scope="process")
def check(target):
    return iter(())
