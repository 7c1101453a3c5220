"""The Sphinx extension (prep/sphinx.py, docs/docs-sites.md): a small project built
with sphinx-build, in parallel; findings as warnings that -W turns into a failure;
a changed model file reads its page again."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.serve.serving import SMALL

ROOT = Path(__file__).resolve().parents[2]
INDEX = """Store
=====

.. prep::

   process P {
     goal G
     external X
     actor A {
       final F
     }
     X -> F -> X
   }

.. prep:: models/small.prep

.. prep:: models/small.prep
   :view: kpi

.. prep:: /models/asis.prep
   :tobe: models/tobe.prep
   :view: diff
   :legend: false
"""
BAD = (
    "Bad\n===\n\n.. prep::\n\n   process P {\n     goal G\n     X -> Y\n   }\n\n"
    ".. prep:: models/small.prep\n   :view: sideways\n"
)


def project(folder: Path, index: str = INDEX) -> Path:
    (folder / "models").mkdir()
    (folder / "conf.py").write_text(
        'project = "Demo"\nextensions = ["prep.sphinx"]\nexclude_patterns = ["_build"]\n', encoding="utf-8"
    )
    (folder / "index.rst").write_text(index, encoding="utf-8")
    (folder / "models" / "small.prep").write_text(SMALL, encoding="utf-8")
    for name in ("asis.prep", "tobe.prep"):
        shutil.copy(ROOT / "examples" / "apparel" / name, folder / "models" / name)
    return folder


def build(folder: Path, *options: str) -> subprocess.CompletedProcess:
    # -N: no colours (Sphinx colours its warnings when CI=true, as in CI)
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-N", *options, "-b", "html", ".", "_build/html"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )


def titles(svg: str) -> list[str]:
    return re.findall(r'<g id="[^"]*" class="node product[^"]*">\n<title>([^<]*)</title>', svg)


def test_the_directive_draws_inline_models_files_kpi_trees_and_diffs(tmp_path):
    folder = project(tmp_path)
    done = build(folder, "-j", "2")
    assert done.returncode == 0, done.stderr
    page = (folder / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    drawings = re.findall(r'<div class="prep prep-(\w+)"><svg (.*?)</svg></div>', page, re.S)
    assert [view for view, _ in drawings] == ["drawing", "drawing", "kpi", "diff"]
    assert titles(drawings[0][1]) == ["F"]
    assert sorted(titles(drawings[1][1])) == ["受注票", "見積"]
    assert "凡例" not in drawings[3][1] and "Legend" not in drawings[3][1]
    # the theme underlines links: the drawings' tooltip <a> elements opt out
    assert '<a xlink:title="受注率">' not in page
    assert '<a style="text-decoration:none;border:0" xlink:title="受注率">' in page


def test_findings_are_warnings_and_w_fails(tmp_path):
    folder = project(tmp_path, BAD)
    done = build(folder)
    assert done.returncode == 1
    warnings = [line for line in done.stderr.splitlines() if "WARNING" in line]
    assert warnings[:3] == [
        "index.rst:6:4: WARNING: error PREP201 process `P` has no final product [prep]",
        "index.rst:8:6: WARNING: error PREP101 `X` is not defined in process `P` [prep]",
        "index.rst:8:11: WARNING: error PREP101 `Y` is not defined in process `P` [prep]",
    ]
    assert re.search(
        r'index.rst:11: ERROR: Error in "prep" directive:\ninvalid option '
        r'value: \(option: "view"; value: \'sideways\'\)',
        done.stderr,
    )


def test_a_changed_model_reads_its_page_again(tmp_path):
    folder = project(tmp_path)
    assert build(folder).returncode == 0
    (folder / "models" / "small.prep").write_text(SMALL.replace("見積", "見積書"), "utf-8")
    assert build(folder).returncode == 0
    assert "見積書" in (folder / "_build" / "html" / "index.html").read_text(encoding="utf-8")
