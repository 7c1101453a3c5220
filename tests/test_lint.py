"""The house habits hold by themselves: ruff's lint (configured in pyproject.toml)
passes on the whole repository, and so does its formatter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TOP = Path(__file__).resolve().parents[1]


def test_ruff_lint_passes():
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=TOP, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_ruff_format_is_kept():
    """`ruff format` has been run on the whole repository (the code blocks of the docs
    included): a change is formatted before it is committed."""
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."],
        cwd=TOP,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
