"""A product named like a task.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP501", Severity.WARNING, name="task-like-name",
      summary="a product named like a task", scope="process", opt_in=True)
def check(target):
    return iter(())
