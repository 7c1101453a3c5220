"""Models mangled at random (with a fixed seed, so the same cases every run): every
layer takes them without an exception; what is wrong comes back as diagnostics.
Cuts, doubled lines, stray brackets, quotes, keywords, NUL and CR in the bundled
examples and test models."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from prep.checks import all_rules
from prep.checks.runner import CheckOptions, check_file_model, finish
from prep.diff.changes import diff_process
from prep.diff.union import union
from prep.kpi import to_csv, to_json
from prep.kpi.compare import compare
from prep.kpi.text import to_text
from prep.kpi.tree import derive_all
from prep.parser import parse_text
from prep.render.dot import to_dot
from prep.render.kpitree import to_dot as tree_dot
from prep.render.kpitree import to_mermaid as tree_mermaid
from prep.notation import words_for
from prep.render.mermaid import to_mermaid

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted([*ROOT.glob("examples/**/*.prep"), *ROOT.glob("tests/render/models/*.prep")])
PIECES = [
    "{",
    "}",
    "<",
    ">",
    "(",
    ")",
    "[",
    "]",
    '"',
    "\\",
    "->",
    "<->",
    "#",
    "\n",
    " ",
    ",",
    ".",
    "=",
    "final ",
    "product ",
    "actor ",
    "external ",
    "kpi ",
    "for ",
    "under ",
    "issue ",
    "on ",
    "subprocess ",
    "until ",
    "goal ",
    "process ",
    "intangible ",
    "milestone ",
    "touch=high",
    "role=csm",
    "0",
    "1.5",
    "製品",
    "# prep: ignore[PREP204]",
    "\t",
    "\r",
    "\x00",
    "\ufeff",
    "ｱ",
    "\u3000",
]
EVERY_RULE = frozenset(r.code for r in all_rules())


def mangle(rnd: random.Random, text: str) -> str:
    for _ in range(rnd.randint(1, 6)):
        i = rnd.randrange(len(text) + 1)
        op = rnd.random()
        if op < 0.3:
            text = text[:i] + rnd.choice(PIECES) + text[i:]
        elif op < 0.55:
            text = text[:i] + text[i + rnd.randint(1, 20) :]
        elif op < 0.7:
            lines = text.split("\n")
            lines.insert(rnd.randrange(len(lines)), rnd.choice(lines))
            text = "\n".join(lines)
        elif op < 0.8:
            text = text[:i]
        else:
            k = rnd.randrange(len(text) + 1)
            text = text[:k] + text[i : i + rnd.randint(1, 30)] + text[k:]
    return text


@pytest.mark.parametrize("seed", range(4))
def test_every_layer_takes_mangled_models(seed):
    rnd = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    for n in range(100):
        text = mangle(rnd, rnd.choice(texts))
        parsed = parse_text(text, "m.prep")
        result = check_file_model("m.prep", parsed, EVERY_RULE)
        graphs = result.graphs
        finish(result, CheckOptions(EVERY_RULE))
        for d in result.diagnostics:
            assert d.span.line >= 1 and d.span.column >= 1 and d.message, (seed, n)
        if graphs:
            to_dot(graphs)
            to_mermaid(graphs, "auto")
            trees = derive_all(graphs) + derive_all(graphs, "products")
            to_json(trees), to_csv(trees), to_text(trees)
            both, _ = compare(derive_all(graphs[:1]), derive_all(graphs[-1:]))
            tree_dot(both, words_for(graphs)), tree_mermaid(both, words_for(graphs))
            p = diff_process(graphs[0].name, graphs[0], graphs[-1])
            pg, marks = union(p, graphs[0], graphs[-1])
            to_dot([pg], marks=[marks])


# -- file-system faults (issue 11): a finding or one line, never a traceback or a hang ----


def hostile_folder(folder: Path) -> dict[str, str]:
    """Things a checked folder can hold, and what each becomes when the folder is checked."""
    import os
    import socket

    model = (ROOT / "tests" / "render" / "models" / "figure4.prep").read_text(encoding="utf-8")
    (folder / "ok.prep").write_text(model, encoding="utf-8")
    (folder / "empty.prep").write_bytes(b"")
    (folder / "binary.prep").write_bytes(b"\x00\x01process")
    (folder / "sjis.prep").write_bytes("process 製造 {}".encode("shift_jis"))
    (folder / os.fsdecode(b"r\xff.prep")).write_text(model, encoding="utf-8")
    os.mkfifo(folder / "fifo.prep")
    (folder / "loop.prep").symlink_to("loop.prep")
    (folder / "dangling.prep").symlink_to("nowhere.prep")
    (folder / "dir.prep").mkdir()
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock.prep"))
    sock.close()
    return {
        "binary.prep": "PREP002",
        "fifo.prep": "PREP002",
        "sjis.prep": "PREP002",
        "sock.prep": "PREP002",
        "loop.prep": "PREP002",
        "dangling.prep": "PREP002",
    }


def _prep(args, cwd):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-c", "from prep.cli import main; main()", *args], cwd=cwd, capture_output=True, timeout=120
    )


def test_a_folder_of_file_system_faults_is_checked_with_findings(tmp_path):
    import json

    expected = hostile_folder(tmp_path)
    done = _prep(["check", ".", "-f", "json", "--select", "PREP0"], tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stderr == b""
    found = {d["file"]: d["code"] for d in json.loads(done.stdout)["diagnostics"]}
    assert found == expected


@pytest.mark.parametrize(
    "name, status, stderr",
    [
        ("fifo.prep", 2, "prep: error: fifo.prep is not a regular file (a FIFO); give a .prep file"),
        ("sock.prep", 2, "prep: error: sock.prep is not a regular file (a socket); give a .prep file"),
        ("loop.prep", 2, "prep: error: loop.prep is a symbolic link to nothing (a missing target, or a loop)"),
        ("dangling.prep", 2, "prep: error: dangling.prep is a symbolic link to nothing (a missing target, or a loop)"),
        ("dir.prep", 2, "prep: error: dir.prep is a folder; give one .prep file"),
        ("binary.prep", 1, "prep: error: binary.prep cannot be read as a model; nothing drawn"),
    ],
)
def test_each_file_system_fault_named_to_render_is_one_line(tmp_path, name, status, stderr):
    hostile_folder(tmp_path)
    done = _prep(["render", name, "-f", "dot", "-o", "-"], tmp_path)
    assert done.returncode == status
    assert done.stdout == b""
    assert done.stderr.decode().splitlines()[-1] == stderr
    assert b"Traceback" not in done.stderr
