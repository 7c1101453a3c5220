"""Legibility and followability over many paper-like models (benchmarks/paper_models.py),
beyond the 24 that bench_layout.py --followable shows one by one.

    python benchmarks/legible_scan.py 25 225     # seeds 25 to 224

Prints each model that is not legible at 1920 px (names >= 14 px, other text >= 11 px)
or has arrowheads closer than 8 px, a line through a text or a shared track, then how
many were drawn with larger texts (docs/notation.md, "Long chains and the projector")
and their name sizes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from followable import followable  # noqa: E402
from paper_models import paper_model  # noqa: E402

from prep import notation as N  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=int)
    parser.add_argument("end", type=int, help="the seed after the last")
    args = parser.parse_args()
    from prep.graph import build_document
    from prep.layout import layout
    from prep.parser import parse_text

    zoomed, bad = {}, 0
    for seed in range(args.first, args.end):
        drawing = layout(build_document(parse_text(paper_model(seed), "m.prep").document)[0])
        got = followable(drawing)
        name = min(t.size for p in drawing.processes for n in p.nodes for t in n.lines if t.role == "name")
        if name > N.SIZE["name"]:
            zoomed[seed] = name
        legible = got["name_px"] >= 14 and got["other_px"] >= 11
        if not legible or got["heads"] or got["hits"]:
            bad += 1
            print(
                f"seed {seed}: names {got['name_px']:.1f} px, other {got['other_px']:.1f} px, "
                f"{got['heads']} close arrowheads; {'; '.join(got['hits'])}",
                flush=True,
            )
    count = args.end - args.first
    sizes = sorted(set(zoomed.values()))
    print(
        f"{count - bad} of {count} models legible and followable; {len(zoomed)} drawn with larger "
        f"texts (names {sizes[0] if sizes else '-'}–{sizes[-1] if sizes else '-'} pt)"
    )


if __name__ == "__main__":
    main()
