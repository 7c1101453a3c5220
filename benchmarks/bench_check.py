"""How fast is `prep check`, and how much memory does it take? (issue 17's table)

Run: python benchmarks/bench_check.py [--runs N] [--files N] [--quick]

Every row compares two whole commands (a new process each, output to /dev/null,
as a pre-commit hook or an editor runs them), run alternately N times (default 5);
the ratio is of the medians. On generated models (benchmarks/gen_model.py):

  1. `prep check` of 10,000 lines vs `python -c "json.load(...)"` of the same
     model as JSON                                   (goal <= 20x, stretch 15x)
  2. `prep check` of 50 lines vs `python -c pass`     (goal <= 12x)
  3. re-check of an unchanged folder of 200 models (about 104,000 lines) vs its
     first check (an empty cache)                    (goal <= 0.1x)
  4. `--jobs 2` vs `--jobs 1` on those 200 files, PREP220 on (goal < 1x)
  5. `prep check` of 100,000 lines vs 10,000 lines   (goal <= 10x)
  6. peak memory: 100,000 lines in one file / the 200 files (goal <= 300 / 100 MiB)
  7. time per MB of one large valid model, 1 to 20 MB: flat when checking is linear
     (one run each; CPU time, which other load disturbs less; skipped with --quick)

Rows 1, 2, 4, 5 and 6 use --no-cache, so they measure checking, not the cache.
The machine may be shared: other load slows runs down at random, which is why
runs alternate and medians are taken. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_model import generate  # noqa: E402


def prep_command() -> list[str]:
    script = Path(sys.executable).with_name("prep")
    return [str(script)] if script.exists() else [sys.executable, "-m", "prep"]


def timed(argv: list[str], cwd: Path) -> float:
    return timed_cpu(argv, cwd)[0]


def timed_cpu(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system) of the command."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=3600)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def alternate(a: list[str], b: list[str], cwd: Path, runs: int, before_a=None, before_b=None) -> tuple[float, float]:
    """Medians of `a` and `b`, run one after the other `runs` times (after one
    unmeasured run of each, which fills the OS and grammar caches)."""
    ta, tb = [], []
    for n in range(runs + 1):
        if before_a:
            before_a()
        x = timed(a, cwd)
        if before_b:
            before_b()
        y = timed(b, cwd)
        if n:
            ta.append(x)
            tb.append(y)
    return statistics.median(ta), statistics.median(tb)


def peak_rss_mib(argv: list[str], cwd: Path) -> float:
    """Max RSS of the command (the largest of its processes), in MiB."""
    code = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code, *argv], cwd=cwd, capture_output=True, text=True, timeout=3600)
    return int(out.stdout.strip()) / 1024  # KiB on Linux


def as_json(model: Path, target: Path) -> None:
    from pydantic import TypeAdapter

    from prep.model import Process
    from prep.parser import parse_file

    parsed = parse_file(model)
    data = TypeAdapter(list[Process]).dump_python(list(parsed.document.processes), mode="json")
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def row(number: int, text: str, ratio: float, goal: str, detail: str) -> None:
    print(f"{number}. {text:58s} {ratio:7.2f}x  (goal {goal})  {detail}", flush=True)


def lines_for_mb(mb: float) -> int:
    sample = generate(10_000)
    return int(10_000 * mb * 1e6 / len(sample.encode("utf-8")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="alternating runs per row (>= 5)")
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="skip the 1-20 MB scaling row")
    parser.add_argument("--rows", default="1,2,3,4,5,6,7", help="rows to run, e.g. 3,7")
    args = parser.parse_args()
    runs = max(args.runs, 1)
    rows = {int(r) for r in args.rows.split(",") if r.strip()}
    if args.quick:
        rows.discard(7)
    prep = prep_command()
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.2f}; {runs} alternating runs per row, medians",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "m10k.prep").write_text(generate(10_000), encoding="utf-8")
        (work / "m100k.prep").write_text(generate(100_000), encoding="utf-8")
        (work / "m50.prep").write_text(generate(50), encoding="utf-8")
        as_json(work / "m10k.prep", work / "m10k.json")
        many = work / "many"
        many.mkdir()
        text = generate(520)
        for n in range(args.files):
            (many / f"m{n:04d}.prep").write_text(text.replace("業務", f"業務F{n}_"), encoding="utf-8")
        total = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in many.iterdir())
        check = [*prep, "check", "--no-cache"]

        if 1 in rows:
            a, b = alternate(
                [*check, "m10k.prep"], [sys.executable, "-c", "import json; json.load(open('m10k.json'))"], work, runs
            )
            row(1, "check 10,000 lines / json.load of it", a / b, "<= 20x, stretch 15x", f"{a:.3f} s / {b:.3f} s")
        if 2 in rows:
            a, b = alternate([*check, "m50.prep"], [sys.executable, "-c", "pass"], work, runs)
            row(2, "check 50 lines / python -c pass", a / b, "<= 12x", f"{a * 1000:.0f} ms / {b * 1000:.0f} ms")

        cache = many / ".prep_cache"
        warm = [*prep, "check", "."]
        if 3 in rows:
            subprocess.run(warm, cwd=many, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            a, b = alternate(warm, warm, many, runs, before_b=lambda: shutil.rmtree(cache, ignore_errors=True))
            row(
                3,
                f"re-check {args.files} unchanged files / first check",
                a / b,
                "<= 0.1x",
                f"{a:.2f} s / {b:.2f} s ({total:,} lines)",
            )
        if 4 in rows:
            a, b = alternate([*check, "--jobs", "2", "."], [*check, "--jobs", "1", "."], many, runs)
            row(4, f"--jobs 2 / --jobs 1, {args.files} files, PREP220 on", a / b, "< 1x", f"{a:.2f} s / {b:.2f} s")
        if 5 in rows:
            a, b = alternate([*check, "m100k.prep"], [*check, "m10k.prep"], work, runs)
            row(5, "check 100,000 lines / 10,000 lines", a / b, "<= 10x", f"{a:.2f} s / {b:.3f} s")
        if 6 in rows:
            big = peak_rss_mib([*check, "m100k.prep"], work)
            files1 = peak_rss_mib([*check, "--jobs", "1", "."], many)
            files = peak_rss_mib([*check, "."], many)
            print(
                f"6. peak memory: 100,000 lines {big:.0f} MiB (goal <= 300); {args.files} "
                f"files {files1:.0f} MiB with --jobs 1, {files:.0f} MiB by default "
                "(goal <= 100)",
                flush=True,
            )

        if 7 in rows:
            per_mb = []
            for mb in (1, 2, 5, 10, 20):
                model = work / f"m{mb}mb.prep"
                model.write_text(generate(lines_for_mb(mb)), encoding="utf-8")
                size = model.stat().st_size / 1e6
                seconds, cpu = timed_cpu([*check, model.name], work)
                per_mb.append(cpu / size)
                model.unlink()
                print(
                    f"7. {size:5.1f} MB: {seconds:6.2f} s, CPU {cpu:6.2f} s, {cpu / size:5.2f} CPU s per MB", flush=True
                )
            print(f"7. CPU time per MB, 20 MB / 1 MB: {per_mb[-1] / per_mb[0]:.2f}x (goal: flat, ~1x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
