"""A product that has relations contributes to no final product.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP205", Severity.WARNING, name="dead-end-product",
      summary="a product that has relations contributes to no final product", scope="process")
def check(target):
    return iter(())
