"""A user's install: the package builds and runs outside the clone; the README's
Quick start is what CI runs; the pre-commit hook and its documentation agree."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

from prep import __version__

ROOT = Path(__file__).resolve().parents[1]


def fenced_blocks(text: str) -> list[str]:
    return re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.S | re.M)


def test_version_is_one_everywhere():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["version"] == __version__
    ci = (ROOT / "docs" / "ci.md").read_text("utf-8")
    assert re.findall(r"rev: (\S+)", ci) == [f"v{__version__}"]
    readme = (ROOT / "README.md").read_text("utf-8")
    assert f"git+https://github.com/prep-models/prep@v{__version__}" in readme


def test_ci_runs_the_readme_quick_start_exactly():
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## Quick start") :]
    quick = next(b for b in fenced_blocks(section) if "apt-get" in b).strip().splitlines()
    script = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    commands = [line for line in script if line and not line.startswith(("#", "set ", "cd ", "export "))]
    assert commands == quick
    assert len(quick) == 2 and "sudo" not in quick[0].replace("echo sudo", "")


def test_the_quick_start_needs_no_sudo_as_root(tmp_path):
    readme = (ROOT / "README.md").read_text("utf-8")
    first = next(b for b in fenced_blocks(readme[readme.index("## Quick start") :]) if "apt-get" in b).splitlines()[0]
    prefix = first.split(" apt-get")[0]  # `SUDO=…; $SUDO`
    assert prefix.endswith("$SUDO")
    probe = prefix.replace("$SUDO", 'echo "[$SUDO]"')
    as_root = subprocess.run(["bash", "-c", probe], capture_output=True, text=True)
    expected = "[]" if os.geteuid() == 0 else "[sudo]"
    assert as_root.stdout.strip() == expected


def test_the_hook_runs_on_models_and_configuration():
    hook = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")
    files = re.search(r"^  files: (.+)$", hook, flags=re.M).group(1)
    for path in ("model.prep", "models/受注.prep", "prep.toml", "sub/prep.toml", "pyproject.toml"):
        assert re.search(files, path), path
    for path in ("README.md", "prep.toml.bak", "notprep.toml", "x.prepx"):
        assert not re.search(files, path), path
    assert "pass_filenames: false" in hook
    # docs/ci.md shows the hook as it is
    entry = hook[hook.index("- id: prep-check") :].strip()
    assert any(block.strip() == entry for block in fenced_blocks((ROOT / "docs" / "ci.md").read_text("utf-8")))


def test_wheel_and_sdist_build_and_run_outside_the_clone(tmp_path):
    dist = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    # the package data is declared: setuptools has nothing to warn about
    assert "Package would be ignored" not in built.stdout + built.stderr
    assert "is absent from the `packages` configuration" not in built.stdout + built.stderr
    wheel = dist / f"prep_models-{__version__}-py3-none-any.whl"
    sdist = dist / f"prep_models-{__version__}.tar.gz"
    names = zipfile.ZipFile(wheel).namelist()
    assert "prep/grammar/prep.lark" in names
    from prep.serve.app import SCRIPTS

    assert {"prep/serve/static/index.html", "prep/serve/static/style.css", "prep/locale/ja/LC_MESSAGES/prep.mo"} <= set(
        names
    )
    assert {f"prep/serve/static/{name}" for name in SCRIPTS} <= set(names)
    assert any(n.endswith("entry_points.txt") for n in names)
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    assert f"prep_models-{__version__}/grammar/prep.lark" in members
    assert f"prep_models-{__version__}/README.md" in members
    assert f"prep_models-{__version__}/LICENSE" in members  # the MIT text
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)

    # Install the wheel alone (its dependencies come from this environment) and run it
    # from elsewhere: the grammar must come from the package data, not the clone.
    target = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    model = tmp_path / "m.prep"
    model.write_text(
        "process P {\n  goal G\n  external X\n  actor A {\n    final F\n  }\n  X -> F -> X\n}\n", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(target), "XDG_CACHE_HOME": str(tmp_path / "c")}
    code = (
        "import sys, prep, prep.parser.grammar as g; "
        "from prep.cli import main; "
        "assert prep.__file__.startswith(sys.argv[1]), prep.__file__; "
        "assert 'BAD_ARROW' in g.grammar_text(); "
        "sys.argv = ['prep', 'check', sys.argv[2]]; main()"
    )
    ran = subprocess.run(
        [sys.executable, "-c", code, str(target), str(model)], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert "All checks passed" in ran.stdout
