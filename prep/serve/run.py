"""Running the workshop view with uvicorn on a socket the CLI has bound: Ctrl-C
ends the event streams first, so the server stops at once and cleanly."""

from __future__ import annotations

import threading
import time
from pathlib import Path


def serve(root: Path, sock, host: str, port: int, lang: str = "auto",
          open_url: str | None = None) -> None:
    import uvicorn

    from prep.serve.app import create_app

    app = create_app(root, host, port, lang)

    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame) -> None:      # no re-raised SIGINT afterwards
            app.broker.close()
            if self.should_exit:
                self.force_exit = True
            self.should_exit = True

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                            timeout_graceful_shutdown=2, server_header=False)
    server = Server(config)
    if open_url is not None:
        threading.Thread(target=_open_when_started, args=(server, open_url), daemon=True).start()
    server.run(sockets=[sock])


def _open_when_started(server, url: str) -> None:
    import webbrowser

    for _ in range(200):
        if server.started:
            try:
                webbrowser.open(url)
            except Exception:       # no browser on this machine: the address was printed
                pass
            return
        time.sleep(0.05)
