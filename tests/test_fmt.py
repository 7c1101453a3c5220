"""`prep fmt` (docs/editors.md): the canonical layout is idempotent and keeps the
meaning (the same model and the same findings, positions aside) on every example,
every conformance case and generated models; files with syntax errors are left alone."""

from __future__ import annotations

import dataclasses
import re
import textwrap
from collections import Counter

import pytest

from conftest import ROOT, SHARED, run_prep as run
from prep.checks.runner import check_text
from prep.fmt import format_bytes, format_text
from prep.parser import decode, parse_text

EXAMPLES = sorted((ROOT / "examples").rglob("*.prep"))
CASES = sorted((SHARED / "conformance" / "cases").glob("*.prep"))


def plain(value):
    """A model element as plain data, without positions."""
    if dataclasses.is_dataclass(value):
        return {
            f.name: plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in ("span", "name_span", "header_span", "line", "column", "path")
        }
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    return value


def findings(text: str) -> Counter:
    found = check_text(text, select=["ALL"])
    return Counter((d.code, re.sub(r"line \d+", "line N", d.message)) for d in found)


def assert_formats_well(text: str) -> str:
    """Format `text` (which parses) and check what the formatter promises."""
    result = format_text(text, "m.prep")
    assert result.ok, result.errors
    out = result.text
    assert format_text(out, "m.prep").text == out, "not idempotent"
    before, after = parse_text(text, "m.prep"), parse_text(out, "m.prep")
    assert after.ok, after.diagnostics
    assert plain(after.document.processes) == plain(before.document.processes)
    assert [c.text.rstrip() for c in after.document.comments] == [c.text.rstrip() for c in before.document.comments]
    assert findings(out) == findings(text)
    assert out == "" or (out.endswith("\n") and not out.endswith("\n\n"))
    for line in out.split("\n"):
        assert line == line.rstrip(), "trailing spaces"
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 2 == 0 and "\t" not in line[: indent + 1]
    return out


def test_layout_snapshot():
    text = textwrap.dedent("""\
        # head

        process   P [ stage = asis,doc="x" ]{ goal G
            external   E   # from outside
          actor A{product x(a,b)  milestone  m < ok > final   Out}
          actor Empty { }
          # relations


          E->x , m<ok>->Out ->E [ touch = high ]
          x . a <-> Out   # sync
          subprocess S until m < ok > {x,m<ok>}
          kpi K for Out under L [ kgi ] kpi L
          issue "slow" on x}
        process Q{}
        """)
    assert format_text(text).text == textwrap.dedent("""\
        # head

        process P [stage=asis, doc="x"] {
          goal G
          external E  # from outside
          actor A {
            product   x(a, b)
            milestone m<ok>
            final     Out
          }
          actor Empty {}
          # relations

          E -> x, m<ok> -> Out -> E [touch=high]
          x.a <-> Out  # sync
          subprocess S until m<ok> { x, m<ok> }
          kpi K for Out under L [kgi]
          kpi L
          issue "slow" on x
        }

        process Q {}
        """)


def test_a_comment_inside_a_statement_keeps_it_broken_there():
    text = "process P {\n  A ->  # first\n      B -> C\n  # own line\n  -> D\n}\n"
    assert format_text(text).text == ("process P {\n  A ->  # first\n    B -> C\n    # own line\n    -> D\n}\n")


def test_trailing_comments_of_consecutive_lines_align_by_display_width():
    text = "process P {\n  external 営業 # a\n  external Sales # b\n\n  external X # c\n}\n"
    assert format_text(text).text == (
        "process P {\n  external 営業   # a\n  external Sales  # b\n\n  external X  # c\n}\n"
    )


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_are_formatted(path):
    text = path.read_text(encoding="utf-8")
    assert assert_formats_well(text) == text, f"run `prep fmt {path.relative_to(ROOT)}`"


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("name", ["OrderHandling", "受注", "Order handling 2", "𠮷野家"])
def test_the_starter_model_is_formatted(name, lang):
    from prep.init_template import model_text

    text = model_text(name, lang)
    assert assert_formats_well(text) == text


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_conformance_cases(path):
    data = path.read_bytes()
    text = decode(data, path.name)
    parsed = parse_text(text, "m.prep") if isinstance(text, str) else None
    if parsed is None or not parsed.ok:
        assert not format_bytes(data, path.name).ok  # left untouched
        return
    assert_formats_well(text)


UGLY = "process P{actor A{product x final y}x->y}"
PRETTY = "process P {\n  actor A {\n    product x\n    final   y\n  }\n  x -> y\n}\n"


def test_cli_rewrites_checks_and_diffs(tmp_path):
    (tmp_path / "a.prep").write_text(UGLY, encoding="utf-8")
    (tmp_path / "b.prep").write_text(PRETTY, encoding="utf-8")
    proc = run(["fmt", ".", "--check"], tmp_path)
    assert (proc.returncode, proc.stdout) == (1, "would reformat a.prep\n")
    assert proc.stderr == "1 file would be reformatted, 1 left unchanged.\n"
    proc = run(["fmt", "a.prep", "--diff"], tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("--- a/a.prep\n+++ b/a.prep\n")
    assert "+    final   y\n" in proc.stdout
    assert (tmp_path / "a.prep").read_text(encoding="utf-8") == UGLY
    proc = run(["fmt", "."], tmp_path)
    assert proc.returncode == 0
    assert proc.stderr == "1 file reformatted, 1 left unchanged.\n"
    assert (tmp_path / "a.prep").read_text(encoding="utf-8") == PRETTY
    assert run(["fmt", ".", "--check"], tmp_path).returncode == 0


def test_a_diff_shows_a_change_to_the_byte_order_mark(tmp_path):
    """A change only to a byte order mark is shown (`<BOM>`, as ruff does), never an
    empty diff under "1 file would be reformatted"."""
    (tmp_path / "a.prep").write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + PRETTY.encode())
    proc = run(["fmt", "a.prep", "--diff"], tmp_path)
    assert (proc.returncode, proc.stdout) == (
        1,
        (
            "--- a/a.prep\n+++ b/a.prep\n@@ -1,4 +1,4 @@\n-<BOM><BOM>process P {\n"
            "+<BOM>process P {\n   actor A {\n     product x\n     final   y\n"
        ),
    )
    assert proc.stderr == "1 file would be reformatted, 0 left unchanged.\n"
    (tmp_path / "b.prep").write_bytes(b"\xef\xbb\xbf" + PRETTY.encode())  # kept as it is
    assert run(["fmt", "b.prep", "--diff"], tmp_path).returncode == 0


def test_cli_stdin_to_stdout():
    proc = run(["fmt", "-", "--stdin-filename", "x.prep"], ROOT, stdin=UGLY)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, PRETTY, "")
    proc = run(["fmt", "-", "--check"], ROOT, stdin=UGLY)
    assert proc.returncode == 1


def test_a_file_with_a_syntax_error_is_left_untouched(tmp_path):
    broken = "process P {\n  actor A { product x }\n  x ->\n}\n"
    (tmp_path / "bad.prep").write_text(broken, encoding="utf-8")
    (tmp_path / "ok.prep").write_text(UGLY, encoding="utf-8")
    proc = run(["fmt", "."], tmp_path)
    assert proc.returncode == 2
    assert "prep: error: bad.prep:4:1: PREP001 " in proc.stderr
    assert "left untouched" in proc.stderr
    assert (tmp_path / "bad.prep").read_text(encoding="utf-8") == broken
    assert (tmp_path / "ok.prep").read_text(encoding="utf-8") == PRETTY
    proc = run(["fmt", "-", "--stdin-filename", "s.prep"], tmp_path, stdin=broken)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert "s.prep:4:1: PREP001" in proc.stderr
    binary = tmp_path / "bin.prep"
    binary.write_bytes(b"process\x00")
    assert run(["fmt", "bin.prep"], tmp_path).returncode == 2
    assert binary.read_bytes() == b"process\x00"


@pytest.mark.parametrize(
    "text, kept",
    [
        # a suppression on the second line of a statement: not joined onto the first
        (
            "process P {\n goal G\n external E\n actor A { final F }\n F\n  -> E  # prep: ignore[PREP211]\n"
            " F -> E\n}\n",
            "  F\n    -> E  # prep: ignore[PREP211]\n",
        ),
        # a suppression after several statements on one line: the line is not split
        (
            "process P {\n goal G\n external E\n actor a { final F  product X }  # prep: ignore[PREP204]\n F -> E\n}\n",
            "  actor a { final F product X }  # prep: ignore[PREP204]\n",
        ),
    ],
)
def test_suppression_comments_stay_with_what_they_suppress(text, kept):
    out = assert_formats_well(text)  # the findings before and after are the same
    lines, wanted = out.splitlines(keepends=True), kept.splitlines(keepends=True)
    at = lines.index(wanted[0])
    assert lines[at : at + len(wanted)] == wanted  # whole lines, in order
