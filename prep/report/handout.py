"""`prep report`: one handout of models for the client (docs/handout.md), as one
offline HTML file or a PDF printed from that same HTML (weasyprint).

Order: a cover (processes, stages, date, prep version); per process its drawing
(split across pages at subprocess band edges when too wide to stay legible, as the
slides are; on a portrait page when too tall for a landscape one, handout_fit) and
its KPI tree; per AsIs/ToBe pair of files the KPI comparison and
the diff picture; then the findings, the intervention points with their hints,
and a glossary of the products. Everything in the models' language; every
model text escaped (html.escape), drawings inline as the SVG `prep render` writes."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from prep import notation as N
from prep.report.handout_parts import esc, stage_of
from prep.report.handout_fit import NAME_PT, rooms

__all__ = ["NAME_PT"]  # the handout's legibility floor

PAPER = {"a4": (842.0, 595.0), "a3": (1191.0, 842.0)}  # landscape, points
MARGIN = 36.0  # points, each side of the page
HEAD_ROOM = 70.0  # the page's headings and caption above a drawing


@dataclass
class Model:
    """One file: its name as given, its process graphs and its findings."""

    path: str
    graphs: list
    findings: list = field(default_factory=list)


@dataclass
class Section:
    """A heading (a PDF bookmark) and its HTML body."""

    level: int
    title: str
    body: str
    anchor: str
    page_break: bool = True
    page: str = "landscape"  # or portrait (a named page of the same paper)


def pairs(models: list[Model]) -> list[tuple[Model, Model]]:
    """(AsIs file, ToBe file) pairs: an AsIs file and a ToBe file (by their processes'
    stage=) sharing a process name, or, when the files are exactly two with those
    stages, whatever their names."""
    asis = [m for m in models if m.graphs and all(stage_of(g) == "asis" for g in m.graphs)]
    tobe = [m for m in models if m.graphs and all(stage_of(g) == "tobe" for g in m.graphs)]
    if len(asis) == 1 and len(tobe) == 1:
        return [(asis[0], tobe[0])]
    out = []
    for b in tobe:
        names = {g.name for g in b.graphs}
        for a in asis:
            if names & {g.name for g in a.graphs}:
                out.append((a, b))
                break
    return out


def today() -> str:
    """The date on the cover: SOURCE_DATE_EPOCH's day, else today's (UTC)."""
    try:
        seconds = int(os.environ["SOURCE_DATE_EPOCH"])
        return time.strftime("%Y-%m-%d", time.gmtime(max(seconds, 0)))
    except (KeyError, ValueError, OverflowError, OSError):
        return time.strftime("%Y-%m-%d", time.gmtime())


def build(models: list[Model], lang: str = "auto", paper: str = "a4", deadline=None, small=None) -> str:
    """The handout as one HTML document. Pictures whose product names print under
    NAME_PT on every page are listed in `small` (a list) as (title, size in pt)."""
    from prep.report.handout_kpi import kpi_views
    from prep.report.handout_parts import WORDS, cover, findings, glossary, interventions
    from prep.report.handout_views import diff_views, drawing_views

    graphs = [g for m in models for g in m.graphs]
    code = N.language_of(graphs, lang)
    words = WORDS[code]
    room = rooms(*PAPER[paper], MARGIN, HEAD_ROOM)
    sections = [Section(1, words["title"], cover(models, words, today()), "cover", False)]
    number = 0

    def add(title: str, views, anchor: str, first_break: bool) -> None:
        for k, view in enumerate(views):
            heading = title + view.caption
            sections.append(Section(2, heading, _figure(view.svg), f"{anchor}{k}", first_break or k > 0, view.page))
            if view.name_pt < NAME_PT - 0.05 and small is not None:
                part = next(s.title for s in reversed(sections) if s.level == 1)
                small.append((f"{part} / {heading}", round(view.name_pt, 1)))

    for m in models:
        for pg in m.graphs:
            number += 1
            stage = words["stages"].get(stage_of(pg), "")
            title = f"{pg.name}" + (f" [{stage}]" if stage else "")
            sections.append(Section(1, title, "", f"p{number}"))
            first = number == 1  # the legend once, on the first of each picture
            add(words["drawing"], drawing_views([pg], code, room, f"p{number}", deadline, first), f"p{number}d", False)
            add(words["kpi"], kpi_views([pg], code, room, deadline, legend=first), f"p{number}k", True)
    for n, (a, b) in enumerate(pairs(models), 1):
        names = ", ".join(dict.fromkeys(g.name for g in b.graphs))
        sections.append(Section(1, f"{words['pair']}: {names}", "", f"pair{n}"))
        compared = kpi_views(a.graphs, code, room, deadline, b.graphs, stages=words["stages"])
        add(words["kpi_compare"], compared, f"pair{n}k", False)
        add(words["diff"], diff_views(a.graphs, b.graphs, code, room, f"pair{n}", deadline), f"pair{n}d", True)
    sections.append(Section(1, words["findings"], findings(models, words), "findings"))
    sections.append(Section(1, words["interventions"], interventions(models, words), "interventions"))
    sections.append(Section(1, words["glossary"], glossary(models, words), "glossary"))
    return page(_paged(sections), words, code, paper)


def _paged(sections: list[Section]) -> list[Section]:
    """A heading alone goes on the page of the picture that follows it on the same
    page (a portrait page for a tall drawing); any other change of page breaks."""
    for before, after in zip(sections, sections[1:]):
        if after.page_break or after.page == before.page:
            continue
        if before.body:
            after.page_break = True
        else:
            before.page = after.page
    return sections


def _figure(svg: str) -> str:
    return f'<figure class="drawing">{svg}</figure>'


def page(sections: list[Section], words: dict, code: str, paper: str) -> str:
    from prep import __version__
    from prep.report.handout_parts import STYLE

    parts = []
    for s in sections:
        names = " ".join(c for c, on in (("new-page", s.page_break), ("portrait", s.page == "portrait")) if on)
        cls = f' class="{names}"' if names else ""
        parts.append(f'<section id="{esc(s.anchor)}"{cls}><h{s.level}>{esc(s.title)}</h{s.level}>{s.body}</section>')
    size = "A3" if paper == "a3" else "A4"
    title = esc(sections[0].title)
    return (
        f'<!DOCTYPE html>\n<html lang="{code}"><head><meta charset="utf-8">'
        f"<title>{title}</title>"
        f'<meta name="generator" content="prep {esc(__version__)}">'
        f"<style>@page {{ size: {size} landscape; margin: {MARGIN:g}pt; "
        "@bottom-right { content: counter(page) ' / ' counter(pages); "
        "font-size: 9pt; color: #555; font-family: 'Noto Sans CJK JP', sans-serif; } }"
        f"@page portrait {{ size: {size} portrait; }} section.portrait {{ page: portrait; }}"
        f"{STYLE}</style></head><body>{''.join(parts)}</body></html>\n"
    )


def to_pdf(document: str) -> bytes:
    """The handout printed by weasyprint: bookmarks from the headings, page numbers,
    fonts embedded (subsets), text as text; the same document gives the same bytes
    (no clock in the PDF: its dates and identifier come from SOURCE_DATE_EPOCH)."""
    import hashlib
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    ident = hashlib.md5(document.encode("utf-8")).hexdigest().encode("ascii")
    return HTML(string=_printed(document)).write_pdf(pdf_identifier=ident)


def _printed(document: str) -> str:
    """The document as printed: each drawing an image (an SVG data URI, which
    weasyprint reads with its own SVG parser and still prints as text) rather than
    inline markup the HTML parser and the style cascade would walk element by
    element; without what paper cannot show (the SVG titles and tooltips a browser
    shows on hovering) and without the line breaks between its elements."""
    import base64
    import re

    def slim(match: re.Match) -> str:
        svg = re.sub(r"<title>[^<]*</title>", "", match.group(0))
        svg = re.sub(r'\sxlink:title="[^"]*"', "", svg)
        svg = re.sub(r">\s+<", "><", svg)
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        return f'<img alt="" src="data:image/svg+xml;base64,{data}">'

    return re.sub(r"<svg\b.*?</svg>", slim, document, flags=re.S)


MISSING_HINT = (
    "install the handout extra: pip install 'prep-models[handout]' (weasyprint, which needs Pango: see docs/handout.md)"
)


def pdf_available() -> str | None:
    """None when weasyprint can be used, else why not."""
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        return "a PDF handout needs weasyprint, which is not installed"
    except OSError as error:  # Pango missing
        return f"a PDF handout needs weasyprint, which cannot load: {error}"
    return None
