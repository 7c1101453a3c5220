"""What every command shares: one-line errors with exit 2, finding files, consoles."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import typer
from prep.i18n import N_, _

from prep.folders import not_regular, walked


def choices(name: str, values) -> type:
    """An Enum for typer's option choices, made from the layer's tuple of formats, so
    the formats are written once (prep.render.FORMATS, prep.report.FORMATS, …)."""
    from enum import Enum

    return Enum(name, {value: value for value in values}, type=str)


# The drawing's (and the page's, the handout's, a starter's) language: the values of
# prep.notation.LANGUAGES, written here so `prep --help` need not import the notation
# (tests/test_help.py checks that the two agree).
Lang = choices("Lang", ("auto", "ja", "en"))


# Options that several commands share, written once.
def lang_option(words: str):
    """--lang of a command that draws or writes for the client; `words`: whose own words."""
    return typer.Option(
        Lang.auto,
        "--lang",
        help=f"Language of the {words}: Japanese, English, or auto: Japanese when the model's names are.",
    )


def format_option(otherwise: str):
    """--format / -f, by default from the -o suffix, else `otherwise`."""
    return typer.Option(
        None,
        "--format",
        "-f",
        show_default=False,
        help=f"Output format. [default: from the -o suffix, else {otherwise}]",
    )


def no_legend_option(help: str = "Leave the legend out of pictures."):
    return typer.Option(False, "--no-legend", help=help)


def optional_option(*names: str, help: str, **more):
    """An option that may be left out (None), with no default shown in the help."""
    return typer.Option(None, *names, show_default=False, help=help, **more)


def optional_argument(help: str, **more):
    """An argument that may be left out (None), with no default shown in the help."""
    return typer.Argument(None, help=help, show_default=False, **more)


def output_option(suffixes: str, otherwise: str = "standard output"):
    """--output / -o of a command that writes a picture or a report in a format."""
    return optional_option(
        "--output",
        "-o",
        help=f"Where to write: a file (the format follows its suffix: {suffixes}), "
        f"or - for standard output. Default: {otherwise}.",
    )


def fail(message: str, hint: str | None = None, code: int = 2) -> NoReturn:
    """Print `prep: error: …` (and a hint) to stderr and exit (2: prep could not do its job)."""
    err = console(stderr=True)
    error, hint_label = _("error:"), _("hint:")
    err.print(f"[bold red]prep: {error}[/bold red] {_escape(message)}", highlight=False)
    if hint:
        err.print(f"  [green]{hint_label}[/green] {_escape(hint)}", highlight=False)
    err.file.flush()
    raise typer.Exit(code)


def fail_missing(path: Path, what: str = N_("file")) -> NoReturn:
    """Exit 2 for a path that does not exist, saying so of a link that leads nowhere."""
    if os.path.islink(path):
        fail(_("{name} is a symbolic link to nothing (a missing target, or a loop)", name=display_name(path)))
    fail(_("no such {what}: {name}", what=_(what), name=display_name(path)))


def stat_or_fail(path: Path, what: str = N_("file")) -> os.stat_result:
    """os.stat(path), or exit 2 with one line: missing, a link loop, no permission."""
    import errno

    try:
        return os.stat(path)
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP):
            fail_missing(path, what)
        fail(_("cannot read {name}: {why}", name=display_name(path), why=error.strerror or error))


def file_kind(mode: int) -> str:
    """What a path that is not a regular file is, in words (to be translated with _())."""
    import stat

    return not_regular(mode, [(stat.S_ISFIFO, N_("a FIFO"))])


def warn(message: str) -> None:
    label = _("warning:")
    console(stderr=True).print(f"[yellow]prep: {label}[/yellow] {_escape(message)}", highlight=False)


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
        return Console(file=file, stderr=stderr, highlight=False, soft_wrap=True, color_system=None, no_color=True)
    return Console(file=file, stderr=stderr, highlight=False, soft_wrap=True)


def display_name(path: Path) -> str:
    """The name to show and report for a path: forward slashes; bytes that are not
    UTF-8 and control characters escaped (`r\\xff.prep`), so every output format
    can carry it."""
    from prep.diagnostics import printable

    return printable(Path(path).as_posix())


def collect_files(paths: list[Path], excluded=None, named: bool = False) -> list[tuple[Path, str]]:
    """`*.prep` files under the given paths (recursively, sorted), as (path, name to show).
    A file named on the command line is taken whatever its suffix; a path that is missing
    or cannot be looked at, or that is not a regular file or folder, exits 2. Below a
    folder, whatever cannot be read (a subfolder without permission, a FIFO named
    *.prep) is listed too, so that checking it reports PREP002 rather than nothing.
    With `named` (the paths were given on the command line), a folder holding no
    models exits 2."""
    import stat

    found: dict[str, Path] = {}
    for path in paths:
        info = stat_or_fail(path, N_("file or directory"))
        if stat.S_ISDIR(info.st_mode):
            walked = _walk(path, excluded)
            if named and not walked:  # a wrong path must not pass CI (as eslint)
                fail(
                    _(
                        "no .prep files in {name}: a folder named on the command line must hold models",
                        name=display_name(path),
                    )
                )
            for file in walked:
                found.setdefault(display_name(file), file)
        elif stat.S_ISREG(info.st_mode):
            found.setdefault(display_name(path), path)
        else:
            fail(
                _(
                    "{name} is not a regular file ({kind}); give .prep files or folders",
                    name=display_name(path),
                    kind=_(file_kind(info.st_mode)),
                )
            )
    return [(found[k], k) for k in sorted(found)]


def _walk(folder: Path, excluded) -> list[Path]:
    out: list[Path] = []
    unreadable: list[Path] = []

    def on_error(error: OSError) -> None:
        if error.filename is not None:
            unreadable.append(Path(error.filename))

    for root, dirs, files in os.walk(folder, onerror=on_error):
        root_path = Path(root)
        dirs[:] = [d for d in walked(dirs) if not (excluded and _safely(excluded, root_path / d))]
        for name in sorted(files):
            if name.endswith(".prep"):
                file = root_path / name
                if not (excluded and _safely(excluded, file)):
                    out.append(file)
    return out + [p for p in unreadable if not (excluded and _safely(excluded, p))]


def _safely(excluded, path: Path) -> bool:
    """`excluded(path)`, taking a path that cannot be looked at as not excluded (it is
    then reported as unreadable)."""
    try:
        return excluded(path)
    except PermissionError:
        return False
