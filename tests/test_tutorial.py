"""docs/tutorial.md (in English) and docs/ja/tutorial.md (in Japanese, PREP_LANG=ja)
run top to bottom as written.

The tutorial is executed in an empty folder (with `examples/` beside it), in order:

- a fenced block after `<!-- file: NAME -->` is written to NAME;
- a fenced block after `<!-- add to: NAME -->` is inserted before the last `}` of NAME
  (new statements for the model's last process);
- in a fenced block of `$ ` lines, each command runs in bash (`cd DIR` changes the
  folder, `echo $?` shows the previous command's exit status) and what it prints
  (standard output, then standard error) must be the lines that follow it, exactly;
  a line `...` stands for the rest of the output.

To rewrite the outputs after a deliberate change of prep's messages, run
`PREP_TUTORIAL_WRITE=1 python -m pytest tests/test_tutorial.py` and review the diff.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "docs" / "tutorial.md"
# Each tutorial and the language prep speaks in it (docs/ja/tutorial.md: Japanese).
TUTORIALS = {"en": TUTORIAL, "ja": ROOT / "docs" / "ja" / "tutorial.md"}
MARKER = re.compile(r"^<!--\s*(file|add to):\s*(\S+)\s*-->$")
COMMENT = re.compile(r"^<!--.*-->$")


@dataclass
class Command:
    line: int  # 0-based line of `$ …` in the tutorial
    text: str
    expected: list[str] = field(default_factory=list)


@dataclass
class Step:
    kind: str  # "file", "add to" or "run"
    name: str = ""
    body: str = ""
    commands: list[Command] = field(default_factory=list)


def steps(lines: list[str]) -> list[Step]:
    found, i = [], 0
    while i < len(lines):
        if not lines[i].startswith("```"):
            i += 1
            continue
        start, body = i, []
        i += 1
        while i < len(lines) and lines[i] != "```":
            body.append((i, lines[i]))
            i += 1
        i += 1
        marker, j = None, start - 1
        while j >= 0 and COMMENT.match(lines[j]):
            marker = MARKER.match(lines[j]) or marker
            j -= 1
        if marker:
            found.append(Step(marker.group(1), marker.group(2), "".join(text + "\n" for _, text in body)))
        elif body and body[0][1].startswith("$ "):
            step = Step("run")
            for n, text in body:
                if text.startswith("$ "):
                    step.commands.append(Command(n, text[2:]))
                else:
                    step.commands[-1].expected.append(text)
            found.append(step)
    return found


def run_command(command: str, cwd: Path, env: dict) -> tuple[int, list[str]]:
    done = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    text = done.stdout + done.stderr
    return done.returncode, [line.rstrip() for line in text.rstrip("\n").split("\n") if text.strip()]


def matches(expected: list[str], actual: list[str]) -> bool:
    expected = [line.rstrip() for line in expected]
    if "..." in expected:
        head = expected[: expected.index("...")]
        return actual[: len(head)] == head
    return actual == expected


@pytest.mark.parametrize("lang", sorted(TUTORIALS))
def test_the_tutorial_runs_as_written(tmp_path, lang):
    tutorial = TUTORIALS[lang]
    lines = tutorial.read_text("utf-8").split("\n")
    work = tmp_path / "work"
    work.mkdir()
    (work / "examples").symlink_to(ROOT / "examples")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "NO_COLOR": "1",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "COLUMNS": "200",
        "PREP_LANG": lang,
    }
    cwd, status, failures, rewrites = work, 0, [], {}
    for step in steps(lines):
        if step.kind == "file":
            (cwd / step.name).write_text(step.body, encoding="utf-8")
        elif step.kind == "add to":
            path = cwd / step.name
            text = path.read_text("utf-8")
            at = text.rindex("}")
            path.write_text(text[:at] + step.body + text[at:], encoding="utf-8")
        for command in step.commands:
            if command.text.startswith("cd "):
                cwd = cwd / command.text[3:].strip()
                actual = []
            elif command.text.strip() == "echo $?":
                actual = [str(status)]
            else:
                status, actual = run_command(command.text, cwd, env)
            if not matches(command.expected, actual):
                failures.append(f"line {command.line + 1}: $ {command.text}\n" + "\n".join(actual))
                if "..." not in command.expected:
                    rewrites[command.line] = (len(command.expected), actual)
    if rewrites and os.environ.get("PREP_TUTORIAL_WRITE"):
        for line in sorted(rewrites, reverse=True):
            count, actual = rewrites[line]
            lines[line + 1 : line + 1 + count] = actual
        tutorial.write_text("\n".join(lines), encoding="utf-8")
    assert not failures, "\n\n".join(failures)
