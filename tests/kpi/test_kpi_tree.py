"""Deriving KPI trees (LANGUAGE.md §6)."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

from prep.graph import build_document
from prep.kpi.compare import compare
from prep.kpi.tree import derive, derive_all
from prep.parser import parse_file, parse_text

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"


def snapshot(data: dict, name: str) -> None:
    """`data` must equal tests/kpi/snapshots/NAME exactly (PREP_UPDATE_SNAPSHOTS=1
    rewrites it)."""
    path = HERE / "snapshots" / name
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("PREP_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def graphs_of(text: str):
    """The process graphs of a model given as text (not checked)."""
    parsed = parse_text(textwrap.dedent(text), "model.prep")
    assert parsed.ok, parsed.diagnostics
    return build_document(parsed.document)[0]


def trees_of(name: str, max_nodes: int = 5000):
    parsed = parse_file(FIXTURES / name, name)
    graphs, _ = build_document(parsed.document)
    return derive_all(graphs, max_nodes)


def shape(node) -> list:
    """(label, kind, marks, children) as nested lists, for compact assertions."""
    return [node.label, node.kind, node.marks, [shape(c) for c in node.children]]


def labels(node) -> list[str]:
    return [c.label for c in node.children]


def test_manufacturing_snapshot():
    trees = trees_of("manufacturing.prep")
    snapshot({"version": 1, "trees": [t.to_json() for t in trees]}, "manufacturing.json")


def test_manufacturing_structure():
    root = trees_of("manufacturing.prep")[0].root
    assert (root.label, root.kind) == ("品質基準をみたす納期遵守率100%", "goal")
    assert labels(root) == ["出荷"]
    shipped = root.children[0]
    # KPIs first, then what feeds the product in source order; 生産計画 reaches 出荷
    # twice (through 製品 and directly along the parameter relation).
    assert labels(shipped) == ["納期遵守率", "製品<検査済>", "生産計画"]
    product = shipped.children[1]
    assert product.marks == ["issue:検査基準が人によって違う"]
    # 調達計画 (plain, unmeasured) is passed through: 調達部品 -> 生産計画 directly.
    assert labels(product) == ["検査合格率", "調達部品<検収済>", "現場ノウハウ"]
    assert labels(product.children[1]) == ["生産計画"]
    knowhow = product.children[2]
    assert knowhow.marks == ["intervention"]
    # The sync relation is cut: 製品 does not reappear under 現場ノウハウ.
    assert knowhow.children == []
    # `kpi 部品欠品率 for 調達部品 under 納期遵守率` hangs under the KPI.
    assert shape(shipped.children[0]) == [
        "納期遵守率", "kpi", ["kgi"],
        [["部品欠品率", "kpi", ["supplemented", "for:調達部品<検収済>"], []]]]


def test_apparel_asis_snapshot():
    trees = trees_of("apparel_asis.prep")
    snapshot({"version": 1, "trees": [t.to_json() for t in trees]}, "apparel_asis.json")


def test_apparel_tobe_against_asis_snapshot():
    trees, warnings = compare(trees_of("apparel_asis.prep"), trees_of("apparel_tobe.prep"))
    assert warnings == []
    snapshot({"version": 1, "trees": [t.to_json() for t in trees]}, "apparel_tobe.json")
    tree = trees[0]
    assert tree.stage == "tobe"
    assert tree.removed == ["POSレジ", "肌感覚"]
    marked = {n.label: n.marks for n in tree.root.walk()}
    assert marked["購買率"] == ["service", "new"]
    assert marked["示唆の実行率"] == ["supplemented", "service", "new"]
    assert marked["CSMの示唆"] == ["new"]
    assert marked["日次売上"] == []


def test_asis_intervention_and_issue_on_intangible():
    tree = trees_of("apparel_asis.prep")[0]
    gut = [n for n in tree.root.walk() if n.label == "肌感覚"]
    # under 日々の販売目標, and (through 接客指示, passed through) under the final
    assert len(gut) == 2
    expected = ["intervention", "issue:スタッフに何を伝えればよいか曖昧"]
    assert all(n.marks == expected for n in gut)


def test_no_goal_root_is_process():
    (pg,) = graphs_of("""
        process 受注 {
          external 顧客
          actor 営業 { final 見積 }
          見積 -> 顧客
          kpi 回答時間
        }
    """)
    root = derive(pg).root
    assert shape(root) == ["受注", "process", [], [
        ["見積", "final", [], []],
        ["回答時間", "kpi", [], []]]]


def test_no_final_product():
    (pg,) = graphs_of("""
        process 企画 {
          goal 売上
          actor 企画部 { product 案  milestone 決裁 }
          案 -> 決裁
          kpi 決裁件数 for 決裁
        }
    """)
    # Nothing reaches the root through a final product; the KPI of a product that
    # is not in the tree hangs under the root.
    assert shape(derive(pg).root) == ["売上", "goal", [], [
        ["決裁件数", "kpi", ["for:決裁"], []]]]


def test_product_reached_by_two_paths():
    (pg,) = graphs_of("""
        process P {
          goal G
          external X
          actor A {
            milestone 共通
            milestone 左
            milestone 右
            final 結果
          }
          共通 -> 左 -> 結果
          共通 -> 右 -> 結果
          結果 -> X
        }
    """)
    root = derive(pg).root
    final = root.children[0]
    assert labels(final) == ["左", "右"]
    assert labels(final.children[0]) == ["共通"]
    assert labels(final.children[1]) == ["共通"]


def test_sync_cycle_is_cut():
    (pg,) = graphs_of("""
        process P {
          goal G
          external X
          actor A {
            intangible 勘
            milestone 案
            milestone 計画
            final 結果
          }
          勘 <-> 案
          案 <-> 計画
          計画 <-> 勘
          計画 -> 結果 -> X
        }
    """)
    final = derive(pg).root.children[0]
    assert shape(final) == ["結果", "final", [], [
        ["計画", "milestone", [], [
            ["案", "milestone", [], [["勘", "intangible", ["intervention"], []]]],
            ["勘", "intangible", ["intervention"], [["案", "milestone", [], []]]]]]]]


def test_cycle_through_passed_through_products_ends():
    (pg,) = graphs_of("""
        process P {
          goal G
          external X
          actor A {
            product a
            product b
            milestone m
            final f
          }
          X -> a
          a <-> b
          b -> m
          m -> f -> X
        }
    """)
    final = derive(pg).root.children[0]
    assert shape(final) == ["f", "final", [], [["m", "milestone", [], [["X", "external", [], []]]]]]


def test_empty_process():
    (pg,) = graphs_of("process 空 {}")
    tree = derive(pg)
    assert tree.to_json() == {"process": "空", "stage": "asis", "root": {
        "label": "空", "kind": "process", "marks": [], "children": []}}


def test_kpi_under_cycle_falls_back_to_root():
    (pg,) = graphs_of("""
        process P {
          goal G
          kpi A under B
          kpi B under A
        }
    """)
    root = derive(pg).root
    assert shape(root) == ["G", "goal", [], [["A", "kpi", [], [["B", "kpi", [], []]]]]]


def test_dense_model_is_referenced_past_the_limit():
    # A lattice of milestones: every layer feeds every node of the next one, so the
    # number of paths grows exponentially with the depth.
    layers, width = 9, 3
    lines = ["process 密 {", "  goal G", "  external X", "  actor A {"]
    names = [[f"m{i}_{j}" for j in range(width)] for i in range(layers)]
    lines += [f"    milestone {n}" for layer in names for n in layer]
    lines += ["    final F", "  }"]
    for upper, lower in zip(names, names[1:]):
        lines.append("  " + ", ".join(lower) + " -> " + ", ".join(upper))
    lines.append("  " + ", ".join(names[0]) + " -> F -> X")
    lines.append("}")
    (pg,) = graphs_of("\n".join(lines))
    tree = derive(pg, max_nodes=200)
    nodes = list(tree.root.walk())
    assert tree.truncated
    assert tree.to_json()["truncated"] is True and "ref" in tree.to_json()["note"]
    assert len(nodes) < 200 + layers * width * (width + 1)
    refs = [n for n in nodes if "ref" in n.marks]
    assert refs and all(n.children == [] for n in refs)
    # Without the limit the same model gives root + F + 3 + 9 + 27 + ... nodes.
    full = derive(pg, max_nodes=10 ** 9)
    assert not full.truncated
    assert sum(1 for _ in full.root.walk()) == 2 + sum(width ** k for k in range(1, layers + 1))


def test_deterministic():
    a = [t.to_json() for t in trees_of("apparel_tobe.prep")]
    b = [t.to_json() for t in trees_of("apparel_tobe.prep")]
    assert a == b
