"""Hostile inputs that once ended in a traceback, a hang or silence (issue 11):
non-UTF-8 file names, FIFOs, permissions, bad configurations, empty rule codes,
odd line ends, control characters. Each is a finding or one line and exit 2."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prep.cli import app
from prep.parser import parse_text
from prep.parser.lines import split

ROOT = Path(__file__).resolve().parents[1]
FIGURE4 = ROOT / "tests" / "render" / "models" / "figure4.prep"
PREP = [sys.executable, "-c", "from prep.cli import main; main()"]
UNDEFINED = "process P {\n  actor A { final x }\n  y -> x\n}\n"


def run(args, cwd):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(app, list(map(str, args)), catch_exceptions=False)
    finally:
        os.chdir(old)


# -- item 5: file names that are not UTF-8 -----------------------------------------------


@pytest.fixture
def bad_name(tmp_path):
    name = os.fsdecode(b"r\xff.prep")
    (tmp_path / name).write_text(UNDEFINED, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_a_name_that_is_not_utf8_is_escaped_in_every_format(bad_name, fmt):
    done = subprocess.run(
        [*PREP, "check", ".", "-f", fmt, "--select", "PREP101"],
        cwd=bad_name,
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    text = done.stdout.decode("utf-8")  # valid UTF-8
    if fmt == "text":
        assert text.startswith("r\\xff.prep:3:3: PREP101 error: `y` is not defined")
    elif fmt == "json":
        assert [d["file"] for d in json.loads(text)["diagnostics"]] == ["r\\xff.prep"]
    elif fmt == "sarif":
        run_ = json.loads(text)["runs"][0]
        assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]] == [
            "r%FF.prep"
        ]
        assert run_["artifacts"] == [{"location": {"uri": "r%FF.prep"}}]
    else:
        assert text.startswith("::error file=r\\xff.prep,line=3,col=3,")


def test_a_name_that_is_not_utf8_with_json_to_a_file(bad_name):
    done = subprocess.run(
        [*PREP, "check", ".", "-f", "json", "-o", "out.json", "--select", "PREP101"],
        cwd=bad_name,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    data = json.loads((bad_name / "out.json").read_text(encoding="utf-8"))
    assert data["diagnostics"][0]["file"] == "r\\xff.prep"


def test_render_names_a_non_utf8_output_escaped(bad_name):
    (bad_name / os.fsdecode(b"r\xff.prep")).write_text(FIGURE4.read_text("utf-8"), "utf-8")
    done = subprocess.run(
        [*PREP, "render", os.fsdecode(b"r\xff.prep"), "-f", "dot"], cwd=bad_name, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b"wrote r\\xff.dot\n"
    assert (bad_name / os.fsdecode(b"r\xff.dot")).read_bytes().startswith(b"digraph")


# -- item 9: FIFOs -----------------------------------------------------------------------


def test_a_fifo_in_a_folder_is_prep002_not_a_hang(tmp_path):
    shutil.copy(FIGURE4, tmp_path / "ok.prep")
    os.mkfifo(tmp_path / "pipe.prep")
    done = subprocess.run(
        [*PREP, "check", ".", "-f", "json", "--select", "PREP002"], cwd=tmp_path, capture_output=True, timeout=60
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["diagnostics"] == [
        {
            "code": "PREP002",
            "severity": "error",
            "message": "the file cannot be read: it is a FIFO (named pipe), not a regular file",
            "file": "pipe.prep",
            "line": 1,
            "column": 1,
            "end_line": 1,
            "end_column": 2,
            "hint": "give the model as a regular .prep file",
        }
    ]


@pytest.mark.parametrize("command", [["check"], ["render"], ["kpi"], ["diff", "ok.prep"]])
def test_a_fifo_named_on_the_command_line_is_refused(tmp_path, command):
    shutil.copy(FIGURE4, tmp_path / "ok.prep")
    os.mkfifo(tmp_path / "pipe.prep")
    done = subprocess.run([*PREP, *command, "pipe.prep"], cwd=tmp_path, capture_output=True, timeout=60)
    assert done.returncode == 2
    give = "give .prep files or folders" if command == ["check"] else "give a .prep file"
    assert done.stderr.decode() == (f"prep: error: pipe.prep is not a regular file (a FIFO); {give}\n")


# -- item 10: permissions ------------------------------------------------------------------


@pytest.fixture
def locked():
    """A folder with a readable model, an unreadable one, a subfolder that cannot be
    listed and one that cannot be searched. Run as an ordinary user (root reads all)."""
    folder = Path(tempfile.mkdtemp(prefix="prep-perm-"))
    folder.chmod(0o777)
    shutil.copy(FIGURE4, folder / "ok.prep")
    shutil.copy(FIGURE4, folder / "unreadable.prep")
    (folder / "noread").mkdir()
    shutil.copy(FIGURE4, folder / "noread" / "b.prep")
    (folder / "nosearch").mkdir()
    shutil.copy(FIGURE4, folder / "nosearch" / "a.prep")
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    (folder / "unreadable.prep").chmod(0)
    (folder / "noread").chmod(0o311)
    (folder / "nosearch").chmod(0o644)
    yield folder
    for path in (folder / "noread", folder / "nosearch"):
        path.chmod(0o755)
    shutil.rmtree(folder)


def unprivileged(args, cwd):
    prefix = []
    if os.geteuid() == 0:
        prefix = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"]
    return subprocess.run(
        [*prefix, *PREP, *args],
        cwd=cwd,
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(cwd), "NO_COLOR": "1"},
    )


def test_unreadable_things_in_a_folder_are_findings(locked):
    done = unprivileged(["check", ".", "-f", "json", "--select", "PREP002"], locked)
    assert done.returncode == 1, done.stderr
    found = [(d["file"], d["message"]) for d in json.loads(done.stdout)["diagnostics"]]
    assert found == [
        ("noread", "the folder cannot be read: Permission denied"),
        ("nosearch/a.prep", "the file cannot be read: Permission denied"),
        ("unreadable.prep", "the file cannot be read: Permission denied"),
    ]


@pytest.mark.parametrize("command", ["check", "render"])
def test_an_unreadable_model_named_is_prep002(locked, command):
    done = unprivileged([command, "unreadable.prep"], locked)
    assert done.returncode == 1
    assert done.stdout.decode().startswith(
        "unreadable.prep:1:1: PREP002 error: the file cannot be read: Permission denied"
    ) or done.stderr.decode().startswith(
        "unreadable.prep:1:1: PREP002 error: the file cannot be read: Permission denied"
    )


@pytest.mark.parametrize("command", ["check", "render", "kpi"])
def test_a_model_in_a_folder_that_cannot_be_searched_is_one_line(locked, command):
    done = unprivileged([command, "nosearch/a.prep"], locked)
    assert done.returncode == 2
    assert done.stderr.decode() == "prep: error: cannot read nosearch/a.prep: Permission denied\n"


# -- item 11: configurations and arguments that crashed --------------------------------------


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("pyproject.toml", "tool = 1\n", "`tool`: expected a table ([tool.prep])"),
        ("prep.toml", "a = " + "[" * 500 + "]" * 500 + "\n", "is nested too deeply to read"),
        (
            "prep.toml",
            '[severity]\n"" = "info"\n',
            "`severity.''`: an empty rule code; give codes or prefixes such as PREP2 (see `prep rule --all`)",
        ),
        (
            "prep.toml",
            'select = ""\n',
            "`select`: an empty rule code; give codes or prefixes such as PREP2 (see `prep rule --all`)",
        ),
        (
            "prep.toml",
            'select = [""]\n',
            "`select`: an empty rule code; give codes or prefixes such as PREP2 (see `prep rule --all`)",
        ),
        (
            "prep.toml",
            'ignore = ["PREP2,"]\n',
            "`ignore`: an empty rule code in `PREP2,`; give codes or prefixes such as PREP2 (see `prep rule --all`)",
        ),
    ],
)
def test_bad_configuration_is_one_line(tmp_path, name, text, message):
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "m.prep").write_text(UNDEFINED, encoding="utf-8")
    result = run(["check", "m.prep"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"prep: error: bad configuration: {tmp_path / name}: {message}\n"


@pytest.mark.parametrize(
    "option",
    [["--select", ""], ["--select", ","], ["--select", "PREP1,,PREP2"], ["--ignore", ""], ["--extend-select", " , "]],
)
def test_empty_codes_on_the_command_line_are_refused(tmp_path, option):
    (tmp_path / "m.prep").write_text(UNDEFINED, encoding="utf-8")
    result = run(["check", "m.prep", *option], tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"prep: error: {option[0]}: an empty rule code")


@pytest.mark.parametrize("path", [".", "", "/"])
def test_render_of_a_folder_is_one_line(tmp_path, path):
    result = run(["render", path], tmp_path)
    assert result.exit_code == 2
    shown = "/" if path == "/" else "."
    assert result.stderr == f"prep: error: {shown} is a folder; give one .prep file\n"


# -- item 13: one definition of a line --------------------------------------------------------


def test_lines_end_at_lf_crlf_and_lone_cr_only():
    text = "a\nb\r\nc\rd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l\n"
    assert split(text) == ["a", "b", "c", "d\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l"]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_the_reported_line_is_the_line_shown(tmp_path, end):
    text = end.join(["process P {", "  actor A { final x }", "  y -> x", "}", ""])
    (tmp_path / "m.prep").write_bytes(text.encode("utf-8"))
    result = run(["check", "m.prep", "--select", "PREP101"], tmp_path)
    assert result.stdout.splitlines()[:4] == [
        "m.prep:3:3: PREP101 error: `y` is not defined in process `P`",
        "  |",
        "3 |   y -> x",
        "  |   ^",
    ]


@pytest.mark.parametrize("separator", ["\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"])
def test_other_separators_stay_on_their_line_escaped(tmp_path, separator):
    text = f"process P {{\n  actor A {{ final x }} {separator} y -> x\n}}\n"
    (tmp_path / "m.prep").write_text(text, encoding="utf-8")
    parsed = parse_text(text)
    assert [d.span.line for d in parsed.diagnostics] == []
    result = run(["check", "m.prep", "--select", "PREP101"], tmp_path)
    shown = {
        "\x0b": "\\x0b",
        "\x0c": "\\x0c",
        "\x1c": "\\x1c",
        "\x85": "\\x85",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }[separator]
    lines = result.stdout.splitlines()
    assert lines[0] == "m.prep:2:25: PREP101 error: `y` is not defined in process `P`"
    assert lines[2] == f"2 |   actor A {{ final x }} {shown} y -> x"
    assert lines[3] == "  |   " + " " * (len("actor A { final x } ") + len(shown) + 1) + "^"


# -- item 14: control characters never reach the terminal raw ---------------------------------


def test_escape_and_bell_in_a_name_are_shown_escaped(tmp_path):
    text = 'process P {\n  actor A { final x }\n  "a\x1b[31mred\x07" -> x\n}\n'
    (tmp_path / "m.prep").write_text(text, encoding="utf-8")
    done = subprocess.run(
        [*PREP, "check", "m.prep"], cwd=tmp_path, capture_output=True, env={**os.environ, "NO_COLOR": "1"}, timeout=60
    )
    out = done.stdout.decode()
    assert "\x1b" not in out and "\x07" not in out
    assert out.splitlines()[1:4] == [
        "  |",
        '3 |   "a\\x1b[31mred\\x07" -> x',
        "  |   " + "^" * len('"a\\x1b[31mred\\x07"'),
    ]


# -- item 7: what checks clean draws ----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf", "dot", "mermaid"])
# (a bidirectional override in a name is a PREP001 now: docs/language.md, "Names";
# the zero-width joiner, which emoji need, is allowed)
@pytest.mark.parametrize(
    "final", ['Done [doc=""]', '"' + "長" * 999 + '"', '"<b>&amp;\\"q\\\\</b>{|}"', '"A\u200dB 𝔸😀"']
)
def test_names_that_check_clean_draw(tmp_path, final, fmt):
    from prep.checks.runner import check_text
    from prep.graph import build_document
    from prep.render import render

    name = final.split(" [")[0]
    text = f"process P {{\n  goal G\n  external Out\n  actor A {{ final {final} }}\n  {name} -> Out\n}}\n"
    assert check_text(text, select=["PREP0", "PREP1"]) == []
    graphs, _ = build_document(parse_text(text).document)
    assert render(graphs, fmt, timeout=60)


def test_kpi_text_shows_separators_and_overrides_escaped(tmp_path):
    text = 'process P {\n  goal "G\u202eX"\n  external Out\n  actor A { final "F\u2028Y" }\n  "F\u2028Y" -> Out\n}\n'
    (tmp_path / "m.prep").write_text(text, encoding="utf-8")
    result = run(["kpi", "m.prep"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:3] == ["G\\u202eX  goal", "└── F\\u2028Y  final"]
