"""Deriving KPI trees (docs/kpi.md): the kpi view, the products view, references."""

from __future__ import annotations


from prep.kpi.compare import compare, stages_swapped
from prep.kpi.tree import Node, Ref, derive
from conftest import graphs_from


def shape(item) -> list:
    """(label, kind, marks, children) as nested lists; a reference is `ref:<id>`."""
    if isinstance(item, Ref):
        return f"ref:{item.id}"
    return [item.label, item.kind, item.marks, [shape(c) for c in item.children]]


def labels(node) -> list[str]:
    return [c.label if isinstance(c, Node) else f"ref:{c.id}" for c in node.children]


SIGNIFICANT = """
    process P {
      goal G
      external 外
      actor A {
        product 素材
        product 中間
        milestone 節目
        intangible 勘
        product 測る
        final 結果
      }
      actor S [role=service] { product データ }
      外 -> 素材 -> 中間 -> 節目 -> 結果 -> 外
      データ -> 中間
      勘 <-> 中間
      測る -> 結果
      kpi 率 for 測る
      kpi 総合 [kgi]
      kpi 下位 under 総合
    }
"""


def test_kpi_view_keeps_significant_products_only():
    (pg,) = graphs_from(SIGNIFICANT)
    root = derive(pg).root
    # The KGI first, then the final product; plain products are passed through.
    assert shape(root) == [
        "G",
        "goal",
        [],
        [
            ["総合", "kpi", ["kgi"], [["下位", "kpi", [], []]]],
            [
                "結果",
                "final",
                [],
                [
                    [
                        "節目",
                        "milestone",
                        [],
                        [
                            ["データ", "product", ["service"], []],
                            # 勘 is synced with 中間, which データ feeds: shown once, referenced
                            ["勘", "intangible", ["intervention"], ["ref:product:データ"]],
                        ],
                    ],
                    ["測る", "product", [], [["率", "kpi", [], []]]],
                ],
            ],
        ],
    ]


def test_externals_option_and_products_view():
    (pg,) = graphs_from(SIGNIFICANT)
    with_externals = derive(pg, externals=True).root
    final = with_externals.children[1]
    assert labels(final.children[0]) == ["外", "データ", "勘"]
    full = derive(pg, view="products")
    assert full.view == "products"
    assert [n.label for n in full.nodes()] == [
        "G",
        "総合",
        "下位",
        "結果",
        "節目",
        "中間",
        "素材",
        "外",
        "データ",
        "勘",
        "測る",
        "率",
    ]


def test_each_node_once_later_paths_are_references():
    (pg,) = graphs_from("""
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
    final = derive(pg).root.children[0]
    assert shape(final) == [
        "結果",
        "final",
        [],
        [["左", "milestone", [], [["共通", "milestone", [], []]]], ["右", "milestone", [], ["ref:product:共通"]]],
    ]


def test_node_shown_at_its_least_depth():
    # 接客 feeds the final directly and, through a sync, hangs under 勘 too: it is
    # shown in full directly under the final and referenced under 勘.
    (pg,) = graphs_from("""
        process P {
          goal G
          external X
          actor A {
            milestone 陳列
            intangible 勘
            milestone 接客
            final 実績
          }
          勘 <-> 陳列, 接客
          陳列, 接客 -> 実績 -> X
        }
    """)
    final = derive(pg).root.children[0]
    assert shape(final) == [
        "実績",
        "final",
        [],
        [
            ["陳列", "milestone", [], [["勘", "intangible", ["intervention"], ["ref:product:接客"]]]],
            ["接客", "milestone", [], ["ref:product:勘"]],
        ],
    ]


def test_sync_cycle_is_cut_on_its_own_path():
    (pg,) = graphs_from("""
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
    assert shape(final) == [
        "結果",
        "final",
        [],
        [
            [
                "計画",
                "milestone",
                [],
                [
                    ["案", "milestone", [], ["ref:product:勘"]],
                    ["勘", "intangible", ["intervention"], ["ref:product:案"]],
                ],
            ]
        ],
    ]


def test_external_is_a_leaf_and_not_a_way_back():
    # What the process sends out and gets back from an external does not make the
    # final product feed itself.
    (pg,) = graphs_from("""
        process P {
          goal G
          external 下流
          actor A { milestone 振り返り  final 計画 }
          計画 -> 下流 -> 振り返り -> 計画
        }
    """)
    assert shape(derive(pg).root) == ["G", "goal", [], [["計画", "final", [], [["振り返り", "milestone", [], []]]]]]
    full = derive(pg, view="products").root
    assert shape(full.children[0]) == [
        "計画",
        "final",
        [],
        [["振り返り", "milestone", [], [["下流", "external", [], []]]]],
    ]


def test_kpi_of_a_product_outside_the_tree_hangs_under_the_root():
    (pg,) = graphs_from("""
        process 企画 {
          goal 売上
          actor 企画部 { product 案  milestone 決裁 }
          案 -> 決裁
          kpi 決裁件数 for 決裁
        }
    """)
    assert shape(derive(pg).root) == ["売上", "goal", [], [["決裁件数", "kpi", ["for:決裁"], []]]]


def test_no_goal_root_is_process_and_ids():
    (pg,) = graphs_from("""
        process 受注 {
          external 顧客
          actor 営業 { final 見積 }
          見積 -> 顧客
          kpi 回答時間
          kpi 回答時間 [supplemented]
        }
    """)
    tree = derive(pg)
    assert [(n.id, n.kind) for n in tree.nodes()] == [
        ("process", "process"),
        ("product:見積", "final"),
        ("kpi:回答時間", "kpi"),
        ("kpi:回答時間#2", "kpi"),
    ]


def test_kpi_under_cycle_falls_back_to_root():
    (pg,) = graphs_from("""
        process P {
          goal G
          kpi A under B
          kpi B under A
        }
    """)
    assert shape(derive(pg).root) == ["G", "goal", [], [["A", "kpi", [], [["B", "kpi", [], []]]]]]


def test_empty_process_json():
    (pg,) = graphs_from("process 空 {}")
    assert derive(pg).to_json() == {
        "process": "空",
        "stage": "asis",
        "view": "kpi",
        "root": {"id": "process", "label": "空", "kind": "process", "marks": [], "children": []},
    }


def test_dense_lattice_stays_linear():
    # Every layer feeds every node of the next: exponentially many paths, each node once.
    layers, width = 12, 4
    lines = ["process 密 {", "  goal G", "  external X", "  actor A {"]
    names = [[f"m{i}_{j}" for j in range(width)] for i in range(layers)]
    lines += [f"    milestone {n}" for layer in names for n in layer] + ["    final F", "  }"]
    for upper, lower in zip(names, names[1:]):
        lines.append("  " + ", ".join(lower) + " -> " + ", ".join(upper))
    lines += ["  " + ", ".join(names[0]) + " -> F -> X", "}"]
    (pg,) = graphs_from("\n".join(lines))
    tree = derive(pg)
    assert len(tree.nodes()) == 2 + layers * width
    refs = [i for _, _, i in tree.walk() if isinstance(i, Ref)]
    assert len(refs) == (layers - 1) * width * (width - 1)


def test_deep_chain_without_recursion():
    n = 10_000
    lines = ["process 深 {", "  goal G", "  external X", "  actor A {"]
    lines += [f"    milestone m{i}" for i in range(n)] + ["    final F", "  }"]
    lines += [f"  m{i + 1} -> m{i}" for i in range(n - 1)] + ["  m0 -> F -> X", "}"]
    (pg,) = graphs_from("\n".join(lines))
    tree = derive(pg)
    assert tree.depth() == n + 1
    assert len(tree.nodes()) == n + 2
    data = tree.to_json()
    assert data["root"]["children"][0]["children"][0]["id"] == "product:m0"


def test_compare_marks_by_model_not_tree():
    (asis,) = graphs_from("""
        process P [stage=asis] {
          goal G
          external X
          actor A { product 陳列  intangible 勘  final 実績 }
          勘 <-> 陳列
          陳列 -> 実績 -> X
          kpi 売上 for 実績
        }
    """)
    (tobe,) = graphs_from("""
        process P [stage=tobe] {
          goal G
          external X
          actor A { product 陳列  final 実績 }
          actor S [role=service] { product データ }
          データ -> 陳列 -> 実績 -> X
          kpi 売上 for 実績
          kpi 動線 for 陳列 [service]
        }
    """)
    trees, warnings = compare([derive(asis)], [derive(tobe)])
    assert warnings == []
    before, after = trees
    assert (before.stage, after.stage) == ("asis", "tobe")
    marks = {n.label: n.marks for n in after.nodes()}
    assert marks["陳列"] == []  # in the AsIs model, though not its tree
    assert marks["データ"] == ["service", "new"]
    assert marks["動線"] == ["service", "new"]
    assert after.added == ["kpi:動線", "product:データ"]  # in tree order
    assert after.removed == ["product:勘"]
    assert {n.label: n.marks for n in before.nodes()}["勘"] == ["intervention", "removed"]
    assert stages_swapped([tobe], [asis]) and not stages_swapped([asis], [tobe])
