"""`prep init` (being built)."""

from __future__ import annotations

from prep.cli import app
from prep.cli.common import fail


@app.command(name="init")
def init_command() -> None:
    """Not available yet."""
    fail("`prep init` is not available yet")
