"""Quoted names, `\"\"\"…\"\"\"` texts and states: their values and the PREP001s for
unusable ones (docs/language.md)."""

from __future__ import annotations

import textwrap

import pytest

from prep.parser import parse_text

MODEL = """\
process 受注 {
  actor 営業部 {
    product 見積依頼
  }
  %s
}
"""


def parse(line: str):
    return parse_text(MODEL % line, "m.prep")


def findings(line: str):
    return [(d.code, d.span.line, d.span.column, d.message, d.hint) for d in parse(line).diagnostics]


def test_a_triple_quoted_issue_text_keeps_its_lines_without_common_indentation():
    result = parse('issue """見積依頼の受付が担当者次第で、\n    回答までの日数が\n      ばらつく""" on 見積依頼')
    assert result.diagnostics == []
    (issue,) = result.document.processes[0].issues
    assert issue.text == "見積依頼の受付が担当者次第で、\n回答までの日数が\n  ばらつく"
    assert issue.on.name == "見積依頼"


def test_a_triple_quoted_text_may_start_on_its_own_line_and_hold_quotes():
    result = parse('issue """\n    "至急" の依頼が\n    多い\n    """ on 見積依頼')
    assert result.diagnostics == []
    assert result.document.processes[0].issues[0].text == '"至急" の依頼が\n多い'


def test_a_triple_quoted_doc_value():
    result = parse_text(
        textwrap.dedent('''\
        process P {
          actor A {
            product 見積 [doc="""一行目
                              二行目"""]
          }
        }
        '''),
        "m.prep",
    )
    assert result.diagnostics == []
    product = result.document.processes[0].products[0]
    assert product.attr("doc") == "一行目\n二行目"


def test_lines_after_a_text_keep_their_numbers():
    result = parse('issue """一\n二\n三""" on 見積依頼\n  見積 -> 見積')
    (relation,) = result.document.processes[0].relations
    assert relation.span.line == 8


def test_a_triple_quoted_text_cannot_be_a_product_name():
    (found,) = findings('見積依頼 -> """二行の\n名前"""')
    assert found[:4] == ("PREP001", 5, 11, 'expected a product name after `->`, found a `"""` text')
    assert found[4] == ('a `"""…"""` text can only be an issue text or a `doc=` value; write a name on one line')


def test_an_unclosed_triple_quote_is_one_error_and_the_next_line_parses():
    found = findings('issue """開いたまま on 見積依頼\n  見積依頼 -> 見積依頼 -> ->')
    assert [(f[1], f[3]) for f in found] == [
        (5, 'a `"""` text is not closed: no `"""` follows it'),
        (6, "expected a product name after `->`, found `->`"),
    ]


def test_an_unclosed_quote_is_one_error_and_the_next_line_parses_afresh():
    text = 'process P {\n  goal "開いたまま\n  actor A { product 見積 }\n  見積 -> ->\n}\n'
    found = [(d.span.line, d.message) for d in parse_text(text, "m.prep").diagnostics]
    assert found == [
        (2, 'a quoted name is not closed: the line ends before its closing `"`'),
        (4, "expected a product name after `->`, found `->`"),
    ]


@pytest.mark.parametrize(
    "written, message, hint",
    [
        (
            '""',
            'a name cannot be empty: `""` names nothing',
            "write the name between the quotes, or remove the empty name",
        ),
        ('"   "', "a name cannot be blank: it holds only spaces", "write the name between the quotes"),
        ('"\u3000"', "a name cannot be blank: it holds only spaces", "write the name between the quotes"),
        (
            '"見\u0007積"',
            "a name holds an invisible control character U+0007 (character 2)",
            "delete it: it shows as nothing, or breaks the drawing; retype the name if it was pasted",
        ),
        (
            '"見積\ufffe"',
            "a name holds an invisible control character U+FFFE (character 3)",
            "delete it: it shows as nothing, or breaks the drawing; retype the name if it was pasted",
        ),
        (
            '"見積\x7f"',
            "a name holds an invisible control character U+007F (character 3)",
            "delete it: it shows as nothing, or breaks the drawing; retype the name if it was pasted",
        ),
        ('"見\t積"', "a name cannot hold a tab (character 2)", "write a space instead"),
        (
            '"' + "長" * 16_000 + '"',
            "a name is 16,000 characters long; at most 1,000 are allowed",
            'shorten it; put a long explanation in `doc="…"`',
        ),
    ],
)
def test_unusable_names_are_prep001_with_their_own_message(written, message, hint):
    found = findings(f"{written} -> 見積依頼")
    assert found == [("PREP001", 5, 3, message, hint)]


def test_an_empty_product_name_in_an_actor():
    text = 'process P {\n  actor A {\n    product ""\n  }\n}\n'
    (d,) = parse_text(text, "m.prep").diagnostics
    assert (d.code, d.span.line, d.span.column, d.span.end_column) == ("PREP001", 3, 13, 15)


def test_an_empty_doc_value_is_allowed():
    assert findings('見積依頼 -> 見積依頼 [doc=""]') == []


@pytest.mark.parametrize(
    "state, message",
    [
        ("<>", "a state cannot be empty: `<>` names no state"),
        ("< >", "a state cannot be blank: `< >` names no state"),
        ("<\u3000>", "a state cannot be blank: `<\u3000>` names no state"),
    ],
)
def test_empty_or_blank_states_are_prep001(state, message):
    text = f"process P {{\n  actor A {{\n    product 申込{state}\n  }}\n}}\n"
    (d,) = parse_text(text, "m.prep").diagnostics
    assert (d.code, d.span.line, d.span.column, d.message) == ("PREP001", 3, 15, message)
    assert d.hint == ("write the state between `<` and `>`, as in `申込<提出済>`, or remove the `<>`")


def test_an_empty_state_in_a_reference():
    (found,) = findings("見積依頼<> -> 見積依頼")
    assert found[:4] == ("PREP001", 5, 7, "a state cannot be empty: `<>` names no state")


def test_an_over_long_bare_name_too():
    found = findings("長" * 16_000 + " -> 見積依頼")
    assert [f[:4] for f in found] == [("PREP001", 5, 3, "a name is 16,000 characters long; at most 1,000 are allowed")]


@pytest.mark.parametrize(
    "statement",
    [
        '見積依頼 -> 見積依頼 [doc="' + "長" * 5_000 + '"]',
        '見積依頼 -> 見積依頼 [doc="""' + "長" * 20_000 + '"""]',
        'issue "' + "長" * 2_000 + '" on 見積依頼',
        "issue " + "長" * 2_000 + " on 見積依頼",
        'issue """' + "長" * 20_000 + '""" on 見積依頼',
    ],
)
def test_a_text_has_no_length_limit_but_the_files(statement):
    assert findings(statement) == []


@pytest.mark.parametrize("goal", ["長" * 2_000, '"' + "長" * 2_000 + '"'])
def test_a_long_goal_is_a_text_too(goal):
    text = MODEL.replace("  actor", f"  goal {goal}\n  actor", 1) % "見積依頼 -> 見積依頼"
    assert parse_text(text, "m.prep").diagnostics == []
