"""The `prep` command line (typer). Commands are thin: parse options, call the
layers, print, and set the exit status (0 clean, 1 findings, 2 could not run)."""

from __future__ import annotations

import typer

from prep import __version__

app = typer.Typer(
    name="prep",
    help="A toolkit for PReP models (Products Relationship Process): check, render, "
         "derive KPI trees and compare AsIs with ToBe.\n\n"
         "Example: prep check models/",
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"prep {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """A toolkit for PReP models."""


def _register() -> None:
    from prep.cli import (  # noqa: F401  (they register themselves)
        check, completion, diff, fmt, init, kpi, lsp, render, rule,
    )


_register()


def main() -> None:
    import os
    import sys

    # prep never uses pydantic plugins; looking for them scans every installed
    # package at start-up. Set PYDANTIC_DISABLE_PLUGINS yourself to decide otherwise.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ.get("_PREP_COMPLETE"):   # the script of `prep completion SHELL` asks
        from typer.completion import completion_init

        completion_init()

    try:
        app(prog_name="prep")
    except KeyboardInterrupt:
        sys.stderr.write("prep: interrupted\n")
        sys.exit(130)
