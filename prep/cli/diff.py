"""`prep diff` (being built)."""

from __future__ import annotations

from prep.cli import app
from prep.cli.common import fail


@app.command(name="diff")
def diff_command() -> None:
    """Not available yet."""
    fail("`prep diff` is not available yet")
