"""`--format github`: GitHub Actions workflow commands (annotations)."""

from __future__ import annotations

from prep.diagnostics import Diagnostic, Severity, Span
from prep.report.github_format import command, escape_data, escape_property
from test_cli_check import CLEAN, ERROR, INFO, WARNING, run, write


def test_escaping_follows_the_runner():
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%\nd") == "a%3Ab%2Cc%25%0Ad"


def test_one_command_per_finding(tmp_path):
    write(tmp_path, "m/a.prep", ERROR)
    write(tmp_path, "m/b.prep", WARNING)
    write(tmp_path, "m/c.prep", INFO)
    write(tmp_path, "m/d.prep", CLEAN)
    result = run(["check", "m", "-f", "github"], tmp_path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::warning", "::notice"]
    assert lines[0].startswith(
        "::error file=m/a.prep,line=10,col=3,endLine=10,endColumn=6,"
        "title=PREP101 undefined-reference::`未定義` is not defined "
        "in process `受注`%0Ahint: "
    )
    assert lines[1].startswith("::warning file=m/b.prep,line=5,col=")
    assert ",title=PREP106 unknown-attribute::" in lines[1]
    assert lines[2].startswith("::notice file=m/c.prep,line=4,")
    assert ",title=PREP901 unused-suppression::" in lines[2]


def test_a_clean_run_prints_nothing(tmp_path):
    write(tmp_path, "a.prep", CLEAN)
    result = run(["check", "a.prep", "-f", "github"], tmp_path)
    assert (result.exit_code, result.stdout) == (0, "")


def test_file_names_and_messages_with_special_characters():
    d = Diagnostic(
        "PREP101", Severity.WARNING, "50% of `a,b`: gone\nnext", Span("dir,x/a:b.prep", 2, 3, 2, 5), hint="use 100%"
    )
    assert command(d, "PREP101 undefined-reference") == (
        "::warning file=dir%2Cx/a%3Ab.prep,line=2,col=3,endLine=2,endColumn=5,"
        "title=PREP101 undefined-reference::50%25 of `a,b`: gone%0Anext%0Ahint: use 100%25"
    )


def test_statistics_follow_the_commands(tmp_path):
    write(tmp_path, "a.prep", ERROR)
    lines = run(["check", "a.prep", "-f", "github", "--statistics"], tmp_path).stdout.splitlines()
    assert lines[0].startswith("::error ")
    assert lines[1:] == ["    1  PREP101"]
