"""`prep render` (being built)."""

from __future__ import annotations

from prep.cli import app
from prep.cli.common import fail


@app.command(name="render")
def render_command() -> None:
    """Not available yet."""
    fail("`prep render` is not available yet")
