"""`prep kpi` (being built)."""

from __future__ import annotations

from prep.cli import app
from prep.cli.common import fail


@app.command(name="kpi")
def kpi_command() -> None:
    """Not available yet."""
    fail("`prep kpi` is not available yet")
