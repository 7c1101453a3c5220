"""The GitHub Action (action.yml, docs/ci.md): its one script run locally, as GitHub
runs it on a pull request, against a git repository with two commits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "prep_action.py"
PREP = Path(sys.executable).parent / "prep"
BASE = "process P {\n  goal G\n  external X\n  actor A {\n    final F\n  }\n  X -> F -> X\n}\n"
HEAD = BASE.replace("    final F\n", "    final F\n    final H\n").replace(
    "  X -> F -> X\n", "  X -> F -> X\n  X -> H -> X\n"
)
ODD = "models/a `b` <b>c&d.prep"  # a file name with Markdown and HTML in it


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
        },
    ).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    repo = tmp_path / "repo"
    (repo / "models").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "models" / "store.prep").write_text(BASE, encoding="utf-8")
    (repo / "models" / "same.prep").write_text(BASE, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "models" / "store.prep").write_text(HEAD, encoding="utf-8")
    (repo / ODD).write_text(BASE.replace("P {", "Q {"), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "head")
    return repo


def action(repo: Path, tmp_path: Path, **more: str) -> tuple[subprocess.CompletedProcess, str, str]:
    summary, output = tmp_path / "summary.md", tmp_path / "output.txt"
    env = {
        **os.environ,
        "PREP": str(PREP),
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_BASE_REF": "main",
        "GITHUB_HEAD_REF": "feature",
        "GITHUB_REF": "refs/pull/7/merge",
        "GITHUB_WORKSPACE": str(repo),
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
        "INPUT_PATHS": "models",
        "INPUT_OUTPUT": str(tmp_path / "pictures"),
        **more,
    }
    done = subprocess.run([sys.executable, str(SCRIPT)], cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    return done, summary.read_text(encoding="utf-8"), output.read_text(encoding="utf-8")


def test_a_pull_request_gets_annotations_sarif_and_pictures_of_each_changed_model(repo, tmp_path):
    done, summary, output = action(repo, tmp_path)
    assert done.returncode == 0, done.stderr
    pictures = tmp_path / "pictures"
    assert output == f"sarif={pictures / 'prep.sarif'}\npictures={pictures}\nstatus=0\n"
    assert (pictures / "prep.sarif").read_text(encoding="utf-8").startswith("{")
    assert sorted(p.name for p in pictures.glob("*.svg")) == [
        "models_a_b_b_c_d.prep.svg",
        "models_store.prep.diff.svg",
        "models_store.prep.svg",
    ]
    assert 'class="node product' in (pictures / "models_store.prep.diff.svg").read_text("utf-8")
    lines = summary.splitlines()
    assert lines[:3] == ["## prep check passed", "", "3 files: 0 errors, 0 warnings, 0 infos"]
    assert "## Changed models (2)" in lines
    # the odd name is text: no code span, no tag survives
    assert r"### models/a \`b\` &lt;b&gt;c&amp;d\.prep" in lines
    assert "<b>" not in summary and "same" not in summary
    store = summary[summary.index("### models/store\\.prep") :]
    assert store.startswith(
        "### models/store\\.prep\n\n```text\nproducts\n  + H\nrelations\n  + H -> X\n  + X -> H\n```\n"
    )
    assert "<details><summary>What changed, drawn</summary>\n\n```mermaid\n" in store
    assert "New model." in summary


def test_findings_are_annotations_and_fail_the_step(repo, tmp_path):
    (repo / "models" / "store.prep").write_text(HEAD.replace("  X -> H -> X\n", ""), "utf-8")
    git(repo, "commit", "-q", "-am", "break")
    done, summary, output = action(repo, tmp_path)
    assert done.returncode == 1
    assert done.stdout.startswith("::warning file=models/store.prep,line=6,col=5,")
    assert summary.startswith("## prep check failed\n\n3 files: 0 errors, 1 warning, 0 infos\n")
    assert output.endswith("status=1\n")


def test_a_push_checks_without_pictures(repo, tmp_path):
    done, summary, _ = action(repo, tmp_path, GITHUB_BASE_REF="", GITHUB_EVENT_NAME="push")
    assert done.returncode == 0
    assert summary == "## prep check passed\n\n3 files: 0 errors, 0 warnings, 0 infos\n"


def test_the_action_runs_the_script_with_inputs_from_the_environment():
    steps = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["runs"]["steps"]
    runs = [s["run"] for s in steps if "run" in s]
    assert any("scripts/prep_action.py" in r for r in runs)
    assert not any("${{" in r for r in runs)  # inputs only through env: no injection
    assert [s.get("uses", "").split("@")[0] for s in steps if "uses" in s] == [
        "github/codeql-action/upload-sarif",
        "actions/upload-artifact",
    ]
