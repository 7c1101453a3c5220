"""Followable drawings (docs/notation.md, Layout): arrowheads into one product spread
at least 8 px apart at 1920 px wide, no relation label crossed by another line, no
two lines on one track, on every example and the workshop models."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from prep.graph import build_document
from prep.layout import layout
from prep.parser import parse_file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from followable import band_widths, followable  # noqa: E402

MODELS = sorted((ROOT / "examples").rglob("*.prep")) + sorted((ROOT / "tests" / "layout" / "models").glob("*.prep"))


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_heads_spread_labels_clear_tracks_apart(path):
    drawing = layout(build_document(parse_file(path, path.name).document)[0])
    got = followable(drawing)
    assert (got["heads"], got["labels"], got["shared"]) == (0, 0, 0)


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_bands_as_narrow_as_their_members_longest_path(path):
    """Each subprocess band spans no more columns than the longest input path between
    its members needs (docs/notation.md: bands honest)."""
    graphs = build_document(parse_file(path, path.name).document)[0]
    total, least, wider = band_widths(layout(graphs), graphs)
    assert wider == 0 and total <= least


@pytest.mark.parametrize("seed", range(1, 25))
def test_heads_spread_on_paper_like_models(seed):
    """A product fed by many lines (up to seven here) grows tall enough to spread
    their heads: none two within 8 px at 1920 px wide, however wide the drawing."""
    from paper_models import paper_model

    from prep.parser import parse_text

    drawing = layout(build_document(parse_text(paper_model(seed), "m.prep").document)[0])
    assert followable(drawing)["heads"] == 0
