"""The drawing's own words follow the model's language, or --lang."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from prep.graph import build_document
from prep.parser import parse_text
from prep.render.dot import to_dot
from prep.render.mermaid import to_mermaid
from prep.notation import words_for
from conftest import labels

ENGLISH = """
process Orders {
  goal "Orders shipped on time"
  external Customer
  external Warehouse
  actor Sales {
    product Request
    intangible Feel
    final Shipment
  }
  Customer -> Request -> Shipment -> Warehouse
  Feel <-> Request
  kpi LeadTime for Shipment [supplemented]
  issue "slow" on Request
}
"""
JAPANESE = ENGLISH.replace("actor Sales", "actor 営業部")


def graphs(text: str):
    parsed = parse_text(textwrap.dedent(text), "m.prep")
    return build_document(parsed.document)[0]


def test_auto_picks_the_language_of_the_names():
    assert words_for(graphs(ENGLISH))["legend"] == "Legend"
    assert words_for(graphs(JAPANESE))["legend"] == "凡例"


NAMES = ["Sales", "Request", "Feel"]
ENDS = ["Shipment", "Customer", "Warehouse"]


@pytest.mark.parametrize(
    "lang, words",
    [
        (
            "auto",
            [
                "Orders [AsIs]",
                "Goal: Orders shipped on time",
                *NAMES,
                "⚠ intervention point",
                *ENDS,
                "KPI: LeadTime [supplemented]",
                "Issue: slow",
                "Legend",
                "Intermediate product",
                "Milestone product",
                "Final product",
                "Intangible product",
                "Intangible (sync: ⚠ intervention point)",
                "External process",
                "KPI",
                "KPI [service]",
                "KPI [supplemented]",
                "Issue",
                "Subprocess colour [name]",
                "Input relation",
                "",
                "Sync relation",
                "",
                "CSM touch",
                "",
            ],
        ),
        (
            "ja",
            [
                "Orders [AsIs]",
                "目標: Orders shipped on time",
                *NAMES,
                "⚠ 介入点",
                *ENDS,
                "KPI: LeadTime [補足]",
                "課題: slow",
                "凡例",
                "中間成果物",
                "マイルストーン成果物",
                "最終成果物",
                "無形成果物",
                "無形成果物 (同期: ⚠ 介入点)",
                "外部プロセス",
                "KPI",
                "KPI [サービス]",
                "KPI [補足]",
                "課題",
                "サブプロセスの色 [名前]",
                "入力関係",
                "",
                "同期関係",
                "",
                "CSMタッチ",
                "",
            ],
        ),
    ],
)
def test_dot_words(lang, words):
    source = to_dot(graphs(ENGLISH), lang=lang)
    assert [text for label in labels(source) for text in label] == words


def test_mermaid_words():
    english = to_mermaid(graphs(ENGLISH)).splitlines()
    assert english[1] == '  subgraph p1["Orders / Goal: Orders shipped on time"]'
    assert english[14:17] == [
        '    n6["KPI: LeadTime [supplemented]"]:::kpi',
        "    n3 -.- n6",
        '    n7["Issue: slow"]:::issue',
    ]
    japanese = to_mermaid(graphs(ENGLISH), "ja").splitlines()
    assert japanese[1] == '  subgraph p1["Orders / 目標: Orders shipped on time"]'
    assert japanese[14:17] == ['    n6["KPI: LeadTime [補足]"]:::kpi', "    n3 -.- n6", '    n7["課題: slow"]:::issue']


def test_unknown_language_is_refused(tmp_path):
    model = tmp_path / "m.prep"
    model.write_text(ENGLISH, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "prep", "render", str(model), "-f", "dot", "-o", "-", "--lang", "fr"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "prep", "render", str(model), "-f", "dot", "-o", "-", "--lang", "ja"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "凡例" in done.stdout
