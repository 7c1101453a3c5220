"""Does an MkDocs site of 20 models rebuild unchanged about as fast as the same site
without them (goal: at most 1.2x)? The drawings come from prep's result cache, so
an unchanged rebuild checks and draws nothing again and never starts Graphviz.

Run: python benchmarks/bench_docs.py [repeats]

Three sites of 20 pages, the same text on each page: with a model each (`prep src=`,
the plugin on), without models (the plugin on), and without the plugin. Each is built
once (the first build draws and fills the cache), then rebuilt `repeats` times;
the median wall time of `mkdocs build` (a new process each time, as a user runs it)
is printed with the ratios.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODELS = ["manufacturing.prep", "restaurant.prep", "apparel/asis.prep", "apparel/tobe.prep"]
PAGES = 20
TEXT = "Some text about this part of the engagement.\n\n" * 20


def make_site(folder: Path, models: bool, plugin: bool) -> Path:
    (folder / "docs").mkdir(parents=True)
    (folder / "models").mkdir()
    plugins = "plugins:\n  - search\n" + ("  - prep\n" if plugin else "")
    (folder / "mkdocs.yml").write_text(f"site_name: Bench\n{plugins}", encoding="utf-8")
    for n in range(PAGES):
        source = (ROOT / "examples" / MODELS[n % len(MODELS)]).read_text(encoding="utf-8")
        # a different model on each page: one more comment line per page
        (folder / "models" / f"m{n}.prep").write_text(source + "#" * (n + 1) + "\n", "utf-8")
        block = f"```prep src=../models/m{n}.prep\n```\n\n" if models else ""
        (folder / "docs" / f"p{n}.md").write_text(f"# Page {n}\n\n{TEXT}{block}{TEXT}", "utf-8")
    (folder / "docs" / "index.md").write_text("# Bench\n", encoding="utf-8")
    return folder


def build(folder: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=folder, capture_output=True, text=True
    )
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {folder}:\n{done.stderr}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("repeats", nargs="?", type=int, default=7, help="builds per site (default 7)")
    repeats = parser.parse_args().repeats
    work = Path(tempfile.mkdtemp(prefix="bench_docs_"))
    try:
        sites = {
            "20 models": make_site(work / "models", True, True),
            "no models, plugin on": make_site(work / "plain", False, True),
            "no plugin": make_site(work / "bare", False, False),
        }
        first = build(sites["20 models"])
        print(f"first build, 20 models drawn: {first:6.2f} s")
        for folder in sites.values():
            build(folder)  # warm the file system cache
        times = {name: [] for name in sites}
        for _ in range(repeats):  # interleaved: load changes hit all alike
            for name, folder in sites.items():
                times[name].append(build(folder))
        base = statistics.median(times["no models, plugin on"])
        bare = statistics.median(times["no plugin"])
        for name, values in times.items():
            median = statistics.median(values)
            print(
                f"{name:22s} {median:6.2f} s  {median / base:5.2f}x no models  "
                f"{median / bare:5.2f}x no plugin   (median of {repeats})"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
