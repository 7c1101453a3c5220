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
    from prep.cli import check, diff, init, kpi, render, rule  # noqa: F401  (they register themselves)


_register()


class Stopped(BaseException):
    """SIGTERM or SIGHUP, handled as Ctrl-C is: `dot` is killed and reaped
    (subprocess.run kills its child on any exception), temporary files removed, and
    prep exits 128 + the signal's number. A BaseException: nothing on the way (typer,
    `except Exception`) takes it for an error of its own."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum, _frame) -> None:
    raise Stopped(signum)


def _handle_signals() -> None:
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            signal.signal(number, _stop)


def _say(line: str) -> None:
    import sys

    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def _output_failed(error: OSError) -> int:
    """Standard output could not be written (a full disk, a closed pipe): one line
    on stderr, exit 2, and nothing more (what is still buffered is dropped)."""
    import os
    import sys

    from prep.diagnostics import printable

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    where = printable(str(error.filename)) if error.filename else "standard output"
    _say(f"prep: error: cannot write to {where}: {error.strerror or error}")
    return 2


def main() -> None:
    import os
    import sys

    # prep never uses pydantic plugins; looking for them scans every installed
    # package at start-up. Set PYDANTIC_DISABLE_PLUGINS yourself to decide otherwise.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _handle_signals()
    try:
        try:
            app(prog_name="prep")
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()   # a full disk shows here, not at exit as a traceback
    except Stopped as stop:
        import signal

        _say(f"prep: stopped by {signal.Signals(stop.signum).name}")
        status = 128 + stop.signum
    except KeyboardInterrupt:
        _say("prep: interrupted")
        status = 130
    except OSError as error:
        status = _output_failed(error)
    except SystemExit as done:
        status = done.code
    sys.exit(status)
