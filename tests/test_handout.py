"""`prep report`: the handout (docs/handout.md) as a PDF (weasyprint) and as one
offline HTML file: every section and bookmark, every product name as text (Japanese
too), page numbers, paper sizes, embedded fonts, the same bytes for the same models
and SOURCE_DATE_EPOCH, drawings split at band edges when too wide, escaping."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prep import __version__
from prep.cli import app

ROOT = Path(__file__).resolve().parents[1]
APPAREL = ROOT / "examples" / "apparel"
MANUFACTURING = ROOT / "examples" / "manufacturing.prep"


def _report(*args: str, env: dict | None = None):
    return CliRunner().invoke(app, ["report", *args], env=env)


def _names(*paths: Path) -> list[str]:
    from prep.graph import build_document
    from prep.parser import parse_file

    out = []
    for path in paths:
        for pg in build_document(parse_file(path, path.name).document)[0]:
            out += [p.name for p in pg.products.values()]
    return sorted(set(out))


@pytest.fixture(scope="module")
def apparel_pdf(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("handout") / "handout.pdf"
    result = _report(
        str(APPAREL / "asis.prep"), str(APPAREL / "tobe.prep"), "-o", str(out), env={"SOURCE_DATE_EPOCH": "1700000000"}
    )
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _text(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def test_every_product_name_is_text_in_the_pdf(apparel_pdf):
    text = _text(apparel_pdf)
    lines = set(text.splitlines())
    for name in _names(APPAREL / "asis.prep", APPAREL / "tobe.prep"):
        assert name in lines, name  # a glossary cell: the name, whole
    # the title page: the date is SOURCE_DATE_EPOCH's
    assert text.splitlines()[:8] == [
        "PRePモデル ハンドアウト",
        "作成日",
        "",
        "2023-11-14",
        "",
        "prep バージョン",
        "",
        __version__,
    ]


def test_bookmarks_per_section(apparel_pdf):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(apparel_pdf))

    def titles(items, depth=0):
        for item in items:
            if isinstance(item, list):
                yield from titles(item, depth + 1)
            else:
                yield depth, item.title, item

    found = [(d, t, reader.get_destination_page_number(item)) for d, t, item in titles(reader.outline)]
    assert [(d, t) for d, t, _ in found] == [
        (0, "PRePモデル ハンドアウト"),
        (0, "週次販売計画 [AsIs]"),
        (1, "プロセス図"),
        (1, "KPIツリー"),
        (0, "日々の店舗運営 [AsIs]"),
        (1, "プロセス図"),
        (1, "KPIツリー"),
        (0, "週次販売計画 [ToBe]"),
        (1, "プロセス図"),
        (1, "KPIツリー"),
        (0, "日々の店舗運営 [ToBe]"),
        (1, "プロセス図 (1/3)"),  # too tall for a landscape page: cut on portrait pages
        (1, "プロセス図 (2/3)"),
        (1, "プロセス図 (3/3)"),
        (1, "KPIツリー"),
        (0, "AsIs → ToBe: 週次販売計画, 日々の店舗運営"),
        (1, "KPIツリーの比較: 週次販売計画"),  # all four trees together would be too small
        (1, "KPIツリーの比較: 日々の店舗運営 [AsIs]"),
        (1, "KPIツリーの比較: 日々の店舗運営 [ToBe]"),
        (1, "差分: 日々の店舗運営 (1/3)"),
        (1, "差分: 日々の店舗運営 (2/3)"),
        (1, "差分: 日々の店舗運営 (3/3)"),
        (1, "差分: 週次販売計画"),
        (0, "チェック結果"),
        (0, "介入点"),
        (0, "成果物の用語集"),
        (1, "週次販売計画 [AsIs]"),
        (1, "日々の店舗運営 [AsIs]"),
        (1, "週次販売計画 [ToBe]"),
        (1, "日々の店舗運営 [ToBe]"),
    ]
    pages = [p for d, _, p in found if d == 1 and p < found[-7][2]]
    assert pages == [
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
        10,
        11,
        12,
        13,
        14,
        15,
        16,
        17,
    ]  # each picture on a page of its own, in order
    # a process's heading shares the page of its first drawing (portrait too)
    heads = {t: p for d, t, p in found if d == 0}
    assert heads["チェック結果"] == 18 and len(reader.pages) == 23
    assert heads["日々の店舗運営 [ToBe]"] == 7 and heads["AsIs → ToBe: 週次販売計画, 日々の店舗運営"] == 11
    portrait = [n for n, page in enumerate(reader.pages) if page.mediabox.width < page.mediabox.height]
    assert portrait == [7, 8, 9, 14, 15, 16]


def _name_sizes(pdf: bytes, names: set[str]) -> dict[int, list[float]]:
    """{page index: the sizes (pt, as printed) of the text runs that are a product's
    whole name}, from the PDF's text matrices (pypdf)."""
    import math

    from pypdf import PdfReader

    out: dict[int, list[float]] = {}
    for n, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):

        def seen(text, cm, tm, _font, size, n=n):
            if text.strip() in names:
                c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
                out.setdefault(n, []).append(size * math.hypot(c, d))

        page.extract_text(visitor_text=seen)
    return out


def _drawing_pages(pdf: bytes) -> list[int]:
    """The pages of the drawings, KPI trees and diff pictures: those before the
    findings' page, after the cover."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    findings = next(item for item in reader.outline if not isinstance(item, list) and item.title == "チェック結果")
    return list(range(1, reader.get_destination_page_number(findings)))


def test_every_drawing_prints_product_names_at_9_pt_or_more(apparel_pdf, tmp_path):
    from prep.report.handout import NAME_PT

    out = tmp_path / "m.pdf"
    assert _report(str(MANUFACTURING), "-o", str(out)).exit_code == 0
    cases = [
        (apparel_pdf, _names(APPAREL / "asis.prep", APPAREL / "tobe.prep"), 17),
        (out.read_bytes(), _names(MANUFACTURING), 3),
    ]
    for pdf, names, count in cases:
        sizes = _name_sizes(pdf, set(names))
        pages = _drawing_pages(pdf)
        assert len(pages) == count
        for n in pages:
            assert sizes.get(n), n  # names on every drawing's page, as text
            assert min(sizes[n]) >= NAME_PT - 0.01, (n, min(sizes[n]))
        # the diff picture of 日々の店舗運営 (1,105 pt tall) is cut on portrait pages; its
        # gaps hold their lines on tracks of their own (layout/tracks.py), and a bus beside
        # tracks a part of its gap of its own, so it prints a little smaller
    assert round(min(_name_sizes(apparel_pdf, {"肌感覚"})[15]), 1) == 9.5


def test_pages_are_a4_numbered_with_fonts_embedded(apparel_pdf):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(apparel_pdf))
    count = len(reader.pages)
    for page in reader.pages:  # A4 either way (the tall drawings' pages portrait)
        assert sorted((round(float(page.mediabox.width)), round(float(page.mediabox.height)))) == [595, 842]
    first = reader.pages[0].extract_text()
    assert f"1 / {count}" in first
    listing = _pdffonts(apparel_pdf)
    assert listing and all(emb == "yes" for _, emb in listing), listing
    assert any("Noto-Sans-CJK-JP" in name for name, _ in listing)


def _pdffonts(pdf: bytes, tmp=Path("/tmp")) -> list[tuple[str, str]]:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        done = subprocess.run(["pdffonts", f.name], capture_output=True, check=True)
    rows = done.stdout.decode().splitlines()[2:]
    return [(row.split()[0], row.split()[-5]) for row in rows if row.strip()]


def test_same_models_same_bytes_and_a3(apparel_pdf, tmp_path):
    out = tmp_path / "again.pdf"
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    result = _report(str(APPAREL / "asis.prep"), str(APPAREL / "tobe.prep"), "-o", str(out), env=env)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == apparel_pdf
    a3 = tmp_path / "a3.pdf"
    assert _report(str(MANUFACTURING), "-o", str(a3), "--paper", "a3", env=env).exit_code == 0
    from pypdf import PdfReader

    page = PdfReader(a3).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (1191, 842)
    text = _text(a3.read_bytes())
    for name in _names(MANUFACTURING):
        assert name in text, name


def test_html_handout_is_one_offline_file_with_every_section(tmp_path):
    out = tmp_path / "handout.html"
    result = _report(
        str(APPAREL / "asis.prep"), str(APPAREL / "tobe.prep"), "-o", str(out), env={"SOURCE_DATE_EPOCH": "1700000000"}
    )
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "<script" not in page and "@import" not in page
    heads = re.findall(r"<h1>([^<]*)</h1>", page)
    assert heads[0] == "PRePモデル ハンドアウト" and heads[-1] == "成果物の用語集"
    assert page.count("<svg") >= 9
    for name in _names(APPAREL / "asis.prep", APPAREL / "tobe.prep"):
        assert f'<td class="name">{name}</td>' in page, name


HOSTILE = """process "P <b>&" {
  goal "g </script>"
  actor "A<i>" {
    product "x <script>alert(1)</script>" [doc="<img src=x onerror=alert(2)>"]
    final "y & z"
  }
  external X
  "x <script>alert(1)</script>" -> "y & z" -> X
  issue "bad <svg onload=alert(3)>" on "y & z"
}
"""


def test_html_handout_escapes_model_text(tmp_path):
    model = tmp_path / "m.prep"
    model.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "h.html"
    result = _report(str(model), "-o", str(out), "--force")
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    assert "<script" not in page and "<img" not in page and "<svg onload" not in page
    assert "x &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_a_wide_drawing_is_cut_at_band_edges_and_stays_legible():
    from prep.graph import build_document
    from prep.layout import layout
    from prep.parser import parse_file
    from prep.render.pptx_views import band_edges
    from prep.report.handout import NAME_PT
    from prep.report.handout_views import pieces

    graphs = build_document(parse_file(MANUFACTURING, "m").document)[0]
    process = layout(graphs).processes[0]
    widest = 700 / (NAME_PT / 16)
    ranges = pieces(process, widest)
    assert len(ranges) > 1
    edges = band_edges(process)
    spans = [(n.box.x, n.box.right) for n in process.nodes]
    for a, b in ranges[:-1]:
        assert b - a <= widest
        assert not any(x < b < r for x, r in spans)  # never through a product
    assert any(b in edges for _, b in ranges[:-1])  # a band edge where one fits


def test_bad_suffix_and_missing_weasyprint(tmp_path, monkeypatch):
    result = _report(str(MANUFACTURING), "-o", str(tmp_path / "h.docx"))
    assert result.exit_code == 2
    assert "cannot tell the handout's format from" in result.output
    import prep.report.handout as handout

    monkeypatch.setattr(handout, "pdf_available", lambda: "a PDF handout needs weasyprint, which is not installed")
    result = _report(str(MANUFACTURING), "-o", str(tmp_path / "h.pdf"))
    assert result.exit_code == 2
    assert "a PDF handout needs weasyprint, which is not installed" in result.output
    assert "pip install 'prep-models[handout]'" in result.output
    assert not (tmp_path / "h.pdf").exists()


def test_errors_stop_unless_forced(tmp_path):
    model = tmp_path / "bad.prep"
    model.write_text("process P {\n  actor A {\n    final y\n  }\n  y -> nowhere\n}\n", encoding="utf-8")
    result = _report(str(model), "-o", str(tmp_path / "h.html"))
    assert result.exit_code == 1
    assert "no handout written" in result.output


def test_which_page_a_picture_goes_on():
    from prep.report.handout import HEAD_ROOM, MARGIN, PAPER
    from prep.report.handout_fit import Fit, fit, rooms

    a4 = rooms(*PAPER["a4"], MARGIN, HEAD_ROOM)
    assert a4 == {"landscape": (770.0, 453.0), "portrait": (523.0, 700.0)}
    assert fit(700, 400, a4) == Fit("landscape", 1.0)  # whole, full size
    assert fit(1300, 700, a4) == Fit("landscape", 770 / 1300)  # whole, names at 9.5 pt
    assert fit(900, 1100, a4) == Fit("portrait", 523 / 900)  # tall and narrow: whole, portrait
    assert fit(2000, 700, a4) == Fit("landscape", 0.5625, True)  # wide: cut, landscape
    assert fit(1900, 1105, a4) == Fit("portrait", 0.5625, True)  # wide and tall: cut, portrait
    tall = fit(1900, 1400, a4)  # too tall for either page: cut where names print largest
    assert tall == Fit("portrait", 0.5, True) and tall.name_pt == 8.0 and not tall.legible
    assert fit(2000, 700, a4, splittable=False) == Fit("landscape", 0.385)  # a KPI tree: whole
    assert fit(800, 2000, a4, splittable=False) == Fit("portrait", 0.35)


def test_a_picture_too_tall_for_any_page_is_said(tmp_path):
    lines = ["process Tall {", '  goal "g"']
    for i in range(30):
        lines += [f"  actor A{i} {{", f"    {'final' if i == 29 else 'product'} P{i}", "  }"]
    lines += ["  external Out", "  " + " -> ".join(f"P{i}" for i in range(30)) + " -> Out", "}"]
    model = tmp_path / "tall.prep"
    model.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "tall.html"
    result = _report(str(model), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (
        "prep: warning: Tall / Process drawing (1/2): product names print at 5.5 pt, under 9 pt, "
        "on every page of this paper" in result.output
    )
    assert "prep: warning: on A3 paper (--paper a3) they print larger" in result.output
    page = out.read_text("utf-8")
    assert "@page portrait { size: A4 portrait; }" in page
    assert page.count('class="new-page portrait"') == 2  # the heading's page and the second piece
