"""An intangible product on a sync relation: a point where a service or a CSM can intervene.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP401", Severity.INFO, name="intangible-on-sync",
      summary="an intangible product on a sync relation: a point where a service or a CSM can intervene", scope="process")
def check(target):
    return iter(())
