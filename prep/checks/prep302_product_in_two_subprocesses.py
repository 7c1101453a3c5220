"""A product belongs to two subprocesses.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP302", Severity.ERROR, name="product-in-two-subprocesses",
      summary="a product belongs to two subprocesses", scope="process")
def check(target):
    return iter(())
