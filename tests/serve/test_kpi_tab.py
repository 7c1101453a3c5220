"""The KPI tab of the workshop view: /api/kpi/NAME gives the drawing of `prep kpi
-f svg` (and, for an AsIs/ToBe pair, that of `prep kpi ASIS --tobe TOBE`), keeps
the last good one while a file has errors, and is made only when asked for; in the
browser the tab shows it with names as text and follows every save."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from playwright.sync_api import expect
from starlette.testclient import TestClient
from typer.testing import CliRunner

from conftest import every_model_folder
from prep.cli import app as cli
from prep.serve.app import SCRIPTS, create_app

from tests.serve.serving import EXAMPLES, SMALL, Running, browser, models, page, server  # noqa: F401
from tests.serve.test_browser import DOCS_IMG, open_model, save

PORT = 8765
EVIL = """process "A&B <i>" {
  goal "<script>alert(1)</script> & \\"quoted\\" 'single'"
  external 顧客
  actor 営業 {
    product "<script>alert(2)</script>"(品目)
    final "受注 & \\"票\\""(品目)
  }
  顧客 -> "<script>alert(2)</script>" -> "受注 & \\"票\\"" -> 顧客
  kpi "<img src=x onerror=alert(3)> & \\"率\\"" for "受注 & \\"票\\""
}
"""


def cli_svg(*args: str) -> str:
    result = CliRunner().invoke(cli, ["kpi", *args, "-f", "svg"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def apparel(tmp_path) -> Path:
    folder = tmp_path / "apparel"
    shutil.copytree(EXAMPLES / "apparel", folder)
    return folder


def client_for(root: Path):
    return TestClient(create_app(root, "127.0.0.1", PORT, watch=False), base_url=f"http://127.0.0.1:{PORT}")


# -- the server ---------------------------------------------------------------------
def test_the_kpi_drawing_is_that_of_prep_kpi(models):
    with client_for(models) as c:
        answer = c.get("/api/kpi/small.prep")
    assert answer.status_code == 200
    assert answer.headers["content-security-policy"].startswith("default-src 'none'")
    data = answer.json()
    assert data["file"] == "small.prep" and data["ok"] and not data["stale"]
    assert data["svg"] == cli_svg(str(models / "small.prep"))
    assert "納期遵守" in data["svg"] and "受注率" in data["svg"]
    assert data["compare"] is None and data["error"] is None and data["notes"] == []


def test_a_pair_has_the_comparison_of_prep_kpi_tobe(apparel):
    expected = cli_svg(str(apparel / "asis.prep"), "--tobe", str(apparel / "tobe.prep"))
    with client_for(apparel) as c:
        tobe = c.get("/api/kpi/tobe.prep").json()
        asis = c.get("/api/kpi/asis.prep").json()
    assert tobe["svg"] == cli_svg(str(apparel / "tobe.prep"))
    for data in (tobe, asis):
        compare = data["compare"]
        assert (compare["asis"], compare["tobe"]) == ("asis.prep", "tobe.prep")
        assert compare["svg"] == expected and not compare["stale"]
    assert "サービス提供前 (AsIs)" in expected and "サービス提供後 (ToBe)" in expected


def test_errors_keep_the_last_good_kpi_drawing(apparel):
    with client_for(apparel) as c:
        good = c.get("/api/kpi/tobe.prep").json()
        text = (apparel / "asis.prep").read_text("utf-8")
        (apparel / "asis.prep").write_text(text + "\nproduct ->\n", "utf-8")
        partner_bad = c.get("/api/kpi/tobe.prep").json()
        text_tobe = (apparel / "tobe.prep").read_text("utf-8")
        (apparel / "tobe.prep").write_text(text_tobe + "\nproduct ->\n", "utf-8")
        both_bad = c.get("/api/kpi/tobe.prep").json()
    assert partner_bad["svg"] == good["svg"] and not partner_bad["stale"]
    assert partner_bad["compare"]["svg"] == good["compare"]["svg"]
    assert partner_bad["compare"]["stale"]
    assert partner_bad["compare"]["error"] == "asis.prep has errors"
    assert not both_bad["ok"] and both_bad["stale"] and both_bad["svg"] == good["svg"]
    assert both_bad["error"] == "tobe.prep has errors"
    assert both_bad["compare"]["svg"] == good["compare"]["svg"]  # still paired


def test_a_broken_save_keeps_the_pair(apparel):
    """A file with a syntax error has no stage to pair by: its last partner stays,
    and so does the last good diff (stale)."""
    with client_for(apparel) as c:
        good = c.get("/api/model/tobe.prep").json()["pair"]["diff"]
        assert good["added"]["products"]
        text = (apparel / "tobe.prep").read_text("utf-8")
        (apparel / "tobe.prep").write_text("process ->\n" + text, "utf-8")
        pair = c.get("/api/model/tobe.prep").json()["pair"]
        assert (pair["asis"], pair["tobe"], pair["diff"]) == ("asis.prep", "tobe.prep", good)
        assert pair["stale"] and pair["error"] == {"file": "tobe.prep", "stale": True}
        assert c.get("/api/model/asis.prep").json()["pair"]["tobe"] == "tobe.prep"
        (apparel / "tobe.prep").write_text(text.replace("stage=tobe", "stage=asis"), "utf-8")
        assert c.get("/api/model/tobe.prep").json()["pair"] is None  # not a pair now


def test_a_model_with_errors_from_the_start_has_no_kpi_drawing(models):
    save(models / "small.prep", SMALL.replace("顧客 -> 見積", "顧客 -> -> 見積"))
    with client_for(models) as c:
        data = c.get("/api/kpi/small.prep").json()
    assert (data["ok"], data["svg"], data["stale"]) == (False, None, False)
    assert data["error"] == "small.prep has errors"


def test_names_reach_the_kpi_drawing_escaped(models):
    (models / "evil.prep").write_text(EVIL, "utf-8")
    with client_for(models) as c:
        svg = c.get("/api/kpi/evil.prep").json()["svg"]
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;" in svg
    drawing = ElementTree.fromstring(svg)
    assert {element.tag.split("}")[1] for element in drawing.iter()} <= {
        "svg",
        "a",
        "g",
        "title",
        "text",
        "rect",
        "path",
        "polygon",
        "polyline",
        "ellipse",
        "line",
    }
    assert [text.text for text in drawing.iter("{http://www.w3.org/2000/svg}text")] == [
        "A&B <i>",
        "KPIツリー [AsIs]",
        "目標: <script>alert(1)</script> & \"quoted\" 'single'",
        '受注 & "票"',
        "KPI: <img src=x",
        'onerror=alert(3)> & "率"',
        "凡例",
        "最終成果物",
        "KPI",
    ]


@every_model_folder
def test_every_model_gives_a_kpi_answer(folder):
    """Broken, binary, odd and large models: a drawing or why not, never a server error."""
    with client_for(folder) as c:
        names = [m["path"] for m in c.get("/api/models").json()["models"]]
        assert len(names) >= 6
        for name in names:
            answer = c.get("/api/kpi/" + name)
            assert answer.status_code == 200, name
            data = answer.json()
            assert data["file"] == name
            view = c.get("/api/model/" + name).json()
            readable = bool(view["processes"]) and not any(
                f["code"] in ("PREP001", "PREP002") for f in view["findings"]
            )
            # drawn unless it cannot be read (other errors are shown over the drawing),
            # or why not
            assert data["svg"] is not None or data["error"] is not None or not readable, name
            assert data["svg"] is None or readable, name
            assert (view["svg"] is not None) == readable, name
            assert readable or data["error"] == f"{name} has errors", name


@pytest.mark.parametrize("name", ["../small.prep", "nothere.prep", "small.txt", ".hidden.prep"])
def test_the_kpi_endpoint_refuses_what_the_model_endpoint_refuses(models, name):
    with client_for(models) as c:
        assert c.get("/api/kpi/" + name).status_code == 404


def test_the_kpi_drawing_is_made_only_when_asked(models, monkeypatch):
    """A save repaints the swimlanes without waiting for the KPI drawing."""
    import prep.serve.data as data

    made = []
    real = data.kpi_drawing
    monkeypatch.setattr(data, "kpi_drawing", lambda *a, **k: made.append(1) or real(*a, **k))
    with client_for(models) as c:
        assert c.get("/api/model/small.prep").json()["ok"]
        assert made == []
        first = c.get("/api/kpi/small.prep").content
        assert c.get("/api/kpi/small.prep").content == first  # cached
    assert made == [1]


def test_a_kpi_drawing_is_made_once_per_content_and_ahead_after_a_save(models, monkeypatch):
    """A save that leaves the KPI tree as it was (a parameter renamed) reuses its
    drawing; a save that changes it is drawn as soon as it is seen (prewarm), when
    the KPI tab was asked for, and the page's request finds it made."""
    import prep.render as render
    from prep.serve.files import Models

    made = []
    real = render.render_kpi
    monkeypatch.setattr(render, "render_kpi", lambda *a, **k: made.append(1) or real(*a, **k))
    small = models / "small.prep"
    served = Models(models)
    first = json.loads(served.kpi_json("small.prep"))["svg"]
    small.write_text(SMALL.replace("金額", "価格"), "utf-8")
    os.utime(small, ns=(1, 1))  # a signature of its own for the cache
    assert json.loads(served.kpi_json("small.prep"))["svg"] == first
    assert made == [1]
    small.write_text(SMALL.replace("受注率", "受注件数"), "utf-8")
    served.prewarm(["small.prep"])
    assert made == [1, 1]
    again = json.loads(served.kpi_json("small.prep"))["svg"]
    assert made == [1, 1] and "受注件数" in again and "受注率" not in again


def test_a_failed_kpi_drawing_is_not_kept():
    from prep.serve.kpis import Pictures

    pictures, calls = Pictures(keep=2), []

    def fails():
        calls.append(1)
        raise ValueError("no")

    for _ in range(2):
        with pytest.raises(ValueError):
            pictures.get("k", fails)
    assert calls == [1, 1]
    assert pictures.get("k", lambda: "svg") == "svg" and pictures.get("k", fails) == "svg"
    pictures.get("a", lambda: 1), pictures.get("b", lambda: 2)
    assert pictures.get("k", lambda: "new") == "new"  # only `keep` are kept


def test_the_offline_page_carries_the_kpi_drawing(models, tmp_path):
    out = tmp_path / "small.html"
    result = CliRunner().invoke(cli, ["render", str(models / "small.prep"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    start = text.index('id="prep-data">') + len('id="prep-data">')
    data = json.loads(text[start : text.index("</script>", start)])
    assert data["kpi_drawing"]["svg"] == cli_svg(str(models / "small.prep"))


# -- the browser --------------------------------------------------------------------
def kpi_texts(page, pane: str = "kpi") -> str:
    return page.locator(f"#{pane}-canvas svg").evaluate("svg => svg.textContent")


def kpi_paints(page) -> int:
    return int(page.get_attribute("body", "data-kpi-paints") or 0)


def test_the_kpi_tab_shows_the_drawing_and_the_comparison(page, apparel):
    running = Running(apparel)
    try:
        open_model(page, running, "tobe.prep")
        expect(page.locator("#tab-compare")).to_be_visible()
        assert page.locator("#kpi-canvas svg").count() == 0  # not made until asked
        page.click("#tab-kpi")
        expect(page.locator("#tab-kpi")).to_have_attribute("aria-selected", "true")
        expect(page.locator("#kpi-canvas svg")).to_have_count(1)
        expect(page.locator("#kpi-canvas")).to_be_visible()
        expect(page.locator("#canvas")).to_be_hidden()
        texts = kpi_texts(page)
        for name in ("目標: 店舗別の週次売上目標の達成", "KPI: 施策の効果", "実績データ", "CSMの示唆"):
            assert name in texts
        titles = page.locator("#kpi-canvas title").all_text_contents()
        assert "CSMの示唆" in titles and "施策の効果" in titles  # tooltips: names, no ids
        assert not any(t.startswith(("t1_", "cluster_")) for t in titles)
        assert page.locator("#kpi-canvas svg > title, #kpi-canvas g.cluster > title").count() == 0
        expect(page.locator("#kpi-status")).to_have_text("tobe.prep の KPIツリー (prep kpi tobe.prep)")
        transform = page.locator("#kpi-canvas").evaluate("e => e.style.transform")
        assert "scale(" in transform  # fitted on opening
        page.click("#zoom-in")  # the tab's own zoom
        assert page.locator("#kpi-canvas").evaluate("e => e.style.transform") != transform
        page.click("#tab-compare")
        expect(page.locator("#compare-canvas svg")).to_have_count(1)
        texts = kpi_texts(page, "compare")
        assert "サービス提供前 (AsIs)" in texts and "サービス提供後 (ToBe)" in texts
        assert "＋ 新規" in texts or "+ 新規" in texts
        expect(page.locator("#kpi-status")).to_contain_text("AsIs asis.prep と ToBe tobe.prep")
        if os.environ.get("PREP_SCREENSHOTS"):
            page.set_viewport_size({"width": 1920, "height": 1080})
            page.keyboard.press("f")
            page.locator("#tab-compare").blur()
            page.screenshot(path=str(DOCS_IMG / "workshop-kpi.png"))
        before = kpi_paints(page)
        text = (apparel / "tobe.prep").read_text("utf-8")
        save(apparel / "tobe.prep", text + "\nkpi ->\n")  # a typo: the comparison stays
        expect(page.locator("#kpi-status")).to_contain_text(
            "最後に正しく描けた図を表示中: tobe.prep にエラーがあります"
        )
        assert kpi_paints(page) > before
        expect(page.locator("#tab-compare")).to_have_attribute("aria-selected", "true")
        assert "サービス提供後 (ToBe)" in kpi_texts(page, "compare")
        save(apparel / "tobe.prep", text.replace("kpi 購買率", "kpi 再訪率"))
        expect(page.locator("#compare-canvas svg text", has_text="KPI: 再訪率")).to_have_count(2)
        expect(page.locator("#kpi-status")).not_to_contain_text("最後に")
        page.keyboard.press("k")  # back to the swimlanes
        expect(page.locator("#tab-drawing")).to_have_attribute("aria-selected", "true")
        expect(page.locator("#canvas")).to_be_visible()
        page.locator("#kpi button.chip", has_text="CSMの示唆").first.click()
        expect(page.locator("#detail-body h3")).to_have_text("CSMの示唆")
        page.click("#tab-kpi")
        page.locator("#kpi button.chip", has_text="CSMの示唆").first.click()
        expect(page.locator("#tab-drawing")).to_have_attribute("aria-selected", "true")
        assert page.errors == []
    finally:
        running.stop()


# The texts of examples/manufacturing.prep's KPI drawing, in drawing order.
MANUFACTURING_KPI = [
    "製造",
    "KPIツリー [AsIs]",
    "目標: 品質基準をみたす納期遵守率100%",
    "KGI: 納期遵守率",
    "出荷",
    "KPI: 出荷リードタイム",
    "製品<検査済>",
    "生産計画",
    "KPI: 検査合格率",
    "作業指示",
    "KPI: 段取り替え時間",
    "[補足]",
    "調達部品<検収済>",
    "現場ノウハウ",
    "⚠ 介入点",
    "KPI: 部品欠品率",
    "課題: 段取りがベテラ",
    "ンの勘に頼っている",
    "KPI: 計画達成率",
    "需要予測",
    "課題: 需要予測が月に",
    "一度しか更新されない",
    "凡例",
    "最終成果物",
    "マイルストーン成果物",
    "中間成果物",
    "⚠ 介入点",
    "KPI",
    "KPI [補足]",
    "課題",
]


def test_no_comparison_tab_without_a_partner(server, page):
    open_model(page, server, "manufacturing.prep")
    expect(page.locator("#tab-compare")).to_be_hidden()
    # the list beside it: a reference met before its node still shows the node's label
    expect(page.locator("#kpi li > span", has_text="生産計画 (*)")).to_have_count(2)
    assert "product:" not in page.locator("#kpi").inner_text()
    page.click("#tab-kpi")
    expect(page.locator("#kpi-canvas svg")).to_have_count(1)
    assert page.locator("#kpi-canvas svg text").all_text_contents() == MANUFACTURING_KPI


def test_a_name_with_markup_is_text_in_the_kpi_drawing(server, page, models):
    save(models / "evil.prep", EVIL)
    open_model(page, server, "evil.prep")
    page.click("#tab-kpi")
    expect(page.locator("#kpi-canvas svg")).to_have_count(1)
    texts = "".join(kpi_texts(page).split())  # a long note wraps over lines
    assert "目標:<script>alert(1)</script>&\"quoted\"'single'" in texts
    assert 'KPI:<imgsrc=xonerror=alert(3)>&"率"' in texts
    assert '受注&"票"' in texts
    # the boxes are titled by their labels (which the drawing may wrap over lines)
    titles = page.locator("#kpi-canvas g.kpi-node > title").all_text_contents()
    assert "<script>alert(1)</script> & \"quoted\" 'single'" in titles
    assert '<img src=x onerror=alert(3)> & "率"' in titles
    assert '受注 & "票"' in titles
    page.wait_for_timeout(300)
    assert page.dialogs == [] and page.errors == []
    assert page.locator("script").count() == len(SCRIPTS)  # the page's own, nothing else
    assert page.locator("img").count() == 0
    assert page.locator("#kpi-canvas [href], #kpi-canvas [onload], #kpi-canvas [onerror]").count() == 0


def test_a_save_repaints_the_kpi_drawing_and_errors_keep_it(server, page, models):
    open_model(page, server, "small.prep")
    page.click("#tab-kpi")
    expect(page.locator("#kpi-canvas svg")).to_have_count(1)
    assert "KPI: 受注率" in kpi_texts(page)
    page.click("#zoom-in")
    transform = page.locator("#kpi-canvas").evaluate("e => e.style.transform")
    save(models / "small.prep", SMALL.replace("受注率", "成約率"))
    expect(page.locator("#kpi-canvas svg text", has_text="KPI: 成約率")).to_have_count(1)
    assert page.locator("#kpi-canvas").evaluate("e => e.style.transform") == transform
    before = kpi_paints(page)
    svg = page.locator("#kpi-canvas").inner_html()
    save(models / "small.prep", SMALL.replace("受注率", "成約率").replace("顧客 -> 見積", "顧客 -> -> 見積"))
    expect(page.locator("#banner h3")).to_have_text("small.prep にエラーが 1 件 — 最後に正しく描けた図を表示中")
    expect(page.locator("#kpi-status")).to_contain_text("最後に正しく描けた図を表示中: small.prep にエラーがあります")
    assert kpi_paints(page) > before
    assert page.locator("#kpi-canvas").inner_html() == svg
    save(models / "small.prep", SMALL.replace("受注率", "受注件数"))
    expect(page.locator("#kpi-canvas svg text", has_text="KPI: 受注件数")).to_have_count(1)
    expect(page.locator("#kpi-status")).not_to_contain_text("最後に")


def test_a_save_while_the_kpi_tab_is_closed_shows_when_it_opens(server, page, models):
    open_model(page, server, "small.prep")
    page.click("#tab-kpi")
    expect(page.locator("#kpi-canvas svg")).to_have_count(1)
    page.click("#tab-drawing")
    save(models / "small.prep", SMALL.replace("受注率", "成約率"))
    expect(page.locator("#canvas")).to_contain_text("成約率")
    page.click("#tab-kpi")
    expect(page.locator("#kpi-canvas svg text", has_text="KPI: 成約率")).to_have_count(1)


def test_the_offline_file_has_the_kpi_drawing(page, models, tmp_path):
    out = tmp_path / "view.html"
    result = CliRunner().invoke(cli, ["render", str(models / "manufacturing.prep"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page.context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort()
    )
    page.goto(out.as_uri())
    expect(page.locator("#status")).to_have_text("オフライン版")
    page.click("#tab-kpi")
    expect(page.locator("#kpi-canvas svg")).to_have_count(1)
    assert page.locator("#kpi-canvas svg text").all_text_contents() == MANUFACTURING_KPI
    assert page.errors == []
