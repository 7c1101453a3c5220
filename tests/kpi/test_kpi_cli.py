"""`prep kpi` on the command line: snapshots of every example, formats, escaping."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from prep.cli import app
from conftest import HOSTILE_NAMES, assert_unreadable, same_as_snapshot, two_stages

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
MODELS = sorted(EXAMPLES.rglob("*.prep"))
ASIS, TOBE = EXAMPLES / "apparel" / "asis.prep", EXAMPLES / "apparel" / "tobe.prep"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def snapshot(text: str, name: str) -> None:
    """`text` must equal tests/kpi/snapshots/NAME (PREP_UPDATE_SNAPSHOTS=1 rewrites it)."""
    same_as_snapshot(text.encode("utf-8"), SNAPSHOTS / name)


def snapshot_name(model: Path, view: str) -> str:
    return "-".join(model.relative_to(EXAMPLES).with_suffix("").parts) + f".{view}.json"


def walk(node, parent=None):
    """(parent, node) pairs of a JSON tree, without recursion."""
    stack = [(parent, node)]
    while stack:
        above, item = stack.pop()
        yield above, item
        stack.extend((item, c) for c in reversed(item.get("children", [])))


def check_references(tree: dict) -> None:
    """Each id once; every reference names an id of the same tree."""
    ids = [n["id"] for _, n in walk(tree["root"]) if "id" in n]
    assert len(ids) == len(set(ids)), tree["process"]
    refs = [n["ref"] for _, n in walk(tree["root"]) if "ref" in n]
    assert set(refs) <= set(ids), tree["process"]


@pytest.mark.parametrize("view", ["kpi", "products"])
@pytest.mark.parametrize("model", MODELS, ids=[m.stem for m in MODELS])
def test_every_example_matches_its_snapshot(model, view):
    result = run("kpi", model, "--view", view, "-f", "json")
    assert result.exit_code == 0, result.stderr
    snapshot(result.stdout, snapshot_name(model, view))
    data = json.loads(result.stdout)
    assert data["version"] == 2
    for tree in data["trees"]:
        assert tree["view"] == view
        check_references(tree)


def test_apparel_pair_with_tobe_snapshot():
    result = run("kpi", ASIS, "--tobe", TOBE, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    snapshot(result.stdout, "apparel-asis-tobe.kpi.json")
    trees = json.loads(result.stdout)["trees"]
    assert [(t["process"], t["stage"]) for t in trees] == [
        ("週次販売計画", "asis"),
        ("週次販売計画", "tobe"),
        ("日々の店舗運営", "asis"),
        ("日々の店舗運営", "tobe"),
    ]
    for tree in trees:
        check_references(tree)
    labels = {}
    for tree in trees:
        for _, node in walk(tree["root"]):
            if "id" in node:
                labels.setdefault((tree["process"], tree["stage"], node["label"]), node["marks"])
    daily = "日々の店舗運営"
    # No false `new`: the AsIs model has 接客指示 and 商品の陳列.
    assert "new" not in labels[(daily, "tobe", "接客指示")]
    assert "new" not in labels[(daily, "tobe", "商品の陳列")]
    # The service's data is there, red (service) and new; gut feeling is gone.
    assert labels[(daily, "tobe", "実績データ")] == ["service", "new"]
    assert labels[(daily, "tobe", "施策実行率")] == ["service", "new"]
    assert labels[(daily, "asis", "肌感覚")] == ["intervention", "removed"]
    assert trees[3]["added"] == [
        "kpi:動線カバー率",
        "product:実績データ",
        "kpi:購買率",
        "product:CSMの示唆",
        "kpi:施策実行率",
        "product:施策マニュアル",
    ]
    # The CSM's contribution is in the ToBe tree (not red: it is not the service's data).
    assert labels[(daily, "tobe", "CSMの示唆")] == ["new"]
    assert trees[3]["removed"] == ["product:肌感覚"]
    assert "added" not in trees[2]


def test_products_view_shows_each_external_once():
    # The complaint: one external 13 times. Now every node once, refs after.
    result = run("kpi", TOBE, "--view", "products", "-f", "json")
    for tree in json.loads(result.stdout)["trees"]:
        full = [n["label"] for _, n in walk(tree["root"]) if "id" in n]
        assert len(full) == len(set(full))
        assert "実績データ" in full
    text = run("kpi", TOBE, "--view", "products").stdout
    assert text.count("気象情報  external") == 2  # once per process
    assert "気象情報 (*)" not in text or text.count("気象情報 (*)") >= 1


def test_text_is_a_tree_with_references():
    result = run("kpi", ASIS, "--tobe", TOBE)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("週次販売計画  (asis)\n店舗別の週次売上目標の達成  goal\n")
    assert "    └── 肌感覚  intangible [intervention] [removed]\n" in out
    assert "│   └── 実績データ (*)\n" in out
    assert ("added: 動線カバー率, 実績データ, 購買率, CSMの示唆, 施策実行率, 施策マニュアル\nremoved: 肌感覚\n") in out
    assert "\x1b[" not in out


def test_csv_one_row_per_kpi_with_bom():
    result = run("kpi", ASIS, "--tobe", TOBE, "-f", "csv")
    assert result.exit_code == 0
    raw = result.stdout_bytes
    assert raw.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["process", "stage", "kpi", "parent", "measures", "marks", "status"]
    assert ["日々の店舗運営", "tobe", "施策実行率", "接客指示", "接客指示", "service", "new"] in rows
    assert ["週次販売計画", "tobe", "施策の効果", "週次売上目標達成率", "", "service", "new"] in rows
    assert ["日々の店舗運営", "tobe", "日次売上", "日次販売実績", "日次販売実績", "", "kept"] in rows
    # KPIs in both models are one (ToBe) row; none disappeared here.
    assert sum(r[2] == "日次売上" for r in rows) == 1
    assert not [r for r in rows if r[6] == "removed"]
    plain = run("kpi", EXAMPLES / "manufacturing.prep", "-o", "-", "-f", "csv").stdout_bytes
    rows = list(csv.reader(io.StringIO(plain.decode("utf-8-sig"), newline="")))
    assert ["製造", "asis", "納期遵守率", "品質基準をみたす納期遵守率100%", "", "kgi", ""] in rows


def test_csv_lists_removed_kpis(tmp_path):
    body = " goal G\n external X\n actor A { final F }\n F -> X\n kpi K for F\n"
    a, b = two_stages(tmp_path, body.replace("K", "古い"), body.replace("K", "新しい"))
    out = tmp_path / "k.csv"
    assert run("kpi", a, "--tobe", b, "-o", out).exit_code == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1:] == [["P", "asis", "古い", "F", "F", "", "removed"], ["P", "tobe", "新しい", "F", "F", "", "new"]]


def test_swapped_stages_warn():
    result = run("kpi", TOBE, "--tobe", ASIS, "-f", "json")
    assert result.exit_code == 0
    assert "look swapped" in result.stderr
    assert "prep kpi" in result.stderr and str(ASIS) in result.stderr


def test_pictures_side_by_side_in_the_models_language(tmp_path):
    result = run("kpi", ASIS, "--tobe", TOBE, "-f", "dot")
    assert result.exit_code == 0
    dot = result.stdout
    assert dot.index("サービス提供前") < dot.index("サービス提供後")
    assert "＋ 新規" in dot and "－ 削除" in dot
    assert 'fontname="Noto Sans CJK JP"' in dot and "neato -n2" in dot  # positions pinned
    english = run("kpi", ASIS, "--tobe", TOBE, "-f", "dot", "--lang", "en").stdout
    assert "Before the service" in english and "After the service" in english
    for suffix in ("svg", "png", "pdf"):
        out = tmp_path / f"tree.{suffix}"
        assert run("kpi", ASIS, "--tobe", TOBE, "-o", out).exit_code == 0
    assert (tmp_path / "tree.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "tree.pdf").read_bytes().startswith(b"%PDF")
    svg = (tmp_path / "tree.svg").read_text(encoding="utf-8")
    assert "実績データ" in svg and "サービス提供後" in svg
    mermaid = run("kpi", ASIS, "--tobe", TOBE, "-f", "mermaid").stdout
    assert mermaid.startswith("flowchart TB")
    assert "サービス提供前" in mermaid


def test_shared_node_is_one_box_with_two_lines():
    dot = run("kpi", TOBE, "-f", "dot").stdout
    # 実績データ is drawn once per process, with a line from each of its four parents in
    # the daily tree (商品の陳列, 接客指示, スタッフのシフト調整, CSMの示唆).
    boxes = re.findall(r'\n  (t\d+n\d+) \[id="t\d+n\d+"[^\n]*tooltip="実績データ"', dot)
    assert len(boxes) == 2
    lines_in = re.findall(rf"-> {boxes[1]} \[id=\"t\d+e", dot)
    assert len(lines_in) == 4


DEEP = 10_000


def deep_model(tmp_path) -> Path:
    lines = ["process 深 {", "  goal G", "  external X", "  actor A {"]
    lines += [f"    milestone m{i}" for i in range(DEEP)] + ["    final F", "  }"]
    lines += [f"  m{i + 1} -> m{i}" for i in range(DEEP - 1)] + ["  m0 -> F -> X", f"  kpi K for m{DEEP - 1}", "}"]
    path = tmp_path / "deep.prep"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_deep_chain_in_every_format(tmp_path):
    model = deep_model(tmp_path)
    data = run("kpi", model, "-f", "json")
    assert data.exit_code == 0
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(4 * DEEP + 1000)  # the json module reads nesting recursively
    try:
        tree = json.loads(data.stdout)["trees"][0]
    finally:
        sys.setrecursionlimit(limit)
    assert sum(1 for _ in walk(tree["root"])) == DEEP + 3
    assert max(len(line) - len(line.lstrip()) for line in data.stdout.splitlines()) <= 60
    text = run("kpi", model).stdout
    assert "m9999  milestone" in text and "(continued below)" in text
    assert max(len(line) for line in text.splitlines()) < 200
    rows = list(csv.reader(io.StringIO(run("kpi", model, "-f", "csv").stdout.lstrip("\ufeff"))))
    assert rows[1][:5] == ["深", "asis", "K", "m9999", "m9999"]
    assert run("kpi", model, "--view", "products", "-f", "text").exit_code == 0
    assert "m9999" in run("kpi", model, "-f", "mermaid").stdout
    dot = run("kpi", model, "-f", "dot")
    assert dot.exit_code == 0 and "deeper levels" not in dot.stdout
    assert "これより深い階層は省略" in dot.stdout
    svg = tmp_path / "deep.svg"
    drawn = run("kpi", model, "-o", svg)
    assert drawn.exit_code == 0 and "pictures show the first 60 levels" in drawn.stderr


def hostile_model(tmp_path, stage: str = "asis", extra: str = "") -> Path:
    def q(name: str) -> str:
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'

    products = "\n".join(f"    milestone {q(n)}" for n in HOSTILE_NAMES)
    chain = " -> ".join(q(n) for n in HOSTILE_NAMES)
    kpis = "\n".join(f"  kpi {q('K ' + n)} for {q(n)}" for n in HOSTILE_NAMES)
    text = (
        f"process {q('P&<x>')} [stage={stage}] {{\n  goal {q('G <b>&')}\n  external X\n"
        f"  actor {q('A<i>')} {{\n{products}\n    final F\n{extra}  }}\n  {chain} -> F -> X\n"
        f"{kpis}\n}}\n"
    )
    path = tmp_path / f"hostile_{stage}.prep"
    path.write_text(text, encoding="utf-8")
    return path


def svg_text(svg: str) -> str:
    root = ElementTree.fromstring(svg)
    return " ".join("".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text"))


def svg_titles(svg: str) -> set[str]:
    root = ElementTree.fromstring(svg)
    return {
        "".join(t.itertext())
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if "kpi-node" in (g.get("class") or "").split()
        for t in g.findall("{http://www.w3.org/2000/svg}title")
    }


def test_names_show_as_written_in_every_format(tmp_path):
    asis = hostile_model(tmp_path)
    tobe = hostile_model(tmp_path, "tobe", '    product "new\\\\N<&>"\n')
    text = run("kpi", asis, "--tobe", tobe).stdout
    data = json.loads(run("kpi", asis, "--tobe", tobe, "-f", "json").stdout)
    rows = list(csv.reader(io.StringIO(run("kpi", asis, "-f", "csv").stdout.lstrip("\ufeff"))))
    labels = {n["label"] for t in data["trees"] for _, n in walk(t["root"]) if "label" in n}
    svg = tmp_path / "t.svg"
    assert run("kpi", asis, "--tobe", tobe, "-o", svg).exit_code == 0
    raw = svg.read_text(encoding="utf-8")
    assert "<script" not in raw
    drawn = svg_text(raw)
    titles = svg_titles(raw)
    dot = run("kpi", asis, "-f", "dot").stdout
    mermaid = run("kpi", asis, "-f", "mermaid").stdout
    assert "&lt;script&gt;" in dot and "<script>" not in mermaid
    for name in HOSTILE_NAMES:
        assert f"{name}  milestone" in text
        assert name in labels and f"K {name}" in labels
        assert [r for r in rows if r[2] == f"K {name}" and r[3] == name]
        assert name in titles, name  # each box titled as written
        assert name.replace(" ", "") in drawn.replace(" ", ""), name  # (names may wrap)
    assert "G <b>&" in drawn
    for name in ("script", "brace", "R"):
        assert name in mermaid


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.prep"], "no such file"),
        (["{fixtures}", "-f", "json"], "is a folder"),
        (["{model}", "-o", "tree.xyz"], "cannot tell the format"),
        (["{model}", "--tobe", "missing.prep"], "no such file"),
        (["{model}", "--view", "tasks"], "invalid value for '--view'"),
    ],
)
def test_bad_input_exits_2(args, message):
    args = [a.format(fixtures=FIXTURES, model=EXAMPLES / "manufacturing.prep") for a in args]
    result = run("kpi", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_model_with_errors_exits_1(tmp_path):
    model = tmp_path / "bad.prep"
    model.write_text("process P {\n  goal G\n  actor A { final F }\n  F -> 無い\n}\n", encoding="utf-8")
    result = run("kpi", model)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{model}:4:8: PREP101 error: `無い` is not defined in process `P`\n"
        "  |\n4 |   F -> 無い\n  |        ^^^^\n"
        "  hint: define it as a product in an actor, or as `external 無い`\n\n"
        "Found 1 error, 0 warnings, 0 infos in 1 file.\n"
        f"prep: error: {model} has 1 error; no KPI tree derived\n"
        "  hint: fix them, or go on anyway with --force\n"
    )
    assert result.stdout == ""
    forced = run("kpi", model, "--force", "-f", "json")
    assert forced.exit_code == 0
    assert json.loads(forced.stdout)["trees"][0]["root"]["label"] == "G"


def test_syntax_error_exits_1_even_with_force(tmp_path):
    findings = [
        "1:9: PREP001 error: expected a process name after `process`, found `{`",
        "1:10: PREP001 error: expected a name after `{`, found the end of the file",
    ]

    def kpi(model):
        return run("kpi", model, "--force")

    assert_unreadable(tmp_path / "bad.prep", "process {", kpi, findings, "no KPI tree derived")


def test_processes_that_do_not_match_warn(tmp_path):
    other = tmp_path / "other.prep"
    other.write_text("process A { goal G }\nprocess B { goal H }\n", encoding="utf-8")
    result = run("kpi", EXAMPLES / "manufacturing.prep", "--tobe", other, "-f", "json", "--force")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-2:] == [
        "prep: warning: processes only in the AsIs file: `製造`",
        "prep: warning: processes only in the ToBe file (all their nodes are new): `A`, `B`",
    ]
    trees = json.loads(result.stdout)["trees"]
    assert [(t["process"], t["stage"]) for t in trees] == [("A", "tobe"), ("B", "tobe"), ("製造", "asis")]
    assert trees[0]["root"]["marks"] == ["new"]
    assert "removed" in trees[2]["root"]["children"][0]["marks"]


def test_help_is_current():
    result = run("kpi", "--help")
    lines = [line.strip(" │") for line in result.stdout.splitlines()]
    assert lines.count("Example: prep kpi asis.prep --tobe tobe.prep -o kpi.svg") == 1
    assert re.findall(r"^│ (--[\w-]+)", result.stdout, re.M) == [
        "--tobe",
        "--view",
        "--externals",
        "--output",
        "--format",
        "--lang",
        "--no-legend",
        "--force",
        "--slide-font",
        "--timeout",
        "--help",
    ]
    rows = result.stdout.splitlines()
    at = next(n for n, row in enumerate(rows) if row.startswith("│ --format"))
    column = rows[at].index("<")  # the choices, wrapped on two rows
    assert (
        "".join(row[column:].split("  ")[0] for row in rows[at : at + 2])
        == "<text|json|csv|svg|png|pdf|dot|mermaid|pptx>"
    )


def test_csv_cells_are_never_formulas(tmp_path):
    model = tmp_path / "f.prep"
    model.write_text(
        "process P {\n goal G\n external X\n actor A { final \"=cmd|' /C calc'!A0\" }\n"
        ' "=cmd|\' /C calc\'!A0" -> X\n kpi "=HYPERLINK(\\"http://x\\")" for '
        '"=cmd|\' /C calc\'!A0"\n kpi "+1" for "=cmd|\' /C calc\'!A0"\n'
        ' kpi "@SUM(A1)" for "=cmd|\' /C calc\'!A0"\n'
        ' kpi "-2" for "=cmd|\' /C calc\'!A0"\n kpi "＝1" for "=cmd|\' /C calc\'!A0"\n'
        ' kpi "a=b" for "=cmd|\' /C calc\'!A0"\n}\n',
        encoding="utf-8",
    )
    result = run("kpi", model, "-f", "csv", "--force")
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"), newline="")))
    assert sorted(row[2] for row in rows[1:]) == ["'+1", "'-2", '\'=HYPERLINK("http://x")', "'@SUM(A1)", "'＝1", "a=b"]
    assert {row[3] for row in rows[1:]} == {"'=cmd|' /C calc'!A0"}


@pytest.mark.parametrize(
    "cell, shown", [("=1", "'=1"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("x=1", "x=1"), ("", ""), ("－1", "'－1")]
)
def test_spreadsheet_cell(cell, shown):
    from prep.kpi import spreadsheet_cell

    assert spreadsheet_cell(cell) == shown
