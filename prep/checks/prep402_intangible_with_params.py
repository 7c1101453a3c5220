"""An intangible product has parameters or a state.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP402", Severity.WARNING, name="intangible-with-params",
      summary="an intangible product has parameters or a state", scope="process")
def check(target):
    return iter(())
