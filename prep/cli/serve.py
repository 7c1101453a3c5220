"""`prep serve`: the workshop view in a browser, redrawn on every save (docs/workshop.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from prep.cli import app
from prep.cli.common import Lang, fail, warn
from prep.i18n import N_, _


@app.command(name="serve")
def serve_command(
    path: Path = typer.Argument(
        Path("."),
        help="The folder whose .prep models to show (a .prep file: its folder, opening that model).",
        show_default=False,
    ),
    port: int = typer.Option(8765, "--port", min=0, max=65535, help="The port to listen on (0: any free port)."),
    host: str = typer.Option(
        "127.0.0.1",
        "--host",
        help="The address to listen on. Anything but this machine's "
        "loopback lets others on the network read the models.",
    ),
    no_browser: bool = typer.Option(
        False,
        "--no-browser",
        help="Do not open a browser (print the address only; also the case without a graphical session).",
    ),
    lang: Lang = typer.Option(
        Lang.auto, "--lang", help="Language of the page and the drawings' own words (auto: the model's)."
    ),
) -> None:
    """Show the models under PATH in the browser, redrawn within half a second of every save.

    The page lists the models; for the chosen one it shows the drawing (pan with the
    mouse, zoom with the wheel or + and -, f fits, p for the full-screen presentation
    mode), the findings (click one to see it in the drawing), the KPI tree (drawn in
    its tab, k switches, as prep kpi -f svg; listed beside) and, for an AsIs/ToBe
    pair in one folder, what changed and both KPI trees side by side (prep kpi
    --tobe). Hover over or click a product for
    its parameters, KPIs and issues, and what feeds it and what it feeds.

    The server reads only .prep files under PATH, writes nothing, and answers only
    requests addressed to the address it listens on. Ctrl-C stops it.

    Example: prep serve models/ --no-browser
    """
    import ipaddress
    import socket

    if not path.exists():
        from prep.cli.common import fail_missing

        fail_missing(path, N_("file or directory"))
    opening = None
    if path.is_file():
        if path.suffix != ".prep":
            fail(_("{path} is not a .prep file", path=path), _("give a folder, or a .prep file in it"))
        opening = path.name
        path = path.parent if str(path.parent) else Path(".")
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        warn(
            _(
                "listening on {host}: anyone who can reach this machine on port {port} can "
                "read the models under {path}",
                host=host,
                port=port,
                path=path,
            )
        )

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        if error.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            fail(
                _("port {port} on {host} is in use", port=port, host=host),
                _("stop the other server, or choose another port with --port N (0: any free port)"),
            )
        fail(_("cannot listen on {host}:{port}: {why}", host=host, port=port, why=error.strerror or error))
    sock.listen(128)
    port = sock.getsockname()[1]

    from prep.serve.run import serve

    shown = f"[{host}]" if family == socket.AF_INET6 else host
    url = f"http://{shown}:{port}/" + (f"#{opening}" if opening else "")

    def ready() -> None:
        sys.stderr.write(f"prep serve: {url} showing {path.resolve()} (Ctrl-C stops)\n")
        sys.stderr.flush()

    serve(path, sock, host, port, lang.value, ready, None if no_browser else url)
    sys.stderr.write("prep serve: stopped\n")
