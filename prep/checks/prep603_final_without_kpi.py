"""A final product without a KPI.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP603", Severity.INFO, name="final-without-kpi",
      summary="a final product without a KPI", scope="process", opt_in=True)
def check(target):
    return iter(())
