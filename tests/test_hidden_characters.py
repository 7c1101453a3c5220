"""Zero-width and bidirectional characters (issue 23, item 6): a name holding one is a
PREP001; every message shows them escaped, in every format."""

from __future__ import annotations

import json

import pytest

from prep.checks.runner import check_text
from prep.diagnostics import Diagnostic, Fix, Severity, Span, printable, shown
from test_cli_check import run, write

MODEL = "process P {{\n  goal G\n  external X\n  actor A {{\n    final {name}\n  }}\n  FY -> X\n}}\n"


@pytest.mark.parametrize("char", ["\u200b", "\u202e", "\ufeff", "\u2066", "\u200f", "\u2060"])
def test_a_quoted_name_with_an_invisible_character_is_prep001(char):
    found = check_text(MODEL.format(name=f'"F{char}Y"'), "m.prep")
    assert [(d.code, d.span.line) for d in found] == [("PREP001", 5)]
    assert found[0].message.startswith(f"a name holds an invisible character U+{ord(char):04X} ")
    assert found[0].message.endswith("(character 2)")
    assert char not in found[0].message


def test_joiners_are_allowed_but_shown_escaped():
    found = check_text(MODEL.format(name='"F\u200dY"'), "m.prep")
    assert [d.code for d in found] == ["PREP101"]
    assert found[0].hint == "did you mean `F\\u200dY`?"
    assert found[0].fix.message == "write `F\\u200dY`"
    assert found[0].fix.edits[0].text == '"F\u200dY"'  # the edit itself is the name


def test_an_unquoted_invisible_character_is_shown_escaped(tmp_path):
    write(tmp_path, "m.prep", MODEL.format(name="F\u200bY"))
    for fmt in ("text", "json", "sarif", "github"):
        result = run(["check", "m.prep", "-f", fmt], tmp_path)
        assert "\u200b" not in result.stdout, fmt
        assert "\\u200b" in result.stdout, fmt
    data = json.loads(run(["check", "m.prep", "-f", "json"], tmp_path).stdout)
    assert data["diagnostics"][0]["message"] == "unexpected character `\\u200b`"


def test_shown_and_printable():
    assert shown("X\u200bY\u202eZ") == "X\\u200bY\\u202eZ" and shown("受注") == "受注"
    assert printable("a\u200bb\u2066") == "a\\u200bb\\u2066"
    d = Diagnostic(
        "PREP101",
        Severity.ERROR,
        "`X\u200bY` is not defined",
        Span("m", 1, 1, 1, 2),
        "did you mean `XY`?",
        fix=Fix("write `\u202eX`", ()),
    )
    assert d.message == "`X\\u200bY` is not defined" and d.fix.message == "write `\\u202eX`"
