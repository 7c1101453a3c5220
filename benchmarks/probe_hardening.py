"""A bounded fault and fuzz probe of the `prep` command line (issue 11), outside the
test suite: mutated models, models generated from the grammar, and file-system faults,
through the command forms users run. Prints cases run, tracebacks, hangs and bad
outputs (invalid JSON/SARIF/XML, non-UTF-8 output, raw control characters in text
output, exit status outside 0/1/2, an exit 2 that is not one `prep: error:` line).

    .venv/bin/python benchmarks/probe_hardening.py [--mutated 300] [--generated 100]
        [--sections cli,lsp,serve,export]

The lsp, serve and export sections (issue 23) are in benchmarks/probe_services.py.

Mutated and generated models run in this process (CliRunner, each case under a
10 s alarm); drawings with Graphviz and the file-system faults run as subprocesses."""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
PREP = [sys.executable, "-c", "from prep.cli import main; main()"]
LIMIT = 10.0

FORMS = [
    ["check", "-f", "text"],
    ["check", "-f", "json"],
    ["check", "-f", "sarif"],
    ["check", "-f", "github"],
    ["check", "--select", "ALL", "--statistics"],
    ["render", "-f", "dot", "-o", "-", "--force"],
    ["render", "-f", "mermaid", "-o", "-", "--force"],
    ["kpi", "-f", "json", "--force"],
    ["kpi", "-f", "text", "--force"],
    ["diff", "SELF", "-f", "json", "--force"],
]


class Hang(BaseException):
    pass


def _alarm(_signum, _frame):
    raise Hang


def judge(form: list[str], code: int, out: bytes, err: bytes, tally: Counter, where: str, bad: list[str]) -> None:
    tally["cases"] += 1
    text_err = err.decode("utf-8", "replace")
    if "Traceback" in text_err:
        tally["tracebacks"] += 1
        bad.append(f"traceback: {where} {form}: {text_err.strip().splitlines()[-1]}")
        return
    problem = None
    if code not in (0, 1, 2):
        problem = f"exit status {code}"
    elif code == 2 and not text_err.startswith("prep: error:"):
        problem = "exit 2 without `prep: error:`: " + text_err[:120]
    else:
        try:
            text = out.decode("utf-8")
        except UnicodeDecodeError:
            problem = "output is not UTF-8"
        else:
            fmt = form[form.index("-f") + 1] if "-f" in form else "text"
            try:
                if fmt in ("json", "sarif") and text:
                    data = json.loads(text)
                    if fmt == "sarif":
                        assert data["version"] == "2.1.0" and data["runs"][0]["tool"]
                if fmt == "github" and text:
                    assert all(line.startswith("::") for line in text.splitlines())
                if fmt in ("text",) and any(c in text for c in "\x1b\x07\x00"):
                    problem = "raw control character in text output"
            except (ValueError, AssertionError, KeyError) as error:
                problem = f"bad {fmt}: {error}"
    if problem:
        tally["bad outputs"] += 1
        bad.append(f"{problem}: {where} {form}")


def in_process(texts: list[tuple[str, str]], tally: Counter, bad: list[str]) -> None:
    from typer.testing import CliRunner

    from prep.cli import app

    runner = CliRunner()
    folder = Path(tempfile.mkdtemp(prefix="prep-probe-"))
    old = os.getcwd()
    os.chdir(folder)
    signal.signal(signal.SIGALRM, _alarm)
    try:
        for label, text in texts:
            Path("m.prep").write_text(text, encoding="utf-8", errors="surrogatepass")
            for form in FORMS:
                args = [form[0], "m.prep", *[("m.prep" if a == "SELF" else a) for a in form[1:]]]
                signal.setitimer(signal.ITIMER_REAL, LIMIT)
                try:
                    result = runner.invoke(app, args)
                except Hang:
                    tally["cases"] += 1
                    tally["hangs"] += 1
                    bad.append(f"hang: {label} {form}")
                    continue
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                if result.exception is not None and not isinstance(result.exception, SystemExit):
                    tally["cases"] += 1
                    tally["tracebacks"] += 1
                    bad.append(f"traceback: {label} {form}: {result.exception!r}")
                    continue
                judge(form, result.exit_code, result.stdout_bytes, result.stderr_bytes, tally, label, bad)
    finally:
        os.chdir(old)


def run_or_hang(form: list[str], folder: Path, tally: Counter, bad: list[str], label: str):
    """`prep FORM` run in `folder` for 60 seconds at most: its CompletedProcess, or None
    (counted and noted as a hang) when it does not end."""
    try:
        return subprocess.run(PREP + form, cwd=folder, capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        tally["cases"] += 1
        tally["hangs"] += 1
        bad.append(f"hang: {label} {form}")
        return None


def drawings(texts: list[tuple[str, str]], tally: Counter, bad: list[str]) -> None:
    """Clean models drawn as svg (well-formed XML), png and pdf through the real CLI."""
    folder = Path(tempfile.mkdtemp(prefix="prep-probe-draw-"))
    for label, text in texts:
        (folder / "m.prep").write_text(text, encoding="utf-8")
        for fmt in ("svg", "png", "pdf"):
            form = ["render", "m.prep", "-o", f"m.{fmt}"]
            done = run_or_hang(form, folder, tally, bad, label)
            if done is None:
                continue
            judge(form, done.returncode, b"", done.stderr, tally, label, bad)
            if done.returncode == 0 and fmt == "svg":
                try:
                    ET.parse(folder / "m.svg")
                except ET.ParseError as error:
                    tally["bad outputs"] += 1
                    bad.append(f"svg not XML ({error}): {label}")
            if done.returncode == 2:
                tally["bad outputs"] += 1  # checked clean, yet could not be drawn
                bad.append(f"clean model not drawn: {label} {fmt}: {done.stderr[:200]!r}")


def file_system(tally: Counter, bad: list[str]) -> None:
    from test_mangled_models import hostile_folder  # the folder the tests check, and more

    folder = Path(tempfile.mkdtemp(prefix="prep-probe-fs-"))
    hostile_folder(folder)  # ok, empty, binary, Shift_JIS, FIFO, loop, socket, …
    model = (folder / "ok.prep").read_text("utf-8")
    (folder / "cr.prep").write_text(model.replace("\n", "\r"), encoding="utf-8")
    (folder / "link.svg").symlink_to("real.svg")
    (folder / "real.svg").write_text("old")
    (folder / "bad").mkdir()
    (folder / "bad" / "pyproject.toml").write_text("tool = 1\n")
    (folder / "bad" / "m.prep").write_text(model, encoding="utf-8")
    (folder / "deep").mkdir()
    (folder / "deep" / "prep.toml").write_text("a = " + "[" * 500 + "]" * 500 + "\n")
    (folder / "deep" / "m.prep").write_text(model, encoding="utf-8")
    cases = [
        ["check", "."],
        ["check", ".", "-f", "sarif"],
        ["check", ".", "-f", "json"],
        ["check", ".", "-f", "github"],
        ["check", ".", "-f", "json", "-o", "out.json"],
        ["check", "fifo.prep"],
        ["render", "fifo.prep"],
        ["render", "sock.prep"],
        ["render", "."],
        ["render", ""],
        ["render", "/"],
        ["render", "loop.prep"],
        ["render", "ok.prep", "-o", "/dev/null"],
        ["render", "ok.prep", "-o", "/dev/full"],
        ["render", "ok.prep", "-f", "dot", "-o", "fifo.prep"],
        ["render", "ok.prep", "-o", "link.svg"],
        ["render", "ok.prep", "-f", "dot", "-o", "/dev/stdout"],
        ["render", "ok.prep", "--timeout", "inf"],
        ["render", "ok.prep", "--timeout", "1e10"],
        ["render", "ok.prep", "--timeout", "nan"],
        ["check", "ok.prep", "--select", ""],
        ["check", "ok.prep", "--select", ","],
        ["check", "bad"],
        ["check", "deep"],
        ["check", "cr.prep"],
        ["kpi", "dir.prep"],
        ["diff", "ok.prep", "fifo.prep"],
        ["--help"],
        ["init", "."],
        ["init", "."],
    ]
    for form in cases:
        reader = None
        if "-o" in form and form[form.index("-o") + 1] == "fifo.prep":
            reader = subprocess.Popen(
                ["cat", str(folder / "fifo.prep")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        try:
            done = run_or_hang(form, folder, tally, bad, "file system")
        finally:
            if reader is not None:
                try:
                    reader.wait(10)
                except subprocess.TimeoutExpired:
                    reader.kill()
                    tally["bad outputs"] += 1
                    bad.append(f"nothing written into the FIFO: {form}")
        if done is None:
            continue
        judge(form, done.returncode, done.stdout, done.stderr, tally, "file system", bad)
    for device in ("/dev/null", "/dev/full"):
        if not os.path.exists(device) or not os.stat(device).st_mode & 0o020000:
            tally["bad outputs"] += 1
            bad.append(f"{device} is no longer a character device")
    if not (folder / "link.svg").is_symlink() or (folder / "real.svg").read_text() == "old":
        tally["bad outputs"] += 1
        bad.append("-o link.svg did not replace the link's target")
    for command in (["--help"], ["check", str(folder / "ok.prep")]):
        with open("/dev/full", "wb") as full:
            done = subprocess.run(PREP + command, stdout=full, stderr=subprocess.PIPE, timeout=60)
        judge(command, done.returncode, b"", done.stderr, tally, "stdout full", bad)
        if done.returncode != 2:
            tally["bad outputs"] += 1
            bad.append(f"stdout full: exit {done.returncode} for {command}")
    leftovers = [p.name for p in folder.rglob(".*.tmp")]
    if leftovers:
        tally["bad outputs"] += 1
        bad.append(f"temporary files left: {leftovers}")


def mutated(n: int, seed: int) -> list[tuple[str, str]]:
    from test_mangled_models import SEEDS, mangle

    rnd = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    return [(f"mutated #{i}", mangle(rnd, rnd.choice(texts))) for i in range(n)]


def generated(n: int) -> list[tuple[str, str]]:
    from hypothesis import HealthCheck, given, settings

    from test_generated_models import models

    out: list[tuple[str, str]] = []

    @settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(text=models())
    def collect(text):
        out.append((f"generated #{len(out)}", text))

    collect()
    return out


def clean(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    from prep.checks.runner import check_text
    from prep.parser import parse_text

    return [
        (label, text)
        for label, text in texts
        if not [d for d in check_text(text) if d.severity.value == "error"] and parse_text(text).document.processes
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutated", type=int, default=300)
    parser.add_argument("--generated", type=int, default=100)
    parser.add_argument("--drawn", type=int, default=15, help="clean models drawn as images")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--sections", default="cli,lsp,serve,export", help="which parts to run (comma-separated)")
    args = parser.parse_args()
    sections = set(args.sections.split(","))
    tally: Counter = Counter()
    bad: list[str] = []
    start = time.monotonic()
    if "cli" in sections:
        models = mutated(args.mutated, args.seed) + generated(args.generated)
        in_process(models, tally, bad)
        print(f"in process: {len(models)} models x {len(FORMS)} forms, {time.monotonic() - start:.0f} s", flush=True)
        drawings(clean(models)[: args.drawn], tally, bad)
        file_system(tally, bad)
        print(
            f"cli: cases {tally['cases']}, tracebacks {tally['tracebacks']}, hangs "
            f"{tally['hangs']}, bad outputs {tally['bad outputs']}",
            flush=True,
        )
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import probe_services

    for name in ("lsp", "serve", "export"):
        if name in sections:
            before = Counter(tally)
            getattr(probe_services, name)(tally, bad)
            part = tally - before
            print(
                f"{name}: cases {part['cases']}, tracebacks {part['tracebacks']}, hangs "
                f"{part['hangs']}, bad outputs {part['bad outputs']}",
                flush=True,
            )
    print(
        f"cases run: {tally['cases']}, tracebacks: {tally['tracebacks']}, "
        f"hangs: {tally['hangs']}, bad outputs: {tally['bad outputs']} "
        f"({time.monotonic() - start:.0f} s)"
    )
    for line in bad[:40]:
        print("  " + line)


if __name__ == "__main__":
    main()
