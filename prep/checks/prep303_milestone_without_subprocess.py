"""A milestone product ends no subprocess, while the process has subprocesses.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP303", Severity.WARNING, name="milestone-without-subprocess",
      summary="a milestone product ends no subprocess, while the process has subprocesses", scope="process")
def check(target):
    return iter(())
