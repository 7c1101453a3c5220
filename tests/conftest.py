"""Shared test helpers."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def check(text: str, select=None, extend_select=(), ignore=(), others=None, path="model.prep"):
    """Findings for a model given as (dedented) text."""
    from prep.checks.runner import check_text

    return check_text(textwrap.dedent(text), path=path, select=select,
                      extend_select=extend_select, ignore=ignore, others=others)


def codes(diagnostics) -> list[tuple[str, int]]:
    """(code, line) pairs, sorted."""
    return sorted((d.code, d.span.line) for d in diagnostics)


@pytest.fixture
def run_check():
    return check
