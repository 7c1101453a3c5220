"""`prep lsp`: the language server for editors, over stdio (docs/editors.md)."""

from __future__ import annotations

import typer

from prep.cli import app


@app.command()
def lsp(
    stdio: bool = typer.Option(
        True, "--stdio", help="Talk over standard input and output (the default and only transport).", hidden=True
    ),
) -> None:
    """Run the language server that editors start (LSP over stdio; docs/editors.md).

    Findings while typing, hover, go to definition, references, rename,
    completion, outline, semantic highlighting, quick fixes and formatting.

    Example: prep lsp   (started by the editor, not by hand)
    """
    import os
    import sys

    from prep.lsp.server import serve

    serve()
    # The client has closed the streams: nothing is left to flush or to tear down.
    sys.stderr.flush()
    os._exit(0)
