"""Every ```prep block in the documentation is a model that checks as the text says.

A block is clean with the default rules (no errors or warnings; infos such as the
PREP401 intervention points are allowed) unless the line before its fence is a
marker naming what it must produce, exactly (codes with repetition, any severity):

    <!-- expect: PREP101, PREP204 -->
    <!-- expect: PREP501; extend-select: PREP501 -->     (opt-in rules)
    <!-- expect: -->                                      (nothing at all, not even infos)

Fragments that are not whole models use a plain ``` fence. docs/rules.md is
generated from the rules and tested with them, so it is left out here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from prep.checks.runner import check_text

ROOT = Path(__file__).resolve().parents[1]
SKIP = {"docs/rules.md", "docs/ja/rules.md"}
FENCE = re.compile(r"^(\s*)```prep\s*$")
MARKER = re.compile(
    r"^\s*<!--\s*expect:(?P<codes>[^;]*?)(?:;\s*extend-select:(?P<ext>.*?))?"
    r"\s*-->\s*$"
)


def _documents() -> list[Path]:
    found = (
        sorted((ROOT / "docs").glob("*.md"))
        + sorted((ROOT / "docs" / "ja").glob("*.md"))
        + [ROOT / "README.md", ROOT / "examples" / "README.md"]
    )
    return [p for p in found if p.is_file() and p.relative_to(ROOT).as_posix() not in SKIP]


def _codes(text: str) -> list[str]:
    return sorted(c.strip().upper() for c in text.split(",") if c.strip())


def extract(text: str):
    """(line of the fence, model text, expected codes or None, extend-select)."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent = len(m.group(1))
        start = i
        body = []
        i += 1
        while i < len(lines) and lines[i].strip() != "```":
            body.append(lines[i][indent:] if lines[i][:indent].isspace() else lines[i])
            i += 1
        marker = MARKER.match(lines[start - 1]) if start > 0 else None
        expected = _codes(marker.group("codes")) if marker else None
        extend = tuple(_codes(marker.group("ext") or "")) if marker else ()
        yield start + 1, "\n".join(body) + "\n", expected, extend
        i += 1


SAMPLES = [(doc, *sample) for doc in _documents() for sample in extract(doc.read_text(encoding="utf-8"))]


def test_there_are_samples():
    docs = {doc.relative_to(ROOT).as_posix() for doc, *_ in SAMPLES}
    assert {"docs/tutorial.md", "docs/language.md"} <= docs


@pytest.mark.parametrize(
    "doc,line,text,expected,extend",
    SAMPLES,
    ids=[f"{d.relative_to(ROOT).as_posix()}:{line}" for d, line, *_ in SAMPLES],
)
def test_sample(doc, line, text, expected, extend):
    found = check_text(text, path=f"{doc.name}:{line}", extend_select=extend)
    described = [f"{d.code} {d.severity.value} @{d.span.line}: {d.message}" for d in found]
    if expected is None:
        serious = [s for s, d in zip(described, found) if d.severity.value != "info"]
        assert not serious, f"{doc.name}:{line}: the sample should be clean:\n" + "\n".join(serious)
    else:
        assert sorted(d.code for d in found) == expected, f"{doc.name}:{line}: expected {expected}, got:\n" + "\n".join(
            described
        )


def test_marker_syntax():
    text = (
        "<!-- expect: PREP101, PREP204 -->\n```prep\nprocess A {}\n```\n"
        "<!-- expect: PREP501; extend-select: PREP501 -->\n```prep\nx\n```\n"
        "```prep\ny\n```\n"
    )
    (a, b, c) = list(extract(text))
    assert a[0] == 2 and a[2] == ["PREP101", "PREP204"] and a[3] == ()
    assert b[2] == ["PREP501"] and b[3] == ("PREP501",)
    assert c[2] is None and c[1] == "y\n"


def test_the_readme_session_shows_what_prep_prints(tmp_path, monkeypatch):
    """The README's `$ prep check order.prep` and `$ prep kpi order.prep` print exactly
    what is shown under them, for the README's model saved as order.prep."""
    from typer.testing import CliRunner

    from prep.cli import app

    readme = (ROOT / "README.md").read_text("utf-8")
    model = re.search(r"```prep\n(.*?)```", readme, re.S).group(1)
    (tmp_path / "order.prep").write_text(model, "utf-8")
    session = re.search(r"```\n(\$ prep check order\.prep\n.*?)```", readme, re.S).group(1)
    shown = re.split(r"^\$ (.*)\n", session, flags=re.M)[1:]
    runs = dict(zip(shown[::2], shown[1::2]))
    assert set(runs) >= {"prep check order.prep", "prep kpi order.prep"}
    monkeypatch.chdir(tmp_path)
    for command in ("prep check order.prep", "prep kpi order.prep"):
        result = CliRunner().invoke(app, command.split()[1:], env={"NO_COLOR": "1", "COLUMNS": "200"})
        assert result.output == runs[command], command


def test_nothing_cites_a_file_outside_the_repository():
    """Docs, docstrings, comments and `--help` cite docs/ (a clone has nothing beside
    it); only tests/conftest.py knows where the optional conformance cases may be."""
    skip = {".git", ".venv", "build", "dist", "node_modules", "__pycache__", ".prep_cache"}
    cited = []
    for path in sorted(ROOT.rglob("*")):
        parts = path.relative_to(ROOT).parts
        if (
            not path.is_file()
            or skip & set(parts)
            or parts[0].startswith(".")
            or path.suffix not in (".py", ".md", ".lark", ".js", ".css", ".html", ".prep", ".toml", ".txt")
            or parts == ("tests", "conftest.py")
        ):
            continue
        text = path.read_text("utf-8", errors="replace")
        for needle in ("LANGUAGE" + ".md", "../" + "shared", "shared/" + "spec", "\u00a7"):
            if needle in text:
                cited.append(f"{'/'.join(parts)}: {needle}")
    assert cited == []
