"""How fast is `prep check`, and how much memory does it take?

Run: python benchmarks/bench_check.py [--repeats N] [--files N] [--skip-large]

Prints, on generated models (benchmarks/gen_model.py):
- seconds for checking a 10,000-line model in-process (the runner) and through
  the CLI (`python -m prep check`, a subprocess, start-up included);
- the ratio to `json.load` of the same model as JSON (the parsed processes dumped
  with pydantic's TypeAdapter.dump_python(mode="json")); goal <= 25x, stretch 15x;
- the 100,000-line time and its ratio to the 10,000-line time (goal <= 12x);
- the peak memory (max RSS) of the CLI on the 100,000-line model (goal < 300 MiB);
- many files (default 200 of 300 lines): sequential against `--jobs 2`, with the
  default rules and without the workspace rule PREP220.
Times are the best of N runs (other load on the machine only slows runs down).
Figures are printed, never asserted: speed goals are not tests.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_model import generate  # noqa: E402


def best(func, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def check_in_process(files: list[Path], jobs: int = 1, workspace: bool = True):
    from prep.checks import all_rules
    from prep.checks.runner import CheckOptions, check_paths

    options = CheckOptions(frozenset(r.code for r in all_rules() if not r.opt_in
                                     and (workspace or r.scope != "workspace")))
    return check_paths([(f, f.name) for f in files], lambda _p: options, jobs=jobs)


def cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "prep", *args], cwd=cwd,
                          capture_output=True, timeout=3600)


def peak_rss_mib(args: list[str], cwd: Path) -> float:
    """Max RSS of the CLI in a child process (resource.getrusage of the children)."""
    code = ("import resource, subprocess, sys; "
            "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "prep", *args],
                         cwd=cwd, capture_output=True, text=True, timeout=3600)
    return int(out.stdout.strip()) / 1024          # KiB on Linux


def json_baseline(model: Path, work: Path, repeats: int) -> tuple[float, int]:
    from pydantic import TypeAdapter

    from prep.model import Process
    from prep.parser import parse_file

    parsed = parse_file(model)
    data = TypeAdapter(list[Process]).dump_python(list(parsed.document.processes), mode="json")
    path = work / "model.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def load():
        with open(path, encoding="utf-8") as handle:
            json.load(handle)

    return best(load, repeats), path.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--skip-large", action="store_true", help="skip the 100,000 lines")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        small = work / "m10k.prep"
        small.write_text(generate(10_000), encoding="utf-8")
        found = check_in_process([small]).diagnostics
        print(f"10,000 lines: {len(found)} findings (a generated model should have none)")

        t_json, size = json_baseline(small, work, args.repeats * 3)
        t_run = best(lambda: check_in_process([small]), args.repeats)
        t_cli = best(lambda: cli(["check", small.name], work), args.repeats)
        print(f"json.load of the same model ({size / 1e6:.1f} MB JSON): {t_json:.3f} s")
        print(f"check 10,000 lines, in-process: {t_run:.3f} s = {t_run / t_json:.1f}x json.load "
              "(goal <= 25x, stretch 15x)")
        print(f"check 10,000 lines, CLI:        {t_cli:.3f} s = {t_cli / t_json:.1f}x json.load")

        if not args.skip_large:
            large = work / "m100k.prep"
            large.write_text(generate(100_000), encoding="utf-8")
            t_large = best(lambda: check_in_process([large]), max(1, args.repeats - 1))
            print(f"check 100,000 lines, in-process: {t_large:.3f} s = "
                  f"{t_large / t_run:.1f}x the 10,000-line time (goal <= 12x)")
            rss = peak_rss_mib(["check", large.name], work)
            print(f"peak memory, CLI on 100,000 lines: {rss:.0f} MiB (goal < 300 MiB)")

        many = work / "many"
        many.mkdir()
        text = generate(300)
        for n in range(args.files):
            (many / f"m{n:04d}.prep").write_text(text.replace("業務", f"業務F{n}_"),
                                                  encoding="utf-8")
        files = sorted(many.glob("*.prep"))
        t_seq = best(lambda: check_in_process(files), max(1, args.repeats - 1))
        t_par = best(lambda: check_in_process(files, jobs=2), max(1, args.repeats - 1))
        print(f"{args.files} files of 300 lines: sequential {t_seq:.2f} s, 2 jobs {t_par:.2f} s "
              f"(speed-up {t_seq / t_par:.2f}x)")
        # Without workspace rules (PREP220) the workers send back findings only.
        t_seq = best(lambda: check_in_process(files, workspace=False), max(1, args.repeats - 1))
        t_par = best(lambda: check_in_process(files, jobs=2, workspace=False),
                     max(1, args.repeats - 1))
        print(f"the same without workspace rules: sequential {t_seq:.2f} s, 2 jobs "
              f"{t_par:.2f} s (speed-up {t_seq / t_par:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
