"""A subprocess ends at a product that is neither milestone nor final.

What it does: (stub, to be written)
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP301", Severity.ERROR, name="until-not-milestone",
      summary="a subprocess ends at a product that is neither milestone nor final", scope="process")
def check(target):
    return iter(())
