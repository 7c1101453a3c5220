"""The workshop view's web application (starlette): the page, its script and style,
the models as JSON, and server-sent events when files change (watchfiles).

Safe by default: only GET; only the page's own files and `.prep` files under the
folder (files.resolve); only requests whose Host header names the address the
server listens on (no DNS rebinding); a Content-Security-Policy that allows only
the page's own script and style; nothing is written."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import os
from importlib import resources
from pathlib import Path

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
# The page's scripts, in the order the page loads them (static/view.js says why).
SCRIPTS = ("view.js", "panel.js", "tabs.js", "present.js", "app.js")
STATIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    **{f"/{name}": (name, "text/javascript; charset=utf-8") for name in SCRIPTS},
    "/style.css": ("style.css", "text/css; charset=utf-8"),
}
HEARTBEAT = 15.0


def static_text(name: str) -> str:
    return resources.files("prep.serve").joinpath("static", name).read_text("utf-8")


def allowed_hosts(host: str, port: int) -> set[str] | None:
    """The Host header values to answer: the listen address with its port (and the
    loopback names for a loopback address). None: any IP address with the port
    (listening on every interface, 0.0.0.0 or ::), names still refused."""
    if host in ("0.0.0.0", "::", ""):
        return None
    names = {host}
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None and address.version == 6:
        names = {f"[{host}]"}
    if address is not None and address.is_loopback:
        names |= {"localhost", "127.0.0.1", "[::1]"}
    return {f"{n}:{port}".lower() for n in names}


def host_ok(header: str, allowed: set[str] | None, port: int) -> bool:
    header = header.strip().lower()
    if allowed is not None:
        return header in allowed
    name, _, got = header.rpartition(":")
    if got != str(port):
        return False
    if name == "localhost":
        return True
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


class Broker:
    """Fan-out of change events to every open event stream (every tab)."""

    def __init__(self) -> None:
        self.queues: set[asyncio.Queue] = set()
        self.seq = 0
        self.closed = False
        self.loop: asyncio.AbstractEventLoop | None = None

    def publish(self, event: dict) -> None:
        self.seq += 1
        event = {**event, "seq": self.seq}
        for queue in list(self.queues):
            queue.put_nowait(event)

    def close(self) -> None:
        """End every stream (called on Ctrl-C, from any thread)."""

        def done() -> None:
            self.closed = True
            for queue in list(self.queues):
                queue.put_nowait(None)

        if self.loop is not None and self.loop.is_running():
            self.loop.call_soon_threadsafe(done)
        else:
            done()


def create_app(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    lang: str = "auto",
    watch: bool = True,
    timeout: float = 30.0,
    prewarm: bool = True,
):
    """The starlette application serving the models under `root`. `prewarm`: make
    what the open pages will ask for as soon as a save is seen (Models.prewarm)."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import JSONResponse, Response, StreamingResponse
    from starlette.routing import Route

    from prep.serve.files import Models, Refused

    models = Models(root, lang, timeout)
    broker = Broker()
    allowed = allowed_hosts(host, port)

    def page(request):
        name, kind = STATIC[request.url.path]
        return Response(static_text(name), media_type=kind.split(";")[0], headers={"Content-Type": kind})

    async def list_models(_request):
        from prep.serve.words import page_words

        data = {
            "version": 1,
            "root": models.root.name,
            "live": True,
            "models": await run_in_threadpool(models.models),
            "words": page_words([], models.lang),
        }
        return JSONResponse(data)

    def model_json(build):
        async def answer(request):
            name = request.path_params["name"]
            try:
                body = await run_in_threadpool(build, name)
            except Refused:
                return JSONResponse({"error": "no such model", "file": name}, status_code=404)
            return Response(body, media_type="application/json")

        return answer

    one_model = model_json(models.view_json)
    one_kpi = model_json(models.kpi_json)
    one_diff = model_json(models.diff_json)

    async def events(request):
        queue: asyncio.Queue = asyncio.Queue()
        broker.queues.add(queue)

        async def stream():
            try:
                yield _sse("hello", {"seq": broker.seq})
                while not broker.closed:
                    try:
                        event = await asyncio.wait_for(queue.get(), HEARTBEAT)
                    except asyncio.TimeoutError:
                        yield ": ping\n\n"
                        continue
                    if event is None:
                        break
                    yield _sse("change", event)
            finally:
                broker.queues.discard(queue)

        return StreamingResponse(stream(), media_type="text/event-stream", headers={"X-Accel-Buffering": "no"})

    async def watcher(stop: asyncio.Event) -> None:
        from watchfiles import Change, awatch

        base = models.root
        async for changes in awatch(
            base, stop_event=stop, debounce=40, step=20, recursive=True, ignore_permission_denied=True
        ):
            changed, deleted, config = set(), set(), False
            for change, path in changes:
                name = Path(path).name
                if name in ("prep.toml", "pyproject.toml"):
                    config = True
                if not name.endswith(".prep"):
                    continue
                try:
                    rel = Path(os.path.abspath(path)).relative_to(base).as_posix()
                except ValueError:
                    continue
                if change == Change.deleted and not Path(path).exists():
                    deleted.add(rel)
                    models.forget(rel)
                else:
                    changed.add(rel)
            if changed or deleted or config:
                broker.publish({"changed": sorted(changed), "deleted": sorted(deleted - changed), "config": config})
            if changed and prewarm:
                asyncio.get_running_loop().run_in_executor(None, models.prewarm, sorted(changed))

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        broker.loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        task = asyncio.create_task(watcher(stop)) if watch else None
        try:
            yield
        finally:
            stop.set()
            broker.close()
            if task is not None:
                task.cancel()
                try:
                    await task
                except (asyncio.CancelledError, Exception):
                    pass

    routes = [Route(path, page) for path in STATIC]
    routes += [
        Route("/api/models", list_models),
        Route("/api/model/{name:path}", one_model),
        Route("/api/kpi/{name:path}", one_kpi),
        Route("/api/diff/{name:path}", one_diff),
        Route("/events", events),
    ]
    inner = Starlette(routes=routes, lifespan=lifespan)

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return await inner(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        host_header = headers.get(b"host", b"").decode("latin-1")
        if not host_ok(host_header, allowed, port):
            return await _plain(
                send, 421, "prep serve: this server answers only requests addressed to the address it listens on\n"
            )
        if scope["method"] not in ("GET", "HEAD"):
            return await _plain(send, 405, "prep serve: read only\n")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [
                    *[
                        (k, v)
                        for k, v in message["headers"]
                        if k.decode("latin-1").lower() not in {h.lower() for h in HEADERS}
                    ],
                    *[(k.lower().encode(), v.encode()) for k, v in HEADERS.items()],
                ]
            await send(message)

        return await inner(scope, receive, send_with_headers)

    app.models = models  # type: ignore[attr-defined]
    app.broker = broker  # type: ignore[attr-defined]
    app.inner = inner  # type: ignore[attr-defined]
    return app


def _sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def _plain(send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *[(k.lower().encode(), v.encode()) for k, v in HEADERS.items()],
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
