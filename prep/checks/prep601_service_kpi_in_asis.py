"""A KPI marked `service` in a process with `stage=asis`.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP601", Severity.WARNING, name="service-kpi-in-asis",
      summary="a KPI marked `service` in a process with `stage=asis`", scope="process")
def check(target):
    return iter(())
