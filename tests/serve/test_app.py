"""The server alone (starlette TestClient and raw ASGI requests): every way out of
the folder is refused, only requests addressed to the listen address are answered,
every answer carries the Content-Security-Policy, nothing is written."""

from __future__ import annotations

import asyncio
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from starlette.testclient import TestClient

from conftest import ROOT, every_model_folder
from prep.serve.app import CSP, SCRIPTS, allowed_hosts, create_app, host_ok
from prep.serve.files import Refused, listing, resolve

from tests.serve.serving import models  # noqa: F401 (fixtures)

PORT = 8765


def run(coroutine):
    """asyncio.run in a thread of its own: a Playwright test run before this module
    (its sync API) may keep an event loop running in the main thread."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture
def app(models):
    return create_app(models, "127.0.0.1", PORT, watch=False)


@pytest.fixture
def client(app):
    with TestClient(app, base_url=f"http://127.0.0.1:{PORT}") as c:
        yield c


def raw(app, raw_path: str, host: str = f"127.0.0.1:{PORT}", method: str = "GET"):
    """One request as uvicorn hands it to the app: `path` percent-decoded once,
    `raw_path` as sent, no normalisation of `..` (a browser would; an attacker need not)."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": unquote(raw_path.split("?")[0]),
        "raw_path": raw_path.encode("latin-1"),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", host.encode("latin-1"))] if host else [],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", PORT),
    }
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], dict((k.decode(), v.decode()) for k, v in start["headers"]), body


# -- what is served ----------------------------------------------------------------
def test_lists_the_models(client):
    data = client.get("/api/models").json()
    assert data["models"] == [
        {"path": "manufacturing.prep", "stage": "asis", "processes": ["製造"], "errors": 0},
        {"path": "small.prep", "stage": "asis", "processes": ["受注"], "errors": 0},
    ]


def test_one_model(client):
    data = client.get("/api/model/small.prep").json()
    assert data["ok"] is True and data["stale"] is False
    # docs/notation.md: the product's group has the class `product` and its key as title
    assert re.search(r'<g id="[^"]+" class="[^"]*\bproduct\b[^"]*">\n<title>見積</title>', data["svg"])
    assert data["products"]["見積"]["fed_by"] == ["顧客"]
    assert data["products"]["見積"]["feeds"] == ["受注票"]
    assert data["products"]["受注票"]["feeds"] == ["顧客"]
    assert data["products"]["受注票"]["kpis"] == [{"name": "受注率", "marks": []}]
    assert data["relations"][0] == {
        "source": "顧客",
        "target": "見積",
        "kind": "input",
        "title": "顧客 -> 見積",
        "line": 8,
    }
    assert data["kpi"][0]["root"]["label"] == "納期遵守"


def test_the_page_and_its_files(client):
    scripts = tuple((f"/{name}", "text/javascript") for name in SCRIPTS)
    for path, kind in (("/", "text/html"), *scripts, ("/style.css", "text/css")):
        answer = client.get(path)
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith(kind)
        assert answer.headers["content-security-policy"] == CSP
        assert answer.headers["x-content-type-options"] == "nosniff"
    page = client.get("/").text
    assert re.findall(r"<script[^>]*>", page) == [f'<script src="{n}">' for n in SCRIPTS]
    assert " style=" not in page


def test_csp_allows_no_inline_or_remote_script():
    directives = dict(part.strip().split(" ", 1) for part in CSP.split(";"))
    assert directives == {
        "default-src": "'none'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "connect-src": "'self'",
        "base-uri": "'none'",
        "form-action": "'none'",
        "frame-ancestors": "'none'",
    }


def test_errors_keep_the_last_good_drawing(client, models):
    good = client.get("/api/model/small.prep").json()
    (models / "small.prep").write_text("process 受注 {\n  actor 営業 {\n    product\n", "utf-8")
    bad = client.get("/api/model/small.prep").json()
    assert bad["ok"] is False and bad["stale"] is True and bad["svg"] == good["svg"]
    assert bad["products"] == good["products"] and bad["relations"] == good["relations"]
    assert bad["kpi"] == good["kpi"] and bad["kpi_stale"] and not good["kpi_stale"]
    assert [f["code"] for f in bad["findings"]] == ["PREP001"]


SMALL_212 = """process 受注 [stage=asis] {
  goal 納期遵守
  external 顧客
  external 倉庫
  actor 営業 {
    product 見積(品目, 金額)
    final 受注票(品目, 数量)
  }
  顧客 -> 見積 -> 受注票 -> 顧客
  倉庫 -> 顧客
  kpi 受注率 for 受注票
}
"""


def test_a_model_whose_errors_are_not_syntax_errors_is_drawn(client, models):
    """An external related to an external (PREP212) is an error, but the model reads:
    it is drawn from the first look, its KPI tree derived."""
    (models / "small.prep").write_text(SMALL_212, "utf-8")
    data = client.get("/api/model/small.prep").json()
    assert [f["code"] for f in data["findings"] if f["severity"] == "error"] == ["PREP212"]
    assert data["ok"] is False and data["stale"] is False and data["svg"]
    assert "見積" in data["products"] and data["kpi"] and not data["kpi_stale"]


def test_an_asis_tobe_pair_has_its_diff(client, models):
    tobe = (models / "small.prep").read_text("utf-8").replace("stage=asis", "stage=tobe")
    tobe = tobe.replace("product 見積(品目, 金額)", "product 見積(品目, 金額)\n    product 在庫照会")
    tobe = tobe.replace("顧客 -> 見積", "在庫照会 -> 見積\n  顧客 -> 見積")
    (models / "small-tobe.prep").write_text(tobe, "utf-8")
    data = client.get("/api/model/small.prep").json()
    assert data["pair"]["asis"] == "small.prep" and data["pair"]["tobe"] == "small-tobe.prep"
    assert data["pair"]["diff"]["added"]["products"] == ["在庫照会"]
    back = client.get("/api/model/small-tobe.prep").json()["pair"]
    assert (back["asis"], back["tobe"]) == ("small.prep", "small-tobe.prep")
    # 製造 shares no process with the ToBe file, and the folder has two AsIs files
    assert client.get("/api/model/manufacturing.prep").json()["pair"] is None


def test_the_only_asis_and_tobe_of_a_folder_pair_up(client, models):
    (models / "manufacturing.prep").unlink()
    tobe = (models / "small.prep").read_text("utf-8").replace("stage=asis", "stage=tobe")
    (models / "new.prep").write_text(tobe.replace("process 受注", "process 新受注"), "utf-8")
    assert client.get("/api/model/new.prep").json()["pair"]["asis"] == "small.prep"


def test_nothing_is_written(client, models):
    before = sorted((p, p.stat().st_mtime_ns) for p in models.rglob("*"))
    client.get("/api/models")
    client.get("/api/model/manufacturing.prep")
    assert sorted((p, p.stat().st_mtime_ns) for p in models.rglob("*")) == before


# -- no way out of the folder --------------------------------------------------------
@pytest.fixture
def outside(models):
    secret = models.parent / "secret.prep"
    secret.write_text("process 秘密 {}\n", "utf-8")
    (models / "sub").mkdir()
    (models / "sub" / "inner.prep").write_text("process 中 {}\n", "utf-8")
    os.symlink(secret, models / "link-out.prep")
    os.symlink(models.parent, models / "up")
    os.symlink(models / "small.prep", models / "link-in.prep")
    (models / ".hidden.prep").write_text("process 隠 {}\n", "utf-8")
    (models / "notes.txt").write_text("not a model", "utf-8")
    return secret


ESCAPES = [
    "../secret.prep",
    "sub/../../secret.prep",
    "%2e%2e/secret.prep",
    "%2E%2E/secret.prep",
    ".%2e/secret.prep",
    "%252e%252e/secret.prep",
    "%25252e%25252e/secret.prep",
    "..%2fsecret.prep",
    "..%5csecret.prep",
    "..\\secret.prep",
    "sub/..%2f..%2fsecret.prep",
    "/etc/passwd",
    "%2fetc%2fpasswd",
    "//etc/passwd",
    "C:/Windows/win.ini",
    "c:%5cboot.ini",
    "link-out.prep",
    "up/secret.prep",
    "./small.prep",
    "sub//inner.prep",
    ".hidden.prep",
    "notes.txt",
    "sub",
    "small.prep%00.txt",
    "small.prep\x00",
    "missing.prep",
    "",
]


@pytest.mark.parametrize("name", ESCAPES)
def test_escapes_are_refused(app, outside, name):
    status, headers, body = raw(app, "/api/model/" + name)
    assert status == 404, body
    assert "秘密".encode() not in body and b"root:" not in body
    assert headers["content-security-policy"] == CSP


@pytest.mark.parametrize("name", ESCAPES)
def test_resolve_refuses(models, outside, name):
    with pytest.raises(Refused):
        resolve(models, unquote(name))


def test_links_inside_the_folder_and_subfolders_are_served(app, outside, models):
    for name in ("link-in.prep", "sub/inner.prep", "sub%2finner.prep"):
        status, _, body = raw(app, "/api/model/" + name)
        assert status == 200, name
    assert listing(models) == ["link-in.prep", "manufacturing.prep", "small.prep", "sub/inner.prep"]


def test_escapes_through_the_client(client, outside):
    for url in (
        "/api/model/..%2fsecret.prep",
        "/api/model/%2e%2e/secret.prep",
        "/api/model/link-out.prep",
        "/../secret.prep",
        "/api/model/up/secret.prep",
    ):
        answer = client.get(url)
        assert answer.status_code == 404, url
        assert "秘密" not in answer.text


def test_only_get(app):
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        status, _, _ = raw(app, "/api/models", method=method)
        assert status == 405


# -- the Host header (DNS rebinding) ---------------------------------------------
@pytest.mark.parametrize("host", [f"127.0.0.1:{PORT}", f"localhost:{PORT}", f"[::1]:{PORT}", f"LOCALHOST:{PORT}"])
def test_hosts_answered(app, host):
    status, _, _ = raw(app, "/api/models", host=host)
    assert status == 200


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        f"evil.example:{PORT}",
        "127.0.0.1",
        "127.0.0.1:80",
        f"127.0.0.1:{PORT + 1}",
        "localhost",
        f"127.0.0.1.evil.example:{PORT}",
        f"192.168.1.10:{PORT}",
        f"0.0.0.0:{PORT}",
        "",
        f"localhost.:{PORT}",
        f"127.0.0.1:{PORT}@evil.example",
    ],
)
def test_hosts_refused(app, host):
    for path in ("/", "/api/models", "/api/model/small.prep", "/events", "/app.js"):
        status, headers, body = raw(app, path, host=host)
        assert status == 421, (host, path)
        assert b"answers only requests addressed" in body
        assert headers["content-security-policy"] == CSP


def test_hosts_refused_through_the_client(client):
    assert client.get("/api/models", headers={"host": "attacker.example"}).status_code == 421
    assert client.get("/api/models").status_code == 200


def test_allowed_hosts():
    assert allowed_hosts("127.0.0.1", 8000) == {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"}
    assert allowed_hosts("192.168.1.5", 8000) == {"192.168.1.5:8000"}
    assert allowed_hosts("::1", 8000) == {"[::1]:8000", "127.0.0.1:8000", "localhost:8000"}
    assert allowed_hosts("workshop.local", 80) == {"workshop.local:80"}
    every = allowed_hosts("0.0.0.0", 8000)
    assert every is None
    assert host_ok("192.168.1.5:8000", every, 8000)
    assert host_ok("[fe80::1]:8000", every, 8000)
    assert not host_ok("evil.example:8000", every, 8000)
    assert not host_ok("192.168.1.5:9000", every, 8000)


def test_events_stream_says_hello(app, models):
    """The event stream starts with `hello` (the browser tests follow changes)."""

    async def first_chunk():
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": "/events",
            "raw_path": b"/events",
            "query_string": b"",
            "root_path": "",
            "headers": [(b"host", f"127.0.0.1:{PORT}".encode())],
        }
        chunks: list = []
        done = asyncio.Event()

        async def receive():
            await done.wait()
            return {"type": "http.disconnect"}

        async def send(message):
            if message["type"] == "http.response.body" and message.get("body"):
                chunks.append(message["body"])
                done.set()

        task = asyncio.create_task(app(scope, receive, send))
        await asyncio.wait_for(done.wait(), 5)
        app.broker.close()
        await asyncio.wait_for(task, 5)
        return chunks[0].decode()

    text = run(first_chunk())
    assert text.startswith("event: hello\ndata: ")
    assert json.loads(text.split("data: ", 1)[1]) == {"seq": 0}


def test_the_folder_configuration_applies(client, models):
    assert [f["code"] for f in client.get("/api/model/manufacturing.prep").json()["findings"]] == ["PREP401"]
    (models / "prep.toml").write_text('ignore = ["PREP401"]\n', "utf-8")
    assert client.get("/api/model/manufacturing.prep").json()["findings"] == []
    (models / "prep.toml").write_text("ignore = [\n", "utf-8")
    data = client.get("/api/model/manufacturing.prep").json()
    assert data["ok"] is False and data["stale"] is True
    assert [f["code"] for f in data["findings"]] == ["config"]
    assert data["findings"][0]["message"].startswith("bad configuration: ")


@every_model_folder
def test_every_model_gives_a_view(folder):
    """Broken, binary, odd and large models: always a view, never a server error."""
    app = create_app(folder, "127.0.0.1", PORT, watch=False)
    with TestClient(app, base_url=f"http://127.0.0.1:{PORT}") as c:
        names = [m["path"] for m in c.get("/api/models").json()["models"]]
        assert len(names) >= 6
        for name in names:
            data = c.get("/api/model/" + name).json()
            assert data["file"] == name
            readable = bool(data["processes"]) and not any(
                f["code"] in ("PREP001", "PREP002") for f in data["findings"]
            )
            assert readable == (data["svg"] is not None and not data["stale"]), name
            assert data["ok"] or any(f["severity"] == "error" for f in data["findings"]), name


def test_the_example_pair():
    app = create_app(ROOT / "examples", "127.0.0.1", PORT, watch=False)
    with TestClient(app, base_url=f"http://127.0.0.1:{PORT}") as c:
        data = c.get("/api/model/apparel/tobe.prep").json()
    assert data["pair"]["asis"] == "apparel/asis.prep"
    assert data["pair"]["tobe"] == "apparel/tobe.prep"
    assert data["pair"]["diff"]["added"]["products"]


def test_odd_but_harmless_names_are_listed_and_served(app, models, capfd):
    """Issue 23, item 18: `%XX` and `\\` in a name were hidden; a line break was listed
    but answered 404. Now the first two are served and the last is named on stderr."""
    from urllib.parse import quote

    model = (models / "small.prep").read_text("utf-8")
    for name in ("100%41.prep", "a\\b.prep", "x%.prep", "line\nbreak.prep"):
        (models / name).write_text(model, "utf-8")
    names = listing(models)
    assert {"100%41.prep", "a\\b.prep", "x%.prep"} <= set(names)
    assert "line\nbreak.prep" not in names
    assert capfd.readouterr().err == (
        "prep: warning: line\\nbreak.prep is not served: its name holds a control character; rename it\n"
    )
    for name in ("100%41.prep", "a\\b.prep", "x%.prep"):
        status, _, body = raw(app, "/api/model/" + quote(name))
        assert status == 200, (name, body)


def test_a_malformed_hash_names_no_model():
    script = (Path(__file__).resolve().parents[2] / "prep/serve/static/app.js").read_text()
    assert script.count("decodeURIComponent(location.hash") == 1  # only inside hashName
    assert "catch (e) { return null; }" in script


def test_a_save_is_drawn_before_the_pages_ask(models):
    """Models.prewarm: the views shown before are made again as soon as the save is
    seen; a model never shown is not; the KPI answer waits to be asked for (its
    drawing is made ahead: test_kpi_tab)."""
    from prep.serve.files import Models

    m = Models(models)
    first = m.view_json("small.prep")
    m.kpi_json("small.prep")
    text = (models / "small.prep").read_text("utf-8")
    (models / "small.prep").write_text(text.replace("受注率", "成約率"), "utf-8")
    m.prewarm(["small.prep", "manufacturing.prep"])
    assert m._views["small.prep"][1] != first and "成約率".encode() in m._views["small.prep"][1]
    assert "成約率".encode() not in m._kpis["small.prep"][1]
    assert "manufacturing.prep" not in m._views  # never shown: not made
    m.prewarm(["gone.prep"])  # nothing to make, no error
