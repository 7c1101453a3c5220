"""How fast is `prep --help` against `python -c pass` (goal: at most 15x)?

Run: python benchmarks/bench_help.py [repeats]
"""

from __future__ import annotations

import statistics
import subprocess
import argparse
import sys
import time


def best(argv: list[str], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repeats", nargs="?", type=int, default=15, help="runs per command (default 15)")
    repeats = parser.parse_args().repeats
    base = best([sys.executable, "-c", "pass"], repeats)
    results = {
        "python -c pass": base,
        "prep --help": best([sys.executable, "-m", "prep", "--help"], repeats),
        "prep --version": best([sys.executable, "-m", "prep", "--version"], repeats),
        "prep check --help": best([sys.executable, "-m", "prep", "check", "--help"], repeats),
    }
    for name, seconds in results.items():
        print(f"{name:20s} {seconds * 1000:8.1f} ms  {seconds / base:5.1f}x")


if __name__ == "__main__":
    main()
