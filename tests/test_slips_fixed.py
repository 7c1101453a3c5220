"""`prep check --fix` on the slips a consultant made on a fresh install: each gives the
intended model, or leaves its finding (its fix unsafe) — never another meaning under
"All checks passed"."""

from __future__ import annotations

import pytest

from rulecase import customer_order
from test_cli_check import run
from test_fix_safety import meaning

GOOD = customer_order(
    ("product 見積依頼(品目, 数量)", "final   出荷指示(品目)"),
    "顧客 -> 見積依頼 -> 出荷指示 -> 顧客",
    "kpi 出荷指示リードタイム for 出荷指示",
    'kpi "On-time delivery" under 出荷指示リードタイム',
    'issue "回答が遅い" on 見積依頼',
)

# (what was typed instead of part of GOOD, the part): the fix mends it to GOOD.
MENDED = [
    ("顧客 ー＞ 見積依頼", "顧客 -> 見積依頼"),
    ("顧客 -＞ 見積依頼", "顧客 -> 見積依頼"),
    ("顧客 → 見積依頼", "顧客 -> 見積依頼"),
    ("ｋｐｉ 出荷指示リードタイム", "kpi 出荷指示リードタイム"),
    ("kpi “On-time delivery”", 'kpi "On-time delivery"'),
    ('issue："回答が遅い"', 'issue "回答が遅い"'),
    ("actor: 営業部 {", "actor 営業部 {"),
    ("process 受注", "process 受注 {"),
    ('issue "回答が遅い" 見積依頼', 'issue "回答が遅い" on 見積依頼'),
    ("見積依頼（品目，数量）", "見積依頼(品目, 数量)"),
]
# Typed with more than one reading: the fix is unsafe, the finding stays.
LEFT = [
    ("kpi 出荷指示リードタイム of 出荷指示", "kpi 出荷指示リードタイム for 出荷指示"),
    ("kpi 出荷指示リードタイム 出荷指示", "kpi 出荷指示リードタイム for 出荷指示"),
    ("見積依頼(品目 数量)", "見積依頼(品目, 数量)"),
    ("顧客 -> 見積依頼　依頼", "顧客 -> 見積依頼"),
    ("issue 「回答が遅い」", 'issue "回答が遅い"'),
    ('kpi "On¥"time" under', 'kpi "On-time delivery" under'),
    ("    external 経理\n  }\n  顧客 ->", "  }\n  顧客 ->"),
]


def broken(typed: str, meant: str) -> str:
    if meant == "process 受注 {":
        return GOOD.replace("process 受注 {", typed, 1)
    assert meant in GOOD, meant
    return GOOD.replace(meant, typed, 1)


@pytest.mark.parametrize("typed, meant", MENDED)
def test_a_safe_fix_gives_the_intended_model(tmp_path, typed, meant):
    (tmp_path / "m.prep").write_text(broken(typed, meant), "utf-8")
    result = run(["check", "--fix", "m.prep", "--ignore", "PREP401"], tmp_path)
    assert meaning((tmp_path / "m.prep").read_text("utf-8")) == meaning(GOOD)
    assert result.exit_code == 0


@pytest.mark.parametrize("typed, meant", LEFT)
def test_an_ambiguous_slip_keeps_its_finding(tmp_path, typed, meant):
    text = broken(typed, meant)
    (tmp_path / "m.prep").write_text(text, "utf-8")
    result = run(["check", "--fix", "m.prep", "-f", "json"], tmp_path)
    assert result.exit_code == 1
    assert (tmp_path / "m.prep").read_text("utf-8") == text
    assert '"PREP001"' in result.stdout
