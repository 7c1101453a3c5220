"""An external process is related to another external process directly.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP212", Severity.ERROR, name="external-to-external",
      summary="an external process is related to another external process directly", scope="process")
def check(target):
    return iter(())
