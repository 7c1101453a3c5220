"""The text report off a terminal is made without rich, and is byte for byte what
rich printed from the markup before (apart from `:emoji:` codes, which rich
replaced and which are now left as written)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from conftest import ROOT, SHARED
from prep.checks import all_rules
from prep.checks.runner import CheckOptions, check_paths
from prep.report import render

FILES = sorted((ROOT / "examples").rglob("*.prep")) + sorted((SHARED / "conformance" / "cases").glob("*.prep"))

HOSTILE = """\
process "[bold]P[/bold]" {
  goal "\\\\[red]ゴール"
  external "顧客 [link=x]"
  actor 営業部 {
    product "見積\\t依頼[/]"(品目)
    final   出荷指示
  }
  "顧客 [link=x]" -> "見積\\t依頼[/]" -> 出荷指示 -> 倉庫
  出荷指示 -> "未定義[x]\\\\"
}
"""


def rich_plain(markup_text: str) -> str:
    """What the CLI printed off a terminal before: rich's Console, no colour."""
    from rich.console import Console

    out = io.StringIO()
    Console(file=out, highlight=False, soft_wrap=True, emoji=False).print(markup_text, end="", markup=True)
    return out.getvalue()


def result_of(paths: list[Path]):
    options = CheckOptions(frozenset(r.code for r in all_rules()))
    return check_paths([(p, p.name) for p in paths], lambda _p: options, keep_models=False)


@pytest.mark.parametrize("statistics", [False, True])
def test_plain_equals_rich_on_examples_and_cases(statistics):
    result = result_of(FILES)
    assert result.diagnostics
    for flags in ({}, {"show_suppressed": True}):
        plain = render("text", result, markup=False, statistics=statistics, **flags)
        assert plain == rich_plain(render("text", result, markup=True, statistics=statistics, **flags))


def test_plain_equals_rich_with_markup_in_names(tmp_path):
    model = tmp_path / "m.prep"
    model.write_text(HOSTILE, encoding="utf-8")
    result = result_of([model])
    assert len(result.diagnostics) >= 3
    plain = render("text", result, markup=False, show_suppressed=True)
    assert "[bold]P[/bold]" in plain
    assert plain == rich_plain(render("text", result, markup=True, show_suppressed=True))


def test_emoji_codes_stay_as_written(tmp_path):
    model = tmp_path / "m.prep"
    model.write_text("process P {\n  goal G\n  :smile: -> X\n}\n", encoding="utf-8")
    assert render("text", result_of([model]), markup=False) == (
        "m.prep:3:3: PREP001 error: unexpected character `:`\n  |\n3 |   :smile: -> X\n"
        "  |   ^\n  hint: a name holds letters, digits, `_` and `・`; put other text in double "
        'quotes: `"100%"`\n\nFound 1 error, 0 warnings, 0 infos in 1 file.\n'
    )
