"""One slip, one finding: the statement after a slip is read as if it were mended,
and no message names more than six expected tokens (docs/language.md)."""

from __future__ import annotations

import re

import pytest

from prep.parser import parse_text
from rulecase import customer_order

MODEL = customer_order(
    ("milestone 見積依頼(品目, 数量)", "final     見積回答(金額)"), "顧客 -> 見積依頼 -> 見積回答 -> 顧客"
)


def one(text: str):
    found = parse_text(text, "m.prep").diagnostics
    assert len(found) == 1, [(d.span.line, d.message) for d in found]
    return found[0]


def test_a_colon_after_actor():
    d = one(MODEL.replace("actor 営業部 {", "actor: 営業部 {"))
    assert (d.span.line, d.message) == (4, "`:` is not needed after `actor`: a keyword is followed by its name")


@pytest.mark.parametrize(
    "statement, message",
    [
        (
            "external 経理",
            "`external 経理` is inside actor `営業部`: an external process is declared "
            "in the process, outside any actor",
        ),
        (
            "kpi 回答日数 for 見積回答",
            "`kpi 回答日数 for 見積回答` is inside actor `営業部`: an actor's block holds only the actor's products",
        ),
        (
            "見積依頼 -> 見積回答",
            "`見積依頼 -> 見積回答` is inside actor `営業部`: an actor's block holds only the actor's products",
        ),
    ],
)
def test_a_process_statement_inside_an_actor(statement, message):
    d = one(MODEL.replace("    final ", f"    {statement}\n    final "))
    assert (d.span.line, d.span.column, d.message) == (6, 5, message)
    assert d.hint == "move it after the `}` that closes `actor 営業部`"


def test_a_statement_at_the_actors_own_indentation_means_its_brace_is_missing():
    d = one(MODEL.replace("  }\n", "").replace("  顧客 -> 見積依頼", "  external 経理\n  顧客 -> 見積依頼"))
    assert d.message == "`actor 営業部 {` on line 4 has no closing `}`"


@pytest.mark.parametrize(
    "old, new, line, message, hint",
    [
        (
            "process 受注 {",
            "process 受注",
            1,
            "`process 受注` has no `{`: a block opens with `{` at the end of its first line",
            "write `process 受注 {`",
        ),
        (
            "actor 営業部 {",
            "actor 営業部",
            4,
            "`actor 営業部` has no `{`: a block opens with `{` at the end of its first line",
            "write `actor 営業部 {`",
        ),
    ],
)
def test_a_block_without_its_opening_brace(old, new, line, message, hint):
    d = one(MODEL.replace(old, new))
    assert (d.span.line, d.message, d.hint) == (line, message, hint)
    assert d.fix.safe and [e.text for e in d.fix.edits] == [" {"]


def test_an_issue_with_no_on_is_reported_at_the_issue():
    d = one(MODEL.replace("  顧客 ->", '  issue "回答が遅い"\n  顧客 ->'))
    assert (d.span.line, d.span.column) == (8, 9)
    assert d.message == ('`issue "回答が遅い"` names no product: an issue is about a product, named after `on`')
    assert d.hint == 'write `issue "回答が遅い" on PRODUCT`'


def test_an_issue_with_on_missing_before_its_product():
    d = one(MODEL.replace("  顧客 ->", '  issue "回答が遅い" 見積回答\n  顧客 ->'))
    assert d.message == ("`on` is missing before `見積回答`: an issue names the product it is about after `on`")
    assert d.hint == 'write `issue "回答が遅い" on 見積回答`'
    assert d.fix.safe and [e.text for e in d.fix.edits] == ["on "]


@pytest.mark.parametrize("written, meant", [('"率¥""', '"率\\""'), ('"a¥"b"', '"a\\"b"')])
def test_a_yen_sign_typed_for_the_escape(written, meant):
    d = one(MODEL.replace("  顧客 ->", f"  kpi {written} for 見積回答\n  顧客 ->"))
    assert d.message == '`¥"` is not an escape: a quote inside a name is written `\\"`'
    assert d.hint == f"write `{meant}`"
    assert not d.fix.safe


BROKEN = [
    MODEL.replace("(品目, 数量)", "(品目, 数量").replace("  }\n", ""),
    MODEL.replace("顧客 -> 見積依頼", "顧客 -> 見積依頼 (x)"),
    MODEL.replace("見積回答(金額)", "見積回答<承認済>(金額) %"),
    MODEL.replace("process 受注 {", "process 受注 { goal"),
    MODEL + "process",
    MODEL.replace("goal 納期遵守率", "goal"),
    MODEL.replace("-> 顧客", "-> 顧客 [touch=high, ]"),
]


@pytest.mark.parametrize("text", BROKEN)
def test_no_message_names_more_than_six_expected_tokens(text):
    for d in parse_text(text, "m.prep").diagnostics:
        listed = re.split(r" after |, found ", d.message)[0]
        assert len(re.findall(r"`[^`]+`", listed)) <= 6, d.message
