"""A process has no goal, or more than one.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP208", Severity.WARNING, name="goal-count",
      summary="a process has no goal, or more than one", scope="process")
def check(target):
    return iter(())
