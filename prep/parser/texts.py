"""Quoted names and `\"\"\"…\"\"\"` texts: their value, and what makes one unusable.

A name must be something a reader can see and a drawing can show: not empty, not
blank, no control characters, not absurdly long (docs/language.md)."""

from __future__ import annotations

import unicodedata

from prep.i18n import N_, _

MAX_NAME = 1000  # characters in a name; texts have no limit but the file's
# Invisible in a name, so a PREP001 (the zero-width joiner and non-joiner, needed in
# emoji and some scripts, are allowed; messages show them escaped): zero-width space,
# direction marks and controls, word joiner and invisible operators, BOM, Arabic letter
# mark, Mongolian vowel separator.
NAME_HIDDEN = frozenset(
    "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061"
    "\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\u061c\u180e"
)


UNCLOSED = {
    "BAD_STRING": (
        N_('a quoted name is not closed: the line ends before its closing `"`'),
        N_('close the name with `"` on the same line; write `\\"` for a quote inside it'),
    ),
    "BAD_TEXT": (N_('a `"""` text is not closed: no `"""` follows it'), N_('end the text with `"""`')),
}


def unescape(body: str) -> str:
    """`\\"` is `"`, `\\\\` is `\\`; other `\\x` stay as written."""
    if "\\" not in body:
        return body
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body) and body[i + 1] in '"\\':
            out.append(body[i + 1])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def unquote(text: str) -> str:
    """The value of a `"…"` name (or of an unclosed `"…`)."""
    body = text[1:-1] if text.endswith('"') and len(text) > 1 else text[1:]
    return unescape(body)


def long_text(token: str) -> str:
    """The value of a `\"\"\"…\"\"\"` text: its lines, without the common indentation
    of the lines after the first, the first line's leading spaces, and blank lines
    at the start and end."""
    body = token[3:-3] if token.endswith('"""') and len(token) >= 6 else token[3:]
    lines = unescape(body).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines[0] = lines[0].lstrip()
    rest = [line for line in lines[1:] if line.strip()]
    margin = min((len(line) - len(line.lstrip()) for line in rest), default=0)
    lines = [lines[0]] + [line[margin:].rstrip() for line in lines[1:]]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def _control(ch: str) -> bool:
    code = ord(ch)
    return unicodedata.category(ch) in ("Cc", "Cs") or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def problem(
    value: str, *, multiline: bool = False, text: bool = False, what: str | None = None
) -> tuple[str, str] | None:
    """(message, hint) when `value` cannot be a name (or, multiline, a text); else None.
    A text (`text`, or `multiline`) may be of any length."""
    what = what or (_("a text") if multiline else _("a name"))
    if not value:
        return (
            _('{what} cannot be empty: `""` names nothing', what=what),
            _("write the name between the quotes, or remove the empty name"),
        )
    if not value.strip():
        return (_("{what} cannot be blank: it holds only spaces", what=what), _("write the name between the quotes"))
    allowed = "\n\t" if multiline else ""
    bad = next((ch for ch in value if ch not in allowed and _control(ch)), None)
    if bad is not None:
        where = value.index(bad) + 1
        if bad == "\t":
            return (
                _("{what} cannot hold a tab (character {where})", what=what, where=where),
                _("write a space instead"),
            )
        if bad in "\n\r":
            return (
                _("{what} cannot hold a line break (character {where})", what=what, where=where),
                _('keep a name on one line; an issue text or `doc=` may be a `"""…"""` text over several lines'),
            )
        code = f"U+{ord(bad):04X}"
        return (
            _(
                "{what} holds an invisible control character {code} (character {where})",
                what=what,
                code=code,
                where=where,
            ),
            _("delete it: it shows as nothing, or breaks the drawing; retype the name if it was pasted"),
        )
    if not (multiline or text):
        hidden = next((ch for ch in value if ch in NAME_HIDDEN), None)
        if hidden is not None:
            code = f"U+{ord(hidden):04X} {unicodedata.name(hidden, '')}".rstrip()
            return (
                _(
                    "{what} holds an invisible character {code} (character {where})",
                    what=what,
                    code=code,
                    where=value.index(hidden) + 1,
                ),
                _(
                    "delete it: it shows as nothing or turns the text around, so two names "
                    "that look alike would differ; retype the name if it was pasted"
                ),
            )
    if not (multiline or text) and len(value) > MAX_NAME:
        length, most = f"{len(value):,}", f"{MAX_NAME:,}"
        return (
            _("{what} is {length} characters long; at most {most} are allowed", what=what, length=length, most=most),
            _('shorten it; put a long explanation in `doc="…"`'),
        )
    return None
