"""Fixtures for the workshop view: a folder of models, the app, a real server on a
free port of 127.0.0.1 (uvicorn in a thread), and the distribution's Chromium.
(Not a conftest.py: the top-level tests import their own `conftest` by that name.)
Test modules import the fixtures they use from here."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from benchmarks.chromium import launch

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

SMALL = """process 受注 [stage=asis] {
  goal 納期遵守
  external 顧客
  actor 営業 {
    product 見積(品目, 金額)
    final 受注票(品目, 数量)
  }
  顧客 -> 見積 -> 受注票 -> 顧客
  kpi 受注率 for 受注票
}
"""


@pytest.fixture
def models(tmp_path) -> Path:
    root = tmp_path / "models"
    root.mkdir()
    (root / "manufacturing.prep").write_text((EXAMPLES / "manufacturing.prep").read_text("utf-8"), "utf-8")
    (root / "small.prep").write_text(SMALL, "utf-8")
    return root


class Running:
    def __init__(self, root: Path, lang: str = "auto") -> None:
        import uvicorn

        from prep.serve.app import create_app

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.app = create_app(root, "127.0.0.1", self.port, lang)
        config = uvicorn.Config(
            self.app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=2
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                break
            time.sleep(0.02)
        assert self.server.started

    def stop(self) -> None:
        self.app.broker.close()
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()
        assert not self.thread.is_alive()


@pytest.fixture
def server(models):
    running = Running(models)
    yield running
    running.stop()


_SHARED: dict = {}


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run. Each test module that imports this fixture
    gets its own session fixture, but Playwright's sync API runs one instance per
    thread: they share it, and the last one done closes it."""
    from playwright.sync_api import sync_playwright

    if not _SHARED:
        playwright = sync_playwright().start()
        _SHARED.update(
            playwright=playwright,
            users=0,
            chromium=launch(playwright),
        )
    _SHARED["users"] += 1
    yield _SHARED["chromium"]
    _SHARED["users"] -= 1
    if not _SHARED["users"]:
        _SHARED["chromium"].close()
        _SHARED["playwright"].stop()
        _SHARED.clear()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.errors = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def open_offline(page, path: Path) -> list[str]:
    """Open the file `path` with every request but file: ones refused; the list of
    addresses the page asked for (filled as it asks)."""
    asked = []

    def only_files(route):
        asked.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    page.context.route("**/*", only_files)
    page.goto(path.as_uri())
    return asked
