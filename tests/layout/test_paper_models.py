"""The paper-like models of benchmarks/paper_models.py and the hand-written ones in
tests/layout/models: workshop-sized (15–40 products, 3–6 lanes with a CSM and a
service lane, touch lines, subprocesses), clean, deterministic, and laid out soundly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from prep.graph import build_document
from prep.layout import layout
from prep.parser import parse_file, parse_text

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from paper_models import paper_model  # noqa: E402

HAND = sorted((ROOT / "tests" / "layout" / "models").glob("*.prep"))


def _errors(text: str):
    from prep.checks.runner import check_text

    return [f"{d.code} {d.message}" for d in check_text(text) if d.severity.name in ("ERROR", "WARNING")]


@pytest.mark.parametrize("seed", range(1, 25))
def test_generated_models_are_paper_sized_and_clean(seed):
    text = paper_model(seed)
    assert text == paper_model(seed)
    parsed = parse_text(text, f"m{seed}.prep")
    assert parsed.ok, parsed.diagnostics
    graphs = build_document(parsed.document)[0]
    (pg,) = graphs
    process = pg.process
    products = [p for a in process.actors for p in a.products]
    assert 15 <= len(products) <= 40
    roles = [a.attr("role") for a in process.actors]
    assert "csm" in roles and "service" in roles and 3 <= len(roles) <= 6
    assert "touch=" in text and "subprocess" in text
    assert _errors(text) == []


@pytest.mark.parametrize("path", HAND, ids=lambda p: p.name)
def test_hand_written_models_are_clean_and_lay_out(path):
    parsed = parse_file(path, path.name)
    assert parsed.ok, parsed.diagnostics
    graphs = build_document(parsed.document)[0]
    assert _errors(path.read_text(encoding="utf-8")) == []
    drawing = layout(graphs)
    assert len(drawing.processes[0].nodes) >= 20
