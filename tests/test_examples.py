"""The bundled examples: clean, pictures current, KPI trees derivable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
MODELS = sorted(EXAMPLES.rglob("*.prep"))
IDS = [m.relative_to(EXAMPLES).as_posix() for m in MODELS]


def prep(*args, cwd=ROOT):
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "prep", *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def _stub(command: str) -> bool:
    """True while `prep COMMAND` is still the placeholder that says it is not available."""
    from prep.cli import app
    import typer.main

    found = typer.main.get_command(app).commands.get(command)
    return found is None or "Not available yet" in (found.help or "")


def _script():
    return load_script(EXAMPLES / "render_all.py")


def test_the_expected_examples_exist():
    assert {
        "manufacturing.prep",
        "restaurant.prep",
        "apparel/asis.prep",
        "apparel/tobe.prep",
        "incident/service_desk.prep",
        "incident/operations.prep",
    } <= set(IDS)


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_each_example_checks_clean(model):
    proc = prep("check", "--no-config", model)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_all_examples_check_clean_together_with_json():
    proc = prep("check", "--no-config", "-f", "json", "examples/")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert report["summary"]["errors"] == report["summary"]["warnings"] == 0
    # infos are the intervention points (PREP401), which the examples show on purpose
    assert {d["code"] for d in report["diagnostics"]} <= {"PREP401"}


def test_incident_files_refer_to_each_other():
    """Checked together the interface agrees; without the receiver's `external`, PREP220."""
    from prep.checks.runner import check_text

    desk = (EXAMPLES / "incident" / "service_desk.prep").read_text(encoding="utf-8")
    ops = (EXAMPLES / "incident" / "operations.prep").read_text(encoding="utf-8")
    assert "external Operations" in desk and "external ServiceDesk" in ops
    assert prep("check", "--no-config", "examples/incident/").returncode == 0
    broken = (
        ops.replace("external ServiceDesk", "external Helpdesk")
        .replace("ServiceDesk -> Diagnosis", "Helpdesk -> Diagnosis")
        .replace("Resolution -> ServiceDesk", "Resolution -> Helpdesk")
    )
    others = {"operations.prep": broken}
    found = check_text(desk, path="service_desk.prep", others=others)
    assert [(d.code, d.span.line, d.message) for d in found if d.code != "PREP401"] == [
        ("PREP220", 28, "`Escalation` goes to process `Operations`, which declares no `external ServiceDesk`")
    ]


def test_apparel_pair_has_the_same_processes():
    from prep.parser import parse_file

    asis = parse_file(EXAMPLES / "apparel" / "asis.prep").document
    tobe = parse_file(EXAMPLES / "apparel" / "tobe.prep").document
    assert [p.name for p in asis.processes] == [p.name for p in tobe.processes]
    assert {p.stage for p in asis.processes} == {"asis"}
    assert {p.stage for p in tobe.processes} == {"tobe"}
    roles = {a.role for p in tobe.processes for a in p.actors}
    assert {"csm", "service"} <= roles


def test_pictures_are_current(tmp_path):
    if _stub("render"):
        pytest.skip("`prep render` is still a stub; the pictures cannot be made yet")
    script = _script()
    assert script.render(tmp_path) == 0
    expected = {script.picture_name(m) for m in MODELS}
    committed = {p.name for p in (EXAMPLES / "img").glob("*.svg")}
    assert expected <= committed, "missing pictures: run `python examples/render_all.py`"
    stale = [
        name for name in sorted(expected) if (tmp_path / name).read_bytes() != (EXAMPLES / "img" / name).read_bytes()
    ]
    assert not stale, f"stale pictures {stale}: run `python examples/render_all.py`"


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_kpi_tree_of_each_example(model):
    if _stub("kpi"):
        pytest.skip("`prep kpi` is still a stub")
    proc = prep("kpi", model, "-f", "json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["version"] == 2
    from prep.parser import parse_file

    names = [p.name for p in parse_file(model).document.processes]
    assert [t["process"] for t in report["trees"]] == names
    for tree in report["trees"]:
        assert tree["root"]["kind"] == "goal"
        assert tree["root"]["children"], tree["process"]


def test_apparel_tobe_kpi_tree_marks_service_kpis():
    if _stub("kpi"):
        pytest.skip("`prep kpi` is still a stub")
    proc = prep("kpi", "examples/apparel/asis.prep", "--tobe", "examples/apparel/tobe.prep", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)

    def marks(node):
        yield from node.get("marks", [])
        for child in node.get("children", []):
            yield from marks(child)

    found = {m for tree in report["trees"] for m in marks(tree["root"])}
    assert {"service", "new"} <= found
    tobe = [tree for tree in report["trees"] if tree["stage"] == "tobe"]
    assert tobe and all("removed" in tree and "added" in tree for tree in tobe)


def test_apparel_diff():
    if _stub("diff"):
        pytest.skip("`prep diff` is still a stub")
    proc = prep("diff", "examples/apparel/asis.prep", "examples/apparel/tobe.prep", "-f", "json")
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    daily, weekly = "日々の店舗運営 :: ", "週次販売計画 :: "
    assert report["added"]["products"] == [
        daily + "CSMの示唆",
        daily + "実績データ",
        daily + "施策マニュアル",
        weekly + "CSMの示唆",
        weekly + "実績データ",
    ]
    assert report["removed"] == {
        "products": [daily + "肌感覚", weekly + "肌感覚"],
        "externals": [daily + "POSレジ"],
        "actors": [],
        "relations": [
            daily + "POSレジ -> 前日の販売実績",
            daily + "商品の陳列 <-> 肌感覚",
            daily + "接客指示 <-> 肌感覚",
            weekly + "店舗週次計画 <-> 肌感覚",
        ],
        "kpis": [],
        "touches": [],
    }
