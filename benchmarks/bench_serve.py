"""How fast does `prep serve` repaint after a save, and does the server grow?

Run: python benchmarks/bench_serve.py [--saves 1000] [--repeats 30]
     python benchmarks/bench_serve.py --two-pages [--repeats 30]   # the workshop's goal
     python benchmarks/bench_serve.py --server [--repeats 30]      # the server's part, no browser

Starts `prep serve DIR --no-browser` as a subprocess on a free port of 127.0.0.1,
opens the page in Chromium (Playwright, /usr/bin/chromium) and saves the model
(a new file renamed over the old one, as editors do) again and again, each time a
real change (one product's name). The time of a save is taken just before the
rename, the time of the repaint by the page itself when the new drawing is in the
document (both on this machine's wall clock).

- save → repainted drawing, median and 95th percentile, for a 40-product and a
  300-product model (goal: median ≤ 300 ms at 40 products);
- the server's resident memory (VmRSS) after warming up and after `--saves` saves
  of the 40-product model (goal: grows less than 20 MB);
- `--two-pages` (the workshop's goal: median ≤ 250 ms and p95 ≤ 500 ms at 20
  products, ≤ 1 s at 300): one page on the process drawing, a second page of the
  same model on the KPI tab (as on the laptop and on the projector); save →
  repainted drawing on the first page, for a 20- and a 300-product model with a
  KPI on every fifth product;
- `--server` (no browser): the server's own part of a save, in this process, for the
  `--two-pages` models: the view (check, quick redraw, JSON) and the KPI drawing,
  wall time and CPU time (this process's and Graphviz's), medians of `--repeats`
  saves; the CPU time hardly depends on what else the machine is doing;
- with the KPI tab open (a 40-product model with a KPI on every fifth product):
  save → repainted drawing (the swimlanes, painted first) and save → repainted KPI
  tree drawing (fetched after them). With the tab closed no KPI drawing is made.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
PREP = str(Path(sys.executable).with_name("prep"))


def model(products: int, version: int) -> str:
    """A dense process (bench_render's) whose first product is renamed per version."""
    from bench_render import dense_process

    return dense_process(products).replace("p0", f"start{version}")


def kpi_model(products: int, version: int) -> str:
    """model() with a KPI on every fifth product, so the KPI tree has some size."""
    kpis = "".join(f"  kpi 指標{i} for p{i}\n" for i in range(5, products, 5))
    return model(products, version).rstrip().removesuffix("}") + kpis + "}\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def save(path: Path, text: str) -> float:
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(text, "utf-8")
    start = time.time()
    os.replace(tmp, path)
    return start


def painted(page, before: int, timeout: float = 60.0, what: str = "prepPainted") -> dict:
    end = time.monotonic() + timeout
    while True:
        done = page.evaluate(f"() => window.{what} || null")
        if done and done["n"] > before:
            return done
        if time.monotonic() > end:
            raise TimeoutError("no repaint")
        time.sleep(0.005)


PARTS: dict[str, list[float]] = {}


def run(page, path: Path, products: int, saves: int, first: int = 1) -> list[float]:
    times = []
    PARTS.clear()
    for n in range(first, first + saves):
        before = page.evaluate("() => window.prepPainted ? window.prepPainted.n : 0")
        start = save(path, model(products, n))
        done = painted(page, before)
        times.append(done["at"] / 1000 - start)
        note_parts(done, start)
    return times


def note_parts(done: dict, start: float) -> None:
    """The parts of one repaint, when the page reports them, into PARTS: save -> event
    heard (watching), -> data fetched (check, layout, JSON), -> painted."""
    if done.get("heard") and done.get("fetched"):
        for part, value in (
            ("event", done["heard"] / 1000 - start),
            ("data", (done["fetched"] - done["heard"]) / 1000),
            ("paint", (done["at"] - done["fetched"]) / 1000),
        ):
            PARTS.setdefault(part, []).append(value)


def run_kpi(page, path: Path, products: int, saves: int, first: int) -> tuple[list, list]:
    """With the KPI tab open: save -> repainted drawing, save -> repainted KPI drawing."""
    drawing, kpi = [], []
    PARTS.clear()
    for n in range(first, first + saves):
        before = page.evaluate(
            "() => [window.prepPainted ? window.prepPainted.n : 0, window.prepKpiPainted ? window.prepKpiPainted.n : 0]"
        )
        start = save(path, kpi_model(products, n))
        drawing.append(painted(page, before[0])["at"] / 1000 - start)
        kpi.append(painted(page, before[1], what="prepKpiPainted")["at"] / 1000 - start)
    return drawing, kpi


def two_pages(browser, port: int, folder: Path, repeats: int, sizes: tuple[int, ...] = (20, 300)) -> None:
    """Save -> repainted drawing on a page showing the process drawing while a second
    page shows the same model's KPI tab (which is redrawn on every save too)."""
    for products in sizes:
        path = folder / f"two{products}.prep"
        path.write_text(kpi_model(products, 0), "utf-8")
        time.sleep(0.3)
        pages = [browser.new_page(viewport={"width": 1920, "height": 1080}) for _ in range(2)]
        for page in pages:
            page.goto(f"http://127.0.0.1:{port}/#{path.name}")
            page.wait_for_selector("#status.live")
            page.wait_for_function(f"() => document.getElementById('file').textContent === '{path.name}'")
        pages[1].click("#tab-kpi")
        pages[1].wait_for_selector("#kpi-canvas svg")
        drawing, trees = [], []
        PARTS.clear()
        for n in range(1, repeats + 4):
            before = [
                pages[0].evaluate("() => window.prepPainted ? window.prepPainted.n : 0"),
                pages[1].evaluate("() => window.prepKpiPainted ? window.prepKpiPainted.n : 0"),
            ]
            start = save(path, kpi_model(products, n))
            first = painted(pages[0], before[0])
            done = first["at"] / 1000 - start
            kpi = painted(pages[1], before[1], what="prepKpiPainted")["at"] / 1000 - start
            if n > 3:  # the first three warm up
                drawing.append(done)
                trees.append(kpi)
                note_parts(first, start)
        report(f"{products} products, a second page on the KPI tab, save -> repainted drawing", drawing)
        PARTS.clear()
        report(f"{products} products, the second page's KPI drawing", trees)
        for page in pages:
            page.close()


def server_part(repeats: int, sizes: tuple[int, ...]) -> None:
    """Save -> the server's view and KPI drawing, timed in this process (Models)."""
    import resource

    from prep.serve.files import Models

    def cpu() -> float:
        child = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + child.ru_utime + child.ru_stime

    folder = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    for products in sizes:
        path = folder / f"two{products}.prep"
        path.write_text(kpi_model(products, 0), "utf-8")
        models = Models(folder)
        models.view_json(path.name)
        models.kpi_json(path.name)
        parts: dict[str, list[float]] = {}
        for n in range(1, repeats + 1):
            path.write_text(kpi_model(products, n), "utf-8")
            for part, make in (("view", models.view_json), ("KPI drawing", models.kpi_json)):
                wall, used = time.perf_counter(), cpu()
                make(path.name)
                parts.setdefault(part + " wall", []).append(time.perf_counter() - wall)
                parts.setdefault(part + " CPU", []).append(cpu() - used)
        figures = ", ".join(f"{k} {statistics.median(v) * 1000:.0f}" for k, v in parts.items())
        print(
            f"{products} products, the server's part of a save (medians of {repeats}): "
            f"{figures} ms (load average {os.getloadavg()[0]:.1f})",
            flush=True,
        )


def report(label: str, times: list[float]) -> None:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    parts = ", ".join(f"{part} {statistics.median(values) * 1000:.0f}" for part, values in PARTS.items())
    parts = f"; medians of the parts: {parts} ms" if parts else ""
    print(
        f"{label}: median {statistics.median(ms):.0f} ms, p95 {p95:.0f} ms, "
        f"min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms ({len(ms)} saves){parts}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=1000, help="saves for the memory figure")
    parser.add_argument("--repeats", type=int, default=30, help="saves timed per model size")
    parser.add_argument("--sizes", default="20,300", help="model sizes (products) for --two-pages")
    parser.add_argument(
        "--two-pages", action="store_true", help="only the workshop's goal: a second page on the KPI tab"
    )
    parser.add_argument(
        "--server", action="store_true", help="only the server's part of a save, in this process (no browser)"
    )
    options = parser.parse_args()
    if options.server:
        server_part(options.repeats, tuple(int(n) for n in options.sizes.split(",")))
        return

    from chromium import launch
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    small, large = folder / "m40.prep", folder / "m300.prep"
    small.write_text(model(40, 0), "utf-8")
    large.write_text(model(300, 0), "utf-8")
    port = free_port()
    server = subprocess.Popen(
        [PREP, "serve", str(folder), "--no-browser", "--port", str(port)], stderr=subprocess.PIPE, text=True
    )
    try:
        server.stderr.readline()  # "prep serve: http://…"
        with sync_playwright() as p:
            browser = launch(p)
            if options.two_pages:
                two_pages(browser, port, folder, options.repeats, tuple(int(n) for n in options.sizes.split(",")))
                browser.close()
                return
            page = browser.new_page(viewport={"width": 1600, "height": 900})
            for path, products in ((small, 40), (large, 300)):
                page.goto(f"http://127.0.0.1:{port}/#{path.name}")
                page.wait_for_selector("body[data-paints]")
                page.wait_for_selector("#status.live")
                run(page, path, products, 3, first=10_000)  # warm up
                report(f"{products} products, save -> repainted drawing", run(page, path, products, options.repeats))
            page.goto(f"http://127.0.0.1:{port}/#{small.name}")
            page.wait_for_selector("#status.live")
            run(page, small, 40, 20, first=20_000)
            before = rss_mb(server.pid)
            started = time.monotonic()
            times = run(page, small, 40, options.saves, first=30_000)
            after = rss_mb(server.pid)
            report("40 products, during the memory run", times)
            print(
                f"server memory: {before:.1f} MB after warming up, {after:.1f} MB after "
                f"{options.saves} saves ({after - before:+.1f} MB) in "
                f"{time.monotonic() - started:.0f} s",
                flush=True,
            )
            kpi = folder / "k40.prep"
            kpi.write_text(kpi_model(40, 0), "utf-8")
            page.goto("about:blank")  # a new page, not a new #hash
            page.goto(f"http://127.0.0.1:{port}/#{kpi.name}")
            page.wait_for_selector("#status.live")
            page.wait_for_function(f"() => document.getElementById('file').textContent === '{kpi.name}'")
            page.click("#tab-kpi")
            page.wait_for_selector("#kpi-canvas svg")
            run_kpi(page, kpi, 40, 3, first=40_000)  # warm up
            drawing, trees = run_kpi(page, kpi, 40, options.repeats, first=50_000)
            report("40 products, KPI tab open, save -> repainted drawing", drawing)
            report("40 products, KPI tab open, save -> repainted KPI drawing", trees)
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
