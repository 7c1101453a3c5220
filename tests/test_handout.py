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
                yield depth, item.title

    found = list(titles(reader.outline))
    tops = [t for d, t in found if d == 0]
    assert tops == [
        "PRePモデル ハンドアウト",
        "週次販売計画 [AsIs]",
        "日々の店舗運営 [AsIs]",
        "週次販売計画 [ToBe]",
        "日々の店舗運営 [ToBe]",
        "AsIs → ToBe: 週次販売計画, 日々の店舗運営",
        "チェック結果",
        "介入点",
        "成果物の用語集",
    ]
    seconds = [t for d, t in found if d == 1]
    assert "プロセス図" in seconds and "KPIツリー" in seconds
    assert "KPIツリーの比較" in seconds
    # the diff, split where too wide: whether this one is depends on the layout's
    # height (its height limits the scale when the layout is taller than ~1010 pt)
    assert "差分: 週次販売計画" in seconds
    assert "差分: 日々の店舗運営" in seconds or "差分: 日々の店舗運営 (1/2)" in seconds
    assert "プロセス図 (1/2)" in seconds


def test_pages_are_a4_landscape_numbered_with_fonts_embedded(apparel_pdf):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(apparel_pdf))
    count = len(reader.pages)
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
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
