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


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Tests read prep's messages in English unless they choose Japanese (PREP_LANG=ja
    or prep.i18n.set_language("ja")), whatever the locale of the machine running them."""
    from prep import i18n

    monkeypatch.setenv("PREP_LANG", "en")
    i18n.set_language(None)
    yield
    i18n.set_language(None)


@pytest.fixture
def run_check():
    return check


def pytest_sessionfinish(session, exitstatus):
    """In CI (CI=true) a skipped test is a failure: CI must have every dependency."""
    import os

    if os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; every dependency must be "
                            "installed in CI", red=True)
        session.exitstatus = 1
