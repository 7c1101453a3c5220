"""What every command shares: one-line errors with exit 2, finding files, consoles."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import typer

SKIP_DIRS = {"node_modules", "__pycache__", "venv", ".venv"}


def fail(message: str, hint: str | None = None, code: int = 2) -> NoReturn:
    """Print `prep: error: …` (and a hint) to stderr and exit (2: prep could not do its job)."""
    err = console(stderr=True)
    err.print(f"[bold red]prep: error:[/bold red] {_escape(message)}", highlight=False)
    if hint:
        err.print(f"  [green]hint:[/green] {_escape(hint)}", highlight=False)
    err.file.flush()
    raise typer.Exit(code)


def fail_missing(path: Path, what: str = "file") -> NoReturn:
    """Exit 2 for a path that does not exist, saying so of a link that leads nowhere."""
    if path.is_symlink():
        fail(f"{path} is a symbolic link to nothing (a missing target, or a loop)")
    fail(f"no such {what}: {path}")


def warn(message: str) -> None:
    console(stderr=True).print(f"[yellow]prep: warning:[/yellow] {_escape(message)}",
                               highlight=False)


def _escape(text: str) -> str:
    """Rich markup escaped, and control characters shown as escapes (one line)."""
    from rich.markup import escape

    from prep.diagnostics import printable

    return escape(printable(text))


def console(stderr: bool = False, file=None):
    """A rich Console: styles only on a terminal; with NO_COLOR set (non-empty), no
    escape codes at all (not even bold), so the output is plain text."""
    from rich.console import Console

    if os.environ.get("NO_COLOR"):
        return Console(file=file, stderr=stderr, highlight=False, soft_wrap=True,
                       color_system=None, no_color=True)
    return Console(file=file, stderr=stderr, highlight=False, soft_wrap=True)


def display_name(path: Path) -> str:
    """The name to show and report for a path: forward slashes; bytes that are not
    UTF-8 and control characters escaped (`r\\xff.prep`), so every output format
    can carry it."""
    from prep.diagnostics import printable

    return printable(Path(path).as_posix())


def collect_files(paths: list[Path], excluded=None) -> list[tuple[Path, str]]:
    """`*.prep` files under the given paths (recursively, sorted), as (path, name to show).
    A file named on the command line is taken whatever its suffix. Missing paths exit 2."""
    found: dict[str, Path] = {}
    for path in paths:
        if not path.exists():
            fail_missing(path, "file or directory")
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                root_path = Path(root)
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS
                                 and not (excluded and excluded(root_path / d)))
                for name in sorted(files):
                    if name.endswith(".prep"):
                        file = root_path / name
                        if excluded and excluded(file):
                            continue
                        found.setdefault(display_name(file), file)
        elif path.is_file() or path.exists():
            found.setdefault(display_name(path), path)
    return [(found[k], k) for k in sorted(found)]
