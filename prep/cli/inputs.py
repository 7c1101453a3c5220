"""What the commands that read one model share (render, kpi, diff): checking the
model first, choosing the output format, writing the result."""

from __future__ import annotations

import sys
from pathlib import Path

from prep.cli.common import console, display_name, fail, file_kind, stat_or_fail, warn
from prep.cli.output import write_atomic
from prep.i18n import N_, _, _n


def output_format(chosen: str | None, output: str | None, suffixes: dict[str, str], default: str, choices: str) -> str:
    """The format: -f if given, else from the -o suffix, else `default`."""
    if chosen is not None:
        return chosen
    if output is None or output == "-":
        return default
    suffix = Path(output).suffix.lower()
    if suffix not in suffixes:
        fail(
            _("cannot tell the format from `{output}`", output=output),
            _("use a suffix ({suffixes}) or {choices}", suffixes=" ".join(sorted(suffixes)), choices=choices),
        )
    return suffixes[suffix]


def refuse_binary_on_terminal(fmt: str, output: str | None, text_formats) -> None:
    """Exit 2 rather than write an image (png, pdf) to a terminal."""
    if output in (None, "-") and fmt not in text_formats and sys.stdout.isatty():
        fail(
            _("refusing to write {fmt} (binary) to a terminal", fmt=fmt),
            _("write to a file with -o FILE, or pipe the output"),
        )


def require_model_file(file: Path) -> None:
    """Exit 2 unless `file` is a regular file that can be read (not a folder, a FIFO,
    a device, a missing path or one behind a folder prep may not search)."""
    import stat

    info = stat_or_fail(file)
    if stat.S_ISDIR(info.st_mode):
        fail(_("{name} is a folder; give one .prep file", name=display_name(file)))
    if not stat.S_ISREG(info.st_mode):
        fail(
            _(
                "{name} is not a regular file ({kind}); give a .prep file",
                name=display_name(file),
                kind=_(file_kind(info.st_mode)),
            )
        )


def emit(data: bytes, output: str | None) -> None:
    """Write to standard output (no -o, or -o -) or to `output` (prep.cli.output:
    atomically to a file, directly into a device or FIFO)."""
    write_atomic("-" if output is None else output, data)
    if output is not None and output != "-":
        # Plain text, no styling: not worth loading rich for (it is on every render).
        sys.stderr.write(_("wrote {file}", file=display_name(Path(output))) + "\n")
        sys.stderr.flush()


def busy(what: str, timeout: float):
    """A spinner on stderr while Graphviz works, on a terminal only (a large layout
    can take a minute); nothing otherwise, so logs and pipes stay clean."""
    from contextlib import nullcontext

    if not sys.stderr.isatty():
        return nullcontext()
    return console(stderr=True).status(f"{what} (limit {timeout:g} s, Ctrl-C stops)", spinner="dots")


def checked_graphs(file: Path, force: bool, consequence: str) -> list:
    """The file's process graphs after checking it with its configuration (the
    selected rules that report errors; warnings are not shown). Errors are printed
    to stderr and stop here (exit 1) unless `force`."""
    from dataclasses import replace

    from prep.checks.runner import CheckResult, check_paths
    from prep.checks.select import SelectionError
    from prep.config import ConfigError, options_for
    from prep.diagnostics import Severity

    require_model_file(file)
    try:
        # Only errors stop a drawing and only errors are shown: skip the other rules.
        options = options_for(file).errors_only()
    except (ConfigError, SelectionError) as error:
        fail(_("bad configuration: {error}", error=error))
    found = check_paths([(file, display_name(file))], lambda _path: options).files[0]
    errors = [d for d in found.diagnostics if d.severity == Severity.ERROR]
    if errors:
        from prep.report import render as report

        text = report("text", CheckResult([replace(found, diagnostics=errors)]))
        console(stderr=True).print(text, end="", markup=True)
        count = _n("{count} error", "{count} errors", len(errors))
        if not found.ok:
            fail(_("{file} cannot be read as a model; {consequence}", file=file, consequence=_(consequence)), code=1)
        if not force:
            fail(
                _("{file} has {count}; {consequence}", file=file, count=count, consequence=_(consequence)),
                _("fix them, or go on anyway with --force"),
                code=1,
            )
        warn(_("going on despite {count} in {file} (--force)", count=count, file=file))
    return found.graphs


MAX_TIMEOUT = 1_000_000.0
TIMEOUT_HINT = N_(
    "draw one process at a time with --process NAME, split the model, or allow more time with --timeout SECONDS"
)


def timeout_option(seconds: float = 60.0, help: str = "Stop Graphviz after this many seconds (svg, png, pdf)."):
    """--timeout, checked by check_timeout."""
    import typer

    return typer.Option(seconds, "--timeout", callback=check_timeout, help=help)


def check_timeout(value: float) -> float:
    """The --timeout callback: a finite number of seconds, 0.1 to MAX_TIMEOUT."""
    import math

    if value is not None and not (math.isfinite(value) and 0.1 <= value <= MAX_TIMEOUT):
        most = f"{MAX_TIMEOUT:.0f}"
        fail(_("--timeout must be a number of seconds from 0.1 to {most}, not {value}", most=most, value=value))
    return value


def check_slide_font(value: str | None) -> str | None:
    """The --slide-font callback: a face name as Office holds one (1 to 31
    printable characters; a Windows LOGFONT holds 32 with its end)."""
    if value is not None and (
        not value.strip() or len(value) > 31 or any(ord(ch) < 0x20 or ch in '<>&"' for ch in value)
    ):
        fail(
            _(
                "--slide-font must name a font in 1 to 31 characters without control "
                'characters or < > & ", not {value!r}',
                value=value,
            )
        )
    return value


def slide_font_option():
    """--slide-font, checked by check_slide_font."""
    import typer

    return typer.Option(
        None,
        "--slide-font",
        show_default=False,
        callback=check_slide_font,
        help="The font the slides name (-o x.pptx only), for a client without "
        'Noto Sans CJK JP: a Japanese font their office has, such as "Yu '
        'Gothic" or Meiryo (Windows) or "Hiragino Sans" (Mac). Texts are '
        'still measured with Noto\'s metrics (docs/notation.md, "Exports").',
    )


class TimeUp(BaseException):
    """The whole command ran out of time (a BaseException, so no `except Exception`
    on the way swallows it)."""


class time_limit:
    """Bound a block to `seconds` of wall time with SIGALRM (main thread only; elsewhere
    only Graphviz is bounded): past it, `dot` is killed (subprocess.run kills its child
    on any exception) and prep stops with one line, exit 2. `remaining()` is the time
    left, to give Graphviz."""

    def __init__(self, seconds: float, what: str = N_("the command")) -> None:
        self.seconds, self.what = seconds, what
        self._armed = False
        self._start = 0.0

    def remaining(self) -> float:
        import time

        return max(0.1, self.seconds - (time.monotonic() - self._start))

    def __enter__(self) -> "time_limit":
        import signal
        import threading
        import time

        self._start = time.monotonic()
        if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self._armed = True
        return self

    def _expired(self, _signum, _frame) -> None:
        raise TimeUp

    def __exit__(self, kind, value, _traceback) -> bool:
        import signal

        if self._armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)
        if kind is TimeUp:
            seconds = f"{self.seconds:g}"
            fail(
                _("{what} took longer than {seconds} s, and was stopped", what=_(self.what), seconds=seconds),
                _(TIMEOUT_HINT),
            )
        return False
