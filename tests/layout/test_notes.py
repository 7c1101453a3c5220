"""KPI notes (docs/notation.md): a KPI hung `under` another KPI, with no `for`,
sits in that KPI's note beside its product, never in the goal banner."""

from __future__ import annotations

import textwrap
from pathlib import Path

from prep.graph import build_document
from prep.layout import layout
from prep.parser import parse_file, parse_text

ROOT = Path(__file__).resolve().parents[2]


def _drawing(text: str):
    parsed = parse_text(textwrap.dedent(text), "m.prep")
    assert parsed.ok, parsed.diagnostics
    return layout(build_document(parsed.document)[0])


def test_a_kpi_under_a_kpi_sits_in_its_parents_note():
    process = _drawing("""
        process P {
          goal "売上"
          actor X {
            final A
          }
          kpi 売上高 [kgi]
          kpi 原価率 for A
          kpi 廃棄率 under 原価率
        }
        """).processes[0]
    banner = [t.text for t in process.banner.lines]
    assert banner == ["P  [AsIs]", "目標: 売上", "KGI: 売上高"]
    parent, child = process.notes
    assert (parent.title, child.title) == ("原価率", "廃棄率")
    assert child.target == parent.target
    assert child.box.y >= parent.box.bottom
    line = next(e for e in process.edges if e.target == child.id)
    assert line.source == parent.id


def test_restaurant_and_incident_keep_their_banners_to_goal_and_kgi():
    for path, child, parent in (
        ("restaurant.prep", "WasteRate", "FoodCost"),
        ("incident/tobe/service_desk.prep", "ReassignmentRate", "FirstResponseTime"),
    ):
        parsed = parse_file(ROOT / "examples" / path, path)
        process = layout(build_document(parsed.document)[0]).processes[0]
        assert not [t for t in process.banner.lines if t.text.startswith("KPI")]
        notes = {n.title: n for n in process.notes}
        assert notes[child].target == notes[parent].target
