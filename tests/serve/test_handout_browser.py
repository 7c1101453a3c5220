"""The HTML handout (`prep report -o handout.html`) in a real browser, offline, as
the `-f html` page is tested: one file, nothing else asked for, every section and
drawing shown, no script errors."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect
from typer.testing import CliRunner

from prep.cli import app
from tests.serve.serving import browser, open_offline, page  # noqa: F401 (fixtures)

APPAREL = Path(__file__).resolve().parents[2] / "examples" / "apparel"


def test_the_html_handout_works_offline(page, tmp_path):  # noqa: F811
    out = tmp_path / "handout.html"
    result = CliRunner().invoke(app, ["report", str(APPAREL / "asis.prep"), str(APPAREL / "tobe.prep"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    asked = open_offline(page, out)
    expect(page.locator("h1").first).to_have_text("PRePモデル ハンドアウト")
    expect(page.locator("h1").last).to_have_text("成果物の用語集")
    expect(page.locator("figure.drawing svg")).to_have_count(17)
    tall = page.locator("section.portrait figure.drawing svg")  # the pieces of the tall drawings
    expect(tall).to_have_count(6)
    assert all(400 < tall.nth(n).bounding_box()["width"] <= 700 for n in range(6))
    drawing = page.locator("figure.drawing svg").nth(0)
    assert drawing.bounding_box()["width"] > 600  # drawn, not empty
    expect(
        page.locator("figure.drawing svg g.product", has=page.locator("title:text-is('販売計画')")).first
    ).to_be_visible()
    expect(page.locator("td.name", has_text="CSMの示唆").first).to_be_visible()
    assert asked == [out.as_uri()]
    assert page.errors == []
