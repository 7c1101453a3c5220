"""`prep fmt`: the canonical layout of a model (docs/editors.md).

`format_text(text, path)` gives the formatted text, or the syntax findings that
stop it: a file with a PREP001 or PREP002 is never rewritten."""

from __future__ import annotations

from dataclasses import dataclass, field

from prep.diagnostics import Diagnostic


@dataclass
class Formatted:
    text: str | None                  # None: not formatted (see `errors`)
    errors: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.text is not None


def format_text(text: str, path: str = "<string>") -> Formatted:
    """The model in its canonical layout; the text must parse without errors."""
    import unicodedata

    from prep.fmt.layout import layout
    from prep.parser import parse_text
    from prep.parser.grammar import lark_parser

    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    parsed = parse_text(text, path, normalized=True)
    if not parsed.ok:
        return Formatted(None, list(parsed.diagnostics))
    return Formatted(layout(lark_parser().lex(text, dont_ignore=True)))


def format_bytes(data: bytes, path: str) -> Formatted:
    from prep.parser import decode

    text = decode(data, path)
    if not isinstance(text, str):
        return Formatted(None, list(text.diagnostics))
    return format_text(text, path)
