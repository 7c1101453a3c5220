"""One definition of a line (prep.parser.lines) for fixes, fmt and the language
server: LF, CR LF and a lone CR (issue 23, items 7 and 18)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from prep.checks.fixes import apply_edits
from prep.diagnostics import Edit, Span
from prep.lsp.positions import Lines
from prep.parser.lines import ending, line_starts

TYPO = "process P {\n  goal G\n  external X\n  actor A {\n    fnal F\n  }\n  F -> X\n}\n"
ENDS = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


def run(args, cwd, stdin: bytes | None = None):
    return subprocess.run(
        [sys.executable, "-m", "prep", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env={"NO_COLOR": "1", "PATH": ""},
        timeout=120,
    )


def test_line_starts_and_ending():
    assert line_starts("a\rb\r\nc\nd") == [0, 2, 5, 7]
    assert [ending(t) for t in ("a\r\nb\n", "a\rb", "ab", "a\nb\r\n")] == ["\r\n", "\r", "\n", "\n"]


@pytest.mark.parametrize("end", ENDS.values(), ids=ENDS.keys())
def test_edits_land_on_the_right_line_whatever_the_line_end(end):
    text = TYPO.replace("\n", end)
    edit = Edit(Span("m", 5, 5, 5, 9), "final")
    assert apply_edits(text, [edit]) == TYPO.replace("fnal", "final").replace("\n", end)
    past = Edit(Span("m", 1, 40, 1, 50), "!")  # clamped before the line end
    assert apply_edits(text, [past]).startswith(f"process P {{!{end}  goal")


@pytest.mark.parametrize("end", ENDS.values(), ids=ENDS.keys())
def test_check_fix_mends_a_file_with_any_line_end(tmp_path, end):
    text = TYPO.replace("\n", end)
    (tmp_path / "m.prep").write_bytes(text.encode())
    proc = run(["check", "m.prep", "--fix"], tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert proc.stderr.decode() == "Fixed 1 finding in 1 file.\n"
    assert (tmp_path / "m.prep").read_bytes() == text.replace("fnal", "final").encode()


def test_fix_from_stdin_and_diff_with_lone_cr(tmp_path):
    text = TYPO.replace("\n", "\r")
    proc = run(["check", "-", "--fix", "--stdin-filename", "x.prep"], tmp_path, text.encode())
    assert proc.stdout == text.replace("fnal", "final").encode()
    (tmp_path / "m.prep").write_bytes(text.encode())
    proc = run(["check", "m.prep", "--diff"], tmp_path)
    assert b"-    fnal F\r" in proc.stdout and b"+    final F\r" in proc.stdout
    assert proc.stdout.count(b"final") == 1
    assert (tmp_path / "m.prep").read_bytes() == text.encode()


def test_lsp_lines_split_at_every_line_end():
    lines = Lines("a\rbé\r\nc\nd")
    assert lines.lines == ["a", "bé", "c", "d"]
    assert lines.position(1, 2).character == 2 and lines.line(3) == "d"


@pytest.mark.parametrize("end", ENDS.values(), ids=ENDS.keys())
@pytest.mark.parametrize("bom", ["", "\ufeff"], ids=["plain", "bom"])
def test_fmt_keeps_the_line_end_and_the_bom(tmp_path, end, bom):
    messy = "process P {\n goal G\n external X\n actor A { final F }\n F->X\n}\n"
    tidy = "process P {\n  goal G\n  external X\n  actor A {\n    final F\n  }\n  F -> X\n}\n"
    (tmp_path / "m.prep").write_bytes((bom + messy.replace("\n", end)).encode())
    proc = run(["fmt", "m.prep"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "m.prep").read_bytes() == (bom + tidy.replace("\n", end)).encode()
    assert run(["fmt", "--check", "m.prep"], tmp_path).returncode == 0
    proc = run(["fmt", "-"], tmp_path, (bom + messy.replace("\n", end)).encode())
    assert proc.stdout == (bom + tidy.replace("\n", end)).encode()
