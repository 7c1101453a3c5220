"""Running the workshop view with uvicorn on a socket the CLI has bound: Ctrl-C
ends the event streams first, so the server stops at once and cleanly."""

from __future__ import annotations

import threading
import time
from pathlib import Path


def serve(root: Path, sock, host: str, port: int, lang: str = "auto", ready=None, open_url: str | None = None) -> None:
    """Serve until Ctrl-C (or SIGTERM). `ready()` is called once the server answers,
    then the browser opens `open_url` (if given)."""
    import uvicorn

    from prep.serve.app import create_app

    app = create_app(root, host, port, lang)

    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame) -> None:  # no re-raised SIGINT afterwards
            app.broker.close()
            if self.should_exit:
                self.force_exit = True
            self.should_exit = True

    config = uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=2, server_header=False
    )
    server = Server(config)
    threading.Thread(target=_when_started, args=(server, ready, open_url), daemon=True).start()
    server.run(sockets=[sock])


def _when_started(server, ready, url: str | None) -> None:
    import webbrowser

    while not server.started:
        if server.should_exit:
            return
        time.sleep(0.02)
    if ready is not None:
        ready()
    if url is not None and _desktop():
        try:
            webbrowser.open(url)
        except Exception:  # no browser on this machine: the address was printed
            pass


def _desktop() -> bool:
    """A graphical session to open a browser in. Without one, Python's webbrowser
    would start a text browser (lynx, w3m) in the terminal the server logs to."""
    import os
    import sys

    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
