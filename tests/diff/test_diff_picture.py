"""The diff picture (docs/kpi.md, "prep diff") in the swimlane layout of `prep render`: the
union of both models, added elements with a ＋ badge (purple), changed ones with a ～
badge and the old value (amber), removed ones ghosted (grey, dashed) where they were,
the marks in the legend row; SVG groups and titles as docs/notation.md says; escaping."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from prep.cli import app

ROOT = Path(__file__).parents[2]
APPAREL = ROOT / "examples" / "apparel"
SVG = "{http://www.w3.org/2000/svg}"
ADDED, CHANGED, GHOST = "#6a1b9a", "#b26a00", "#9e9e9e"


def _diff(asis: Path, tobe: Path, out: Path, *more: str) -> bytes:
    result = CliRunner().invoke(app, ["diff", str(asis), str(tobe), "-o", str(out), *more])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _groups(svg: bytes) -> list[tuple[set[str], str, list[str], ET.Element]]:
    """(classes, title, texts, element) of every node and edge group, in drawing order."""
    out = []
    for g in ET.fromstring(svg).iter(SVG + "g"):
        classes = set(g.get("class", "").split())
        if not classes & {"node", "edge"}:
            continue
        title = g.findtext(SVG + "title") or ""
        texts = [t.text or "" for t in g.iter(SVG + "text")]
        out.append((classes, title, texts, g))
    return out


def _strokes(g: ET.Element) -> set[str]:
    return {e.get("stroke") for e in g.iter() if e.get("stroke") not in (None, "none", "transparent")}


def test_apparel_diff_is_drawn_in_lanes_with_marks(tmp_path):
    svg = _diff(APPAREL / "asis.prep", APPAREL / "tobe.prep", tmp_path / "diff.svg")
    assert b'class="cluster"' not in svg  # not the 0.1.0 cluster layout
    groups = _groups(svg)
    lanes = [title for classes, title, _, _ in groups if "lane" in classes]
    # every process's lanes, in the ToBe file's order of actors
    assert lanes[:4] == [
        "日々の店舗運営/店長",
        "日々の店舗運営/店舗スタッフ",
        "日々の店舗運営/店舗分析サービス",
        "日々の店舗運営/CSM",
    ]
    assert lanes[4:] == ["週次販売計画/本部", "週次販売計画/店長", "週次販売計画/店舗分析サービス", "週次販売計画/CSM"]
    by_title = {(title, frozenset(classes)): (texts, g) for classes, title, texts, g in groups}
    # an added product: its ＋ badge inside the box, a purple border
    added = [
        (texts, g)
        for (title, classes), (texts, g) in by_title.items()
        if title == "日々の店舗運営/実績データ" and "product" in classes
    ]
    assert len(added) == 1
    texts, g = added[0]
    assert texts[0] == "実績データ" and texts[-1] == "＋ 追加"
    assert "added" in g.get("class") and ADDED in _strokes(g)
    # a removed product: still drawn where it was, grey, dashed, its text grey
    removed = [g for classes, title, _, g in groups if title == "日々の店舗運営/肌感覚" and "product" in classes]
    assert len(removed) == 1
    g = removed[0]
    assert "removed" in g.get("class") and _strokes(g) == {GHOST}
    assert any(e.get("stroke-dasharray") for e in g.iter())
    assert [t.get("fill") for t in g.iter(SVG + "text")] == [GHOST] * 3
    assert [t.text for t in g.iter(SVG + "text")][-1] == "－ 削除"
    # removed relations ghosted, added ones purple (touch lines keep their green)
    relations = [(classes, g) for classes, _, _, g in groups if "relation" in classes]
    assert any("removed" in c and _strokes(g) == {GHOST} for c, g in relations)
    assert any("added" in c and "touch" not in c and ADDED in _strokes(g) for c, g in relations)
    assert all(ADDED not in _strokes(g) for c, g in relations if "touch" in c)
    # the legend row names the three marks
    legend = [texts for classes, _, texts, _ in groups if "legend-item" in classes]
    shown = [t for texts in legend for t in texts]
    assert ["＋ 追加", "～ 変更", "－ 削除"] == [t for t in shown if t[:1] in "＋～－"]


def test_diff_picture_is_deterministic_and_pinned(tmp_path):
    first = _diff(APPAREL / "asis.prep", APPAREL / "tobe.prep", tmp_path / "a.svg")
    second = _diff(APPAREL / "asis.prep", APPAREL / "tobe.prep", tmp_path / "b.svg")
    assert first == second
    dot = _diff(APPAREL / "asis.prep", APPAREL / "tobe.prep", tmp_path / "d.dot")
    assert b"every position pinned" in dot and b"subgraph cluster" not in dot
    assert dot == _diff(APPAREL / "asis.prep", APPAREL / "tobe.prep", tmp_path / "e.dot")


HOSTILE_ASIS = r"""process P [stage=asis] {
  actor A {
    product a
    final b
    product "<gone> & \\N"
  }
  external X
  b -> X
  a -> b [touch=low]
  a -> "<gone> & \\N"
}
"""
HOSTILE_TOBE = r"""process P [stage=tobe] {
  actor A {
    product a
    final b
    product "say \"new\" <script>"
  }
  external X
  b -> X
  a -> b [touch=high]
  a -> "say \"new\" <script>"
}
"""


def test_hostile_names_marked_and_escaped(tmp_path):
    asis, tobe = tmp_path / "asis.prep", tmp_path / "tobe.prep"
    asis.write_text(HOSTILE_ASIS, encoding="utf-8")
    tobe.write_text(HOSTILE_TOBE, encoding="utf-8")
    svg = _diff(asis, tobe, tmp_path / "diff.svg", "--lang", "en")
    assert b"<script" not in svg
    marks = {
        title: (classes, texts)
        for classes, title, texts, _ in _groups(svg)
        if classes & {"added", "removed", "changed"}
    }
    assert marks['say "new" <script>'][1] == ['say "new" <script>', "＋ added"]
    assert "added" in marks['say "new" <script>'][0]
    assert marks["<gone> & \\N"][1] == ["<gone> & \\N", "－ removed"]
    assert "removed" in marks["<gone> & \\N"][0]
    assert "removed" in marks["a -> <gone> & \\N"][0]
    # a changed touch: the new level, the ～ badge with the old one; the line stays green
    classes, texts = marks["a -> b"]
    assert {"touch", "changed"} <= classes
    assert texts == ["high touch", "～ changed: was low touch"]
    text = svg.decode("utf-8")
    assert "&lt;gone&gt; &amp; \\N" in text and html.escape('say "new" <script>') in text
    assert not re.search(r"<title>[^<]*<script", text)


def test_externals_keep_their_own_relations_in_the_union(tmp_path):
    """Each external's relations end at its own stand-ins: 週次販売計画 sends and
    receives (two stand-ins), 気象情報 only sends, POSレジ is gone (ghosted, left)."""
    svg = _diff(APPAREL / "asis.prep", APPAREL / "tobe.prep", tmp_path / "d.svg").decode()
    titles = re.findall(r'class="node external[^"]*">\s*<title>([^<]*)</title>', svg)
    daily = sorted(html.unescape(t) for t in titles if t.startswith("日々の店舗運営/"))
    assert daily == [
        "日々の店舗運営/POSレジ",
        "日々の店舗運営/気象情報",
        "日々の店舗運営/週次販売計画",
        "日々の店舗運営/週次販売計画",
    ]


def test_kgi_changes_show_in_the_banner_and_pdf_has_a_page_per_process(tmp_path):
    asis, tobe = tmp_path / "asis.prep", tmp_path / "tobe.prep"
    asis.write_text(HOSTILE_ASIS, encoding="utf-8")
    tobe.write_text(HOSTILE_TOBE.replace("  external X\n", '  external X\n  kpi "Speed <x>" [kgi]\n'), encoding="utf-8")
    svg = _diff(asis, tobe, tmp_path / "diff.svg", "--lang", "en")
    goal = [texts for classes, _, texts, _ in _groups(svg) if "goal" in classes]
    assert "KGI: Speed <x> ＋ added" in goal[0]
    pdf = _diff(APPAREL / "asis.prep", APPAREL / "tobe.prep", tmp_path / "diff.pdf")
    assert len(re.findall(rb"/Type /Page\b", pdf)) == 2


def test_diff_html_is_one_offline_page_with_the_picture_and_the_text(tmp_path):
    """Issue 23, item 16: `-o d.html` was refused ("cannot tell the format")."""
    import base64

    page = _diff(APPAREL / "asis.prep", APPAREL / "tobe.prep", tmp_path / "d.html").decode()
    assert page.startswith("<!doctype html>") and "<script" not in page
    assert "default-src 'none'" in page and "<title>asis.prep → tobe.prep</title>" in page
    data = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page).group(1)
    assert ET.fromstring(base64.b64decode(data)).tag == SVG + "svg"
    assert "<pre>" in page and "店舗分析サービス" in page


def test_diff_html_escapes_names(tmp_path):
    a, b = tmp_path / "a.prep", tmp_path / "b.prep"
    a.write_text("process P {\n goal G\n external X\n actor A { final F }\n F -> X\n}\n")
    b.write_text(
        'process P {\n goal G\n external X\n actor A { final F  product "<b>x</b>" }\n F -> X\n "<b>x</b>" -> F\n}\n'
    )
    page = _diff(a, b, tmp_path / "d.html", "--force").decode()
    assert "<b>" not in page
    assert re.findall(r"<pre>(.*?)</pre>", page, re.S) == [
        "products\n  + &lt;b&gt;x&lt;/b&gt;\nrelations\n  + &lt;b&gt;x&lt;/b&gt; -&gt; F\n"
    ]
