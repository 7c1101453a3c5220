"""The workshop view in a real browser (Playwright driving /usr/bin/chromium): the
drawing, live updates on save, errors over the last good drawing, findings that
point into the drawing, names shown as text, several tabs, and the offline file."""

from __future__ import annotations

import os
import re
from pathlib import Path

from playwright.sync_api import expect

from prep.serve.app import SCRIPTS

from tests.serve.serving import SMALL, browser, models, open_offline, page, server  # noqa: F401 (fixtures)

DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"


def product(page, title: str):
    """The drawing's group of a product, found as docs/notation.md says: class and title."""
    return page.locator("#canvas g.product", has=page.locator(f"title:text-is('{title}')"))


def has(*names: str):
    """A class list holding every one of `names` (the drawing adds its own classes,
    such as the product's kind)."""
    return re.compile("^" + "".join(rf"(?=(.*\s)?{n}(\s|$))" for n in names))


def paints(page) -> int:
    return int(page.get_attribute("body", "data-paints") or 0)


def open_model(page, server, name: str) -> None:
    page.goto(server.url + "#" + name)
    expect(page.locator("#status")).to_have_class("live")
    expect(page.locator("#file")).to_have_text(name)


def save(path: Path, text: str) -> None:
    """As an editor saves: a new file renamed over the old one."""
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)


def test_the_page_shows_the_drawing(server, page):
    open_model(page, server, "manufacturing.prep")
    expect(product(page, "生産計画")).to_have_count(1)
    expect(page.locator("#canvas g.external", has=page.locator("title:text-is('営業')"))).to_have_count(1)
    expect(page.locator("#models option")).to_have_count(2)
    expect(page.locator("#findings li")).to_have_count(1)
    expect(page.locator("#findings li")).to_contain_text("PREP401")
    expect(page.locator("#kpi")).to_contain_text("品質基準をみたす納期遵守率100%")
    expect(page.locator("#banner")).to_be_hidden()
    assert page.errors == []


def test_hovering_a_product_shows_it_and_what_it_feeds(server, page):
    open_model(page, server, "manufacturing.prep")
    product(page, "調達計画").hover()
    expect(page.locator("#detail-body h3")).to_have_text("調達計画")
    expect(page.locator("#detail-body")).to_contain_text("部品, 数量")
    expect(product(page, "調達計画")).to_have_class(has("sel"))
    expect(product(page, "生産計画")).to_have_class(has("up"))
    expect(product(page, "出荷")).to_have_class(has("down"))
    expect(product(page, "作業指示")).to_have_class(has("down"))
    expect(product(page, "需要予測")).to_have_class(has("up"))
    expect(product(page, "現場ノウハウ")).to_have_class(has("dim"))
    product(page, "需要予測").click()  # pinned: stays when the mouse leaves
    page.mouse.move(5, 890)
    expect(page.locator("#detail-body h3")).to_have_text("需要予測")
    expect(page.locator("#detail-body")).to_contain_text("需要予測が月に一度しか更新されない")
    page.locator("#kpi button.chip", has_text="調達部品<検収済>").first.click()
    expect(page.locator("#detail-body h3")).to_have_text("調達部品<検収済>")
    expect(page.locator("#detail-body")).to_contain_text("部品欠品率")
    page.keyboard.press("Escape")
    expect(page.locator("#detail-body h3")).to_have_count(0)


def test_saving_the_file_updates_the_drawing_keeping_zoom(server, page, models):
    open_model(page, server, "small.prep")
    expect(product(page, "見積")).to_have_count(1)
    page.click("#zoom-in")
    page.click("#zoom-in")
    transform = page.locator("#canvas").evaluate("e => e.style.transform")
    before = paints(page)
    save(
        models / "small.prep",
        SMALL.replace("    product 見積(品目, 金額)", "    product 見積(品目, 金額)\n    product 在庫照会").replace(
            "顧客 -> 見積", "在庫照会 -> 見積\n  顧客 -> 見積"
        ),
    )
    expect(product(page, "在庫照会")).to_have_count(1)
    assert paints(page) > before
    assert page.locator("#canvas").evaluate("e => e.style.transform") == transform


def test_a_broken_save_shows_errors_over_the_last_drawing(server, page, models):
    open_model(page, server, "small.prep")
    expect(product(page, "見積")).to_have_count(1)
    svg = page.locator("#canvas").inner_html()
    save(models / "small.prep", SMALL.replace("顧客 -> 見積", "顧客 -> -> 見積"))
    banner = page.locator("#banner")
    expect(banner).to_be_visible()
    expect(banner.locator("h3")).to_have_text(  # in the model's language
        "small.prep にエラーが 1 件 — 最後に正しく描けた図を表示中"
    )
    expect(banner).to_contain_text("small.prep:8:")
    expect(banner).to_contain_text("PREP001")
    assert page.locator("#canvas").inner_html() == svg
    product(page, "見積").hover()  # the last drawing still answers
    expect(page.locator("#detail-body h3")).to_have_text("見積")
    save(models / "small.prep", SMALL)  # mended: the banner goes
    expect(banner).to_be_hidden()


def test_clicking_a_finding_highlights_its_product(server, page):
    open_model(page, server, "manufacturing.prep")
    page.locator("#findings li button").first.click()
    expect(product(page, "現場ノウハウ")).to_have_class(has("sel", "finding"))
    expect(page.locator("#detail-body h3")).to_have_text("PREP401 (manufacturing.prep:29:16)")


EVIL = """process 受注 {
  external 顧客
  actor 営業 {
    product "<script>alert(1)</script>"(品目)
    final 受注票(品目)
  }
  顧客 -> "<script>alert(1)</script>" -> 受注票 -> 顧客
  issue "<img src=x onerror=alert(2)>" on "<script>alert(1)</script>"
}
"""


def test_a_name_with_markup_is_text(server, page, models):
    name = "<script>alert(1)</script>"
    save(models / "evil.prep", EVIL)
    open_model(page, server, "evil.prep")
    group = page.locator("#canvas g.product", has=page.locator("title", has_text="alert(1)"))
    expect(group).to_have_count(1)
    group.hover()
    expect(page.locator("#detail-body h3")).to_have_text(name)
    expect(page.locator("#detail-body")).to_contain_text("<img src=x onerror=alert(2)>")
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.locator("script").count() == len(SCRIPTS)  # the page's own, nothing else
    assert page.locator("img").count() == 0
    assert page.errors == []


def test_two_tabs_stay_in_step(server, page, models):
    other = page.context.new_page()
    open_model(page, server, "small.prep")
    open_model(other, server, "small.prep")
    save(
        models / "small.prep", SMALL.replace("product 見積", "product 概算見積").replace("-> 見積 ->", "-> 概算見積 ->")
    )
    expect(product(page, "概算見積")).to_have_count(1)
    expect(product(other, "概算見積")).to_have_count(1)


def test_a_deleted_or_renamed_file_is_shown_as_such(server, page, models):
    open_model(page, server, "small.prep")
    os.rename(models / "small.prep", models / "order.prep")
    banner = page.locator("#banner")
    expect(banner).to_contain_text("small.prep は order.prep に名前が変わりました")
    expect(product(page, "見積")).to_have_count(1)  # the last drawing stays
    banner.locator("button").click()
    expect(page.locator("#file")).to_have_text("order.prep")
    expect(banner).to_be_hidden()
    (models / "order.prep").unlink()
    expect(banner).to_contain_text("order.prep は削除または改名されました")


def test_presentation_mode_and_screenshot(server, page, models, tmp_path):
    tobe = (
        SMALL.replace("stage=asis", "stage=tobe")
        .replace("    product 見積(品目, 金額)", "    product 見積(品目, 金額)\n    product 在庫照会")
        .replace("顧客 -> 見積", "在庫照会 -> 見積\n  顧客 -> 見積")
    )
    save(models / "small-tobe.prep", tobe)
    open_model(page, server, "small-tobe.prep")
    expect(page.locator("#diff-section")).to_be_visible()
    expect(page.locator("#diff")).to_contain_text("追加 成果物")
    expect(page.locator("#diff")).to_contain_text("在庫照会")
    expect(product(page, "在庫照会")).to_have_class(has("added"))
    page.goto(server.url + "#manufacturing.prep")
    expect(page.locator("#file")).to_have_text("manufacturing.prep")
    expect(page.locator("#diff-section")).to_be_hidden()  # no ToBe of 製造 here
    product(page, "調達部品<検収済>").hover()
    shot = tmp_path / "workshop.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("PREP_SCREENSHOTS"):  # docs/workshop.md's picture
        page.screenshot(path=str(DOCS_IMG / "workshop.png"))
    page.click("#present")
    expect(page.locator("body")).to_have_class("present")
    expect(page.locator("#side")).to_be_hidden()
    product(page, "生産計画").click()
    expect(page.locator("#card")).to_be_visible()
    expect(page.locator("#card h3")).to_have_text("生産計画")
    size = page.locator("#card h3").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size > 24  # 14 px text outside the mode
    expect(page.locator("#present")).to_have_text("戻る")
    page.keyboard.press("p")
    expect(page.locator("body")).not_to_have_class("present")
    expect(page.locator("#present")).to_have_text("発表")
    expect(page.locator("#card")).to_be_hidden()


def test_the_html_file_works_offline(page, models, tmp_path):
    from typer.testing import CliRunner

    from prep.cli import app

    out = tmp_path / "view.html"
    result = CliRunner().invoke(app, ["render", str(models / "manufacturing.prep"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    asked = open_offline(page, out)
    expect(page.locator("#status")).to_have_text("オフライン版")
    expect(product(page, "生産計画")).to_have_count(1)
    product(page, "生産計画").hover()
    expect(page.locator("#detail-body h3")).to_have_text("生産計画")
    page.locator("#findings li button").first.click()
    expect(product(page, "現場ノウハウ")).to_have_class(has("sel", "finding"))
    assert asked == [out.as_uri()]
    assert page.errors == []


HOSTILE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200" onload="alert(1)">
<style>.lane-a { fill: rgb(0, 128, 0); }</style>
<script>alert(2)</script>
<g class="lane"><title>営業</title><rect class="lane-a" x="0" y="0" width="300" height="200"/></g>
<g class="product" style="opacity: 0.5"><title>見積</title>
<a href="javascript:alert(3)"><rect x="10" y="10" width="80" height="40" fill="white" stroke="black"/></a>
<text x="20" y="35" onclick="alert(4)">見積</text></g>
<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
</svg>"""


def test_a_drawing_keeps_its_styles_and_loses_anything_active(page, tmp_path):
    from prep.serve.page import offline_page

    data = {
        "version": 1,
        "file": "x.prep",
        "ok": True,
        "stale": False,
        "processes": [],
        "findings": [],
        "svg": HOSTILE_SVG,
        "render_error": None,
        "kpi": [],
        "relations": [],
        "pair": None,
        "live": False,
        "products": {
            "見積": {
                "process": "p",
                "key": "見積",
                "name": "見積",
                "kind": "product",
                "actor": "営業",
                "params": [],
                "state": None,
                "doc": None,
                "kpis": [],
                "issues": [],
                "file": "x.prep",
                "line": 1,
                "fed_by": [],
                "feeds": [],
                "sync": [],
            }
        },
    }
    out = tmp_path / "x.html"
    out.write_text(offline_page(data), "utf-8")
    page.goto(out.as_uri())
    group = product(page, "見積")
    expect(group).to_have_count(1)
    assert group.evaluate("g => getComputedStyle(g).opacity") == "0.5"
    lane = page.locator("#canvas rect.lane-a")
    assert lane.evaluate("r => getComputedStyle(r).fill") == "rgb(0, 128, 0)"
    assert page.locator("#canvas script, #canvas foreignObject, #canvas style").count() == 0
    assert page.locator("#canvas [onload], #canvas [onclick], #canvas [href]").count() == 0
    group.locator("text").click()
    expect(page.locator("#detail-body h3")).to_have_text("見積")
    page.wait_for_timeout(200)
    assert page.dialogs == [] and page.errors == []


def test_an_empty_folder_shows_the_first_model_saved(tmp_path, page):
    from tests.serve.serving import Running

    empty = tmp_path / "empty"
    empty.mkdir()
    running = Running(empty)
    try:
        page.goto(running.url)
        expect(page.locator("#status")).to_have_class("live")
        expect(page.locator("#status")).to_have_text(
            "live: no .prep files here yet: save one and it appears"
        )  # English until a model speaks
        save(empty / "first.prep", SMALL)
        expect(page.locator("#file")).to_have_text("first.prep")
        expect(product(page, "見積")).to_have_count(1)
        expect(page.locator("#status")).to_have_text("ライブ: 保存するたびに表示が追従します")
    finally:
        running.stop()


def test_asis_then_tobe(page, tmp_path):
    """The paper's apparel case: the ToBe drawing outlines what the service adds."""
    import shutil

    from tests.serve.serving import EXAMPLES, Running

    folder = tmp_path / "apparel"
    shutil.copytree(EXAMPLES / "apparel", folder)
    running = Running(folder)
    try:
        open_model(page, running, "tobe.prep")
        expect(page.locator("#diff")).to_contain_text("追加 成果物")
        expect(page.locator("#diff")).to_contain_text("日々の店舗運営 :: 実績データ")
        expect(product(page, "日々の店舗運営/実績データ")).to_have_class(has("added"))
        page.locator("#diff button.chip", has_text="asis.prep").click()
        expect(page.locator("#file")).to_have_text("asis.prep")
        expect(product(page, "日々の店舗運営/肌感覚")).to_have_class(has("removed"))
        page.locator("#diff button.chip", has_text="tobe.prep").click()
        expect(page.locator("#file")).to_have_text("tobe.prep")
        product(page, "日々の店舗運営/実績データ").hover()
        expect(page.locator("#detail-body h3")).to_have_text("実績データ")
        if os.environ.get("PREP_SCREENSHOTS"):
            page.screenshot(path=str(DOCS_IMG / "workshop-tobe.png"))
        page.locator("#kpi button.chip", has_text="CSMの示唆").first.click()
        expect(page.locator("#detail-body h3")).to_have_text("CSMの示唆")
    finally:
        running.stop()
