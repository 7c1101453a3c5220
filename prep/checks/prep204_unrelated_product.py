"""A product has no relation at all.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP204", Severity.WARNING, name="unrelated-product",
      summary="a product has no relation at all", scope="process")
def check(target):
    return iter(())
