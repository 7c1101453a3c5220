"""How fast is `prep kpi` against `prep check` on the same model (goal: at most
1.2x)? `prep check --no-cache` is the measure: kpi, like an uncached check, parses
and checks the model. Times the default kpi view as JSON and as text, the products view, and `prep
diff` of the model against itself, for reference.

Run: python benchmarks/bench_kpi.py [lines] [repeats]     (default 10000 lines, 5 runs)

The model comes from benchmarks/gen_model.py (`generate(lines)`) when present,
else from a small generator below. Each command runs in its own process; the
median wall time is printed, with the ratio.
"""

from __future__ import annotations

import statistics
import subprocess
import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def generate(lines: int) -> str:
    sys.path.insert(0, str(HERE))
    try:
        from gen_model import generate as shared
    except ImportError:
        return _fallback(lines)
    return shared(lines)


def _fallback(lines: int) -> str:
    """Processes of ~100 lines: a chain of products with milestones, syncs, KPIs."""
    out: list[str] = []
    p = 0
    while len(out) < lines - 100:
        names = [f"製品{p}_{i}" for i in range(40)]
        out += [
            f"process 業務{p} {{",
            f"  goal 目標{p}",
            f"  external 入{p}",
            f"  external 出{p}",
            f"  actor 担当{p} {{",
        ]
        out += [f"    {'milestone' if i % 10 == 9 else 'product'} {n}(数量)" for i, n in enumerate(names)]
        out += [f"    final 出荷{p}(数量)", "  }"]
        chain = [f"入{p}", *names, f"出荷{p}", f"出{p}"]
        out += [f"  {a} -> {b}" for a, b in zip(chain, chain[1:])]
        out += [f"  {names[i]} <-> {names[i + 2]}" for i in range(1, 38, 5)]
        out += [f"  kpi 指標{p} for 出荷{p}", "}", ""]
        p += 1
    out += [f"# padding {n}" for n in range(lines - len(out))]
    return "\n".join(out) + "\n"


def median_time(argv: list[str], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lines", nargs="?", type=int, default=10000, help="model size in lines (default 10000)")
    parser.add_argument("repeats", nargs="?", type=int, default=5, help="runs per command (default 5)")
    args = parser.parse_args()
    lines, repeats = args.lines, args.repeats
    prep = [sys.executable, "-m", "prep"]
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "big.prep"
        model.write_text(generate(lines), encoding="utf-8")
        # The same work as `prep kpi`: parse and check (a cached check reads its findings
        # from .prep_cache/ and parses nothing; it is shown for reference).
        check = median_time(prep + ["check", "--no-cache", str(model)], repeats)
        cached = median_time(prep + ["check", str(model)], repeats)
        kpi = median_time(prep + ["kpi", str(model), "-f", "json"], repeats)
        text = median_time(prep + ["kpi", str(model)], repeats)
        products = median_time(prep + ["kpi", str(model), "--view", "products", "-f", "json"], repeats)
        diff = median_time(prep + ["diff", str(model), str(model), "-f", "json"], repeats)
    print(f"model: {lines} lines, median of {repeats} runs")
    print(f"prep check --no-cache             {check:7.3f} s")
    print(f"prep check (cached findings)      {cached:7.3f} s")
    print(f"prep kpi -f json                  {kpi:7.3f} s   ratio {kpi / check:.2f} (goal <= 1.20)")
    print(f"prep kpi (text)                   {text:7.3f} s   ratio {text / check:.2f}")
    print(f"prep kpi --view products -f json  {products:7.3f} s   ratio {products / check:.2f}")
    print(f"prep diff -f json                 {diff:7.3f} s   ratio {diff / check:.2f} (two models checked)")


if __name__ == "__main__":
    main()
