"""`prep kpi` on the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prep.cli import app

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_json_matches_snapshot():
    result = run("kpi", FIXTURES / "manufacturing.prep", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads((SNAPSHOTS / "manufacturing.json").read_text())


def test_tobe_json_has_removed_and_new():
    result = run("kpi", FIXTURES / "apparel_asis.prep", "--tobe", FIXTURES / "apparel_tobe.prep",
                 "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data == json.loads((SNAPSHOTS / "apparel_tobe.json").read_text())
    assert data["trees"][0]["removed"] == ["POSレジ", "肌感覚"]


def test_text_is_a_tree_with_tags():
    result = run("kpi", FIXTURES / "manufacturing.prep")
    assert result.exit_code == 0
    assert "└── 出荷  final" in result.stdout
    assert "現場ノウハウ  intangible [intervention]" in result.stdout
    assert "[issue: 検査基準が人によって違う]" in result.stdout
    assert "\x1b[" not in result.stdout


def test_output_file_from_suffix(tmp_path):
    out = tmp_path / "tree.json"
    result = run("kpi", FIXTURES / "manufacturing.prep", "-o", out)
    assert result.exit_code == 0
    assert json.loads(out.read_text())["trees"][0]["process"] == "製造"


def test_dot_escapes_names_and_uses_cjk_font(tmp_path):
    model = tmp_path / "m.prep"
    model.write_text('process "P<b>&\\"" {\n  goal "<i>G</i> \\" ]; x"\n}\n', encoding="utf-8")
    result = run("kpi", model, "-f", "dot", "--force")
    assert result.exit_code == 0, result.output
    assert "&lt;i&gt;G&lt;/i&gt;" in result.stdout
    assert "<i>" not in result.stdout
    assert 'fontname="Noto Sans CJK JP"' in result.stdout


def test_mermaid_escapes():
    result = run("kpi", FIXTURES / "manufacturing.prep", "-f", "mermaid")
    assert result.exit_code == 0
    assert result.stdout.startswith("flowchart LR")
    assert "製品#60;検査済#62;" in result.stdout


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
def test_png_and_svg(tmp_path):
    png = tmp_path / "tree.png"
    assert run("kpi", FIXTURES / "apparel_asis.prep", "--tobe", FIXTURES / "apparel_tobe.prep",
               "-o", png).exit_code == 0
    assert png.read_bytes().startswith(b"\x89PNG")
    svg = tmp_path / "tree.svg"
    assert run("kpi", FIXTURES / "manufacturing.prep", "-o", svg).exit_code == 0
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "出荷" in text


def test_model_with_errors_exits_1(tmp_path):
    model = tmp_path / "bad.prep"
    model.write_text("process P {\n  goal G\n  actor A { final F }\n  F -> 無い\n}\n",
                     encoding="utf-8")
    result = run("kpi", model)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{model}:4:8: PREP101 error: `無い` is not defined in process `P`\n"
        "  |\n4 |   F -> 無い\n  |        ^^^^\n"
        "  hint: define it as a product in an actor, or as `external 無い`\n\n"
        "Found 1 error, 0 warnings, 0 infos in 1 file.\n"
        f"prep: error: {model} has 1 error; no KPI tree derived\n"
        "  hint: fix them, or go on anyway with --force\n")
    assert result.stdout == ""
    forced = run("kpi", model, "--force", "-f", "json")
    assert forced.exit_code == 0
    assert json.loads(forced.stdout)["trees"][0]["root"]["label"] == "G"


def test_syntax_error_exits_1_even_with_force(tmp_path):
    model = tmp_path / "bad.prep"
    model.write_text("process {", encoding="utf-8")
    result = run("kpi", model, "--force")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [line for line in lines if " PREP" in line] == [
        f"{model}:1:9: PREP001 error: expected a process name after `process`, found `{{`",
        f"{model}:1:10: PREP001 error: expected a name after `{{`, found the end of the file"]
    assert lines[-1] == f"prep: error: {model} cannot be read as a model; no KPI tree derived"


@pytest.mark.parametrize("args, message", [
    (["missing.prep"], "no such file: missing.prep"),
    (["{fixtures}", "-f", "json"], "{fixtures} is a folder; give one .prep file"),
    (["{model}", "-o", "tree.xyz"], "cannot tell the format from `tree.xyz`"),
    (["{model}", "--tobe", "missing.prep"], "no such file: missing.prep"),
    (["{model}", "--max-nodes", "0"], "invalid value for '--max-nodes': Input should be "
     "greater than or equal to 1 (see `prep kpi -h`)"),
])
def test_bad_input_exits_2(args, message):
    args = [a.format(fixtures=FIXTURES, model=FIXTURES / "manufacturing.prep") for a in args]
    result = run("kpi", *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "prep: error: " + message.format(fixtures=FIXTURES)


def test_processes_that_do_not_match_warn(tmp_path):
    other = tmp_path / "other.prep"
    other.write_text("process A { goal G }\nprocess B { goal H }\n", encoding="utf-8")
    result = run("kpi", FIXTURES / "manufacturing.prep", "--tobe", other, "-f", "json",
                 "--force")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-2:] == [
        "prep: warning: processes only in the AsIs file: `製造`",
        "prep: warning: processes only in the ToBe file (all their nodes are new): `A`, `B`"]
    trees = json.loads(result.stdout)["trees"]
    assert [t["process"] for t in trees] == ["A", "B"]
    assert trees[0]["root"]["marks"] == ["new"]


def test_large_tree_says_so():
    # The lattice of test_kpi_tree, small limit: a note in JSON and a warning.
    lines = ["process 密 {", "  goal G", "  external X", "  actor A {"]
    names = [[f"m{i}_{j}" for j in range(3)] for i in range(6)]
    lines += [f"    milestone {n}" for layer in names for n in layer] + ["    final F", "  }"]
    for upper, lower in zip(names, names[1:]):
        lines.append("  " + ", ".join(lower) + " -> " + ", ".join(upper))
    lines += ["  " + ", ".join(names[0]) + " -> F -> X", "}"]
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "dense.prep"
        model.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = run("kpi", model, "-f", "json", "--max-nodes", "50")
        text = run("kpi", model, "--max-nodes", "50")
    assert result.exit_code == 0
    tree = json.loads(result.stdout)["trees"][0]
    assert tree["truncated"] is True and tree["note"]
    assert "is large" in result.stderr
    assert "note:" in text.stdout and "[ref: shown in full above]" in text.stdout


def test_help_has_example():
    result = run("kpi", "--help")
    assert "Example: prep kpi" in result.stdout
