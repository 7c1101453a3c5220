"""The command line in the user's language: `--lang` read before anything else, and the
help of every command, argument and option said through the catalogue (prep.i18n).

The help texts stay plain English in the source (typer's `help=` and docstrings);
scripts/catalog.py reads them from the command tree into the catalogue, and
`localize` puts the translations into the tree just before click formats it. The
few words of typer and click themselves (Usage:, Options, …) are in FRAMEWORK."""

from __future__ import annotations

import sys

from prep.i18n import N_, _, language, set_language

# What typer and its click print around prep's own help.
FRAMEWORK = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Arguments"),
    N_("Show this message and exit."),
    N_("[default: {}]"),
    N_("[required]"),
    N_("Error"),
    N_("Aborted."),
    N_("(deprecated) "),
    N_("[env var: {}]"),
    N_("Try [blue]'{command_path} {help_option}'[/] for help."),
)
_RICH_NAMES = {
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "DEFAULT_STRING": "[default: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "DEPRECATED_STRING": "(deprecated) ",
    "ENVVAR_STRING": "[env var: {}]",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}


def lang_in(args) -> str | None:
    """The value of `--lang X` / `--lang=X` among the arguments (before `--`), if any."""
    args = list(args)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def choose(args) -> str:
    """Set the language from the arguments, else the environment; return it."""
    return set_language(lang_in(sys.argv[1:] if args is None else args))


def localize(command) -> None:
    """Translate the help of `command` and everything under it, in place, and the
    words typer and click print around it."""
    _framework()
    if language() == "en":
        return
    _walk(command)


def _walk(command) -> None:
    for attr in ("help", "short_help"):
        text = getattr(command, attr, None)
        if isinstance(text, str) and text:
            setattr(command, attr, _(text))
    for param in getattr(command, "params", []):
        text = getattr(param, "help", None)
        if isinstance(text, str) and text:
            param.help = _(text)
    for sub in getattr(command, "commands", {}).values():
        _walk(sub)


def _framework() -> None:
    """typer's fixed strings (module constants) and click's (its `_`, the usage prefix,
    the help option's help) in the language; Japanese help wrapped between characters."""
    import typer.rich_utils as rich_utils

    for name, english in _RICH_NAMES.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, _(english))
    for module in ("core", "formatting", "exceptions", "decorators"):
        found = sys.modules.get(f"typer._click.{module}") or sys.modules.get(f"click.{module}")
        if found is not None and hasattr(found, "_"):
            found._ = _
    _usage_prefix()
    _help_option()
    _wrap_japanese(language() == "ja")


def _usage_prefix() -> None:
    from typer._click.formatting import HelpFormatter

    write_usage = HelpFormatter.write_usage
    if getattr(write_usage, "_prep", False):
        return

    def in_language(self, prog, args="", prefix=None):
        return write_usage(self, prog, args, _("Usage:") + " " if prefix is None else prefix)

    in_language._prep = True
    HelpFormatter.write_usage = in_language


def _help_option() -> None:
    """`-h/--help` is made by click when help is asked for, after `localize` ran."""
    from typer._click.core import Command

    get_help_option = Command.get_help_option
    if getattr(get_help_option, "_prep", False):
        return

    def in_language(self, ctx):
        option = get_help_option(self, ctx)
        if option is not None and option.help:
            english = getattr(option, "_prep_english", None) or option.help
            option._prep_english = english
            option.help = _(english)
        return option

    in_language._prep = True
    Command.get_help_option = in_language


_ENGLISH_WORD = None


def _wrap_japanese(on: bool) -> None:
    """rich breaks lines only at spaces, and crops a "word" wider than its column: a
    Japanese sentence (no spaces) would be cut off with "…". In Japanese, each wide
    character is a word of its own, so lines break between characters (never before a
    closing mark such as 。 nor after an opening one such as 「)."""
    import re

    import rich._wrap as wrap

    global _ENGLISH_WORD
    if _ENGLISH_WORD is None:
        _ENGLISH_WORD = wrap.re_word
    wide = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
    opening = "（「『【〈《"  # never at the end of a line
    closing = "、。，．）」』】〉》！？：；ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ"  # nor at the start
    word = rf"\s*(?:[{opening}]*[{wide}][{closing}]*|[^\s{wide}]+[{closing}]*)\s*"
    wrap.re_word = re.compile(word) if on else _ENGLISH_WORD
    _strip_by_cells()


def _strip_by_cells() -> None:
    """rich drops the spaces that end a wrapped line when the line is longer than its
    column in characters; with wide characters it must be in cells, or the line is
    cut with "…"."""
    from rich.text import Text

    rstrip_end = Text.rstrip_end
    if getattr(rstrip_end, "_prep", False):
        return

    def by_cells(self, size: int) -> None:
        rstrip_end(self, size)
        if self.cell_len > size:
            self.rstrip()

    by_cells._prep = True
    Text.rstrip_end = by_cells
