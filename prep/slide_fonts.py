"""The font a slide deck names (prep.slides): the notation's, Noto Sans CJK JP, or
the face `--slide-font` gives (slide_font), in every run and in the theme.

A run names one face per script (latin, ea, cs), and a theme one per script too:
DrawingML has no list of fallback faces. Where the slide program lacks the named
face, it substitutes the closest by panose, charset and pitch family (ISO/IEC
29500-1, 21.1.2.5): for Noto, the sans-serif panose class, a variable pitch Swiss
family and (ea) the Shift-JIS charset ask for a Japanese sans-serif (Yu Gothic or
Meiryo on Windows, Hiragino Sans on a Mac; the program chooses). `--slide-font`
names a face the client's office has instead (docs/notation.md, "Exports")."""

from __future__ import annotations

import contextlib
import html
from contextvars import ContextVar

from prep import notation as N

NOTO_PANOSE = "020B0500000000000000"
JAPANESE_CHARSET = -128  # SHIFTJIS_CHARSET (128) as the signed byte the schema wants

_FONT: ContextVar[str] = ContextVar("slide_font", default=N.FONT)


@contextlib.contextmanager
def slide_font(name: str | None):
    """Decks made inside name `name` (None: the notation's font) for their text."""
    token = _FONT.set(name or N.FONT)
    try:
        yield
    finally:
        _FONT.reset(token)


def deck_font() -> str:
    """The font of a deck made now."""
    return _FONT.get()


def faces(font: str) -> str:
    """The latin, ea and cs elements naming `font` with its substitution hints (the
    panose only for the notation's font: another face's is not known here)."""
    face = f'typeface="{html.escape(font, quote=True)}"'
    if font == N.FONT:
        face += f' panose="{NOTO_PANOSE}"'
    face += ' pitchFamily="34"'
    return f'<a:latin {face} charset="0"/><a:ea {face} charset="{JAPANESE_CHARSET}"/><a:cs {face} charset="0"/>'


def theme_fonts(font: str) -> str:
    """The theme's font scheme: `font` as its major (headings) and minor (body) font
    for every script, Japanese named once more as its own script, so the text a
    client adds to the deck is in the deck's font too."""
    both = faces(font) + f'<a:font script="Jpan" typeface="{html.escape(font, quote=True)}"/>'
    return (
        f'<a:fontScheme name="prep"><a:majorFont>{both}</a:majorFont><a:minorFont>{both}</a:minorFont></a:fontScheme>'
    )


def set_theme_fonts(deck, font: str) -> None:
    """Put theme_fonts(font) in place of the font scheme of the deck's theme(s)."""
    import re

    for part in deck.part.package.iter_parts():
        if str(part.partname).startswith("/ppt/theme/"):
            xml = part.blob.decode("utf-8")
            xml = re.sub(r"<a:fontScheme\b.*?</a:fontScheme>", lambda _: theme_fonts(font), xml, count=1, flags=re.S)
            part._blob = xml.encode("utf-8")
