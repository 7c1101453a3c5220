"""`prep serve` and `prep render -f html` from the command line: the address line,
Ctrl-C, a port in use, --host, raw requests to the real server."""

from __future__ import annotations

import http.client
import json
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from prep.cli import app

from tests.serve.serving import browser, models, page  # noqa: F401 (fixtures)

PREP = str(Path(sys.executable).with_name("prep"))


def start(*args: str) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen(
        [PREP, "serve", *args, "--no-browser"], stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    line = process.stderr.readline()
    while line.startswith("prep: warning") or line.startswith("  "):
        process.warned = getattr(process, "warned", "") + line
        line = process.stderr.readline()
    found = re.match(r"prep serve: http://[^:]+:(\d+)/", line)
    assert found, line
    process.line = line
    return process, int(found.group(1))


def stop(process: subprocess.Popen) -> str:
    process.send_signal(signal.SIGINT)
    rest = process.stderr.read()
    assert process.wait(20) == 0
    return rest


def get(port: int, path: str, host: str | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host or f"127.0.0.1:{port}")
    connection.endheaders()
    answer = connection.getresponse()
    body = answer.read()
    connection.close()
    return answer.status, body


def test_serves_and_stops_on_ctrl_c(models):
    (models.parent / "secret.prep").write_text("process 秘密 {}\n", "utf-8")
    process, port = start(str(models), "--port", "0")
    try:
        status, body = get(port, "/api/models")
        assert status == 200 and b"manufacturing.prep" in body
        for path in (
            "/api/model/../secret.prep",
            "/api/model/%2e%2e/secret.prep",
            "/api/model/%2e%2e%2fsecret.prep",
            "/api/model//etc/passwd",
            "/../../etc/passwd",
        ):
            status, body = get(port, path)
            assert status == 404, path
            assert "秘密".encode() not in body
        assert get(port, "/api/models", host="rebound.example")[0] == 421
    finally:
        rest = stop(process)
    assert rest == "prep serve: stopped\n"


def test_a_file_opens_that_model(models, page):
    """`prep serve FOLDER/small.prep` serves the folder and opens small.prep, not
    the folder's first model (manufacturing.prep): the printed address names it,
    and the page at that address shows it."""
    import json

    process, port = start(str(models / "small.prep"), "--port", "0")
    try:
        url = f"http://127.0.0.1:{port}/#small.prep"
        assert process.line == f"prep serve: {url} showing {models.resolve()} (Ctrl-C stops)\n"
        status, body = get(port, "/api/models")
        assert [m["path"] for m in json.loads(body)["models"]] == ["manufacturing.prep", "small.prep"]
        page.goto(url)
        page.wait_for_function("() => document.getElementById('file').textContent === 'small.prep'")
        page.wait_for_selector("#canvas svg")
        assert page.title() == "small.prep — prep"
        assert page.locator("#models").input_value() == "small.prep"
        titles = page.eval_on_selector_all("#canvas svg g.product > title", "ts => ts.map(t => t.textContent)")
        assert sorted(titles) == ["受注票", "見積"]
    finally:
        stop(process)


def test_port_in_use(models):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = subprocess.run(
            [PREP, "serve", str(models), "--no-browser", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == f"prep: error: port {port} on 127.0.0.1 is in use"
    assert "Traceback" not in done.stderr


def test_another_host_warns(models):
    process, port = start(str(models), "--host", "0.0.0.0", "--port", "0")
    try:
        assert process.warned.startswith("prep: warning: listening on 0.0.0.0: anyone who can reach this machine")
        assert get(port, "/api/models")[0] == 200
        assert get(port, "/api/models", host=f"evil.example:{port}")[0] == 421
    finally:
        stop(process)


def test_missing_folder(tmp_path):
    result = CliRunner().invoke(app, ["serve", str(tmp_path / "nowhere"), "--no-browser"])
    assert result.exit_code == 2
    assert "no such file or directory" in result.output


def test_html_is_one_offline_file(models, tmp_path):
    out = tmp_path / "m.html"
    result = CliRunner().invoke(app, ["render", str(models / "manufacturing.prep"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    from prep.serve.app import SCRIPTS

    hashes = " ".join(["'sha256-[A-Za-z0-9+/=]+'"] * len(SCRIPTS))
    assert csp and re.fullmatch(
        rf"default-src 'none'; script-src {hashes}; "
        r"style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:; "
        r"base-uri 'none'; form-action 'none'",
        csp.group(1),
    )
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(?!data:)', page)
    assert page.count("<script") == 1 + len(SCRIPTS)  # the data (not run), the page's own
    again = tmp_path / "again.html"
    CliRunner().invoke(app, ["render", str(models / "manufacturing.prep"), "-o", str(again)])
    assert again.read_bytes() == out.read_bytes()  # deterministic


def test_html_of_a_model_with_errors(models, tmp_path):
    bad = models / "bad.prep"
    bad.write_text("process 受注 {\n  顧客 -> 見積\n}\n", "utf-8")
    out = tmp_path / "bad.html"
    result = CliRunner().invoke(app, ["render", str(bad), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    result = CliRunner().invoke(app, ["render", str(bad), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert "PREP101" in out.read_text("utf-8")


def test_markup_in_names_cannot_end_the_data_block(models, tmp_path):
    from prep.serve.page import offline_page

    page = offline_page({"file": "</script><script>alert(1)</script>", "findings": []})
    assert "</script><script>alert(1)" not in page
    assert re.findall(r"<title>.*</title>", page) == [
        "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"
    ]
    block = re.findall(r'<script type="application/json" id="prep-data">(.*?)</script>', page, re.S)
    assert block == ['{"file":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e","findings":[]}']
    assert json.loads(block[0]) == {"file": "</script><script>alert(1)</script>", "findings": []}


def test_opens_the_browser_in_a_desktop_session(models, tmp_path):
    import os
    import time

    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n', "utf-8")
    browser.chmod(0o755)
    env = {**os.environ, "DISPLAY": ":99", "BROWSER": f"{browser} %s"}
    process = subprocess.Popen(
        [PREP, "serve", str(models / "small.prep"), "--port", "0"],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = process.stderr.readline()
        port = re.match(r"prep serve: http://127.0.0.1:(\d+)/", line).group(1)
        for _ in range(500):
            if opened.exists() and opened.read_text("utf-8").strip():
                break
            time.sleep(0.02)
        assert opened.read_text("utf-8").strip() == f"http://127.0.0.1:{port}/#small.prep"
    finally:
        stop(process)
