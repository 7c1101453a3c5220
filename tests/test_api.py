"""The public API (prep/api.py, docs/api.md), shown through IPython's display
formatter as a notebook shows it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import prep

ROOT = Path(__file__).resolve().parents[1]
GOOD = "process P {\n  goal G\n  external X\n  actor A {\n    final F\n  }\n  X -> F -> X\n}\n"
MORE = (
    "process P {\n  goal G\n  external X\n  actor A {\n    final F\n    final H\n  }\n  X -> F -> X\n  X -> H -> X\n}\n"
)
BAD = "process P {\n  goal G\n  X -> <b>Y</b>\n}\n"


@pytest.fixture(scope="module")
def formatter():
    from IPython.core.interactiveshell import InteractiveShell

    return InteractiveShell.instance().display_formatter


def test_a_model_shows_its_drawing_in_a_notebook(formatter):
    data, _ = formatter.format(prep.load(ROOT / "examples" / "restaurant.prep"))
    assert data["text/plain"] == "<prep.Model " + str(ROOT / "examples" / "restaurant.prep") + ": 1 process, 1 info>"
    page = data["text/html"]
    assert page.startswith('<div class="prep"><ul class="prep-findings"><li class="prep-info">')
    assert "PREP401" in page and "</ul><svg " in page and 'class="node product final"' in page
    assert "<?xml" not in page and "DOCTYPE" not in page
    assert data["image/svg+xml"].count('class="node product') >= 5


def test_a_model_with_errors_shows_its_findings_escaped_and_no_drawing(formatter):
    model = prep.load(BAD, name="bad.prep")
    data, _ = formatter.format(model)
    assert data["text/plain"] == "<prep.Model bad.prep: 0 processes, 1 error>"
    page = data["text/html"]
    assert "<svg" not in page and "<b>" not in page and "&lt;b&gt;" in page
    assert "image/svg+xml" not in data
    assert model.findings_text() == ("bad.prep:3:8: error PREP001 expected a product name after `->`, found `<b>`\n")
    with pytest.raises(prep.PrepError, match=r"^bad.prep has 1 error; nothing drawn"):
        model.svg()


def test_findings_are_those_of_prep_check():
    model = prep.load(ROOT / "examples" / "restaurant.prep", name="restaurant.prep")
    assert model.findings_text() == (
        "restaurant.prep:29:16: info PREP401 intangible `Palate` is synced with `Plate<served>`: tacit, personal work\n"
    )
    assert model.processes == ["DailyOperations"]


def test_kpi_trees_as_text_json_and_picture(formatter):
    kpi = prep.load(GOOD).kpi()
    assert str(kpi) == "P  (asis)\nG  goal\n└── F  final\n"
    assert kpi.to_json()["trees"][0]["process"] == "P"
    data, _ = formatter.format(kpi)
    assert data["image/svg+xml"].startswith("<?xml")


def test_diff_of_two_models(formatter):
    change = prep.load(GOOD).diff(MORE)
    assert not change.empty and repr(change) == "<prep.Diff: changed>"
    assert str(change) == "products\n  + H\nrelations\n  + H -> X\n  + X -> H\n"
    assert prep.load(GOOD).diff(prep.load(GOOD)).empty
    data, _ = formatter.format(change)
    assert "H" in data["image/svg+xml"]


def test_load_tells_a_missing_file_from_text(tmp_path):
    with pytest.raises(FileNotFoundError, match="no model file"):
        prep.load(str(tmp_path / "nope.prep"))
    with pytest.raises(TypeError):
        prep.load(42)


def test_the_cli_pictures_are_the_api_pictures(tmp_path):
    (tmp_path / "a.prep").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.prep").write_text(MORE, encoding="utf-8")
    cli = [sys.executable, "-m", "prep"]
    kpi = subprocess.run(cli + ["kpi", "a.prep", "-f", "dot"], cwd=tmp_path, capture_output=True, check=True).stdout
    assert kpi == prep.load(tmp_path / "a.prep").kpi().render("dot")
    diff = subprocess.run(
        cli + ["diff", "a.prep", "b.prep", "-f", "dot"], cwd=tmp_path, capture_output=True, check=True
    ).stdout
    assert diff == prep.load(tmp_path / "a.prep").diff(tmp_path / "b.prep").render("dot")


def test_import_prep_does_not_load_the_api():
    code = "import sys, prep; assert 'prep.api' not in sys.modules; prep.load; assert 'prep.api' in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_examples_of_docs_api_md_run(monkeypatch):
    import re

    monkeypatch.chdir(ROOT)
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```$", page, re.S | re.M)
    assert len(blocks) == 4
    scope: dict = {}
    for code in blocks:
        exec(compile(code, "docs/api.md", "exec"), scope)
    assert scope["model"].processes == ["Orders"] and not scope["model"].findings
    assert scope["change"].empty is False
    assert scope["kpi"].render("png").startswith(b"\x89PNG")
