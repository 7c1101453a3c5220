"""A KPI `under` a name that is not a KPI, or KPIs `under` each other in a cycle.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP604", Severity.ERROR, name="bad-kpi-parent",
      summary="a KPI `under` a name that is not a KPI, or KPIs `under` each other in a cycle", scope="process")
def check(target):
    return iter(())
