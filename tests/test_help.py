"""Every command's --help has a one-line summary and an example (`Example: prep …`)."""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from prep.cli import app

ROOT = typer.main.get_command(app)
COMMANDS = sorted(ROOT.commands)


def _help(args):
    result = CliRunner().invoke(app, [*args, "--help"], env={"NO_COLOR": "1", "COLUMNS": "200"}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _stub(name: str) -> bool:
    return "Not available yet" in (ROOT.commands[name].help or "")


def test_every_expected_command_exists():
    assert {"check", "rule", "render", "kpi", "diff", "init"} <= set(COMMANDS)


def test_root_help_has_an_example():
    assert re.search(r"^\W*Example: prep \S", _help([]), re.M)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_has_summary_and_example(name):
    if _stub(name):
        pytest.skip(f"`prep {name}` is still a stub")
    command = ROOT.commands[name]
    doc = (command.help or "").strip()
    summary = doc.split("\n\n")[0]
    # `prep --help` lists the first paragraph with its line breaks: it must be one line
    assert summary and "\n" not in summary, (
        f"`prep {name}`: the first paragraph of the docstring must be one line: {summary!r}"
    )
    assert len(summary) <= 100, f"`prep {name}`: summary longer than 100 characters"
    text = _help([name])
    assert summary.split()[0] in text
    assert re.search(rf"^\W*Example: prep {re.escape(name)}\b", text, re.M), (
        f"`prep {name} --help` shows no `Example: prep {name} …` line"
    )


def _option_rows(text: str) -> dict[str, str]:
    """`--name` → the rest of its row in the options panel (NO_COLOR, 200 columns)."""
    rows = {}
    for line in text.splitlines():
        match = re.match(r"^│\s+(--[\w-]+)(.*)│$", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows


def test_flags_show_no_value_type():
    # a flag takes no value: its value column is empty (typer 0.29 would print <bool>)
    root = _option_rows(_help([]))
    assert root["--version"].split() == ["-V", "Show", "the", "version", "and", "exit."]
    assert root["--help"].split() == ["-h", "Show", "this", "message", "and", "exit."]
    check = _option_rows(_help(["check"]))
    for flag in ("--fix", "--diff", "--quiet", "--no-cache", "--help"):
        assert "<" not in check[flag], f"{flag}: {check[flag]!r}"
    # options that take a value keep their type
    assert "<text|json|sarif|github>" in check["--format"]
    render = _option_rows(_help(["render"]))
    assert "<str>" in render["--output"] and "<float>" in render["--timeout"]
    assert "<" not in render["--force"] and "<" not in render["--no-legend"]


@pytest.mark.parametrize("name", COMMANDS)
def test_no_command_shows_bool(name):
    rows = _option_rows(_help([name]))
    assert rows and [flag for flag, row in rows.items() if "<bool>" in row] == []


def test_the_language_option_offers_the_notations_languages():
    from prep.cli.common import Lang
    from prep.notation import LANGUAGES

    assert tuple(v.value for v in Lang) == LANGUAGES
