"""A slide deck (prep.slides) saved as bytes, the same deck as the same bytes: fixed
core properties, the deck's font named in its theme, and zip entries in python-pptx's
order with one fixed timestamp (SOURCE_DATE_EPOCH, as for PDF, else 1980-01-01)."""

from __future__ import annotations

import io
import os
import time
import zipfile

from prep import notation as N
from prep import slide_fonts as F
from prep import slides as S


def fixed_time() -> tuple[int, ...]:
    """SOURCE_DATE_EPOCH (as for PDF), else 1980-01-01 (the zip format's first day)."""
    try:
        seconds = int(os.environ.get("SOURCE_DATE_EPOCH", ""))
        stamp = time.gmtime(max(seconds, 315532800))
    except (ValueError, OverflowError, OSError):
        stamp = time.gmtime(315532800)
    if stamp.tm_year > 2107:
        stamp = time.gmtime(315532800)
    return tuple(stamp[:6])


def save(deck, title: str = "") -> bytes:
    """The deck as bytes: the same deck gives the same bytes (fixed core properties,
    zip entries in python-pptx's order with one fixed timestamp)."""
    import datetime

    when = datetime.datetime(*fixed_time())
    core = deck.core_properties
    core.author = core.last_modified_by = "prep"
    core.title = S.clean(title)[:255]
    core.created = core.modified = when
    core.last_printed = when
    core.revision = 1
    core.subject = core.keywords = core.comments = core.category = ""
    for canvas in getattr(deck, "_prep_canvases", ()):
        canvas.flush()
    F.set_theme_fonts(deck, getattr(deck, "_prep_font", N.FONT))
    raw = io.BytesIO()
    deck.save(raw)
    out = io.BytesIO()
    stamp = fixed_time()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
