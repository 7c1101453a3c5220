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

MAX_MESSAGE = 64 * 1024 * 1024  # bytes in one message's body
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
    server.protocol._send_data({"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}})


async def _loop(server, reader: _Reader) -> None:
    state = {"initialized": False}
    while not server._stop_event.is_set():
        length, problem, garbage = await _headers(reader)
        if garbage:
            send_error(server, None, PARSE_ERROR, "bytes that are not a message were skipped")
        if length is None and problem is None:
            return  # end of input
        if problem is not None:
            # Not skipped, even when too large: the bytes that follow are read as
            # headers again, and the next `Content-Length` found starts a message
            # (a client that lied about a length is heard again at once).
            send_error(server, None, INVALID_REQUEST, problem)
            continue
        body = await reader.read(length)
        if len(body) < length:
            return  # input ended inside the body
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
            if count == 0 and garbage:  # junk, then a blank line: say so now
                return 0, "bytes that are not a message were skipped", False
            if count == 0:
                continue  # stray blank line between messages
            break
        if count == 0:
            line, junk = _past_junk(line)
            garbage = garbage or junk
            if line is None:
                continue
        count += 1
        if not line.endswith(b"\n"):
            problem = f"a header line is longer than {MAX_HEADER_LINE} bytes"
            while line and not line.endswith(b"\n"):
                line = await reader.readline()
            continue
        if count > MAX_HEADERS:
            problem = f"more than {MAX_HEADERS} header lines"
        length, problem = _header(line, length, problem)
    return _verdict(length, problem, garbage)


def _past_junk(line: bytes) -> tuple[bytes | None, bool]:
    """The first header line from its `Content-Length:` on (None: none in it), and
    whether bytes before it were skipped."""
    if _HEADER.match(line):
        return line, False
    at = line.lower().find(b"content-length:")
    return (None, True) if at < 0 else (line[at:], at != 0)


def _header(line: bytes, length: int | None, problem: str | None):
    """(length, problem) after one header line."""
    name, _, value = line.decode("latin-1").partition(":")
    if name.strip().lower() != "content-length":
        return length, problem
    value = value.strip()
    if not value.isascii() or not value.isdigit() or int(value) <= 0:
        return length, f"Content-Length must be a positive whole number, not {value[:40]!r}"
    return int(value), problem


def _verdict(length: int | None, problem: str | None, garbage: bool):
    if problem is None and length is None:
        problem = "a message needs a Content-Length header"
    if problem is None and length > MAX_MESSAGE:
        return length, (f"a message of {length:,} bytes is larger than the limit of {MAX_MESSAGE:,}"), garbage
    return (length if problem is None else 0), problem, garbage


class _Refused(Exception):
    """A message that is not handled: answered with this error when `answered`."""

    def __init__(self, code: int, why: str, msg_id=None, answered: bool = True) -> None:
        super().__init__(why)
        self.code, self.why, self.msg_id, self.answered = code, why, msg_id, answered


def handle(server, body: bytes, state: dict) -> None:
    """One message's body: answered with an error when it cannot be handled."""
    try:
        data = _message(body)
        method, msg_id = data.get("method"), data.get("id")
        request = "id" in data and method is not None
        _check_shape(data, method, msg_id, request)
        _check_turn(server, state, method, msg_id, request)
        message = _structured(server, data, method, msg_id, request)
    except _Refused as refused:
        if refused.answered:
            send_error(server, refused.msg_id, refused.code, refused.why)
        return
    if method == "initialize":
        state["initialized"] = True
    try:
        server.protocol.handle_message(message)
    except (SystemExit, KeyboardInterrupt):
        raise
    except Exception:  # never the end of the server
        logger.exception("cannot handle %s", method)
        if request:
            send_error(server, msg_id, INTERNAL_ERROR, f"{method} failed")


def _message(body: bytes) -> dict:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise _Refused(PARSE_ERROR, "the message is not JSON (UTF-8)") from None
    if not isinstance(data, dict) or data.get("jsonrpc") != "2.0":
        raise _Refused(INVALID_REQUEST, "not a JSON-RPC 2.0 message")
    return data


def _check_shape(data: dict, method, msg_id, request: bool) -> None:
    answer_id = msg_id if _valid_id(msg_id) else None
    if method is None and not ("id" in data and ("result" in data or "error" in data)):
        raise _Refused(INVALID_REQUEST, "neither a request, a notification nor a response", answer_id)
    if request and (not isinstance(method, str) or not _valid_id(msg_id)):
        raise _Refused(INVALID_REQUEST, "a request needs a string method and a number or string id", answer_id)


def _check_turn(server, state: dict, method, msg_id, request: bool) -> None:
    """Before `initialize` only it and `exit`; after `shutdown` only `exit`."""
    if not state["initialized"] and method not in ("initialize", "exit"):
        raise _Refused(NOT_INITIALIZED, "the server is not initialized yet", msg_id, request)
    if server.protocol._shutdown and method != "exit":
        raise _Refused(INVALID_REQUEST, "the server is shutting down", msg_id, request)


def _structured(server, data: dict, method, msg_id, request: bool):
    from pygls.exceptions import JsonRpcException

    try:
        return server.protocol.structure_message(data)
    except JsonRpcException as error:
        code = INVALID_PARAMS if error.code == INVALID_PARAMS else INTERNAL_ERROR
        raise _Refused(code, f"bad params for {method}", msg_id, request) from None


def _valid_id(value) -> bool:
    return isinstance(value, (int, str)) and not isinstance(value, bool)
