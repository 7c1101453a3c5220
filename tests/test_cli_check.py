"""`prep check` as a whole: exit codes, options, files, colour, hostile inputs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prep.cli import app

CLEAN = """\
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 見積依頼(品目, 数量)
    final   出荷指示(品目, 数量)
  }
  顧客 -> 見積依頼 -> 出荷指示 -> 倉庫
}
"""
WARNING = CLEAN.replace("actor 営業部 {", "actor 営業部 [color=red] {")  # PREP106 @5
ERROR = CLEAN.replace("倉庫\n}", "倉庫\n  未定義 -> 出荷指示\n}")  # PREP101 @10
INFO = CLEAN.replace("external 倉庫", "external 倉庫  # prep: ignore[PREP101]")  # PREP901 @4


def run(args, cwd: Path | None = None, env: dict | None = None):
    """Invoke `prep` in-process; returns the click Result (stdout/stderr apart)."""
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(app, [str(a) for a in args], env=env, catch_exceptions=False)
    finally:
        os.chdir(old)


def run_process(args, cwd: Path, env: dict | None = None, **kw):
    full = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "prep", *map(str, args)], cwd=cwd, capture_output=True, env=full, timeout=120, **kw
    )


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def findings(result) -> list[tuple[str, str, int]]:
    data = json.loads(result.stdout)
    return [(d["file"], d["code"], d["line"]) for d in data["diagnostics"]]


# -- exit codes ---------------------------------------------------------------------


def test_clean_model_exits_0(tmp_path):
    write(tmp_path, "a.prep", CLEAN)
    result = run(["check", "a.prep"], tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == "All checks passed (1 file checked).\n"
    assert result.stderr == ""


@pytest.mark.parametrize("text, code, line", [(WARNING, "PREP106", 5), (ERROR, "PREP101", 10)])
def test_a_warning_or_an_error_exits_1(tmp_path, text, code, line):
    write(tmp_path, "a.prep", text)
    result = run(["check", "a.prep", "--format", "json"], tmp_path)
    assert result.exit_code == 1
    assert findings(result) == [("a.prep", code, line)]


def test_info_does_not_fail_by_default(tmp_path):
    write(tmp_path, "a.prep", INFO)
    result = run(["check", "a.prep", "--format", "json"], tmp_path)
    assert findings(result) == [("a.prep", "PREP901", 4)]
    assert json.loads(result.stdout)["summary"]["infos"] == 1
    assert result.exit_code == 0


@pytest.mark.parametrize(
    "text, fail_on, status",
    [
        (INFO, "info", 1),
        (INFO, "warning", 0),
        (INFO, "error", 0),
        (WARNING, "info", 1),
        (WARNING, "warning", 1),
        (WARNING, "error", 0),
        (ERROR, "error", 1),
        (CLEAN, "info", 0),
    ],
)
def test_fail_on(tmp_path, text, fail_on, status):
    write(tmp_path, "a.prep", text)
    assert run(["check", "a.prep", "--fail-on", fail_on], tmp_path).exit_code == status


def test_bad_fail_on_value_exits_2(tmp_path):
    write(tmp_path, "a.prep", CLEAN)
    result = run(["check", "a.prep", "--fail-on", "fatal"], tmp_path)
    assert result.exit_code == 2


def test_missing_path_exits_2_with_one_line(tmp_path):
    result = run(["check", "nowhere.prep"], tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "prep: error: no such file or directory: nowhere.prep\n"


def test_symbolic_link_loop_is_named_as_such(tmp_path):
    (tmp_path / "a.prep").symlink_to("b.prep")
    (tmp_path / "b.prep").symlink_to("a.prep")
    result = run(["check", "a.prep"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr == ("prep: error: a.prep is a symbolic link to nothing (a missing target, or a loop)\n")


def test_unknown_option_exits_2(tmp_path):
    write(tmp_path, "a.prep", CLEAN)
    result = run(["check", "a.prep", "--colour"], tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "prep: error: no such option: --colour (see `prep check -h`)\n"


@pytest.mark.parametrize(
    "args, line",
    [
        (["chek"], "prep: error: no such command 'chek'. Did you mean 'check'? (see `prep -h`)"),
        (["render"], "prep: error: missing argument 'file' (see `prep render -h`)"),
        (
            ["check", "--fail-on", "fatal"],
            "prep: error: invalid value for '--fail-on': 'fatal' "
            "is not one of 'error', 'warning', 'info' (see `prep check -h`)",
        ),
    ],
)
def test_usage_mistakes_are_one_line(tmp_path, args, line):
    result = run(args, tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", line + "\n")


def test_prep_alone_prints_its_help():
    result = run([])
    assert result.exit_code == 0 and "Usage: prep" in result.stdout


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_unknown_code_exits_2(tmp_path, option):
    write(tmp_path, "a.prep", CLEAN)
    result = run(["check", "a.prep", option, "PREP999"], tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "`PREP999` is not a rule code or prefix" in lines[0]


def test_unknown_format_exits_2(tmp_path):
    write(tmp_path, "a.prep", CLEAN)
    assert run(["check", "a.prep", "--format", "xml"], tmp_path).exit_code == 2


def test_select_prefix_and_ignore(tmp_path):
    write(tmp_path, "a.prep", ERROR.replace("actor 営業部 {", "actor 営業部 [color=red] {"))
    both = findings(run(["check", "a.prep", "-f", "json"], tmp_path))
    assert both == [("a.prep", "PREP106", 5), ("a.prep", "PREP101", 10)]
    assert findings(run(["check", "a.prep", "-f", "json", "--select", "PREP1"], tmp_path)) == both
    only = run(["check", "a.prep", "-f", "json", "--select", "PREP101"], tmp_path)
    assert findings(only) == [("a.prep", "PREP101", 10)]
    ignored = run(["check", "a.prep", "-f", "json", "--ignore", "PREP101,PREP106"], tmp_path)
    assert findings(ignored) == [] and ignored.exit_code == 0
    lower = run(["check", "a.prep", "-f", "json", "--select", "prep106"], tmp_path)
    assert findings(lower) == [("a.prep", "PREP106", 5)]


# -- files ----------------------------------------------------------------------------


def test_directory_recursion_is_sorted_prep_only_and_skips_hidden(tmp_path):
    for name in [
        "b.prep",
        "a.prep",
        "sub/c.prep",
        "sub/deeper/d.prep",
        "z/a.prep",
        ".hidden/e.prep",
        "sub/.git/f.prep",
        "node_modules/g.prep",
    ]:
        write(tmp_path, name, ERROR)
    write(tmp_path, "notes.txt", ERROR)
    write(tmp_path, "a.prep.bak", ERROR)
    result = run(["check", ".", "-f", "json"], tmp_path)
    files = [f for f, _, _ in findings(result)]
    assert files == ["a.prep", "b.prep", "sub/c.prep", "sub/deeper/d.prep", "z/a.prep"]
    assert json.loads(result.stdout)["summary"]["files"] == 5


def test_default_path_is_the_current_folder(tmp_path):
    write(tmp_path, "m/a.prep", ERROR)
    result = run(["check", "-f", "json"], tmp_path)
    assert [f for f, _, _ in findings(result)] == ["m/a.prep"]


def test_a_named_file_is_checked_whatever_its_suffix(tmp_path):
    write(tmp_path, "model.txt", ERROR)
    assert findings(run(["check", "model.txt", "-f", "json"], tmp_path)) == [("model.txt", "PREP101", 10)]


def test_a_file_named_twice_is_checked_once(tmp_path):
    write(tmp_path, "a.prep", ERROR)
    result = run(["check", "a.prep", ".", "a.prep", "-f", "json"], tmp_path)
    assert json.loads(result.stdout)["summary"]["files"] == 1


def test_no_files_found_warns_and_exits_0(tmp_path):
    result = run(["check"], tmp_path)
    assert result.exit_code == 0
    assert result.stderr == "prep: warning: no .prep files found in .\n"


@pytest.mark.parametrize("named", ["models", "."])
def test_a_folder_named_with_no_models_is_an_error(tmp_path, named):
    """A wrong path must not let CI pass (as eslint): one line, exit 2."""
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "notes.txt").write_text("x", "utf-8")
    result = run(["check", named], tmp_path / "models" if named == "." else tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"prep: error: no .prep files in {named}: a folder named on the command line must hold models\n"
    )


def test_output_is_deterministic(tmp_path):
    for n in range(5):
        write(tmp_path, f"m{n}.prep", ERROR if n % 2 else WARNING)
    outputs = {
        fmt: {run(["check", ".", "-f", fmt], tmp_path).stdout for _ in range(2)}
        for fmt in ("text", "json", "sarif", "github")
    }
    assert all(len(v) == 1 for v in outputs.values())


# -- output file ------------------------------------------------------------------------


def test_output_file_gets_the_report_and_stdout_stays_empty(tmp_path):
    write(tmp_path, "a.prep", ERROR)
    (tmp_path / "out").mkdir()
    result = run(["check", "a.prep", "-f", "json", "--output-file", "out/report.json"], tmp_path)
    assert result.exit_code == 1
    assert result.stdout == ""
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert data["diagnostics"][0]["code"] == "PREP101"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.json"]


def test_text_output_file_has_no_markup_or_escapes(tmp_path):
    write(tmp_path, "a.prep", ERROR)
    run(["check", "a.prep", "-o", "report.txt"], tmp_path)
    text = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert text.startswith("a.prep:10:3: PREP101 error: `未定義` is not defined")
    assert "[bold" not in text and "\x1b" not in text


def test_output_file_replaces_an_old_report_atomically(tmp_path):
    write(tmp_path, "a.prep", CLEAN)
    write(tmp_path, "report.json", "old")
    assert run(["check", "a.prep", "-f", "json", "-o", "report.json"], tmp_path).exit_code == 0
    assert json.loads((tmp_path / "report.json").read_text())["diagnostics"] == []


@pytest.mark.parametrize("target", ["missing/report.json", "a.prep/report.json", "adir"])
def test_unwritable_output_file_exits_2_and_leaves_no_file(tmp_path, target):
    write(tmp_path, "a.prep", ERROR)
    (tmp_path / "adir").mkdir()
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = run(["check", "a.prep", "-f", "json", "-o", target], tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"prep: error: cannot write {target}")
    after = [p for p in tmp_path.rglob("*") if ".prep_cache" not in p.parts]  # results cache
    assert sorted(p.relative_to(tmp_path) for p in after) == before


# -- colour -----------------------------------------------------------------------------


def test_not_a_terminal_gives_no_escape_codes(tmp_path):
    write(tmp_path, "a.prep", ERROR)
    proc = run_process(["check", "a.prep", "nowhere.prep"], tmp_path, env={"TERM": "xterm"})
    assert proc.returncode == 2 and b"\x1b" not in proc.stderr
    proc = run_process(["check", "a.prep"], tmp_path, env={"TERM": "xterm"})
    assert proc.returncode == 1
    assert b"PREP101" in proc.stdout and b"\x1b" not in proc.stdout + proc.stderr


def _on_a_terminal(args, cwd: Path, env: dict) -> bytes:
    """Run prep with stdout and stderr on a pseudo-terminal; returns what it printed."""
    import pty

    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", **env}
    env = {k: v for k, v in env.items() if v is not None}  # None: unset it
    main, child = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "prep", *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=child, stderr=child
    )
    os.close(child)
    out = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=120)
    os.close(main)
    return out


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_colour_on_a_terminal_but_never_with_no_color(tmp_path):
    write(tmp_path, "a.prep", ERROR)
    coloured = _on_a_terminal(["check", "a.prep"], tmp_path, {"NO_COLOR": None, "FORCE_COLOR": None})
    plain = _on_a_terminal(["check", "a.prep"], tmp_path, {"NO_COLOR": "1", "FORCE_COLOR": None})
    assert plain.decode() == (
        "a.prep:10:3: PREP101 error: `未定義` is not defined in process `受注`\r\n"
        "   |\r\n10 |   未定義 -> 出荷指示\r\n   |   ^^^^^^\r\n"
        "  hint: define it as a product in an actor, or as `external 未定義`\r\n\r\n"
        "Found 1 error, 0 warnings, 0 infos in 1 file.\r\n"
    )
    # the same text, styled: bold place, red code and carets, dim gutter, green hint
    assert re.sub(rb"\x1b\[[0-9;]*m", b"", coloured) == plain
    assert re.findall(rb"\x1b\[([0-9;]*)m", coloured) == [
        b"1",
        b"0",
        b"1;31",
        b"0",
        b"2",
        b"0",
        b"2",
        b"0",
        b"2",
        b"0",
        b"1;31",
        b"0",
        b"32",
        b"0",
    ]


# -- hostile inputs -----------------------------------------------------------------

HOSTILE = {
    "empty": b"",
    "binary": bytes(range(256)) * 20,
    "nul bytes": "process 受注 {\0 goal g\0 }\n".encode(),
    "one 1 MB line": b"process a { goal " + b"x" * 1_000_000 + b" }\n",
    "1 MB comment line": b"#" + b"y" * 1_000_000 + b"\n",
    "10,000 nested braces": b"process a " + b"{" * 10_000 + b"\n",
    "10,000 closing braces": b"}" * 10_000,
    "truncated": CLEAN.encode()[: len(CLEAN.encode()) // 2 + 1],
    "only comments": "# 受注\n# prep: ignore\n   # end\n".encode(),
    "CRLF": CLEAN.replace("\n", "\r\n").encode(),
    "lone CR": CLEAN.replace("\n", "\r").encode(),
    "UTF-8 BOM": b"\xef\xbb\xbf" + CLEAN.encode(),
    "UTF-16": CLEAN.encode("utf-16"),
    "half a UTF-8 character": CLEAN.encode()[:-3] + "受".encode()[:2],
    "deep chain": (
        "process a {\n goal g\n external x\n actor b {\n"
        + "".join(f"  product p{i}\n" for i in range(2000))
        + " final f\n }\n x -> "
        + " -> ".join(f"p{i}" for i in range(2000))
        + " -> f -> x\n}\n"
    ).encode(),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_gives_findings_not_a_traceback(tmp_path, name):
    write(tmp_path, "bad.prep", HOSTILE[name])
    for fmt in ("json", "text", "sarif", "github"):
        result = run(["check", "bad.prep", "-f", fmt], tmp_path)
        assert result.exit_code in (0, 1), (fmt, result.output)
        assert "Traceback" not in result.output
        if fmt == "json":
            data = json.loads(result.stdout)
            assert data["summary"]["files"] == 1
            for d in data["diagnostics"]:
                assert d["line"] >= 1 and d["column"] >= 1


def test_hostile_inputs_in_a_subprocess(tmp_path):
    for n, name in enumerate(sorted(HOSTILE)):
        write(tmp_path, f"{n:02d}.prep", HOSTILE[name])
    proc = run_process(["check", ".", "-f", "json"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert b"Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["summary"]["files"] == len(HOSTILE)


def test_clean_crlf_and_bom_files_check_like_the_plain_one(tmp_path):
    write(tmp_path, "crlf.prep", ERROR.replace("\n", "\r\n").encode())
    write(tmp_path, "bom.prep", b"\xef\xbb\xbf" + ERROR.encode())
    result = run(["check", ".", "-f", "json"], tmp_path)
    assert findings(result) == [("bom.prep", "PREP101", 10), ("crlf.prep", "PREP101", 10)]
    columns = {d["column"] for d in json.loads(result.stdout)["diagnostics"]}
    assert columns == {3}


def test_unreadable_file_is_prep002_not_a_crash(tmp_path):
    write(tmp_path, "bad.prep", b"process \xff\xfe {")
    result = run(["check", "bad.prep", "-f", "json"], tmp_path)
    assert findings(result) == [("bad.prep", "PREP002", 1)]


# -- large runs -----------------------------------------------------------------------


def test_jobs_give_the_same_report_in_the_same_order(tmp_path):
    for n in range(6):
        write(tmp_path, f"d{n % 2}/m{n}.prep", [ERROR, WARNING, INFO, CLEAN][n % 4])
    write(tmp_path, "d0/x.prep", "process 受注 {\n  goal g\n  actor a { product p(a, b }\n}\n")
    sequential = run(["check", ".", "-f", "json", "--show-suppressed"], tmp_path)
    parallel = run(["check", ".", "-f", "json", "--show-suppressed", "--jobs", "2"], tmp_path)
    assert parallel.exit_code == sequential.exit_code == 1
    assert parallel.stdout == sequential.stdout
    text = run(["check", ".", "-j", "2", "--select", "PREP1"], tmp_path)
    assert text.stdout == run(["check", ".", "--select", "PREP1"], tmp_path).stdout


def test_progress_is_shown_on_a_terminal_after_a_second(monkeypatch, capsys):
    import time

    from prep.cli import check as check_cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    clock = iter([100.0, 100.2, 101.5, 101.6])
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))
    update = check_cli._progress()
    update(1, 3)  # 0.2 s: nothing yet
    update(2, 3)  # 1.5 s: shown
    update(3, 3)
    err = capsys.readouterr().err
    assert "checking 1/3" not in err
    assert "\rchecking 2/3 files" in err and err.endswith("\rchecking 3/3 files\n")


def test_no_progress_when_not_a_terminal(monkeypatch):
    from prep.cli import check as check_cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert check_cli._progress() is None


def test_errors_only_keeps_the_rules_that_report_errors_after_overrides():
    from prep.checks import rules_by_code
    from prep.checks.runner import CheckOptions
    from prep.diagnostics import Severity

    rules = rules_by_code()
    options = CheckOptions(frozenset({"PREP101", "PREP204", "PREP401"}), (("PREP204", Severity.ERROR),))
    assert options.errors_only().selected == {"PREP101", "PREP204"}
    assert options.errors_only().severity == options.severity
    assert rules["PREP204"].severity == Severity.WARNING
    demoted = CheckOptions(frozenset({"PREP101"}), (("PREP1", Severity.WARNING),))
    assert demoted.errors_only().selected == frozenset()


def test_a_long_line_is_shown_as_a_window_around_the_finding(tmp_path):
    """A 1,200-character line: the finding stays in view, the caret line stays short."""
    line = '  見積 -> 顧客 [doc="' + "abc " * 300 + '", x=%]'
    write(tmp_path, "m.prep", f"process P {{\n  external 顧客\n  actor A {{\n    final 見積\n  }}\n{line}\n}}\n")
    result = run(["check", "m.prep"], tmp_path, env={"NO_COLOR": "1"})
    shown = "…" + " abc" * 28 + ' ", x=%]'
    assert result.stdout.splitlines()[:4] == [
        "m.prep:6:1223: PREP001 error: unexpected character `%`; expected a value or a number",
        "  |",
        f"6 | {shown}",
        "  | " + " " * (len(shown) - 2) + "^",
    ]
