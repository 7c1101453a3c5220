"""`prep diff`: the semantic difference of two models (docs/kpi.md, "prep diff")."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

from typer.testing import CliRunner

from conftest import HOSTILE_NAMES, labels
from prep.cli import app
from prep.diff.changes import diff
from prep.graph import build_document
from prep.parser import parse_text

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "kpi" / "fixtures"
EMPTY = {"products": [], "externals": [], "actors": [], "relations": [], "kpis": [], "touches": []}


def graphs(text: str):
    parsed = parse_text(textwrap.dedent(text), "m.prep")
    assert parsed.ok, parsed.diagnostics
    return build_document(parsed.document)[0]


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def snapshot(data: dict, name: str) -> None:
    path = HERE / "snapshots" / name
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("PREP_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


BASE = """
process P [stage=asis] {
  goal G
  external X
  external Y
  actor A { product a(p, q)  milestone m  final f }
  actor B [role=customer] { intangible k }
  X -> a -> m -> f -> Y
  k <-> m
  kpi K for f
  kpi L under K
}
"""


def test_apparel_pair_snapshot():
    result = run("diff", FIXTURES / "apparel_asis.prep", FIXTURES / "apparel_tobe.prep", "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    snapshot(data, "apparel.json")
    assert set(data) == {"version", "added", "removed", "changed"}
    assert data["added"]["touches"] == ["CSMの示唆 -> 接客指示 [touch=low]", "CSMの示唆 -> 日々の販売目標 [touch=high]"]
    assert "接客指示 <-> 肌感覚" in data["removed"]["relations"]


def test_order_and_formatting_are_no_difference():
    reordered = """
    # the same model, written in another order and layout
    process P [stage=asis] {
      kpi L under K
      actor B [role=customer] {
        intangible k
      }
      actor A {
        final f
        milestone m
        product a(p, q)
      }
      m <-> k
      f -> Y
      m -> f
      X -> a
      a -> m
      kpi K for f
      external Y
      external X
      goal G
    }
    """
    result = diff(graphs(BASE), graphs(reordered))
    assert result.empty
    assert result.to_json() == {"version": 1, "added": EMPTY, "removed": EMPTY, "changed": EMPTY}


def test_changed_kind_params_state_attrs_actor():
    after = (
        BASE.replace("product a(p, q)  milestone m", "milestone a(p, r)  milestone m<済>")
        .replace("a -> m -> f", "a -> m<済> -> f")
        .replace("k <-> m", "k <-> m<済>")
        .replace("external Y", 'external Y [doc="顧客"]')
        .replace("actor B [role=customer] { intangible k }", "actor B [role=vendor] { intangible k }")
        .replace("kpi K for f", "kpi K for f [kgi]")
    )
    data = diff(graphs(BASE), graphs(after)).to_json()
    assert data["changed"]["products"] == [
        {"name": "a", "changes": {"kind": ["product", "milestone"], "params": [["p", "q"], ["p", "r"]]}},
        {"name": "m<済>", "changes": {"state": [None, "済"]}},
    ]
    assert data["added"]["products"] == [] and data["removed"]["products"] == []
    assert data["changed"]["externals"] == [{"name": "Y", "changes": {"attrs": {"doc": [None, "顧客"]}}}]
    assert data["changed"]["actors"] == [{"name": "B", "changes": {"role": ["customer", "vendor"]}}]
    assert data["changed"]["kpis"] == [{"name": "K", "changes": {"attrs": {"kgi": [None, True]}}}]
    assert data["added"]["relations"] == ["a -> m<済>", "k <-> m<済>", "m<済> -> f"]
    assert data["removed"]["relations"] == ["a -> m", "k <-> m", "m -> f"]


def test_product_moved_to_another_actor_and_kpi_moved():
    after = (
        BASE.replace("final f }", "}")
        .replace("intangible k }", "intangible k  final f }")
        .replace("kpi L under K", "kpi L for m")
    )
    data = diff(graphs(BASE), graphs(after)).to_json()
    assert data["changed"]["products"] == [{"name": "f", "changes": {"actor": ["A", "B"]}}]
    assert data["changed"]["kpis"] == [{"name": "L", "changes": {"for": [None, "m"], "under": ["K", None]}}]


def test_touches_added_removed_changed():
    before = BASE.replace("X -> a -> m", "X -> a\n  a -> m [touch=low]\n  m").replace("k <-> m", "k <-> m [touch=high]")
    after = BASE.replace("X -> a -> m", "X -> a\n  a -> m [touch=tech]\n  m").replace(
        "m -> f -> Y", "m -> f [touch=high]\n  f -> Y"
    )
    data = diff(graphs(before), graphs(after)).to_json()
    assert data["added"]["touches"] == ["m -> f [touch=high]"]
    assert data["removed"]["touches"] == ["k <-> m [touch=high]"]
    assert data["changed"]["touches"] == [{"name": "a -> m", "changes": {"touch": ["low", "tech"]}}]
    # the relations themselves are the same: touch is reported under touches only
    assert data["changed"]["relations"] == [] and data["added"]["relations"] == []


def test_parameter_relations_are_named_with_parameters():
    after = BASE.replace("kpi K for f", "a.p -> f\n  kpi K for f")
    data = diff(graphs(BASE), graphs(after)).to_json()
    assert data["added"]["relations"] == ["a.p -> f"]


def test_processes_matched_by_name_and_prefixed():
    before = BASE + "process Q { goal H }\n"
    after = BASE.replace("external X\n", "external X\n  external Z\n") + "process R { goal H }\n"
    result = diff(graphs(before), graphs(after))
    assert result.missing == ["Q"] and result.extra == ["R"]
    assert result.to_json()["added"]["externals"] == ["P :: Z"]


def test_single_processes_match_whatever_their_names():
    result = diff(graphs(BASE), graphs(BASE.replace("process P", "process 別名")))
    assert result.empty and not result.missing and not result.extra


def test_text_output_and_exit_code():
    args = ["diff", FIXTURES / "apparel_asis.prep", FIXTURES / "apparel_tobe.prep"]
    result = run(*args)
    assert result.exit_code == 0
    assert "products\n  + CSMの示唆\n  + 実績データ\n  - 肌感覚\n" in result.stdout
    assert "  + CSMの示唆 -> 日々の販売目標 [touch=high]" in result.stdout
    assert run(*args, "--exit-code").exit_code == 1
    same = run("diff", FIXTURES / "apparel_asis.prep", FIXTURES / "apparel_asis.prep", "--exit-code")
    assert same.exit_code == 0 and "no differences" in same.stdout


def test_changed_text_line(tmp_path):
    (tmp_path / "a.prep").write_text(BASE, encoding="utf-8")
    (tmp_path / "b.prep").write_text(BASE.replace("product a(p, q)", "milestone a(p, q)"), encoding="utf-8")
    result = run("diff", tmp_path / "a.prep", tmp_path / "b.prep")
    assert result.stdout == "products\n  ~ a: kind product → milestone\n"


def test_picture_is_the_union_in_render_notation(tmp_path):
    result = run("diff", FIXTURES / "apparel_asis.prep", FIXTURES / "apparel_tobe.prep", "-f", "dot")
    assert result.exit_code == 0
    dot = result.stdout
    from prep.render import diff_look as M

    # Added: ＋ badge in the added colour (not the touch green); the touch line keeps green.
    assert "＋ 追加" in dot and M.ADDED in dot and M.ADDED != "#2e7d32"
    # Removed: ghosted where it was, in the lane of 店長 (not in a corner note).
    lane = dot[dot.index("<B>店長</B>") :]
    assert "肌感覚" in lane[: lane.index("subgraph")] if "subgraph" in lane else "肌感覚" in lane
    assert "－ 削除" in dot and M.GHOST in dot
    assert "removed since" not in dot and "changes since" not in dot
    # The legend explains the marks, in the model's language.
    assert "凡例" in dot and dot.count("legend") > 10
    english = run(
        "diff", FIXTURES / "apparel_asis.prep", FIXTURES / "apparel_tobe.prep", "-f", "dot", "--lang", "en"
    ).stdout
    assert "＋ added" in english and "Legend" in english
    for suffix in ("svg", "png", "pdf", "mmd"):
        out = tmp_path / f"diff.{suffix}"
        assert run("diff", FIXTURES / "apparel_asis.prep", FIXTURES / "apparel_tobe.prep", "-o", out).exit_code == 0
    assert "<svg" in (tmp_path / "diff.svg").read_text(encoding="utf-8")
    assert (tmp_path / "diff.mmd").read_text(encoding="utf-8").startswith("flowchart LR")


def test_picture_shows_changes_with_old_values(tmp_path):
    (tmp_path / "a.prep").write_text(BASE, encoding="utf-8")
    changed = (
        BASE.replace("product a(p, q)", "milestone a(p, q)")
        .replace("kpi L under K", "kpi L under K [service]")
        .replace("k <-> m", "k <-> m [touch=high]")
        .replace("stage=asis", "stage=tobe")
    )
    (tmp_path / "b.prep").write_text(changed, encoding="utf-8")
    dot = run("diff", tmp_path / "a.prep", tmp_path / "b.prep", "-f", "dot", "--force").stdout
    # the old values in the drawing's words, never attribute syntax (docs/kpi.md): the
    # product's kind, the KPI's service mark, a touch level where there was none
    assert [texts for texts in labels(dot) if any(t.startswith("～") for t in texts)] == [
        ["a", "(p, q)", "～ changed: was Intermediate product"],
        ["KPI: L [service]", "～ changed: was not service"],
        ["high touch", "～ changed: was not CSM touch"],
        ["～ changed"],
    ]  # the legend
    assert "service=" not in dot and "touch:" not in dot and "kind:" not in dot
    mermaid = run("diff", tmp_path / "a.prep", tmp_path / "b.prep", "-f", "mermaid", "--force").stdout
    assert [line.strip() for line in mermaid.splitlines() if "changed" in line] == [
        'n1{{"#65374; changed (was Intermediate product) #183; a (p, q)"}}:::changed',
        'n4 <-.->|"#65374; changed (was not CSM touch) high touch"| n2',
        'n8["#65374; changed (was not service) #183; KPI: L [service]"]:::changed',
        "classDef changed stroke:#b26a00,stroke-width:3px",
    ]


def test_swapped_stages_warn():
    asis, tobe = FIXTURES / "apparel_asis.prep", FIXTURES / "apparel_tobe.prep"
    result = run("diff", tobe, asis)
    assert result.stderr == (
        f"prep: warning: {tobe} says stage=tobe and {asis} says "
        "stage=asis: the models look swapped; give the AsIs model first "
        f"(prep diff {asis} {tobe})\n"
    )
    assert run("diff", asis, tobe).stderr == ""


def test_names_show_as_written_in_every_diff_format(tmp_path):
    # as they stand between quotes: `\G` and the like kept as written, `"` escaped
    names = [n.replace('"', '\\"') for n in HOSTILE_NAMES]
    plain = [n.replace("\\\\", "\\").replace('\\"', '"') for n in names]
    quoted = ['"' + n + '"' for n in names]
    (tmp_path / "a.prep").write_text(
        "process P {\n goal G\n external X\n actor A { final F }\n F -> X\n}\n", encoding="utf-8"
    )
    (tmp_path / "b.prep").write_text(
        "process P {\n goal G\n external X\n actor A {\n"
        + "".join(f"  milestone {q}\n" for q in quoted)
        + "  final F\n }\n "
        + " -> ".join(quoted)
        + " -> F -> X\n}\n",
        encoding="utf-8",
    )
    args = (tmp_path / "a.prep", tmp_path / "b.prep")
    text = run("diff", *args).stdout
    data = json.loads(run("diff", *args, "-f", "json").stdout)
    svg = tmp_path / "d.svg"
    assert run("diff", *args, "-o", svg).exit_code == 0
    raw = svg.read_text(encoding="utf-8")
    assert "<script" not in raw
    from xml.etree import ElementTree

    drawn = " ".join(
        "".join(e.itertext()) for e in ElementTree.fromstring(raw).iter("{http://www.w3.org/2000/svg}text")
    )
    mermaid = run("diff", *args, "-f", "mermaid").stdout
    assert "<script>" not in mermaid
    # a long chain is drawn with narrower lines, so a name may take two text lines
    # (docs/notation.md, "Long chains and the projector"): compared without spaces
    joined = drawn.replace(" ", "")
    for name in plain:
        assert f"+ {name}\n" in text
        assert name in data["added"]["products"]
        assert name.replace(" ", "") in joined, name


def test_errors_and_bad_paths(tmp_path):
    bad = tmp_path / "bad.prep"
    bad.write_text("process P {\n  goal G\n  actor A { final F }\n  F -> 無い\n}\n", encoding="utf-8")
    result = run("diff", bad, FIXTURES / "apparel_tobe.prep")
    assert result.exit_code == 1 and "PREP101" in result.stderr
    missing = run("diff", tmp_path / "nope.prep", FIXTURES / "apparel_tobe.prep")
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    suffix = run("diff", FIXTURES / "apparel_asis.prep", FIXTURES / "apparel_tobe.prep", "-o", tmp_path / "d.xyz")
    assert suffix.exit_code == 2 and "cannot tell the format" in suffix.stderr


def test_help_has_example():
    lines = [line.strip(" │") for line in run("diff", "--help").stdout.splitlines()]
    assert lines.count("Example: prep diff asis.prep tobe.prep -f json") == 1


def test_old_values_are_worded_in_the_drawings_language():
    """The ～ badge's old value: words of the drawing's language, never `key=value`."""
    from prep.notation import WORDS, was

    old = (
        ("kind", "product"),
        ("attr:touch", "low"),
        ("params", ("a", "b")),
        ("attr:service", None),
        ("actor", "営業"),
    )
    assert was(old, WORDS["ja"]) == (
        "以前は 中間成果物; 以前は ロータッチ; 以前のパラメータ: (a, b); 以前はサービスなし; 以前のアクター: 営業"
    )
    assert was(old, WORDS["en"]) == (
        "was Intermediate product; was low touch; earlier parameters (a, b); was not service; earlier actor 営業"
    )
