"""The language server's reading of messages (in place of pygls's loop), so that no
message can knock it over: headers are bounded in length and number, a body in size
(MAX_MESSAGE, never read: what follows is read as headers again, so the server hears
the next message); a missing or bad `Content-Length`, a body that is not JSON or not a
JSON-RPC object, params that do not fit the method, a request before `initialize`
(-32002) or after `shutdown` (-32600), each gets a JSON-RPC error answer (id null when
the id cannot be known), and the server reads on."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
import threading

MAX_MESSAGE = 64 * 1024 * 1024      # bytes in one message's body
MAX_HEADER_LINE = 8192
MAX_HEADERS = 32

PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS, INTERNAL_ERROR = -32700, -32600, -32602, -32603
NOT_INITIALIZED = -32002

logger = logging.getLogger(__name__)
_HEADER = re.compile(rb"[A-Za-z][A-Za-z0-9-]*:")


class _Reader:
    """Blocking reads of standard input, run in the server's thread pool."""

    def __init__(self, stream, executor) -> None:
        self.stream, self.executor = stream, executor

    def _run(self, function, *args):
        return asyncio.get_running_loop().run_in_executor(self.executor, function, *args)

    def readline(self):
        return self._run(self.stream.readline, MAX_HEADER_LINE)

    def read(self, n: int):
        return self._run(self.stream.read, n)


def serve_stdio(server, stdin=None, stdout=None) -> None:
    """Run `server` (a pygls LanguageServer) on standard input and output."""
    from pygls.io_ import StdoutWriter

    server._stop_event = threading.Event()
    server.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
    reader = _Reader(stdin or sys.stdin.buffer, server.thread_pool)
    try:
        asyncio.run(_loop(server, reader))
    except BrokenPipeError:
        pass
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()


def send_error(server, msg_id, code: int, message: str) -> None:
    server.protocol._send_data({"jsonrpc": "2.0", "id": msg_id,
                                "error": {"code": code, "message": message}})


async def _loop(server, reader: _Reader) -> None:
    state = {"initialized": False}
    while not server._stop_event.is_set():
        length, problem, garbage = await _headers(reader)
        if garbage:
            send_error(server, None, PARSE_ERROR, "bytes that are not a message were skipped")
        if length is None and problem is None:
            return                                  # end of input
        if problem is not None:
            # Not skipped, even when too large: the bytes that follow are read as
            # headers again, and the next `Content-Length` found starts a message
            # (a client that lied about a length is heard again at once).
            send_error(server, None, INVALID_REQUEST, problem)
            continue
        body = await reader.read(length)
        if len(body) < length:
            return                                  # input ended inside the body
        handle(server, body, state)


async def _headers(reader: _Reader) -> tuple[int | None, str | None, bool]:
    """(Content-Length, None, garbage), or (length to skip or 0, why the message is
    refused, garbage); (None, None, garbage) at the end of input. `garbage`: bytes
    before the headers were skipped (the rest of a body whose length was wrong: the
    reading finds the next `Content-Length` again)."""
    length, problem, count, garbage = None, None, 0, False
    while True:
        line = await reader.readline()
        if not line:
            return None, None, garbage
        if line in (b"\r\n", b"\n"):
            if count == 0 and garbage:              # junk, then a blank line: say so now
                return 0, "bytes that are not a message were skipped", False
            if count == 0:
                continue                            # stray blank line between messages
            break
        if count == 0 and not _HEADER.match(line):
            at = line.lower().find(b"content-length:")
            if at != 0:
                garbage = True
                if at < 0:
                    continue
                line = line[at:]
        count += 1
        if not line.endswith(b"\n"):
            problem = f"a header line is longer than {MAX_HEADER_LINE} bytes"
            while line and not line.endswith(b"\n"):
                line = await reader.readline()
            continue
        if count > MAX_HEADERS:
            problem = f"more than {MAX_HEADERS} header lines"
        name, _, value = line.decode("latin-1").partition(":")
        if name.strip().lower() == "content-length":
            value = value.strip()
            if not value.isascii() or not value.isdigit() or int(value) <= 0:
                problem = f"Content-Length must be a positive whole number, not {value[:40]!r}"
            else:
                length = int(value)
    if problem is None and length is None:
        problem = "a message needs a Content-Length header"
    if problem is None and length > MAX_MESSAGE:
        return length, (f"a message of {length:,} bytes is larger than the limit of "
                        f"{MAX_MESSAGE:,}"), garbage
    return (length if problem is None else 0), problem, garbage


def handle(server, body: bytes, state: dict) -> None:
    """One message's body: answered with an error when it cannot be handled."""
    from pygls.exceptions import JsonRpcException

    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        send_error(server, None, PARSE_ERROR, "the message is not JSON (UTF-8)")
        return
    if not isinstance(data, dict) or data.get("jsonrpc") != "2.0":
        send_error(server, None, INVALID_REQUEST, "not a JSON-RPC 2.0 message")
        return
    msg_id = data.get("id")
    method = data.get("method")
    request = "id" in data and method is not None
    if method is None and not ("id" in data and ("result" in data or "error" in data)):
        send_error(server, msg_id if _valid_id(msg_id) else None, INVALID_REQUEST,
                   "neither a request, a notification nor a response")
        return
    if request and (not isinstance(method, str) or not _valid_id(msg_id)):
        send_error(server, msg_id if _valid_id(msg_id) else None, INVALID_REQUEST,
                   "a request needs a string method and a number or string id")
        return
    if not state["initialized"] and method not in ("initialize", "exit"):
        if request:
            send_error(server, msg_id, NOT_INITIALIZED, "the server is not initialized yet")
        return
    if server.protocol._shutdown and method != "exit":
        if request:
            send_error(server, msg_id, INVALID_REQUEST, "the server is shutting down")
        return
    try:
        message = server.protocol.structure_message(data)
    except JsonRpcException as error:
        if request:
            send_error(server, msg_id, INVALID_PARAMS if error.code == INVALID_PARAMS
                       else INTERNAL_ERROR, f"bad params for {method}")
        return
    if method == "initialize":
        state["initialized"] = True
    try:
        server.protocol.handle_message(message)
    except (SystemExit, KeyboardInterrupt):
        raise
    except Exception:                               # never the end of the server
        logger.exception("cannot handle %s", method)
        if request:
            send_error(server, msg_id, INTERNAL_ERROR, f"{method} failed")


def _valid_id(value) -> bool:
    return isinstance(value, (int, str)) and not isinstance(value, bool)
