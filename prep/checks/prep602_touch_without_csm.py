"""A relation with `touch=` in an AsIs process, or touching no `role=csm` actor.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP602", Severity.WARNING, name="touch-without-csm",
      summary="a relation with `touch=` in an AsIs process, or touching no `role=csm` actor", scope="process")
def check(target):
    return iter(())
