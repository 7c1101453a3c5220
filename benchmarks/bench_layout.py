"""How good and how fast is prep's swimlane layout (`--layout lanes`, the default)
against the cluster layout of 0.1.0 (`--layout dot`)?

Run: python benchmarks/bench_layout.py [--quality] [--scale] [--stability]
         [--followable] [--sizes 1000,3000,10000]

--followable: arrowheads closer than 8 px, lines through a text (any piece of a line,
as drawn, entering the box of a product, note, relation label, lane or band header or
the banner other than at its own ends), shared tracks (two lines within 2 pt for more
than a column gap, in any direction; each listed), the text sizes at 1920 px wide
and the subprocess bands' widths in columns (benchmarks/followable.py) on every
example, the workshop models and 24 paper-like models.

--quality (default with no option): for every bundled example (the paper's figures
are among them), the workshop models of tests/layout/models, 24 paper-like models
(benchmarks/paper_models.py) and generated models of 100, 300 and 1,000 products, both layouts
are drawn by Graphviz to JSON and measured on the same geometry:
  crossings   pairs of relation lines that cross (lines sharing a product not counted);
              for dot also "dot, lanes in file order": dot's order within each lane
              with its lane clusters put back in file order, as prep keeps them
              (benchmarks/dot_order.py; dot itself reorders the lanes)
  length      total relation length over the drawing's diagonal
  area        share of the drawing's area covered by product boxes
Goal: on every example no more crossings than `dot`, at least 30 % fewer in total,
products covering at least 15 % of the area.

--stability: every example, the workshop models of tests/layout/models and 24
paper-like models (benchmarks/paper_models.py), each edited once per kind (add,
remove, rename a product with its relations; benchmarks/stability.py): the share of
pairs of untouched products in the same left-to-right order, laid out plainly and
with the first drawing as hint. Goals: >= 85 % plain, >= 97 % hinted, every product
in its lane. Then AsIs/ToBe pairs (the examples', and each paper-like model without
its CSM and service lanes as AsIs): shared pairs in AsIs's order, plain and with
--like (goal >= 90 %).

--scale: `prep render -o x.svg` (the whole command, in a subprocess) on single
processes of 1,000, 3,000 and 10,000 products in ten lanes, with one relation across
every column. Goal: 10,000 within 30 s,
time(10,000) / time(1,000) at most 15.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dot_order import counted
from followable import polyline

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").rglob("*.prep"))


def layered(n: int, lanes: int = 10, seed: int = 1, across: bool = False) -> str:
    """One process of `n` products in `lanes` lanes, in stages of about sqrt(n)/2
    products, each fed by one or two products of the stage before (deterministic).
    `across`: the first product also feeds the last (one edge across every column,
    whose spline is longer than Graphviz's 16,384-char strings)."""
    rnd = random.Random(seed)
    width = max(4, int(n**0.5 / 2))
    out = ["process 大規模 {", "  goal 納期遵守率", "  external 入力", "  external 出力"]
    for a in range(lanes):
        out.append(f"  actor 担当{a} {{")
        for i in range(a, n, lanes):
            kind = "final" if i == n - 1 else "milestone" if i % 97 == 0 else "product"
            out.append(f"    {kind} p{i}(x, y)")
        out.append("  }")
    out += [f"  入力 -> p{i}" for i in range(min(width, n))]
    for i in range(width, n):
        lo, hi = (i // width - 1) * width, (i // width) * width
        out.append(f"  p{rnd.randrange(lo, hi)} -> p{i}")
        if rnd.random() < 0.4:
            out.append(f"  p{rnd.randrange(max(0, lo - width), hi)} -> p{i}")
    out += [f"  p{i} -> 出力" for i in range(max(0, n - width), n)]
    if across and n > 1:
        out.append(f"  p0 -> p{n - 1}")
    out.append("}")
    return "\n".join(out) + "\n"


# -- geometry from Graphviz JSON ---------------------------------------------------------
def _graph(model: Path, layout: str) -> dict:
    """The drawing as Graphviz JSON (positions after layout)."""
    from prep.graph import build_document
    from prep.parser import parse_file
    from prep.render import render

    graphs = build_document(parse_file(model, model.name).document)[0]
    source = render(graphs, "dot", layout=layout, timeout=600).decode("utf-8")
    args = ["dot", "-Kneato", "-n2", "-Tjson"] if layout == "lanes" else ["dot", "-Tjson"]
    done = subprocess.run(args, input=source.encode(), capture_output=True, check=True, timeout=900)
    return json.loads(done.stdout)


def _beziers(ops) -> list[list[tuple[float, float]]]:
    return [[tuple(p) for p in op["points"]] for op in ops if op.get("op") in ("b", "B")]


def _cross(p, q, r, s) -> bool:
    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return 0 if abs(v) < 1e-9 else (1 if v > 0 else -1)

    return (orient(p, q, r) * orient(p, q, s) < 0) and (orient(r, s, p) * orient(r, s, q) < 0)


def measure(data: dict, layout: str) -> dict:
    x0, y0, x1, y1 = (float(v) for v in data["bb"].split(","))
    width, height = x1 - x0, y1 - y0
    objects = data.get("objects", [])
    products, ids = [], {}
    for obj in objects:
        if "_gvid" not in obj or "nodes" in obj:
            continue
        name, shape = obj.get("name", ""), obj.get("shape", "")
        ids[obj["_gvid"]] = name
        is_node = name.startswith("n") and name[1:].isdigit()
        if is_node and shape not in ("cds", "note", "plaintext", "point") and "external" not in obj.get("class", ""):
            products.append(obj)
    area = sum(float(o["width"]) * float(o["height"]) * 72 * 72 for o in products)
    product_ids = {o["_gvid"] for o in products}
    lines, relations = [], []
    for edge in data.get("edges", []):
        if (
            edge.get("style") in ("invis", "dotted")
            or "note" in edge.get("class", "")
            or "link" in edge.get("class", "")
            or "legend" in edge.get("class", "")
        ):
            continue
        if ids.get(edge["tail"], "").startswith("legend"):
            continue
        ends = {edge["tail"], edge["head"]}
        drawn = [polyline(points) for points in _beziers(edge.get("_draw_", []))]
        lines += [(ends, pl) for pl in drawn]
        relations.append((edge["tail"], edge["head"], len(relations), [p for pl in drawn for p in pl]))
    length = sum(math.dist(a, b) for _, pl in lines for a, b in zip(pl, pl[1:]))
    crossings = _crossings(lines)
    return {
        "crossings": crossings,
        # dot's own order within each lane, its lanes put back in file order
        "file_order": counted(data, relations) if layout == "dot" else crossings,
        "as_drawn": counted(data, relations, file_order=False) if layout == "dot" else crossings,
        "length": length / math.hypot(width, height),
        "area": area / (width * height),
        "products": len(product_ids),
    }


def _crossings(lines) -> int:
    """Pairs of lines that cross (a grid of cells keeps it near linear)."""
    cell = 40.0
    grid: dict[tuple[int, int], list[tuple[int, int]]] = {}
    segments = []
    for n, (_, pl) in enumerate(lines):
        for a, b in zip(pl, pl[1:]):
            k = len(segments)
            segments.append((n, a, b))
            for gx in range(int(min(a[0], b[0]) // cell), int(max(a[0], b[0]) // cell) + 1):
                for gy in range(int(min(a[1], b[1]) // cell), int(max(a[1], b[1]) // cell) + 1):
                    grid.setdefault((gx, gy), []).append(k)
    pairs: set[tuple[int, int]] = set()
    for members in grid.values():
        for i, s in enumerate(members):
            n, a, b = segments[s]
            for t in members[i + 1 :]:
                m, c, d = segments[t]
                if m == n or (min(m, n), max(m, n)) in pairs:
                    continue
                if lines[n][0] & lines[m][0]:
                    continue  # lines meeting at a shared product
                if _cross(a, b, c, d):
                    pairs.add((min(m, n), max(m, n)))
    return len(pairs)


def quality() -> bool:
    models = [(p.relative_to(ROOT).as_posix(), p, True) for p in EXAMPLES]
    folder = Path(tempfile.mkdtemp(prefix="prep-bench-layout-"))
    models += [
        (p.relative_to(ROOT).as_posix()[-32:], p, "workshop")
        for p in sorted((ROOT / "tests" / "layout" / "models").glob("*.prep"))
    ]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from paper_models import paper_model

    for seed in range(1, 25):
        path = folder / f"paper{seed}.prep"
        path.write_text(paper_model(seed), encoding="utf-8")
        models.append((f"paper-like {seed}", path, "workshop"))
    for n in (100, 300, 1000):
        path = folder / f"generated{n}.prep"
        path.write_text(layered(n), encoding="utf-8")
        models.append((f"generated, {n} products", path, False))
    print(f"{'model':32} {'crossings (dot: also with lanes in file order)':>24}")
    print(f"{'':32} {'':>7} {'':>8} {'dot,':>8} {'length/diag':>14} {'product area':>14}")
    print(f"{'':32} {'lanes':>7} {'dot':>8} {'in file':>8} {'lanes':>6} {'dot':>7} {'lanes':>6} {'dot':>7}")
    total = {"lanes": 0, "dot": 0}
    workshop = {"lanes": 0, "dot": 0, "over": 0, "file_order": 0, "over_file_order": 0}
    ok = True
    for label, path, example in models:
        got = {layout: measure(_graph(path, layout), layout) for layout in ("lanes", "dot")}
        lanes, dot = got["lanes"], got["dot"]
        print(
            f"{label:32} {lanes['crossings']:>7} {dot['crossings']:>8} {dot['file_order']:>8} "
            f"{lanes['length']:>6.1f} {dot['length']:>7.1f} "
            f"{lanes['area']:>6.1%} {dot['area']:>7.1%}",
            flush=True,
        )
        if example:
            workshop["lanes"] += lanes["crossings"]
            workshop["dot"] += dot["crossings"]
            workshop["over"] += lanes["crossings"] > dot["crossings"] + 2
            workshop["file_order"] += dot["file_order"]
            workshop["over_file_order"] += lanes["crossings"] > dot["file_order"] + 2
        if example is True:
            total["lanes"] += lanes["crossings"]
            total["dot"] += dot["crossings"]
            ok &= lanes["crossings"] <= dot["crossings"] and lanes["area"] >= 0.15
    share = workshop["lanes"] / workshop["dot"] if workshop["dot"] else 0.0
    print(
        f"examples, workshop and paper-like models: {workshop['lanes']} crossings with "
        f"lanes, {workshop['dot']} with dot ({share:.0%} of dot's; goal <= 80 %); "
        f"{workshop['over']} models over dot's + 2 (goal 0)"
    )
    print(
        f"dot, lanes in file order (benchmarks/dot_order.py: dot's order within each lane, "
        f"its lanes restacked as in the file): {workshop['file_order']} crossings; "
        f"{workshop['over_file_order']} models with lanes over that + 2"
    )
    ok &= share <= 0.80
    fewer = 1 - total["lanes"] / total["dot"] if total["dot"] else 0.0
    print(f"examples: {total['lanes']} crossings with lanes, {total['dot']} with dot ({fewer:.0%} fewer; goal >= 30 %)")
    return ok and (total["dot"] == 0 or fewer >= 0.30)


def scale(sizes: list[int]) -> bool:
    folder = Path(tempfile.mkdtemp(prefix="prep-bench-scale-"))
    times = {}
    for n in sizes:
        model = folder / f"layered{n}.prep"
        model.write_text(layered(n, across=True), encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "prep",
                "render",
                str(model),
                "-o",
                str(folder / f"layered{n}.svg"),
                "--timeout",
                "600",
            ],
            capture_output=True,
            text=True,
        )
        times[n] = time.perf_counter() - start
        status = "ok" if done.returncode == 0 else f"exit {done.returncode}: {done.stderr}"
        print(f"{n:>6} products: {times[n]:6.1f} s  {status}", flush=True)
    ok = True
    if 10000 in times:
        ok &= times[10000] <= 30
    if 1000 in times and 10000 in times:
        ratio = times[10000] / times[1000]
        print(f"time(10,000) / time(1,000) = {ratio:.1f} (goal <= 15)")
        ok &= ratio <= 15
    return ok


def _documents():
    """Every example, the hand-written workshop models of tests/layout/models and 24
    paper-like models (benchmarks/paper_models.py), as (label, Document)."""
    from prep.parser import parse_file, parse_text

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from paper_models import paper_model

    paths = EXAMPLES + sorted((ROOT / "tests" / "layout" / "models").glob("*.prep"))
    out = [(p.relative_to(ROOT).as_posix()[-28:], parse_file(p, p.name).document) for p in paths]
    out += [(f"paper-like {s}", parse_text(paper_model(s), f"paper{s}.prep").document) for s in range(1, 25)]
    return out


def stability() -> bool:
    """Pairs of untouched products kept in left-to-right order after one edit, and
    shared products in AsIs's order under --like."""
    from stability import EDITS, asis_of, bench_alignment, bench_stability

    documents = _documents()
    print(f"{'model':28} " + "  ".join(f"{k:>6} plain  hint" for k in EDITS))
    total = bench_stability(documents)
    ok = True
    for kind, (plain, hinted, n, lanes) in total.items():
        print(
            f"{kind:>6}: {plain / n:.1%} kept without a hint (goal >= 85 %), "
            f"{hinted / n:.1%} with one (goal >= 97 %), over {n} pairs; "
            f"{lanes:.0%} in their lane"
        )
        ok &= plain / n >= 0.85 and hinted / n >= 0.97 and lanes == 1.0
    examples = {p.relative_to(ROOT).as_posix(): p for p in EXAMPLES}
    from prep.parser import parse_file

    pairs = []
    for asis, tobe in (
        ("examples/apparel/asis.prep", "examples/apparel/tobe.prep"),
        ("examples/incident/service_desk.prep", "examples/incident/tobe/service_desk.prep"),
    ):
        if asis in examples and tobe in examples:
            pairs.append(
                (tobe[9:], parse_file(examples[asis], asis).document, parse_file(examples[tobe], tobe).document)
            )
    pairs += [(label, asis_of(doc), doc) for label, doc in documents if label.startswith("paper-like")]
    print(f"{'AsIs / ToBe':28} {'plain':>8} {'--like':>8} {'pairs':>6} {'allowed':>8} {'pairs':>6}")
    rows = bench_alignment(pairs)
    plain = sum(r[1] * r[3] for r in rows) / max(1, sum(r[3] for r in rows))
    like = sum(r[2] * r[3] for r in rows) / max(1, sum(r[3] for r in rows))
    allowed = sum(r[4] * r[5] for r in rows) / max(1, sum(r[5] for r in rows))
    pairs_all = sum(r[3] for r in rows)
    forced_against = pairs_all - sum(r[5] for r in rows)
    print(
        f"aligned: {plain:.1%} of shared pairs without --like, {like:.1%} with it "
        f"(goal >= 90 %); {allowed:.1%} of the pairs whose order ToBe's relations allow"
    )
    print(
        f"forced: {forced_against} of {pairs_all} pairs have the order AsIs drew them in "
        f"ruled out by a path of ToBe's input relations (no layout keeps them: at most "
        f"{1 - forced_against / max(1, pairs_all):.1%} can be kept)"
    )
    return ok and like >= 0.90


def follow() -> bool:
    """Arrowheads, labels, shared tracks and legibility (benchmarks/followable.py)
    over every example, the workshop models and 24 paper-like models."""
    from followable import band_widths, followable

    from prep.graph import build_document
    from prep.layout import layout

    print(f"{'model':28} {'heads':>6} {'labels':>7} {'shared':>7} {'width pt':>9} {'names px':>9} {'other px':>9}")
    total = {"heads": 0, "labels": 0, "shared": 0}
    legible = 0
    documents = _documents()
    bands = [0, 0, 0]
    for label, document in documents:
        graphs = build_document(document)[0]
        drawing = layout(graphs)
        f = followable(drawing)
        bands = [a + b for a, b in zip(bands, band_widths(drawing, graphs))]
        for k in total:
            total[k] += f[k]
        legible += f["name_px"] >= 14 and f["other_px"] >= 11
        print(
            f"{label:28} {f['heads']:>6} {f['labels']:>7} {f['shared']:>7} "
            f"{f['width']:>9.0f} {f['name_px']:>9.1f} {f['other_px']:>9.1f}",
            flush=True,
        )
        for hit in f["hits"]:
            print(f"    {hit}")
    print(
        f"in all: {total['heads']} pairs of arrowheads closer than 8 px, "
        f"{total['labels']} lines through a text, {total['shared']} shared tracks; "
        f"{legible} of {len(documents)} drawings legible at 1920 px "
        f"(names >= 14 px, other text >= 11 px)"
    )
    print(
        f"bands: {bands[0]} columns in all, {bands[1]} by their members' longest input "
        f"paths (hand-offs save columns); {bands[2]} bands wider than their path"
    )
    return not any(total.values()) and legible == len(documents)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", action="store_true")
    parser.add_argument("--scale", action="store_true")
    parser.add_argument("--stability", action="store_true")
    parser.add_argument("--followable", action="store_true")
    parser.add_argument("--sizes", default="1000,3000,10000")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    ok = True
    if args.quality or not (args.scale or args.stability or args.followable):
        ok &= quality()
    if args.followable:
        ok &= follow()
    if args.stability:
        ok &= stability()
    if args.scale:
        ok &= scale([int(s) for s in args.sizes.split(",")])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
