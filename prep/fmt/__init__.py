"""`prep fmt`: the canonical layout of a model (docs/editors.md).

`format_text(text, path)` gives the formatted text (LF line ends), or the syntax
findings that stop it: a file with a PREP001 or PREP002 is never rewritten.
`format_bytes` keeps a file's line end and byte order mark."""

from __future__ import annotations

from dataclasses import dataclass, field

from prep.diagnostics import Diagnostic


@dataclass
class Formatted:
    text: str | None  # None: not formatted (see `errors`)
    errors: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.text is not None


def format_text(text: str, path: str = "<string>") -> Formatted:
    """The model in its canonical layout; the text must parse without errors."""
    import unicodedata

    from prep.fmt.canonical import canonical
    from prep.parser import parse_text
    from prep.parser.lines import to_lf
    from prep.parser.grammar import lark_parser

    text = to_lf(unicodedata.normalize("NFC", text.lstrip("\ufeff")))
    parsed = parse_text(text, path, normalized=True)
    if not parsed.ok:
        return Formatted(None, list(parsed.diagnostics))
    return Formatted(canonical(lark_parser().lex(text, dont_ignore=True)))


def format_bytes(data: bytes, path: str) -> Formatted:
    """format_text for a file's bytes; the result keeps the file's line end (its first
    one: LF, CR LF or CR) and its byte order mark, if it had one."""
    from prep.parser import decode
    from prep.parser.lines import ending

    text = decode(data, path)
    if not isinstance(text, str):
        return Formatted(None, list(text.diagnostics))
    result = format_text(text, path)
    if result.ok:
        bom = "\ufeff" if data.startswith("\ufeff".encode()) else ""
        result.text = bom + with_ending(result.text, ending(text))
    return result


def with_ending(text: str, end: str) -> str:
    """`text` (LF line ends) with `end` for every line end."""
    return text if end == "\n" else text.replace("\n", end)
