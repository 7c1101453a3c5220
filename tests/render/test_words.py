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


@pytest.mark.parametrize("lang, present, absent", [
    ("auto", ["Legend", "Goal: Orders", "intervention point", "Issue: slow",
              "KPI: LeadTime [supplemented]"], ["凡例", "目標", "介入点", "課題", "補足"]),
    ("ja", ["凡例", "目標: Orders", "介入点", "課題: slow", "[補足]"], ["Legend", "Goal:"]),
])
def test_dot_words(lang, present, absent):
    source = to_dot(graphs(ENGLISH), lang=lang)
    for word in present:
        assert word in source
    for word in absent:
        assert word not in source


def test_mermaid_words():
    assert "Goal: Orders" in to_mermaid(graphs(ENGLISH))
    assert "目標: Orders" in to_mermaid(graphs(ENGLISH), "ja")


def test_unknown_language_is_refused(tmp_path):
    model = tmp_path / "m.prep"
    model.write_text(ENGLISH, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "prep", "render", str(model), "-f", "dot",
                           "-o", "-", "--lang", "fr"], capture_output=True, text=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    done = subprocess.run([sys.executable, "-m", "prep", "render", str(model), "-f", "dot",
                           "-o", "-", "--lang", "ja"], capture_output=True, text=True)
    assert done.returncode == 0 and "凡例" in done.stdout
