"""Text typed with a Japanese input method on is read for what it means: one PREP001
with a safe fix, and the rest of the statement read as mended (docs/language.md,
"Japanese input")."""

from __future__ import annotations

import pytest

from prep.parser import parse_text

HEAD = """\
process 受注 {
  goal 納期遵守率
  external 顧客
  actor 営業部 {
    milestone 見積依頼(品目, 数量)
    final     見積回答<承認済>(金額)
  }
"""
HINT = "symbols are half-width (switch the input method to 直接入力 / half-width for them); names may stay Japanese"


def mend(text: str, diagnostics) -> str:
    """`text` with every fix applied (edits on one line, applied right to left)."""
    edits = sorted(
        (e for d in diagnostics if d.fix for e in d.fix.edits), key=lambda e: (e.span.line, e.span.column), reverse=True
    )
    lines = text.split("\n")
    for e in edits:
        s = e.span
        line = lines[s.line - 1]
        lines[s.line - 1] = line[: s.column - 1] + e.text + line[s.end_column - 1 :]
    return "\n".join(lines)


def one_safe_finding(statement: str):
    text = HEAD + statement + "\n}\n"
    found = parse_text(text, "m.prep").diagnostics
    assert len(found) == 1, [(d.span.column, d.message) for d in found]
    (d,) = found
    assert d.code == "PREP001" and d.fix is not None and d.fix.safe
    fixed = mend(text, found)
    assert parse_text(fixed, "m.prep").diagnostics == []
    return d, fixed.split("\n")[7]


@pytest.mark.parametrize("arrow", ["ー>", "ー＞", "－＞", "－>", "-＞", "＝＞", "→", "⇒"])
def test_input_arrows_typed_with_the_input_method(arrow):
    d, fixed = one_safe_finding(f"  顧客 {arrow} 見積依頼 -> 見積回答 -> 顧客")
    assert (d.span.line, d.span.column) == (8, 6)
    assert (d.message, d.hint) == (f"`{arrow}` is not part of the language: write `->`", HINT)
    assert fixed == "  顧客 -> 見積依頼 -> 見積回答 -> 顧客"


@pytest.mark.parametrize("arrow", ["＜－＞", "＜ー＞", "<－>", "↔", "⇔"])
def test_sync_arrows_typed_with_the_input_method(arrow):
    d, fixed = one_safe_finding(f"  顧客 -> 見積依頼 {arrow} 見積回答 -> 顧客")
    assert d.message == f"`{arrow}` is not part of the language: write `<->`"
    assert fixed == "  顧客 -> 見積依頼 <-> 見積回答 -> 顧客"


def test_an_arrow_inside_a_state_is_part_of_the_state():
    text = HEAD.replace("<承認済>", "<受付→承認>") + "  顧客 -> 見積依頼 -> 見積回答 -> 顧客\n}\n"
    result = parse_text(text, "m.prep")
    assert result.diagnostics == []
    assert result.document.processes[0].actors[0].products[1].state == "受付→承認"


def test_the_spec_example_without_spaces_between_arrow_and_names():
    d, fixed = one_safe_finding("  顧客 ー＞見積依頼 -> 見積回答 -> 顧客")
    assert fixed == "  顧客 ->見積依頼 -> 見積回答 -> 顧客"


@pytest.mark.parametrize(
    "statement, message, fixed",
    [
        (
            "  ｋｐｉ 回答日数 for 見積回答",
            "`ｋｐｉ` is typed in full-width: write `kpi`",
            "  kpi 回答日数 for 見積回答",
        ),
        (
            "  kpi 回答日数 ｆｏｒ 見積回答",
            "`ｆｏｒ` is typed in full-width: write `for`",
            "  kpi 回答日数 for 見積回答",
        ),
        (
            "  kpi “On-time delivery” for 見積回答",
            '`“On-time delivery”` is typed in full-width: write `"On-time delivery"`',
            '  kpi "On-time delivery" for 見積回答',
        ),
        (
            "  kpi ＂回答日数＂ for 見積回答",
            '`＂回答日数＂` is typed in full-width: write `"回答日数"`',
            '  kpi "回答日数" for 見積回答',
        ),
        (
            "  顧客 -> 見積依頼 -> 見積回答＜承認済＞ -> 顧客",
            "`＜承認済＞` is typed in full-width: write `<承認済>`",
            "  顧客 -> 見積依頼 -> 見積回答<承認済> -> 顧客",
        ),
        (
            "  顧客 -> 見積依頼，見積回答 -> 顧客",
            "`，` is not part of the language: write `,`",
            "  顧客 -> 見積依頼,見積回答 -> 顧客",
        ),
        (
            "  顧客 -> 見積依頼、見積回答 -> 顧客",
            "`、` is not part of the language: write `,`",
            "  顧客 -> 見積依頼,見積回答 -> 顧客",
        ),
        (
            "  顧客 -> 見積依頼 -> 見積回答 -> 顧客 [doc＝速い]",
            "`＝` is not part of the language: write `=`",
            "  顧客 -> 見積依頼 -> 見積回答 -> 顧客 [doc=速い]",
        ),
        (
            "  issue：回答が遅い on 見積回答",
            "`：` is not needed after `issue`: a keyword is followed by its name",
            "  issue 回答が遅い on 見積回答",
        ),
    ],
)
def test_full_width_keywords_quotes_states_and_symbols(statement, message, fixed):
    d, after = one_safe_finding(statement)
    assert d.message == message
    assert after == fixed


@pytest.mark.parametrize("statement", ["  issue 「回答が遅い」 on 見積回答", "  goal 「納期遵守率100%」"])
def test_japanese_quotation_brackets_get_the_hint_to_write_double_quotes(statement):
    text = HEAD + statement + "\n}\n"
    (d,) = parse_text(text, "m.prep").diagnostics
    inner = statement.split("「")[1].split("」")[0]
    assert d.message == f'`「」` are not quotes in a model: write `"{inner}"`'
    assert d.hint == f'a text with spaces or symbols is written in double quotes: `"{inner}"`'
    assert not d.fix.safe


def test_a_colon_after_a_keyword_is_one_finding():
    text = HEAD.replace("actor 営業部 {", "actor: 営業部 {") + "  顧客 -> 見積依頼 -> 見積回答 -> 顧客\n}\n"
    (d,) = parse_text(text, "m.prep").diagnostics
    assert (d.span.line, d.span.column, d.message, d.hint) == (
        4,
        8,
        "`:` is not needed after `actor`: a keyword is followed by its name",
        "remove the `:`: write `actor 営業部`",
    )
    assert d.fix.safe


@pytest.mark.parametrize(
    "statement, message, hint, edit",
    [
        (
            "  kpi 回答日数 of 見積回答",
            "`of` is not a keyword: did you mean `for`?",
            "`kpi NAME for PRODUCT` names the product a KPI measures; `under` its parent KPI",
            "for",
        ),
        (
            "  kpi 回答日数 見積回答",
            "`回答日数 見積回答` is read as two names: a name with a space is written in double quotes",
            "write `kpi 回答日数 for 見積回答` if the KPI measures "
            '`見積回答`, or `kpi "回答日数 見積回答"` for one name',
            '"回答日数 見積回答"',
        ),
    ],
)
def test_words_that_may_be_syntax_are_not_quoted_by_a_safe_fix(statement, message, hint, edit):
    """`kpi X of Y` quoted would hang the KPI under the goal instead of measuring Y."""
    (d,) = parse_text(HEAD + statement + "\n}\n", "m.prep").diagnostics
    assert (d.message, d.hint) == (message, hint)
    assert [e.text for e in d.fix.edits] == [edit] and not d.fix.safe


def test_a_missing_comma_between_parameters_is_an_unsafe_fix():
    (d,) = parse_text(HEAD.replace("(品目, 数量)", "(品目 数量)") + "}\n", "m.prep").diagnostics
    assert (d.message, d.hint) == (
        "`品目 数量`: parameters are separated by `,`",
        'write `品目, 数量`, or `"品目 数量"` for one parameter with a space',
    )
    assert [e.text for e in d.fix.edits] == ["品目, 数量"] and not d.fix.safe


def test_an_arrow_typed_right_after_a_name_is_an_unsafe_guess():
    """`顧客ー＞見積依頼`: `ー` may end the name (`ユーザー`) or start the arrow."""
    text = HEAD + "  顧客ー＞見積依頼 -> 見積回答 -> 顧客\n}\n"
    (d,) = parse_text(text, "m.prep").diagnostics
    assert (d.span.column, d.message, d.hint) == (
        5,
        "`顧客ー＞` is read as the name `顧客ー` and `＞`; `ー＞` is probably an arrow typed with the input method on",
        "write `顧客 ->`, or `顧客ー ->` if `ー` belongs to the name",
    )
    assert not d.fix.safe
    assert parse_text(mend(text, [d]), "m.prep").diagnostics == []


def test_a_lone_greater_than_sign_where_an_arrow_belongs():
    (d,) = parse_text(HEAD + "  顧客 ＞ 見積依頼 -> 見積回答 -> 顧客\n}\n", "m.prep").diagnostics
    assert (d.message, d.fix.safe) == ("`＞` is not an arrow: write `->`", False)
