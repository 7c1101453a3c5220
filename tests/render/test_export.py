"""Editable exports (pptx, drawio) read back: every product, external, relation, KPI
and issue is there with its text and kind, nothing lies outside the slide or page,
hostile and Japanese names come back as written, the same model gives the same
bytes, relations are glued/attached to their ends."""

from __future__ import annotations

import html
import io
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from prep.layout import layout
from prep.render.drawio import to_drawio
from prep.render.pptx import to_pptx
from conftest import graphs_from, graphs_in

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
MODELS = sorted((HERE / "models").glob("*.prep")) + sorted((ROOT / "examples").rglob("*.prep"))
FONT = "Noto Sans CJK JP"
EMU = 12700
PRODUCT_KINDS = ("product", "milestone", "final", "intangible", "intervention")


def wide_model(products: int = 60) -> str:
    sys.path.insert(0, str(ROOT))
    from benchmarks.gen_model import _process

    return "\n".join(_process(0, products)) + "\n"


# -- what the model says ------------------------------------------------------------------


def expected(graphs):
    """(prefix, products {key: kind}, externals, relation titles, kpis, issues)."""
    several = len(graphs) > 1
    out = []
    for pg in graphs:
        pre = f"{pg.name}/" if several else ""
        syncs = {e.source for e in pg.edges if e.kind == "sync"} | {e.target for e in pg.edges if e.kind == "sync"}
        products = {}
        for key, p in pg.products.items():
            kind = "intervention" if p.kind == "intangible" and key in syncs else p.kind
            products[key] = kind
        relations = {e.label for e in pg.edges if e.source != e.target}
        kpis = [k.name for k in pg.process.kpis]
        issues = [" ".join(i.text.split()) for i in pg.process.issues]
        out.append((pre, pg, products, set(pg.externals), relations, kpis, issues))
    return out


# -- pptx ---------------------------------------------------------------------------------


def read_pptx(data: bytes):
    from pptx import Presentation

    return Presentation(io.BytesIO(data))


def shapes_by_name(deck):
    """{name: [(slide number, shape)]} over every slide."""
    found: dict[str, list] = {}
    for n, slide in enumerate(deck.slides, 1):
        for sp in slide.shapes:
            found.setdefault(sp.name, []).append((n, sp))
    return found


def banner_text(found) -> str:
    return "\n".join(
        sp.text_frame.text for name, items in found.items() if name.startswith("goal: ") for _, sp in items
    )


@pytest.mark.parametrize("model", MODELS, ids=lambda p: p.name)
def test_pptx_holds_every_element(model):
    graphs = graphs_in(model)
    data = to_pptx(layout(graphs))
    deck = read_pptx(data)
    found = shapes_by_name(deck)
    names = list(found)
    titles = {name.split(": ", 1)[1] for name in names if ": " in name}
    banner = banner_text(found)
    for pre, pg, products, externals, relations, kpis, issues in expected(graphs):
        for key, kind in products.items():
            shapes = found.get(f"{kind}: {pre}{key}")
            assert shapes, (key, kind)
            product = pg.products[key]
            first = shapes[0][1].text_frame.paragraphs[0].text
            assert first.replace("\v", "") == product.name  # wrapped with line breaks
        for name in externals:
            assert f"external: {pre}{name}" in found, name
        for title in relations:
            a, arrow, b = title.partition(" <-> ") if "<->" in title else title.partition(" -> ")
            flipped = f"{b}{arrow}{a}"
            assert pre + title in titles or pre + flipped in titles, title
        for kpi in kpis:
            assert f"kpi: {pre}{kpi}" in found or kpi in banner, kpi
        for issue in issues:
            assert f"issue: {pre}{issue}" in found or issue in banner, issue


@pytest.mark.parametrize("model", MODELS, ids=lambda p: p.name)
def test_pptx_stays_on_the_slide_in_the_notation_font(model):
    from pptx.oxml.ns import qn

    deck = read_pptx(to_pptx(layout(graphs_in(model))))
    width, height = deck.slide_width, deck.slide_height
    assert (width, height) == (960 * EMU, 540 * EMU)  # 16:9
    for slide in deck.slides:
        for sp in slide.shapes:
            if hasattr(sp, "begin_x"):
                xs, ys = (sp.begin_x, sp.end_x), (sp.begin_y, sp.end_y)
            else:
                xs, ys = (sp.left, sp.left + sp.width), (sp.top, sp.top + sp.height)
            assert 0 <= min(xs) and max(xs) <= width, sp.name
            assert 0 <= min(ys) and max(ys) <= height, sp.name
            if not getattr(sp, "has_text_frame", False):
                continue
            for paragraph in sp.text_frame.paragraphs:
                for run in paragraph.runs:
                    rpr = run._r.find(qn("a:rPr"))
                    assert rpr.find(qn("a:latin")).get("typeface") == FONT
                    assert rpr.find(qn("a:ea")).get("typeface") == FONT


def test_pptx_shapes_by_kind():
    from pptx.oxml.ns import qn

    deck = read_pptx(to_pptx(layout(graphs_in(HERE / "models" / "figure4.prep"))))
    found = shapes_by_name(deck)

    def prst(prefix):
        sp = next(items[0][1] for name, items in found.items() if name.startswith(prefix))
        return sp._element.spPr.find(qn("a:prstGeom")).get("prst"), sp

    assert prst("milestone: ")[0] == "hexagon"
    geometry, final = prst("final: ")
    assert geometry == "rect" and final._element.spPr.find(qn("a:ln")).get("cmpd") == "dbl"
    geometry, intangible = prst("intervention: ")
    ln = intangible._element.spPr.find(qn("a:ln"))
    assert geometry == "roundRect" and ln.find(qn("a:prstDash")).get("val") == "dash"
    assert ln.find(qn("a:solidFill"))[0].get("val") == "C62828"  # red
    assert "⚠" in intangible.text_frame.text
    assert intangible._element.spPr.find(qn("a:noFill")) is not None  # no fill
    assert prst("external: ")[0] == "homePlate"
    sync = next(items[0][1] for name, items in found.items() if name.startswith("sync: "))
    sync_ln = sync._element.spPr.find(qn("a:ln"))
    assert sync_ln.find(qn("a:headEnd")) is not None and sync_ln.find(qn("a:tailEnd")) is not None
    assert sync_ln.find(qn("a:prstDash")) is not None


def test_pptx_connectors_are_glued_to_their_products():
    """A relation drawn as a connector (its route is one) is glued to both ends; any
    other is a freeform path (tests/render/test_pptx_routes.py checks its points)."""
    from pptx.oxml.ns import qn

    deck = read_pptx(to_pptx(layout(graphs_in(HERE / "models" / "figure4.prep"))))
    slide = deck.slides[0]
    ids = {sp.shape_id: sp.name for sp in slide.shapes}
    relations = [sp for sp in slide.shapes if sp.name.startswith(("input: ", "sync: "))]
    assert relations
    for sp in relations:
        if sp._element.tag != qn("p:cxnSp"):
            assert sp._element.find(".//" + qn("a:custGeom")) is not None, sp.name
            continue
        begin = sp._element.find(".//" + qn("a:stCxn"))
        end = sp._element.find(".//" + qn("a:endCxn"))
        source, _, target = sp.name.split(": ", 1)[1].partition(
            " -> " if "->" in sp.name and "<->" not in sp.name else " <-> "
        )
        assert ids[int(begin.get("id"))].split(": ", 1)[1] in (source, target)
        assert ids[int(end.get("id"))].split(": ", 1)[1] in (source, target)


def test_touch_level_in_the_drawings_language():
    deck = read_pptx(to_pptx(layout(graphs_in(HERE / "models" / "tobe_csm.prep"))))
    found = shapes_by_name(deck)
    touch = [name for name in found if name.startswith("touch: ")]
    assert touch
    labels = [sp.text_frame.text for name, items in found.items() if name.startswith("label: ") for _, sp in items]
    assert any(t in " ".join(labels) for t in ("ハイタッチ", "ロータッチ", "テックタッチ"))


def test_hostile_names_come_back_as_written():
    graphs = graphs_in(HERE / "models" / "hostile_names.prep")
    found = shapes_by_name(read_pptx(to_pptx(layout(graphs))))
    assert "final: <script>alert(1)</script>" in found
    assert "product: a\\nb<i>" in found
    assert 'external: ext"]; n1 -> n2 [label="x' in found
    assert "kpi: k<&>" in found
    assert "issue: <img src=x onerror=alert(1)>" in found
    assert "lane: <b>Bob</b> & {co}" in found
    final = found["final: <script>alert(1)</script>"][0][1]
    assert final.text_frame.paragraphs[0].text.replace("\v", "") == "<script>alert(1)</script>"
    assert final._element.nvSpPr.cNvPr.get("descr") == '\\N " <tt>'  # doc as alt text


def test_same_model_same_bytes():
    graphs = graphs_in(ROOT / "examples" / "manufacturing.prep")
    first = to_pptx(layout(graphs))
    assert to_pptx(layout(graphs)) == first
    import zipfile

    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    deck = read_pptx(first)
    assert deck.core_properties.author == "prep" and deck.core_properties.revision == 1
    assert to_drawio(layout(graphs)) == to_drawio(layout(graphs))


def test_a_wide_process_is_split_by_columns_and_stays_legible():
    graphs = graphs_from(wide_model(60))
    positions = layout(graphs)
    deck = read_pptx(to_pptx(positions))
    assert len(deck.slides) > 1
    found = shapes_by_name(deck)
    for pre, _pg, products, _externals, relations, _kpis, _issues in expected(graphs):
        for key, kind in products.items():
            assert len(found[f"{kind}: {pre}{key}"]) == 1, key  # each once
        titles = {name.split(": ", 1)[1] for name in found if ": " in name}
        for title in relations:
            a, arrow, b = title.partition(" <-> ") if "<->" in title else title.partition(" -> ")
            assert title in titles or f"{b}{arrow}{a}" in titles, title
    sizes = [
        run.font.size.pt
        for slide in deck.slides
        for sp in slide.shapes
        if sp.name.startswith("product: ")
        for run in sp.text_frame.paragraphs[0].runs
    ]
    # names >= 12 pt where the process's height allows: this one's lanes allow 11.9
    assert min(sizes) >= 11.9
    assert any(name.startswith("continued: ") for name in found)


# -- drawio -------------------------------------------------------------------------------


def read_drawio(data: bytes):
    root = ET.fromstring(data.decode("utf-8"))
    assert root.tag == "mxfile"
    return root


def name_of(label: str) -> str:
    """The first line's text (a name wrapped with <br> inside its span)."""
    first = re.match(r"<span[^>]*>(.*?)</span>", label).group(1)
    return html.unescape(first.replace("<br>", ""))


def plain(label: str) -> str:
    return html.unescape(re.sub(r"<br>", "\n", re.sub(r"<(?!br>)[^>]+>", "", label)))


@pytest.mark.parametrize("model", MODELS, ids=lambda p: p.name)
def test_drawio_holds_every_element(model):
    graphs = graphs_in(model)
    positions = layout(graphs)
    root = read_drawio(to_drawio(positions))
    pages = root.findall("diagram")
    assert len(pages) == len(graphs)
    for page, (pre, pg, products, externals, relations, kpis, issues) in zip(pages, expected(graphs)):
        model_el = page.find("mxGraphModel")
        objects = model_el.find("root").findall("UserObject")
        by_id = {o.get("id"): o for o in objects}
        by_title: dict[tuple[str, str], list] = {}
        for o in objects:
            by_title.setdefault((o.get("prep_kind"), o.get("prep_title")), []).append(o)
        for key, kind in products.items():
            (obj,) = by_title[(kind, pre + key)]
            cell = obj.find("mxCell")
            lane = by_id[cell.get("parent")]
            assert lane.get("prep_kind") == "lane"
            assert lane.get("prep_title") == pre + pg.products[key].actor
            assert name_of(obj.get("label")) == pg.products[key].name
        for name in externals:
            assert ("external", pre + name) in by_title, name
        edges = {o.get("prep_title"): o for o in objects if o.find("mxCell").get("edge")}
        for title in relations:
            a, arrow, b = title.partition(" <-> ") if "<->" in title else title.partition(" -> ")
            obj = edges.get(pre + title) or edges.get(f"{pre}{b}{arrow}{a}")
            assert obj is not None, title
            cell = obj.find("mxCell")
            assert cell.get("source") in by_id and cell.get("target") in by_id
        banner = plain(next(o.get("label") for o in objects if o.get("prep_kind") == "goal"))
        for kpi in kpis:
            assert ("kpi", pre + kpi) in by_title or kpi in banner, kpi
        for issue in issues:
            assert ("issue", pre + issue) in by_title or issue in banner, issue
        _inside_page(model_el, objects, by_id)


def _inside_page(model_el, objects, by_id) -> None:
    width, height = float(model_el.get("pageWidth")), float(model_el.get("pageHeight"))

    def origin(ident):
        cell = by_id[ident].find("mxCell") if ident in by_id else None
        if cell is None or cell.get("parent") in ("0", "1", None):
            base = (0.0, 0.0)
        else:
            base = origin(cell.get("parent"))
        if cell is None:
            return base
        geo = cell.find("mxGeometry")
        return base[0] + float(geo.get("x")), base[1] + float(geo.get("y"))

    for o in objects:
        cell = o.find("mxCell")
        geo = cell.find("mxGeometry")
        if cell.get("vertex"):
            x, y = origin(o.get("id"))
            assert 0 <= x and x + float(geo.get("width")) <= width + 0.01, o.get("prep_title")
            assert 0 <= y and y + float(geo.get("height")) <= height + 0.01, o.get("prep_title")
        for point in geo.iter("mxPoint"):
            if point.get("as") == "offset":
                continue
            assert 0 <= float(point.get("x")) <= width and 0 <= float(point.get("y")) <= height


def test_drawio_hostile_names_come_back_as_written():
    root = read_drawio(to_drawio(layout(graphs_in(HERE / "models" / "hostile_names.prep"))))
    objects = {(o.get("prep_kind"), o.get("prep_title")): o for o in root.iter("UserObject")}
    final = objects[("final", "<script>alert(1)</script>")]
    assert name_of(final.get("label")) == "<script>alert(1)</script>"
    assert "<script>" not in final.get("label")  # escaped inside the HTML label
    assert ("product", "a\\nb<i>") in objects
    assert ("kpi", "k<&>") in objects
    assert ("lane", "<b>Bob</b> & {co}") in objects
    assert ("external", 'ext"]; n1 -> n2 [label="x') in objects


def drawio_style(style: str) -> dict[str, str]:
    """A draw.io style `key=value;…;` as a dict; a bare word (`swimlane`) maps to ""."""
    return dict((part.split("=", 1) + [""])[:2] for part in style.rstrip(";").split(";"))


def test_drawio_styles_by_kind():
    root = read_drawio(to_drawio(layout(graphs_in(HERE / "models" / "figure4.prep"))))
    style = {o.get("prep_kind"): drawio_style(o.find("mxCell").get("style")) for o in root.iter("UserObject")}
    text = {"html": "1", "whiteSpace": "wrap", "fontFamily": "Noto Sans CJK JP", "spacing": "2"}
    middle = {**text, "verticalAlign": "middle"}
    assert style["lane"] == {
        "swimlane": "",
        **middle,
        "horizontal": "0",
        "startSize": "0",
        "fillColor": "#ffffff",
        "swimlaneFillColor": "#ffffff",
        "strokeColor": "#555555",
        "strokeWidth": "1",
        "collapsible": "0",
        "container": "1",
        "swimlaneLine": "0",
    }
    assert style["milestone"] == {
        **middle,
        "shape": "hexagon",
        "perimeter": "hexagonPerimeter2",
        "size": "0.12",
        "fillColor": "#ffffff",
        "strokeColor": "#222222",
        "strokeWidth": "1.8",
    }
    assert style["final"] == {
        **middle,
        "shape": "ext",
        "double": "1",
        "margin": "4",
        "fillColor": "#ffffff",
        "strokeColor": "#222222",
        "strokeWidth": "1.6",
    }
    assert style["intervention"] == {
        **middle,
        "rounded": "1",
        "arcSize": "12",
        "fillColor": "none",
        "strokeColor": "#c62828",
        "strokeWidth": "2.4",
        "dashed": "1",
    }
    assert style["product"] == {**middle, "fillColor": "#ffffff", "strokeColor": "#222222", "strokeWidth": "1.2"}
    sync = {
        key: style["sync"][key]
        for key in (
            "edgeStyle",
            "strokeColor",
            "strokeWidth",
            "dashed",
            "endArrow",
            "endFill",
            "startArrow",
            "startFill",
            "fontFamily",
        )
    }
    assert sync == {
        "edgeStyle": "none",
        "strokeColor": "#333333",
        "strokeWidth": "1.4",
        "dashed": "1",
        "endArrow": "block",
        "endFill": "1",
        "startArrow": "block",
        "startFill": "1",
        "fontFamily": "Noto Sans CJK JP",
    }


# -- the command --------------------------------------------------------------------------


def test_cli_writes_pptx_and_drawio(tmp_path):
    from typer.testing import CliRunner

    from prep.cli import app

    model = ROOT / "examples" / "restaurant.prep"
    runner = CliRunner()
    out = tmp_path / "r.pptx"
    result = runner.invoke(app, ["render", str(model), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert read_pptx(out.read_bytes()).slides
    result = runner.invoke(app, ["render", str(model), "-f", "drawio", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert read_drawio(result.stdout_bytes).findall("diagram")


# -- prep kpi / prep diff -----------------------------------------------------------------


def _cli(args):
    from typer.testing import CliRunner

    from prep.cli import app

    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result


def test_kpi_pptx_asis_beside_tobe(tmp_path):
    from prep.kpi.tree import derive_all

    asis, tobe = ROOT / "examples" / "apparel" / "asis.prep", ROOT / "examples" / "apparel" / "tobe.prep"
    out = tmp_path / "kpi.pptx"
    _cli(["kpi", str(asis), "--tobe", str(tobe), "-o", str(out)])
    data = out.read_bytes()
    deck = read_pptx(data)
    trees = derive_all(graphs_in(tobe))
    assert len(deck.slides) == len(trees)
    width = deck.slide_width
    for slide, tree in zip(deck.slides, trees):
        shapes = {sp.name: sp for sp in slide.shapes}
        assert "side: asis" in shapes and "side: tobe" in shapes
        assert shapes["side: asis"].left < shapes["side: tobe"].left
        assert "サービス提供前" in shapes["side: asis"].text_frame.text
        goal = shapes["goal: " + tree.root.label].text_frame.text
        tobe_left = shapes[f"frame: {tree.process} [tobe]"].left
        for node in tree.nodes():
            kind = node.kind
            if "kgi" in node.marks:  # a KGI is a line in the goal's box
                assert f"KGI: {node.label}" in goal
                continue
            found = [sp for name, sp in shapes.items() if name == f"{kind}: {node.label}"]
            assert found, (kind, node.label)
            right = [sp for sp in found if sp.left >= tobe_left]
            assert right, node.label  # on the ToBe side
            if kind == "kpi" and "service" in node.marks:
                from pptx.oxml.ns import qn

                ln = right[0]._element.spPr.find(qn("a:ln"))
                assert ln.find(qn("a:solidFill"))[0].get("val") == "C62828"  # red
        for sp in slide.shapes:
            if hasattr(sp, "begin_x"):
                continue
            assert 0 <= sp.left and sp.left + sp.width <= width, sp.name
            assert 0 <= sp.top and sp.top + sp.height <= deck.slide_height, sp.name
    _cli(["kpi", str(asis), "--tobe", str(tobe), "-o", str(tmp_path / "again.pptx")])
    assert (tmp_path / "again.pptx").read_bytes() == data


def test_kpi_pptx_issues_and_lines_glued(tmp_path):
    from pptx.oxml.ns import qn

    model = ROOT / "examples" / "manufacturing.prep"
    out = tmp_path / "kpi.pptx"
    _cli(["kpi", str(model), "-f", "pptx", "-o", str(out)])
    slide = read_pptx(out.read_bytes()).slides[0]
    names = [sp.name for sp in slide.shapes]
    assert "issue: 段取りがベテランの勘に頼っている" in names
    assert "final: 出荷" in names and "kpi: 出荷リードタイム" in names
    goal = next(sp for sp in slide.shapes if sp.name.startswith("goal: "))
    assert "KGI: 納期遵守率" in goal.text_frame.text  # KGIs inside the goal
    # straight lines are connectors glued to both shapes; a line that must go round
    # other shapes is a freeform along the picture's curve
    lines = [sp for sp in slide.shapes if sp.name.startswith(("line: ", "note link: "))]
    glued = [sp for sp in lines if sp._element.tag == qn("p:cxnSp")]
    assert glued and all(
        sp._element.find(".//" + qn("a:stCxn")) is not None and sp._element.find(".//" + qn("a:endCxn")) is not None
        for sp in glued
    )
    assert all(sp._element.find(".//" + qn("a:custGeom")) is not None for sp in lines if sp not in glued)


def test_kpi_pptx_reference_is_one_shape_with_two_lines():
    """Trees whose children may be references (prep kpi's trees): a node reached
    twice is drawn once, with a line from each parent."""
    from dataclasses import dataclass, field

    from prep.kpi.pptx import to_pptx as kpi_pptx

    @dataclass
    class Node:
        id: str
        label: str
        kind: str
        marks: list = field(default_factory=list)
        children: list = field(default_factory=list)

    @dataclass
    class Ref:
        node: Node

    @dataclass
    class Tree:
        process: str
        stage: str
        root: Node
        pair: object = None

    shared = Node("product:共有", "共有", "milestone", ["new"])
    a = Node("product:A", "A", "final", children=[shared])
    b = Node("product:B", "B", "final", children=[Ref(shared)])
    kpi = Node("kpi:率", "率<&>", "kpi", ["service"])
    root = Node("goal", "目標", "goal", children=[a, b, kpi])
    before = Tree("P", "asis", Node("goal", "目標", "goal", children=[Node("product:A", "A", "final")]))
    after = Tree("P", "tobe", root, pair=before)
    before.pair = after
    deck = read_pptx(kpi_pptx([before, after]))
    assert len(deck.slides) == 1
    names = [sp.name for sp in deck.slides[0].shapes]
    assert names.count("milestone: 共有") == 1
    assert names.count("line: A -> 共有") == 1 and names.count("line: B -> 共有") == 1
    assert "kpi: 率<&>" in names
    shared = next(sp for sp in deck.slides[0].shapes if sp.name == "milestone: 共有")
    assert "＋ 新規" in shared.text_frame.text  # new: a ＋ line


# -- links between processes naming each other (docs/notation.md) ----------------------------

APPAREL = ROOT / "examples" / "apparel" / "asis.prep"
WEEKLY, DAILY = "週次販売計画", "日々の店舗運営"


def _links_on(slide):
    return [sp for sp in slide.shapes if sp.name.startswith("link: ")]


def test_pptx_links_processes_naming_each_other():
    from pptx.oxml.ns import qn

    deck = read_pptx(to_pptx(layout(graphs_in(APPAREL))))
    found = shapes_by_name(deck)
    first = {name: min(n for n, _ in found[f"process: {name}"]) for name in (WEEKLY, DAILY)}
    last = {name: max(n for n, _ in found[f"process: {name}"]) for name in (WEEKLY, DAILY)}
    for here, other in ((WEEKLY, DAILY), (DAILY, WEEKLY)):
        slide = deck.slides[last[here] - 1]
        ids = {sp.shape_id: sp for sp in slide.shapes}
        (link,) = _links_on(slide)
        assert link.name == f"link: {WEEKLY} - {DAILY}"  # as the SVG's <title>
        begin = link._element.find(".//" + qn("a:stCxn"))
        end = link._element.find(".//" + qn("a:endCxn"))
        assert ids[int(begin.get("id"))].name == f"process: {here}"
        assert begin.get("idx") == "3"  # the frame's right side
        stand_in = ids[int(end.get("id"))]
        assert (stand_in.name, end.get("idx")) == (f"linked process: {other}", "1")
        assert stand_in.text_frame.text == f"↔ {other} ({first[other]})"
        assert stand_in.click_action.target_slide == deck.slides[first[other] - 1]
        ln = link._element.spPr.find(qn("a:ln"))
        assert ln.find(qn("a:prstDash")).get("val") == "dash"
        assert ln.find(qn("a:solidFill"))[0].get("val") == "777777"  # grey
        assert ln.find(qn("a:headEnd")) is None and ln.find(qn("a:tailEnd")) is None
        frame = ids[int(begin.get("id"))]
        assert link.begin_x == frame.left + frame.width  # drawn where it is glued
        assert stand_in.left > frame.left + frame.width
        assert stand_in.left + stand_in.width <= deck.slide_width


def test_pptx_draws_no_link_for_one_process():
    deck = read_pptx(to_pptx(layout(graphs_in(HERE / "models" / "figure4.prep"))))
    assert not any(sp.name.startswith(("link: ", "linked process: ")) for slide in deck.slides for sp in slide.shapes)
    graphs = [pg for pg in graphs_in(APPAREL) if pg.name == DAILY]  # --process
    deck = read_pptx(to_pptx(layout(graphs)))
    assert not any(_links_on(slide) for slide in deck.slides)


def test_pptx_link_of_a_split_process_is_on_its_last_slide():
    text = (
        wide_model(60)
        + """
process 受注 {
  goal 受注件数
  external 業務0
  actor 営業 {
    final 受注(品目)
  }
  業務0 -> 受注 -> 業務0
}
"""
    )
    deck = read_pptx(to_pptx(layout(graphs_from(text))))
    found = shapes_by_name(deck)
    slides = sorted(n for n, _ in found["process: 業務0"])
    (last_of_wide,) = [n for n, _ in found["link: 業務0 - 受注"] if n in slides]
    assert len(slides) > 1 and last_of_wide == slides[-1]
    (stand_in,) = [sp for n, sp in found["linked process: 受注"]]
    target = deck.slides.index(stand_in.click_action.target_slide) + 1
    assert target == slides[-1] + 1 and found["process: 受注"][0][0] == target
    (back,) = [sp for n, sp in found["linked process: 業務0"]]
    assert back.text_frame.text == "↔ 業務0 (1)"
    assert deck.slides.index(back.click_action.target_slide) == 0


def test_drawio_links_processes_naming_each_other():
    root = read_drawio(to_drawio(layout(graphs_in(APPAREL))))
    pages = root.findall("diagram")
    assert [page.get("id") for page in pages] == ["p1", "p2"]
    for number, (page, other) in enumerate(zip(pages, (DAILY, WEEKLY)), 1):
        objects = page.find("mxGraphModel/root").findall("UserObject")
        by_id = {o.get("id"): o for o in objects}
        (link,) = [o for o in objects if o.get("prep_kind") == "link"]
        assert link.get("prep_title") == f"{WEEKLY} - {DAILY}"
        cell = link.find("mxCell")
        assert cell.get("edge") == "1"
        frame, stand_in = by_id[cell.get("source")], by_id[cell.get("target")]
        assert frame.get("prep_kind") == "process" and frame.get("id") == f"p{number}"
        assert (stand_in.get("prep_kind"), stand_in.get("prep_title")) == ("linked process", other)
        assert plain(stand_in.get("label")) == f"↔ {other} ({3 - number})"
        assert stand_in.get("link") == f"data:page/id,p{3 - number}"
        style = drawio_style(cell.get("style"))
        assert (style["dashed"], style["strokeColor"], style["endArrow"], style["startArrow"]) == (
            "1",
            "#777777",
            "none",
            "none",
        )
        assert (style["exitX"], style["exitY"], style["entryX"]) == ("1", "0.5", "0")
        frame_geo = frame.find("mxCell/mxGeometry")
        stand_geo = stand_in.find("mxCell/mxGeometry")
        assert float(stand_geo.get("x")) > float(frame_geo.get("x")) + float(frame_geo.get("width"))


def test_drawio_draws_no_link_for_one_process():
    root = read_drawio(to_drawio(layout(graphs_in(HERE / "models" / "figure4.prep"))))
    assert len(root.findall("diagram")) == 1
    objects = list(root.iter("UserObject"))
    assert [o for o in objects if o.get("prep_kind") in ("link", "linked process")] == []
    assert [o.get("link") for o in objects if o.get("link") is not None] == []
