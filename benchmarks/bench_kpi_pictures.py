"""Figures of the KPI tree pictures (docs/kpi.md, "Pictures"): for the examples and
generated models, the drawing's width, whether an AsIs/ToBe pair is stacked, the
pixel heights of names (16 pt) and of the smallest other text (12 pt) scaled to
1920 px wide, crossings of lines, and the time to lay out (Graphviz measuring
included, drawing not).

    python benchmarks/bench_kpi_pictures.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "kpi"))


def layout_of(asis: str, tobe: str | None = None, view: str = "kpi"):
    from kpi_models import trees_of

    from prep.layout.kpitree import kpi_layout
    from prep.notation import words_for

    trees, named = trees_of(asis, tobe, view)
    start = time.perf_counter()
    layout = kpi_layout(trees, words_for(named))
    return layout, time.perf_counter() - start


def row(name: str, layout, seconds: float) -> str:
    nodes = max(sum(1 for n in t.nodes if n.kind != "issue") for t in layout.trees)
    name_px, other_px = 16 * 1920 / layout.width, 12 * 1920 / layout.width
    return (
        f"{name:34} {len(layout.trees):2} trees {nodes:4} nodes/tree  "
        f"{layout.width:7.0f} x {layout.height:6.0f} pt  "
        f"{'stacked' if layout.stacked else 'beside ':7}  names {name_px:5.1f} px  "
        f"other {other_px:5.1f} px  {seconds * 1000:6.0f} ms"
    )


def main() -> None:
    from kpi_models import model

    ex = ROOT / "examples"
    read = lambda p: (ex / p).read_text(encoding="utf-8")  # noqa: E731
    cases = [
        ("apparel pair", read("apparel/asis.prep"), read("apparel/tobe.prep")),
        ("incident pair", read("incident/service_desk.prep"), read("incident/tobe/service_desk.prep")),
        ("restaurant", read("restaurant.prep"), None),
        ("manufacturing", read("manufacturing.prep"), None),
    ]
    for size in (10, 20, 30, 40):
        cases.append((f"generated {size} products", model(size, size=size), None))
        cases.append((f"generated pair {size} products", model(size, size=size), model(size, "tobe", size=size)))
    for name, asis, tobe in cases:
        layout, seconds = layout_of(asis, tobe)
        print(row(name, layout, seconds))


if __name__ == "__main__":
    main()
