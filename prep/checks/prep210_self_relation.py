"""A relation from a node to itself.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP210", Severity.ERROR, name="self-relation",
      summary="a relation from a node to itself", scope="process")
def check(target):
    return iter(())
