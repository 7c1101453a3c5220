"""A process has no final product.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP201", Severity.ERROR, name="no-final-product",
      summary="a process has no final product", scope="process")
def check(target):
    return iter(())
