"""What the commands that read one model share (render, kpi, diff): checking the
model first, choosing the output format, writing the result."""

from __future__ import annotations

import sys
from pathlib import Path

from prep.cli.common import console, display_name, fail, stat_or_fail, warn


def output_format(chosen: str | None, output: str | None, suffixes: dict[str, str],
                  default: str, choices: str) -> str:
    """The format: -f if given, else from the -o suffix, else `default`."""
    if chosen is not None:
        return chosen
    if output is None or output == "-":
        return default
    suffix = Path(output).suffix.lower()
    if suffix not in suffixes:
        fail(f"cannot tell the format from `{output}`",
             "use a suffix (" + " ".join(sorted(suffixes)) + f") or {choices}")
    return suffixes[suffix]


def refuse_binary_on_terminal(fmt: str, output: str | None, text_formats) -> None:
    """Exit 2 rather than write an image (png, pdf) to a terminal."""
    if output in (None, "-") and fmt not in text_formats and sys.stdout.isatty():
        fail(f"refusing to write {fmt} (binary) to a terminal",
             "write to a file with -o FILE, or pipe the output")


def require_model_file(file: Path) -> None:
    """Exit 2 unless `file` is a regular file that can be read (not a folder, a FIFO,
    a device, a missing path or one behind a folder prep may not search)."""
    import stat

    info = stat_or_fail(file)
    if stat.S_ISDIR(info.st_mode):
        fail(f"{display_name(file)} is a folder; give one .prep file")
    if not stat.S_ISREG(info.st_mode):
        fail(f"{display_name(file)} is not a regular file ({file_kind(info.st_mode)}); "
             "give a .prep file")


def file_kind(mode: int) -> str:
    import stat

    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a regular file"


def emit(data: bytes, output: str | None) -> None:
    """Write to standard output (no -o, or -o -) or to `output` (prep.cli.output:
    atomically to a file, directly into a device or FIFO)."""
    from prep.cli.output import write_atomic

    write_atomic("-" if output is None else output, data)
    if output is not None and output != "-":
        # Plain text, no styling: not worth loading rich for (it is on every render).
        from prep.cli.common import display_name

        sys.stderr.write(f"wrote {display_name(Path(output))}\n")
        sys.stderr.flush()


def layout(source: str, fmt: str, timeout: float) -> bytes:
    """Dot source laid out by Graphviz (svg, png, pdf); a clear message when it cannot."""
    from prep.render.run import RenderError, run_dot

    try:
        with busy(f"Laying out the {fmt} drawing with Graphviz", timeout):
            return run_dot(source, fmt, timeout)
    except RenderError as error:
        fail(error.message, error.hint)


def busy(what: str, timeout: float):
    """A spinner on stderr while Graphviz works, on a terminal only (a large layout
    can take a minute); nothing otherwise, so logs and pipes stay clean."""
    from contextlib import nullcontext

    if not sys.stderr.isatty():
        return nullcontext()
    return console(stderr=True).status(
        f"{what} (limit {timeout:g} s, Ctrl-C stops)", spinner="dots")


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
        fail(f"bad configuration: {error}")
    found = check_paths([(file, display_name(file))], lambda _path: options).files[0]
    errors = [d for d in found.diagnostics if d.severity == Severity.ERROR]
    if errors:
        from prep.report import render as report

        text = report("text", CheckResult([replace(found, diagnostics=errors)]))
        console(stderr=True).print(text, end="", markup=True)
        plural = "s" if len(errors) > 1 else ""
        if not found.ok:
            fail(f"{file} cannot be read as a model; {consequence}", code=1)
        if not force:
            fail(f"{file} has {len(errors)} error{plural}; {consequence}",
                 "fix them, or go on anyway with --force", code=1)
        warn(f"going on despite {len(errors)} error{plural} in {file} (--force)")
    return found.graphs


MAX_TIMEOUT = 1_000_000.0
TIMEOUT_HINT = ("draw one process at a time with --process NAME, split the model, "
                "or allow more time with --timeout SECONDS")


def check_timeout(value: float) -> float:
    """The --timeout callback: a finite number of seconds, 0.1 to MAX_TIMEOUT."""
    import math

    if value is not None and not (math.isfinite(value) and 0.1 <= value <= MAX_TIMEOUT):
        fail(f"--timeout must be a number of seconds from 0.1 to {MAX_TIMEOUT:.0f}, "
             f"not {value}")
    return value


class TimeUp(BaseException):
    """The whole command ran out of time (a BaseException, so no `except Exception`
    on the way swallows it)."""


class time_limit:
    """Bound a block to `seconds` of wall time with SIGALRM (main thread only; elsewhere
    only Graphviz is bounded): past it, `dot` is killed (subprocess.run kills its child
    on any exception) and prep stops with one line, exit 2. `remaining()` is the time
    left, to give Graphviz."""

    def __init__(self, seconds: float, what: str = "the command") -> None:
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
            fail(f"{self.what} took longer than {self.seconds:g} s, and was stopped",
                 TIMEOUT_HINT)
        return False
