"""`prep fmt`: rewrite models in the canonical layout (docs/editors.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from prep.cli import app
from prep.cli.common import collect_files, console, fail, warn
from prep.i18n import _, _n


@app.command()
def fmt(
    paths: List[Path] = typer.Argument(
        None,
        help="Files and folders to format (folders: every "
        "*.prep below them; `-`: standard input to standard "
        "output). Default: the current folder.",
        show_default=False,
    ),
    check: bool = typer.Option(False, "--check", help="Change nothing; exit 1 when a file would be reformatted."),
    diff: bool = typer.Option(
        False, "--diff", help="Change nothing; print the changes as a unified diff (exit 1 when there are any)."
    ),
    stdin_filename: Optional[str] = typer.Option(
        None, "--stdin-filename", help="The name of the model read from `-` (for messages)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary line."),
) -> None:
    """Rewrite models in one canonical layout, keeping their meaning and comments.

    Two-space indentation, one statement per line, product kinds aligned within
    an actor, attributes as `[a, b=c]`, comments where they were, one final newline.
    The file's line end (LF, CR LF or CR) and byte order mark are kept.

    A file with a syntax error (PREP001) or that cannot be read (PREP002) is left
    untouched. Exit status: 0 done (or nothing to change), 1 with --check or --diff
    when a file would change, 2 when a file could not be formatted.

    Example: prep fmt models/ --check
    """
    paths = list(paths or [Path(".")])
    if any(str(p) == "-" for p in paths):
        if len(paths) > 1:
            fail(_("`-` (standard input) cannot be mixed with other paths"))
        _stdin(stdin_filename or "-", check, diff)
        return
    if stdin_filename is not None:
        fail(_("--stdin-filename needs `-` as the path"))
    files = collect_files(paths)
    if not files and not quiet:
        warn(_("no .prep files found in {paths}", paths=", ".join(str(p) for p in paths)))
    changed, unchanged, broken, diffs = [], 0, [], []
    for path, name in files:
        outcome, detail = _format_file(path, name, check, diff)
        if outcome == "broken":
            broken.append(detail)
        elif outcome == "unchanged":
            unchanged += 1
        else:
            changed.append(name)
            if detail:
                diffs.append(detail)
    if diffs:
        sys.stdout.write("".join(diffs))
    sys.stdout.flush()
    err = console(stderr=True)
    for line in broken:
        err.print("prep: " + _("error:") + f" {line}", markup=False, highlight=False)
    if not quiet and files:
        err.print(_summary(len(changed), unchanged, len(broken), check or diff), markup=False, highlight=False)
    if broken:
        raise typer.Exit(2)
    raise typer.Exit(1 if changed and (check or diff) else 0)


def _format_file(path: Path, name: str, check: bool, diff: bool) -> tuple[str, str | None]:
    """("unchanged" | "changed" | "broken", the diff or what went wrong) of one file;
    written in place unless --check or --diff."""
    from prep.fmt import format_bytes

    try:
        data = path.read_bytes()
    except OSError as error:
        return "broken", _("{name}: the file cannot be read: {why}", name=name, why=error.strerror or error)
    result = format_bytes(data, name)
    if not result.ok:
        return "broken", _why(result.errors)
    new = result.text.encode("utf-8")
    if new == data:
        return "unchanged", None
    if diff:
        from prep.checks.fixes import unified_diff

        return "changed", unified_diff(_shown(data.decode("utf-8", "replace")), _shown(result.text), name)
    if check:
        sys.stdout.write(_("would reformat {name}", name=name) + "\n")
        return "changed", None
    from prep.cli.output import OutputError, rewrite

    try:
        rewrite(path, new)  # owner, mode and hard links kept; read-only refused
    except OutputError as error:
        return "broken", str(error)
    return "changed", None


def _summary(changed: int, unchanged: int, broken: int, dry: bool) -> str:
    if dry:
        done = _n("{count} file would be reformatted", "{count} files would be reformatted", changed)
    else:
        done = _n("{count} file reformatted", "{count} files reformatted", changed)
    parts = [done, _n("{count} left unchanged", "{count} left unchanged", unchanged)]
    if broken:
        parts.append(_("{count} not formatted (errors)", count=broken))
    return _(", ").join(parts) + _(".")


def _shown(text: str) -> str:
    """The text as a diff shows it: a byte order mark written `<BOM>` (as ruff does), so
    that a change to it is a visible line, never an empty diff."""
    return text.replace("\ufeff", "<BOM>")


def _why(errors) -> str:
    d = errors[0]
    s = d.span
    more = _(" (and {count} more)", count=len(errors) - 1) if len(errors) > 1 else ""
    return f"{s.file}:{s.line}:{s.column}: {d.code} {d.message}{more}; " + _(
        "left untouched, fix it first (`prep check`)"
    )


def _stdin(name: str, check: bool, diff: bool) -> None:
    from prep.fmt import format_bytes

    data = sys.stdin.buffer.read()
    result = format_bytes(data, name)
    if not result.ok:
        fail(_why(result.errors))
    new = result.text
    same = new.encode("utf-8") == data
    if diff:
        from prep.checks.fixes import unified_diff

        sys.stdout.write(unified_diff(_shown(data.decode("utf-8", "replace")), _shown(new), name))
    elif check:
        if not same:
            sys.stdout.write(_("would reformat {name}", name=name) + "\n")
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(new.encode("utf-8"))
    sys.stdout.flush()
    raise typer.Exit(1 if (check or diff) and not same else 0)
