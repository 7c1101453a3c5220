"""The `prep` command line (typer). Commands are thin: parse options, call the
layers, print, and set the exit status (0 clean, 1 findings, 2 could not run)."""

from __future__ import annotations

import typer
from typer.core import TyperGroup

from prep import __version__
from prep.i18n import N_, _


class OneLineErrors(TyperGroup):
    """A usage mistake (an unknown option or command, a bad value) is one line,
    `prep: error: …`, and exit status 2, as docs/cli.md says; not click's box."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        import sys

        from prep.cli.localize import choose, localize

        choose(args)  # `--lang`, else PREP_LANG, else the locale
        localize(self)  # the help in that language
        # click's exceptions, from wherever typer takes click (it may carry its own copy)
        errors = sys.modules[typer.BadParameter.__module__]
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            done = super().main(args, prog_name, complete_var, False, **extra)
        except errors.UsageError as error:
            if type(error).__name__ == "NoArgsIsHelpError":  # `prep` alone: its help
                typer.echo(error.ctx.get_help() if error.ctx else error.format_message())
                sys.exit(0)
            sys.stderr.write("prep: " + _("error:") + f" {usage_line(error)}\n")
            sys.exit(2)
        except errors.ClickException as error:
            sys.stderr.write("prep: " + _("error:") + f" {usage_line(error)}\n")
            sys.exit(error.exit_code)
        sys.exit(done if isinstance(done, int) else 0)


# click's (typer's own copy's) usage errors, which it words in English only: each
# pattern read back into prep's catalogue, so they are said in the language in use.
_CLICK = (
    (
        r"no such option: (?P<name>\S+) \(Possible options: (?P<choices>.*)\)",
        N_("no such option: {name} (possible options: {choices})"),
    ),
    (r"no such option: (?P<name>\S+)", N_("no such option: {name}")),
    (r"missing argument (?P<name>.+)", N_("missing argument {name}")),
    (r"missing option (?P<name>.+)", N_("missing option {name}")),
    (
        r"invalid value for (?P<name>.+?): (?P<value>'.*') is not one of (?P<choices>.+)",
        N_("invalid value for {name}: {value} is not one of {choices}"),
    ),
    (r"invalid value for (?P<name>.+?): (?P<why>.+)", N_("invalid value for {name}: {why}")),
    (r"option (?P<name>\S+) requires an argument", N_("option {name} requires an argument")),
    (r"got unexpected extra arguments? \((?P<args>.*)\)", N_("got unexpected extra arguments ({args})")),
    (r"got unexpected extra argument\(s\) \((?P<args>.*)\)", N_("got unexpected extra arguments ({args})")),
)


def _in_words(message: str) -> str:
    """A usage error of click's in the language in use (as it is, when no pattern fits)."""
    import re

    from prep.i18n import language

    if language() == "en":
        return message
    for pattern, words in _CLICK:
        found = re.fullmatch(pattern, message)
        if found:
            return _(words, **found.groupdict())
    return message


def usage_line(error) -> str:
    """click's message in prep's words: lower case, with where to look for help."""
    message = " ".join(error.format_message().replace("Value error, ", "").split()).rstrip(".")
    if message[:1].isupper() and message[1:2].islower():
        message = message[0].lower() + message[1:]
    message = _in_words(message)
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        message += _(" (see `{command} -h`)", command=ctx.command_path)
    return message


def _flags_show_no_type() -> None:
    """A flag (`--fix`, `--help`, `--version`) takes no value, so `--help` shows nothing
    in its value column, as for a flag in click. typer 0.29 prints the flag's Python
    type there (`<bool>`); options that take a value keep their `<…>`."""
    from typer.core import TyperOption

    shown = getattr(TyperOption, "display_type_rich", None)
    if shown is None or getattr(shown, "_prep_flags", False):
        return

    def display_type_rich(self, ctx):
        if getattr(self, "is_flag", False) and self.metavar is None:
            return None
        return shown(self, ctx)

    display_type_rich._prep_flags = True
    TyperOption.display_type_rich = display_type_rich


_flags_show_no_type()


app = typer.Typer(
    name="prep",
    cls=OneLineErrors,
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


def _lang(value: str | None) -> str | None:
    if value is not None:
        from prep.i18n import normalize, set_language

        if normalize(value) not in ("en", "ja"):
            raise typer.BadParameter(_("use `ja` or `en`, not {value!r}", value=value))
        set_language(value)
    return value


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    lang: str = typer.Option(
        None,
        "--lang",
        metavar="ja|en",
        callback=_lang,
        is_eager=True,
        help="The language of messages and help: ja or en (default: PREP_LANG, else the locale, else English).",
    ),
) -> None:
    """A toolkit for PReP models."""


def _register() -> None:
    from prep.cli import (  # noqa: F401  (they register themselves)
        check,
        clean,
        completion,
        diff,
        fmt,
        init,
        kpi,
        lsp,
        render,
        report,
        rule,
        serve,
    )


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
    from prep.i18n import _

    where = printable(str(error.filename)) if error.filename else _("standard output")
    _say("prep: " + _("error:") + " " + _("cannot write to {where}: {why}", where=where, why=error.strerror or error))
    return 2


def main() -> None:
    import os
    import sys

    # prep never uses pydantic plugins; looking for them scans every installed
    # package at start-up. Set PYDANTIC_DISABLE_PLUGINS yourself to decide otherwise.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ.get("_PREP_COMPLETE"):  # the script of `prep completion SHELL` asks
        from typer.completion import completion_init

        completion_init()
    _handle_signals()
    try:
        try:
            app(prog_name="prep")
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()  # a full disk shows here, not at exit as a traceback
    except Stopped as stop:
        import signal

        from prep.i18n import _

        _say("prep: " + _("stopped by {signal}", signal=signal.Signals(stop.signum).name))
        status = 128 + stop.signum
    except KeyboardInterrupt:
        from prep.i18n import _

        _say("prep: " + _("interrupted"))
        status = 130
    except OSError as error:
        status = _output_failed(error)
    except SystemExit as done:
        status = done.code
    _exit_now(status)
    sys.exit(status)


def _exit_now(status) -> None:
    """Exit at once, once the output is flushed: tearing the interpreter down (freeing
    every object of a large model) takes longer than the check of a small one. Only
    with the main thread alone and a plain status; otherwise return (normal exit)."""
    import os
    import sys
    import threading

    if status is None:
        status = 0
    if not isinstance(status, int) or threading.active_count() > 1:
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return  # the normal exit reports what it must
    os._exit(status)
