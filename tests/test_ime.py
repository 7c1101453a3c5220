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
HINT = ("symbols are half-width (switch the input method to 直接入力 / half-width for them); "
        "names may stay Japanese")


def mend(text: str, diagnostics) -> str:
    """`text` with every fix applied (edits on one line, applied right to left)."""
    edits = sorted((e for d in diagnostics if d.fix for e in d.fix.edits),
                   key=lambda e: (e.span.line, e.span.column), reverse=True)
    lines = text.split("\n")
    for e in edits:
        s = e.span
        line = lines[s.line - 1]
        lines[s.line - 1] = line[:s.column - 1] + e.text + line[s.end_column - 1:]
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
