"""Slides keep product names legible (docs/notation.md, "Exports"): a process is split
over slides only when one slide cannot keep its names >= 12 pt, and a slide whose
names stay under 12 pt is one whose height limits them (the drawing is too tall for
a 16:9 slide at 12 pt; cutting it into columns cannot help). The exceptions are so
named, with their sizes: `python benchmarks/slide_names.py` prints every slide's."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import prep.render.pptx as deck_module
from prep import notation as N
from prep import slides as S
from prep.cli import app
from prep.render import pptx_views as V
from test_export import ROOT

EXAMPLES = ROOT / "examples"
DECKS = [
    ["render", "apparel/asis.prep"],
    ["render", "apparel/tobe.prep"],
    ["render", "manufacturing.prep"],
    ["render", "restaurant.prep"],
    ["render", "incident/operations.prep"],
    ["diff", "apparel/asis.prep", "apparel/tobe.prep"],
    ["diff", "incident/service_desk.prep", "incident/tobe/service_desk.prep"],
]


def planned(monkeypatch, tmp_path, args) -> list[tuple[str, float, list]]:
    """(process, the scale one slide would have, its slides' views) of a deck."""
    found = []
    plan = deck_module.plan_slides

    def spy(process, legend, reserve=0.0, room=0.0):
        views = plan(process, legend, reserve, room)
        whole = V._fit(process.frame.w + room, process.frame.h, legend, reserve)[0]
        found.append((process.name, whole, views))
        return views

    monkeypatch.setattr(deck_module, "plan_slides", spy)
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(app, [args[0], *(str(EXAMPLES / p) for p in args[1:]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return found


@pytest.mark.parametrize("args", DECKS, ids=lambda a: " ".join(a))
def test_names_keep_12_pt_or_the_slides_height_is_the_limit(monkeypatch, tmp_path, args):
    exceptions = []
    for name, whole, views in planned(monkeypatch, tmp_path, args):
        if len(views) > 1:
            assert whole < V.MIN_SCALE, f"{name} is split though one slide keeps {whole * N.SIZE['name']:.1f} pt"
        for number, view in enumerate(views, 1):
            if view.scale >= V.MIN_SCALE - 1e-9:
                continue
            wide = min((S.SLIDE_W - 2 * S.MARGIN) / (view.right - view.left), 1.0)
            size = view.scale * N.SIZE["name"]
            assert view.scale < wide - 1e-9, f"{name} slide {number}: names {size:.1f} pt, limited by the width"
            exceptions.append(f"{name} {number}/{len(views)}: {size:.1f} pt (height)")
    print("; ".join(exceptions))  # the slides under 12 pt, and why


def test_the_apparel_tobe_daily_operations_is_height_limited(monkeypatch, tmp_path):
    """日々の店舗運営 (ToBe) is about 1,629 × 889 pt: the slide's height allows its
    names about 9 pt; the column split keeps them there and no lower."""
    found = dict((n, v) for n, _, v in planned(monkeypatch, tmp_path, ["render", "apparel/tobe.prep"]))
    views = found["日々の店舗運営"]
    assert len(views) == 2
    sizes = [view.scale * N.SIZE["name"] for view in views]
    assert all(8.5 < size < 12 for size in sizes), sizes
