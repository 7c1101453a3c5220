"""The distribution's Chromium as the benchmarks and the workshop-view tests start it
through Playwright (no browser download): no sandbox (it runs in containers), no GPU,
no background traffic."""

from __future__ import annotations

PATH = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright):
    """A headless Chromium from Playwright's sync API object `playwright`."""
    return playwright.chromium.launch(executable_path=PATH, args=ARGS)
