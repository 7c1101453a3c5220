"""How large are product names on the example decks' slides? Goal (docs/notation.md,
"Exports"): a process is split over slides only when one slide cannot keep its
names >= 12 pt.

Run: python benchmarks/slide_names.py

Each example deck (`prep render -o x.pptx` of every example model, `prep diff -o
d.pptx` of the AsIs/ToBe pairs) is written, then read back from its XML: for
every slide, the size its product names are printed at (the median and the
smallest, after any shrinking to fit), and what limits the slide's scale (as
prep.render.pptx_views planned it): its width, or its height (with the name size
the height allows), and which lanes it shows (all, or a group of them: a process too
tall for 12 pt names has its lanes split into groups, each on slides of its own).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "render"))

from pptx_geometry import items, slides, text_runs  # noqa: E402

from prep import notation as N  # noqa: E402

EXAMPLES = ROOT / "examples"
DECKS = [
    ("render", ["apparel/asis.prep"]),
    ("render", ["apparel/tobe.prep"]),
    ("render", ["manufacturing.prep"]),
    ("render", ["restaurant.prep"]),
    ("render", ["incident/service_desk.prep"]),
    ("render", ["incident/operations.prep"]),
    ("render", ["incident/tobe/service_desk.prep"]),
    ("diff", ["apparel/asis.prep", "apparel/tobe.prep"]),
    ("diff", ["incident/service_desk.prep", "incident/tobe/service_desk.prep"]),
]
PRODUCTS = ("product: ", "final: ", "milestone: ", "intangible: ", "intervention: ", "external: ")


def deck(command: str, paths: list[str]) -> tuple[bytes, list]:
    """The deck's bytes and, per slide, (scale the width allows, scale the height
    allows, the lanes shown) as prep.render.pptx_views planned them."""
    from typer.testing import CliRunner

    import prep.render.pptx as deck_module
    from prep.cli import app
    from prep.render import pptx_views as V

    planned: list[tuple[float, float, str]] = []
    plan = deck_module.plan_slides

    def spy(process, legend, reserve=0.0, room=0.0):
        views = plan(process, legend, reserve, room)
        for view in views:
            group = view.group
            wide = V._fit(view.right - view.left, 0.0, legend, reserve)[0]
            high = V._fit(1.0, group.height if group else process.frame.h, legend, reserve)[0]
            lanes = "all" if group is None else f"{group.first + 1}-{group.last + 1}/{len(process.lanes)}"
            planned.append((wide, high, lanes))
        return views

    deck_module.plan_slides = spy
    try:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "deck.pptx"
            CliRunner().invoke(app, [command, *(str(EXAMPLES / p) for p in paths), "-o", str(out)])
            return (out.read_bytes() if out.exists() else b""), planned
    finally:
        deck_module.plan_slides = plan


def slide_figures(root) -> tuple[str, list[float]]:
    """(the process's name, the product names' sizes as printed)."""
    title, sizes = "", []
    for name, _, el in items(root):
        if name.startswith("goal: ") and not title:
            title = name[len("goal: ") :]
        if name.startswith(PRODUCTS):
            runs = text_runs(el)
            if runs and runs[0]:
                sizes.append(runs[0][0][1])
    return title, sorted(sizes)


def main() -> None:
    heading = f"{'deck':48} {'slide':>5}  {'process':16} {'lanes':>6} {'names pt':>8} {'min pt':>7}  limit"
    print(heading + f" (height: what {N.SIZE['name']} pt names become at the scale the height allows)")
    for command, paths in DECKS:
        data, planned = deck(command, paths)
        label = f"prep {command} {' '.join(paths)}"
        if not data:
            print(f"{label:48} (no deck)")
            continue
        for number, root in enumerate(slides(data), 1):
            title, sizes = slide_figures(root)
            if not sizes:
                continue
            wide, high, lanes = planned[number - 1] if number <= len(planned) else (0.0, 0.0, "?")
            limit = f"height ({high * N.SIZE['name']:.1f} pt)" if high < wide else "width"
            flag = "" if sizes[0] >= 12.0 else "  < 12 pt"
            median = sizes[len(sizes) // 2]
            row = f"{label:48} {number:>5}  {title[:16]:16} {lanes:>6} {median:8.1f} {sizes[0]:7.1f}"
            print(f"{row}  {limit}{flag}")


if __name__ == "__main__":
    main()
