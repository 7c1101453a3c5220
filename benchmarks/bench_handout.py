"""How long does the handout take against drawing its models?
Goal: the handout of the apparel pair (PDF) within 3x the time of rendering its two
drawings (`prep render asis.prep -o a.svg` and the same for tobe.prep).

Run: python benchmarks/bench_handout.py [--runs 3]

All end to end through the `prep` command (start-up, reading, checking, layout,
writing); the figures are the medians of the runs. Then, in-process, where the
handout's time goes (building the HTML: checks, layouts, Graphviz; printing it)."""

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
APPAREL = ROOT / "examples" / "apparel"
PREP = str(Path(sys.executable).with_name("prep"))


CPU: dict[str, float] = {}


def _time(args: list[str], runs: int) -> float:
    """The median wall time of the command; its median CPU time (its own and
    Graphviz's, user + system) goes to CPU[the output's suffix]."""
    import resource

    times, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    key = Path(args[-1]).name
    CPU[key] = statistics.median(cpus)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        drawings = sum(
            _time([PREP, "render", str(APPAREL / f"{m}.prep"), "-o", f"{tmp}/{m}.svg"], runs) for m in ("asis", "tobe")
        )
        pdf = _time(
            [PREP, "report", str(APPAREL / "asis.prep"), str(APPAREL / "tobe.prep"), "-o", f"{tmp}/handout.pdf"], runs
        )
        page = _time(
            [PREP, "report", str(APPAREL / "asis.prep"), str(APPAREL / "tobe.prep"), "-o", f"{tmp}/handout.html"], runs
        )
    cpu_drawings = CPU["asis.svg"] + CPU["tobe.svg"]
    print("                      wall             cpu (on a busy machine, cpu is the fairer)")
    print(f"two drawings (svg):   {drawings:6.2f} s          {cpu_drawings:6.2f} s")
    print(
        f"handout.pdf:          {pdf:6.2f} s {pdf / drawings:5.2f}x   "
        f"{CPU['handout.pdf']:6.2f} s {CPU['handout.pdf'] / cpu_drawings:5.2f}x  (goal <= 3x)"
    )
    print(
        f"handout.html:         {page:6.2f} s {page / drawings:5.2f}x   "
        f"{CPU['handout.html']:6.2f} s {CPU['handout.html'] / cpu_drawings:5.2f}x"
    )
    _inside()


def _inside() -> None:
    from prep.cli.report import _model
    from prep.report.handout import build, to_pdf

    models = [_model(APPAREL / f"{m}.prep", False) for m in ("asis", "tobe")]
    start = time.perf_counter()
    document = build(models)
    built = time.perf_counter() - start
    start = time.perf_counter()
    to_pdf(document)
    printed = time.perf_counter() - start
    print(f"in-process: building the HTML {built:.2f} s, printing the PDF {printed:.2f} s")


if __name__ == "__main__":
    main()
