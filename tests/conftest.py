"""Shared test helpers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# The public conformance cases live beside the repository, not in it: a fresh clone
# has none, and the tests that need them skip (in CI, where they are present, a skip
# fails the run: see pytest_sessionfinish).
CASES_DIR = SHARED / "conformance" / "cases"
needs_conformance = pytest.mark.skipif(
    not CASES_DIR.is_dir(), reason="the conformance cases are absent (a clone alone)"
)

# The folders of models a tool must survive: the conformance cases (broken, binary, odd
# and large models) and the examples.
every_model_folder = pytest.mark.parametrize(
    "folder",
    [
        pytest.param(CASES_DIR, marks=needs_conformance, id="conformance"),
        pytest.param(ROOT / "examples", id="examples"),
    ],
)

# Names that break careless escaping: Graphviz's escapes (\G \N \L \E \T \H), markup,
# quotes, braces and `&` (the KPI and diff tests write them into a model as quoted names).
HOSTILE_NAMES = [
    "a\\Gb",
    "c\\Nd",
    "e\\Lf",
    "g\\Eh",
    "i\\Tj",
    "k\\Hl",
    "<script>x</script>",
    'say "hi"',
    "{brace}",
    "R&D",
]

# prep run as an unprivileged user (uid 65534) by tests that run as root and give
# files away to other users.
NOBODY = 65534
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give files away")


def as_nobody(args, cwd):
    """`prep args` in `cwd` as uid 65534, with HOME there and no colour."""
    prefix = ["setpriv", "--reuid", str(NOBODY), "--regid", str(NOBODY), "--clear-groups"]
    prep = [sys.executable, "-c", "from prep.cli import main; main()"]
    return subprocess.run(
        [*prefix, *prep, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(cwd), "NO_COLOR": "1"},
    )


def run_prep(args, cwd: Path, stdin: str | None = None, env: dict | None = None):
    """`python -m prep args` in `cwd` as a user would run it: no colour, no PATH (so no Graphviz)."""
    return subprocess.run(
        [sys.executable, "-m", "prep", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env={"NO_COLOR": "1", "PATH": "", **(env or {})},
    )


def assert_unreadable(model: Path, text: str, command, findings: list[str], what: str) -> None:
    """`command(model)`, a CLI run, answers `model` written with `text` as a model it cannot
    read: exit 1, `findings` its lines naming a rule (after `model:`), and a last line saying
    `what` was not made."""
    model.write_text(text, encoding="utf-8")
    result = command(model)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [line for line in lines if " PREP" in line] == [f"{model}:{line}" for line in findings]
    assert lines[-1] == f"prep: error: {model} cannot be read as a model; {what}"


def check(text: str, select=None, extend_select=(), ignore=(), others=None, path="model.prep"):
    """Findings for a model given as (dedented) text."""
    from prep.checks.runner import check_text

    return check_text(
        textwrap.dedent(text), path=path, select=select, extend_select=extend_select, ignore=ignore, others=others
    )


def codes(diagnostics) -> list[tuple[str, int]]:
    """(code, line) pairs, sorted."""
    return sorted((d.code, d.span.line) for d in diagnostics)


def graphs_from(text: str, name: str = "m.prep"):
    """The process graphs of a model given as (dedented) text, which must parse."""
    from prep.graph import build_document
    from prep.parser import parse_text

    parsed = parse_text(textwrap.dedent(text), name)
    assert parsed.ok, parsed.diagnostics
    return build_document(parsed.document)[0]


def graphs_in(path: Path):
    """The process graphs of a model file, which must parse."""
    from prep.graph import build_document
    from prep.parser import parse_file

    parsed = parse_file(path, path.name)
    assert parsed.ok, parsed.diagnostics
    return build_document(parsed.document)[0]


def two_stages(folder: Path, asis: str, tobe: str) -> tuple[Path, Path]:
    """asis.prep and tobe.prep in `folder`: process P at each stage, with the body
    given for each (the same text but for what changed)."""
    paths = (folder / "asis.prep", folder / "tobe.prep")
    for path, stage, body in zip(paths, ("asis", "tobe"), (asis, tobe), strict=True):
        path.write_text(f"process P [stage={stage}] {{\n{body}}}\n", encoding="utf-8")
    return paths


def load_script(path: Path):
    """The Python file `path` (a script, not a module of prep) loaded as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- dot sources (prep render -f dot): statements' attributes and labels' texts
_HEAD = re.compile(r"\s*(?:\w+(?: -> \w+)? \[)?")  # `n1 [`, `n1 -> n2 [`, `graph [`
_KEY = re.compile(r"(\w+)=")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_BARE = re.compile(r"[^\s\]]+")


def attributes(text: str) -> dict[str, str]:
    """The attributes `key=value …` of a dot statement (within its `[…]` if it has them):
    quoted values unquoted, an HTML-like label `<…>` as its markup."""
    found, at = {}, _HEAD.match(text).end()
    while (key := _KEY.search(text, at)) is not None:
        at = key.end()
        if text[at] == "<":
            depth, start = 0, at
            while True:
                depth += {"<": 1, ">": -1}.get(text[at], 0)
                at += 1
                if depth == 0:
                    break
            found[key.group(1)] = text[start + 1 : at - 1]
        else:
            value = (_QUOTED if text[at] == '"' else _BARE).match(text, at)
            found[key.group(1)] = re.sub(r"\\(.)", r"\1", value.group(1) if value.re is _QUOTED else value.group(0))
            at = value.end()
    return found


def cells(label: str) -> list[str]:
    """The text of each innermost cell of an HTML-like label (the label's whole text
    when it has no table)."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(f"<L>{label}</L>")
    tds = [td for td in root.iter("TD") if td.find(".//TD") is None]
    return ["".join(td.itertext()) for td in tds] or ["".join(root.itertext())]


def labels(source: str) -> list[list[str]]:
    """The texts (`cells`) of every label of a dot source, in order."""
    found = (attributes(line) for line in source.splitlines())
    return [cells(attrs["label"]) for attrs in found if "label" in attrs]


def same_as_snapshot(data: bytes, snapshot: Path) -> None:
    """`data` must equal the snapshot file byte for byte. PREP_UPDATE_SNAPSHOTS=1 writes
    it instead; a missing snapshot fails (it is never written silently)."""
    import os

    if os.environ.get("PREP_UPDATE_SNAPSHOTS") == "1":
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_bytes(data)
    assert snapshot.exists(), f"no snapshot {snapshot.name}; write it with PREP_UPDATE_SNAPSHOTS=1"
    assert data == snapshot.read_bytes(), f"{snapshot.name} changed; rerun with PREP_UPDATE_SNAPSHOTS=1 if intended"


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Tests read prep's messages in English unless they choose Japanese (PREP_LANG=ja
    or prep.i18n.set_language("ja")), whatever the locale of the machine running them."""
    from prep import i18n

    monkeypatch.setenv("PREP_LANG", "en")
    i18n.set_language(None)
    yield
    i18n.set_language(None)


@pytest.fixture
def run_check():
    return check


def pytest_sessionfinish(session, exitstatus):
    """In CI (CI=true) a skipped test is a failure: CI must have every dependency."""
    import os

    if os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; every dependency must be installed in CI", red=True)
        session.exitstatus = 1
