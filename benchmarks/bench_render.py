"""How fast is `prep render` against raw Graphviz `dot` on the same dot source
(goal: at most 1.3x at 1,000 products), and how large a model renders within 60 s?

Run: python benchmarks/bench_render.py [--products 1000] [--largest] [--format svg]

Three generated models of about 1,000 products:
- one dense process: ten lanes, each product fed by its predecessor and every third
  one also by an earlier product, so relations cross the lanes as in a workshop
  model; `dot` has real work (seconds). This is the goal's case.
- 15 processes of 60 products and one process of 1,000 chained products: trivial
  layouts (`dot` needs a few tenths of a second), where prep's fixed cost of
  starting, reading and checking the model dominates the ratio. For these the
  script also prints where prep's own time goes (`phases`), measured in-process.
`--largest` doubles the number of products in ONE process (the hard case for
`dot`: one big clustered graph) until a render takes longer than 60 s, and reports
the last size that made it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 60.0


def _own_process(p: int, products: int) -> list[str]:
    names = [f"製品{p}_{i}" for i in range(products)]
    out = [f"process 業務{p} {{", f"  goal 目標{p}", f"  external 供給{p}", f"  external 顧客{p}"]
    lanes = 4
    per = -(-products // lanes)
    for a in range(lanes):
        out.append(f"  actor 担当{p}_{a} {{")
        for i in range(a * per, min((a + 1) * per, products)):
            out.append(f"    product {names[i]}(品目, 数量)")
        if a == lanes - 1:
            out.append(f"    final 出荷{p}(品目, 数量)")
        out.append("  }")
    out.append("  " + " -> ".join([f"供給{p}", *names, f"出荷{p}", f"顧客{p}"]))
    out.extend(f"  {names[i]} <-> {names[i + 2]}" for i in range(1, products - 2, 5))
    out.append("}")
    return out


def one_process(products: int) -> str:
    try:
        sys.path.insert(0, str(ROOT))
        from benchmarks.gen_model import _process

        return "\n".join(_process(0, products)) + "\n"
    except ImportError:
        return "\n".join(_own_process(0, products)) + "\n"


def many_processes(products: int) -> str:
    """About `products` products in processes of 60 (gen_model.generate by lines)."""
    try:
        sys.path.insert(0, str(ROOT))
        from benchmarks.gen_model import PRODUCTS_PER_PROCESS, _process, generate

        lines_per = len(_process(0, PRODUCTS_PER_PROCESS))
        return generate(1 + lines_per * -(-products // PRODUCTS_PER_PROCESS))
    except ImportError:
        out: list[str] = []
        for p in range(-(-products // 60)):
            out.extend(_own_process(p, 60))
        return "\n".join(out) + "\n"


def dense_process(products: int) -> str:
    """One process of `products` products in ten lanes, each product fed by its
    predecessor and every third one also by an earlier product (deterministic): many
    relations cross the lanes, as in a real workshop model."""
    import random

    rnd = random.Random(1)
    names = [f"p{i}" for i in range(products)]
    out = ["process 大規模 {", "  goal 納期遵守率", "  external 入力", "  external 出力"]
    for a in range(10):
        out.append(f"  actor 担当{a} {{")
        for i in range(a, products, 10):
            kind = "final" if i == products - 1 else "milestone" if i % 50 == 0 else "product"
            out.append(f"    {kind} {names[i]}(x, y)")
        out.append("  }")
    out.append("  入力 -> p0")
    for i in range(1, products):
        out.append(f"  {names[i - 1]} -> {names[i]}")
        if i > 5 and i % 3 == 0:
            out.append(f"  {names[rnd.randrange(max(0, i - 40), i - 1)]} -> {names[i]}")
    out += [f"  {names[-1]} -> 出力", "}"]
    return "\n".join(out) + "\n"


# An installed prep has compiled bytecode; let the runs write and reuse it even where
# the environment says not to (PYTHONDONTWRITEBYTECODE), or each run compiles prep anew.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(argv: list[str], timeout: float = LIMIT + 30) -> tuple[float, int]:
    start = time.perf_counter()
    try:
        done = subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout, check=False, env=ENV
        )
        code = done.returncode
    except subprocess.TimeoutExpired:
        code = -1
    return time.perf_counter() - start, code


def compare(text: str, fmt: str, repeats: int, folder: Path, label: str, show_phases: bool = False) -> None:
    model = folder / "model.prep"
    model.write_text(text, encoding="utf-8")
    dot_file = folder / "model.dot"
    subprocess.run(
        [sys.executable, "-m", "prep", "render", str(model), "-f", "dot", "-o", str(dot_file)],
        check=True,
        capture_output=True,
        env=ENV,
    )
    products = (
        text.count("\n    product ")
        + text.count("\n    milestone ")
        + text.count("\n    final ")
        + text.count("\n    intangible ")
    )
    prep_times, dot_times = [], []
    for _ in range(repeats):
        t, code = timed(
            [sys.executable, "-m", "prep", "render", str(model), "-f", fmt, "-o", str(folder / f"out.{fmt}")]
        )
        assert code == 0, "prep render failed"
        prep_times.append(t)
        t, code = timed(["dot", f"-T{fmt}", str(dot_file), "-o", str(folder / f"raw.{fmt}")])
        assert code == 0, "dot failed"
        dot_times.append(t)
    p, d = statistics.median(prep_times), statistics.median(dot_times)
    # Medians, and the ratio of the fastest runs too: on a busy machine the fastest
    # run is the closest to what each program itself costs.
    print(
        f"{label}: {products} products, {fmt}: prep render {p:.2f} s, raw dot {d:.2f} s, "
        f"ratio {p / d:.2f}x (fastest runs {min(prep_times) / min(dot_times):.2f}x; "
        "goal <= 1.3x)",
        flush=True,
    )
    if show_phases:
        phases(model)


PHASES = r"""
import sys, time
t = time.perf_counter
t0 = t()
import prep.cli, prep.model, networkx, lark, graphviz  # what `prep render` imports
t1 = t()
from prep.parser import parse_file
from prep.graph import build_document
from prep.checks import all_rules
from prep.render.dot import to_dot
parsed = parse_file(sys.argv[1], sys.argv[1])
t2 = t()
graphs, found = build_document(parsed.document)
for g in graphs:
    for r in all_rules():
        if r.scope == "process":
            found.extend(r.run(g))
t3 = t()
source = to_dot(graphs)
t4 = t()
print(f"imports {t1 - t0:.2f} s, parse {t2 - t1:.2f} s, graph and rules {t3 - t2:.2f} s, "
      f"dot source {t4 - t3:.2f} s")
"""


def phases(model: Path) -> None:
    """Where prep's own time goes (one in-process run, after Python has started)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], env=ENV, check=True)
    python = time.perf_counter() - start
    done = subprocess.run(
        [sys.executable, "-c", PHASES, str(model)], env=ENV, check=True, capture_output=True, text=True
    )
    print(f"  prep's own time: starting Python {python:.2f} s, {done.stdout.strip()}")


def largest(fmt: str, folder: Path, start: int) -> None:
    products, best = start, None
    while True:
        model = folder / "big.prep"
        model.write_text(one_process(products), encoding="utf-8")
        t, code = timed(
            [
                sys.executable,
                "-m",
                "prep",
                "render",
                str(model),
                "-f",
                fmt,
                "-o",
                str(folder / f"big.{fmt}"),
                "--timeout",
                str(LIMIT),
            ]
        )
        status = "ok" if code == 0 else ("stopped by --timeout" if code == 2 else f"exit {code}")
        print(f"  one process of {products} products: {t:.1f} s ({status})", flush=True)
        if code != 0 or t > LIMIT:
            break
        best = products
        products *= 2
    print(f"largest single process rendered within {LIMIT:.0f} s: {best if best is not None else 'none'} products")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=1000)
    parser.add_argument("--format", default="svg")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--largest", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        compare(
            dense_process(args.products),
            args.format,
            args.repeats,
            folder,
            "one dense process, 10 lanes (the goal's case)",
        )
        compare(
            many_processes(args.products),
            args.format,
            args.repeats,
            folder,
            "processes of 60 (trivial layout)",
            show_phases=True,
        )
        compare(
            one_process(args.products),
            args.format,
            args.repeats,
            folder,
            "one chained process (trivial layout)",
            show_phases=True,
        )
        if args.largest:
            largest(args.format, folder, max(250, args.products // 4))


if __name__ == "__main__":
    main()
