"""An actor has no products.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP209", Severity.WARNING, name="empty-actor",
      summary="an actor has no products", scope="process")
def check(target):
    return iter(())
