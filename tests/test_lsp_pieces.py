"""Checking while typing one process at a time (prep.lsp.analysis.ProcessCache) finds
exactly what checking the whole file finds."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import ROOT, SHARED
from prep.checks.runner import finish
from prep.lsp.analysis import ProcessCache, analyse
from prep.parser import decode

FILES = sorted((ROOT / "examples").rglob("*.prep")) + sorted((SHARED / "conformance" / "cases").glob("*.prep"))


def findings(a):
    raw = replace(a.raw, diagnostics=list(a.raw.diagnostics))
    finish(raw, a.options)
    return raw.diagnostics


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_pieces_find_what_the_whole_file_finds(path):
    text = decode(path.read_bytes(), path.name)
    if not isinstance(text, str):
        return
    pieces = ProcessCache()
    assert findings(pieces.analyse("u", str(path), text)) == findings(analyse("u", str(path), text))
    # again, after an edit in the last process: the others come from the cache
    edited = text.rstrip("\n}") + "\n  未定義 -> 未定義2\n}\n" if "process" in text else text
    assert findings(pieces.analyse("u", str(path), edited)) == findings(analyse("u", str(path), edited))


def test_two_processes_of_one_name_are_checked_whole():
    text = "process P {\n  goal G\n}\nprocess P {\n  goal G\n}\n"
    found = [(d.code, d.span.line, d.message) for d in findings(ProcessCache().analyse("u", "m.prep", text))]
    assert found == [
        ("PREP201", 1, "process `P` has no final product"),
        ("PREP102", 4, "process `P` is defined twice"),
        ("PREP201", 4, "process `P` has no final product"),
    ]
