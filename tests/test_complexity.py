"""No function of prep/ is too tangled to change: radon's cyclomatic complexity of
every function and method is at most MOST (a long chain of cases reads better as a
table of small functions, a run of phases as one function per phase)."""

from __future__ import annotations

from pathlib import Path

import pytest

TOP = Path(__file__).resolve().parents[1]
MOST = 25


def _blocks(blocks, prefix: str = ""):
    """Every function and method, nested ones too, with its dotted name (radon lists a
    class's methods both in the class and, again, on their own: those are skipped)."""
    for block in blocks:
        name = f"{prefix}{block.name}"
        if hasattr(block, "methods"):  # a class
            yield from _blocks([*block.methods, *block.inner_classes], f"{name}.")
        elif prefix or not block.is_method:
            yield name, block
            yield from _blocks(block.closures, f"{name}.")


def too_complex(top: Path = TOP / "prep") -> list[str]:
    """`path:line name (complexity)` for each function over MOST, most complex first."""
    from radon.complexity import cc_visit

    found = []
    for path in sorted(top.rglob("*.py")):
        for name, block in _blocks(cc_visit(path.read_text(encoding="utf-8"))):
            if block.complexity > MOST:
                where = f"{path.relative_to(top.parent).as_posix()}:{block.lineno}"
                found.append((-block.complexity, f"{where} {name} ({block.complexity})"))
    return [said for _, said in sorted(found)]


def test_no_function_is_over_the_most():
    pytest.importorskip("radon")
    found = too_complex()
    assert not found, f"cyclomatic complexity over {MOST} (radon cc -s -n E prep): " + "; ".join(found)


def test_the_test_names_the_function_and_its_number(tmp_path):
    pytest.importorskip("radon")
    cases = "".join(f"        if x == {i}:\n            return {i}\n" for i in range(MOST))
    (tmp_path / "tangled.py").write_text(
        f"class Box:\n    def pick(self, x):\n{cases}        return None\n\n\ndef plain(x):\n    return x\n",
        encoding="utf-8",
    )
    found = too_complex(tmp_path)
    assert found == [f"{tmp_path.name}/tangled.py:2 Box.pick ({MOST + 1})"]
