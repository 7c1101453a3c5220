"""A final product goes to a process of the run that declares no external for the sender.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP220", Severity.WARNING, name="interface-mismatch",
      summary="a final product goes to a process of the run that declares no external for the sender", scope="workspace")
def check(target):
    return iter(())
