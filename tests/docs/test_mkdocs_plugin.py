"""The MkDocs plugin (prep/mkdocs.py, docs/docs-sites.md): a small site built with
mkdocs, opened offline in Chromium; findings failing --strict; the rebuild of an
unchanged site drawn from the cache (no Graphviz on PATH); `mkdocs serve` watching
the model files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.chromium import launch
from tests.serve.serving import SMALL

ROOT = Path(__file__).resolve().parents[2]
INLINE = "process P {\n  goal G\n  external X\n  actor A {\n    final F\n  }\n  X -> F -> X\n}\n"
PAGE = f"""# Store

```prep
{INLINE}```

The order process, from its file:

```prep src=../models/small.prep
```

```prep src=../models/small.prep view=kpi
```

```prep src=../models/asis.prep tobe=../models/tobe.prep view=diff
```

```python
print("not a model")
```
"""


def site(tmp_path: Path, page_text: str = PAGE) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "models").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Demo\nuse_directory_urls: false\nplugins:\n  - prep\n", encoding="utf-8"
    )
    (tmp_path / "docs" / "index.md").write_text(page_text, encoding="utf-8")
    (tmp_path / "models" / "small.prep").write_text(SMALL, encoding="utf-8")
    for name in ("asis.prep", "tobe.prep"):
        shutil.copy(ROOT / "examples" / "apparel" / name, tmp_path / "models" / name)
    return tmp_path


def build(folder: Path, path: str | None = None) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PATH": path if path is not None else os.environ["PATH"],
        "SOURCE_DATE_EPOCH": "0",
    }  # the same page, byte for byte
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = site(tmp_path_factory.mktemp("site"))
    done = build(folder)
    assert done.returncode == 0, done.stderr
    return folder


def test_the_page_shows_each_drawing_offline_with_product_titles(built):
    # Its own Playwright, stopped at the end: a sync Playwright left running keeps an
    # event loop in this thread, which later tests' asyncio.run() cannot share.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": 1920, "height": 1080}, offline=True)
        page = context.new_page()
        page.goto((built / "site" / "index.html").as_uri())
        assert page.locator("div.prep svg").count() == 4
        drawing = page.locator("div.prep-drawing").nth(1)
        titles = drawing.locator("g.product > title").all_text_contents()
        assert sorted(titles) == ["受注票", "見積"]
        assert page.locator("div.prep-drawing").first.locator("g.product > title").all_text_contents() == ["F"]
        assert page.locator("div.prep-kpi svg").count() == 1
        assert page.locator("div.prep-diff g.product").count() > 5
        assert page.locator("code", has_text='print("not a model")').count() == 1
        browser.close()


def test_an_unchanged_rebuild_calls_no_graphviz(built):
    first = (built / "site" / "index.html").read_text(encoding="utf-8")
    empty = built / "no-graphviz"
    empty.mkdir(exist_ok=True)
    again = build(built, path=str(empty))  # no `dot` to be found
    assert again.returncode == 0, again.stderr
    assert (built / "site" / "index.html").read_text(encoding="utf-8") == first


def test_a_changed_model_is_drawn_again(tmp_path):
    folder = site(tmp_path)
    assert build(folder).returncode == 0
    small = folder / "models" / "small.prep"
    small.write_text(SMALL.replace("見積", "見積書"), encoding="utf-8")
    assert build(folder).returncode == 0
    assert "見積書" in (folder / "site" / "index.html").read_text(encoding="utf-8")


def test_errors_fail_the_strict_build_with_file_line_column(tmp_path):
    folder = site(
        tmp_path,
        "---\ntitle: Bad\n---\n# Bad\n\n```prep\nprocess P {\n  goal G\n"
        "  X -> Y\n}\n```\n\n```prep src=missing.prep\n```\n",
    )
    done = build(folder)
    assert done.returncode == 1
    warnings = [line.split("-  ", 1)[1] for line in done.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        "docs/index.md:7:1: error PREP201 process `P` has no final product",
        "docs/index.md:9:3: error PREP101 `X` is not defined in process `P`",
        "docs/index.md:9:8: error PREP101 `Y` is not defined in process `P`",
        f"docs/index.md:13: prep block: no model file `missing.prep` (looked for "
        f"{folder.resolve() / 'docs' / 'missing.prep'})",
    ]


def test_warnings_fail_only_when_asked(tmp_path):
    folder = site(tmp_path, "```prep src=../models/asis.prep\n```\n")
    assert build(folder).returncode == 0
    yml = folder / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("  - prep\n", "  - prep:\n      fail_on: info\n"))
    done = build(folder)
    assert done.returncode == 1
    assert "WARNING -  models/asis.prep:26:16: info PREP401 intangible" in done.stderr


def test_serve_watches_the_model_files(tmp_path):
    from mkdocs.config import load_config

    folder = site(tmp_path)
    config = load_config(str(folder / "mkdocs.yml"))
    plugin = config.plugins["prep"]
    plugin.on_config(config)
    plugin.replace_blocks(PAGE, folder / "docs" / "index.md")

    class Server:
        watched: list[str] = []

        def watch(self, path):
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config, None)
    assert server.watched == sorted(str(folder / "models" / n) for n in ("asis.prep", "small.prep", "tobe.prep"))


def test_mkdocs_serve_redraws_when_a_model_outside_docs_is_saved(tmp_path):
    import socket
    import time
    import urllib.request

    folder = site(tmp_path, "```prep src=../models/small.prep\n```\n")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def page() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=5) as r:
                return r.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(text: str) -> bool:
        for _ in range(600):  # up to a minute on a busy machine
            if text in page():
                return True
            time.sleep(0.1)
        return False

    try:
        assert wait_for("<title>見積</title>")
        (folder / "models" / "small.prep").write_text(SMALL.replace("見積", "見積書"), "utf-8")
        assert wait_for("<title>見積書</title>")
    finally:
        server.terminate()
        server.wait(10)
