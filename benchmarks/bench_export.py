"""How long do the editable exports take against the SVG of the same model?
Goal: the pptx of a 300-product model within 2x the time of its svg.

Run: python benchmarks/bench_export.py [--products 300] [--runs 3]

Two generated models of about 300 products (benchmarks/gen_model.py): five
processes of 60 products (one slide each), and one process of 300 products (too
wide for one slide: split by subprocess columns). Each is drawn by `prep render`
as svg, pptx and drawio, end to end (start-up, reading, checking, layout,
writing); the figures are the medians of the runs. Then, in-process, where the
time of one pptx goes (layout, then writing the deck)."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.gen_model import _process  # noqa: E402


def _models(products: int) -> dict[str, str]:
    per = 60
    several = []
    for p in range(max(1, products // per)):
        several.extend(_process(p, per))
    return {
        f"{products // per} processes of {per}": "\n".join(several) + "\n",
        f"one process of {products}": "\n".join(_process(0, products)) + "\n",
    }


def _time(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    prep = str(Path(sys.executable).with_name("prep"))
    with tempfile.TemporaryDirectory() as folder:
        for title, text in _models(options.products).items():
            model = Path(folder) / "model.prep"
            model.write_text(text, encoding="utf-8")
            figures = {}
            for fmt in ("svg", "pptx", "drawio"):
                out = Path(folder) / f"model.{fmt}"
                figures[fmt] = _time([prep, "render", str(model), "-o", str(out), "--timeout", "600"], options.runs)
            ratio = figures["pptx"] / figures["svg"]
            print(
                f"{title}: svg {figures['svg']:.2f} s, pptx {figures['pptx']:.2f} s "
                f"({ratio:.2f}x svg, goal <= 2x: {'ok' if ratio <= 2 else 'MISSED'}), "
                f"drawio {figures['drawio']:.2f} s ({figures['drawio'] / figures['svg']:.2f}x)"
            )
            _phases(model)
    return 0


def _phases(model: Path) -> None:
    from prep.graph import build_document
    from prep.layout import layout
    from prep.parser import parse_file
    from prep.render.drawio import to_drawio
    from prep.render.pptx import to_pptx

    graphs = build_document(parse_file(model, model.name).document)[0]
    start = time.perf_counter()
    positions = layout(graphs)
    laid = time.perf_counter()
    deck = to_pptx(positions)
    written = time.perf_counter()
    to_drawio(positions)
    done = time.perf_counter()
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        slides = sum(1 for n in z.namelist() if n.startswith("ppt/slides/slide"))
    print(
        f"  in-process: layout {laid - start:.2f} s, pptx writing {written - laid:.2f} s "
        f"({slides} slides, {len(deck) // 1024} KiB), drawio writing {done - written:.2f} s"
    )


if __name__ == "__main__":
    sys.exit(main())
