"""Completion and hover of `prep lsp`, asked of one file's analysis: after an arrow only
names, after `under` no KPI of its own, and hovers that say what range they cover."""

from __future__ import annotations

from lsprotocol import types as t

from prep.lsp import completion as features
from prep.lsp.hover import hover as hover_at
from prep.lsp.analysis import analyse

TEXT = """\
process 受注 {
  goal 納期遵守率
  external 顧客
  actor 営業部 {
    product 見積依頼
    final   出荷指示
  }
  顧客 -> 見積依頼 -> 出荷指示 -> 顧客
  kpi 回答日数 for 出荷指示
  kpi 新KPI for 見積依頼 under 回答日数
}
"""


def labels(text: str, line: int, character: int) -> list[str]:
    a = analyse("file:///m.prep", "m.prep", text)
    result = features.completion(a, t.Position(line=line, character=character), "utf-16")
    return sorted(i.label for i in result.items)


def test_after_an_arrow_only_products_and_externals():
    text = TEXT.replace("  顧客 -> 見積依頼", "  顧客 -> \n  顧客 -> 見積依頼")
    assert labels(text, 7, 8) == ["出荷指示", "見積依頼", "顧客"]


def test_after_for_only_names():
    text = TEXT.replace("  kpi 回答日数 for 出荷指示", "  kpi 回答日数 for ")
    assert labels(text, 8, 15) == ["出荷指示", "見積依頼", "顧客"]


def test_after_under_the_kpi_itself_is_not_offered():
    line = TEXT.splitlines()[9]
    assert labels(TEXT, 9, line.index("under") + 6) == ["回答日数"]


def test_the_arrow_is_a_trigger_character():
    assert features.TRIGGER_CHARACTERS == ["[", "=", ",", ".", ">"]


def test_a_hover_says_which_range_it_covers():
    a = analyse("file:///m.prep", "m.prep", TEXT)
    hover = hover_at(a, t.Position(line=4, character=13), "utf-16")
    assert hover.range == t.Range(start=t.Position(line=4, character=12), end=t.Position(line=4, character=16))
