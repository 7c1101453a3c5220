"""The language server against malformed and hostile messages (issue 23, items 10-12):
every one answered with a JSON-RPC error, the server alive after each."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time

import pytest

PREP = [sys.executable, "-c", "from prep.cli import main; main()", "lsp"]
MODEL = "process P {\n  goal G\n  external X\n  actor A {\n    final F\n  }\n  F -> X\n}\n"


class Raw:
    """`prep lsp` over pipes, written to byte by byte as a hostile client would."""

    def __init__(self, cwd):
        self.proc = subprocess.Popen(
            PREP, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=cwd
        )
        self.got: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line.strip() == b"":
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.got.put(json.loads(out.read(length)))

    def send_raw(self, data: bytes):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message: dict):
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, msg_id, method, params):
        self.send({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})

    def answer(self, msg_id=..., timeout=30):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                message = self.got.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                break
            if "method" in message and "id" not in message:
                continue  # notifications (diagnostics, logs)
            if msg_id is ... or message.get("id") == msg_id:
                return message
        raise AssertionError(f"no answer to {msg_id}")

    def initialize(self):
        self.request(1, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        assert "result" in self.answer(1)
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def open(self, uri, text):
        self.send(
            {
                "jsonrpc": "2.0",
                "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri, "languageId": "prep", "version": 1, "text": text}},
            }
        )

    def alive(self, msg_id=999):
        self.request(msg_id, "textDocument/documentSymbol", {"textDocument": {"uri": "file:///nowhere/a.prep"}})
        answer = self.answer(msg_id)
        assert self.proc.poll() is None
        return answer

    def close(self):
        self.proc.kill()
        self.proc.wait()


@pytest.fixture
def lsp(tmp_path):
    server = Raw(tmp_path)
    yield server
    server.close()


def test_requests_before_initialize_get_32002(lsp):
    lsp.request(
        5, "textDocument/hover", {"textDocument": {"uri": "file:///a.prep"}, "position": {"line": 0, "character": 0}}
    )
    assert lsp.answer(5)["error"] == {"code": -32002, "message": "the server is not initialized yet"}
    lsp.initialize()


@pytest.mark.parametrize(
    "raw, code",
    [
        (b"Content-Length: -5\r\n\r\n", -32600),
        (b"Content-Length: abc\r\n\r\n", -32600),
        (b"Content-Type: text/plain\r\n\r\n", -32600),
        (b"Content-Length: 5\r\n\r\n{bad}", -32700),
        (b"Content-Length: 2\r\n\r\n[]", -32600),
        (b"Content-Length: 4\r\n\r\n\xff\xfe\x00\x01", -32700),
        (b'Content-Length: 27\r\n\r\n{"jsonrpc":"2.0","id":true}', -32600),
        (b"garbage without headers\r\n\r\n", -32600),
    ],
)
def test_malformed_messages_are_answered_and_the_server_lives(lsp, raw, code):
    lsp.initialize()
    lsp.send_raw(raw)
    assert lsp.answer(None)["error"]["code"] == code
    assert "error" in lsp.alive()


def test_a_huge_content_length_is_refused_without_reading_it_into_memory(lsp):
    lsp.initialize()
    lsp.send_raw(b"Content-Length: 99999999999999\r\n\r\n")
    error = lsp.answer(None)["error"]
    assert error["code"] == -32600 and "larger than the limit" in error["message"]
    lsp.alive()  # the next message is read as one: the server hears again


@pytest.mark.parametrize("params", [{"bad": 1}, None, [1, 2]])
def test_requests_with_bad_params_are_answered(lsp, params):
    lsp.initialize()
    lsp.request(7, "textDocument/hover", params)
    assert lsp.answer(7) == {
        "jsonrpc": "2.0",
        "id": 7,
        "error": {"code": -32602, "message": "bad params for textDocument/hover"},
    }
    lsp.alive()


def test_after_shutdown_requests_are_refused(lsp):
    lsp.initialize()
    lsp.request(2, "shutdown", None)
    assert lsp.answer(2)["result"] is None
    lsp.request(
        3, "textDocument/hover", {"textDocument": {"uri": "file:///a.prep"}, "position": {"line": 0, "character": 0}}
    )
    assert lsp.answer(3)["error"] == {"code": -32600, "message": "the server is shutting down"}
    lsp.send({"jsonrpc": "2.0", "method": "exit"})
    assert lsp.proc.wait(30) == 0


def test_an_unopened_untitled_document_is_not_read_from_the_disk(lsp, tmp_path):
    (tmp_path / "x").write_text("process Secret {\n}\n")
    lsp.initialize()
    lsp.request(4, "textDocument/documentSymbol", {"textDocument": {"uri": "untitled:x"}})
    answer = lsp.answer(4)
    assert "Secret" not in json.dumps(answer)
    assert answer["error"]["code"] == -32602


def test_a_lone_surrogate_still_gets_diagnostics_and_tokens(lsp):
    lsp.initialize()
    body = (
        '{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":'
        ' {"uri": "file:///s.prep", "languageId": "prep", "version": 1, "text": '
        + json.dumps(MODEL).replace("final F", "final F\\ud800")
        + "}}}"
    ).encode()
    lsp.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    lsp.request(8, "textDocument/semanticTokens/full", {"textDocument": {"uri": "file:///s.prep"}})
    data = lsp.answer(8)["result"]["data"]
    # (line delta, start delta, length, type, modifiers) a token: every keyword and name,
    # a row for each line of MODEL that has any
    assert [data[i : i + 5] for i in range(0, len(data), 5)] == [
        token
        for row in [
            [[0, 0, 7, 0, 0], [0, 8, 1, 1, 1]],
            [[1, 2, 4, 0, 0], [0, 5, 1, 11, 0]],
            [[1, 2, 8, 0, 0], [0, 9, 1, 4, 1]],
            [[1, 2, 5, 0, 0], [0, 6, 1, 3, 1]],
            [[1, 4, 5, 0, 0], [0, 6, 1, 5, 1]],
            [[2, 2, 1, 5, 0], [0, 2, 2, 14, 0], [0, 3, 1, 4, 0]],
        ]
        for token in row
    ]


@pytest.mark.parametrize(
    "new_name, why",
    [
        ("a\nb", "cannot rename: a name cannot hold a line break (character 2)"),
        ("a\x00b", "cannot rename: a name holds an invisible control character U+0000 (character 2)"),
        ("a\x1bb", "cannot rename: a name holds an invisible control character U+001B (character 2)"),
        ("a\ud800", "cannot rename: a name holds an invisible control character U+D800 (character 2)"),
        ("x" * 5000, "cannot rename: a name is 5,000 characters long; at most 1,000 are allowed"),
        ("a\u202eb", "cannot rename: a name holds an invisible character U+202E RIGHT-TO-LEFT OVERRIDE (character 2)"),
        ("\u200bF", "cannot rename: a name holds an invisible character U+200B ZERO WIDTH SPACE (character 1)"),
        (
            "a\ufeff",
            "cannot rename: a name holds an invisible character U+FEFF ZERO WIDTH NO-BREAK SPACE (character 2)",
        ),
        ("a\u2066b", "cannot rename: a name holds an invisible character U+2066 LEFT-TO-RIGHT ISOLATE (character 2)"),
        ("a\tb", "cannot rename: a name cannot hold a tab (character 2)"),
        ("X", "cannot rename: `X` is already a name in this process; renaming would merge two elements"),
        ("A", "cannot rename: `A` is already a name in this process; renaming would merge two elements"),
        ("   ", "cannot rename: the new name is empty"),
    ],
)
def test_rename_refuses_bad_and_taken_names(new_name, why):
    from prep.lsp.analysis import analyse
    from prep.lsp.features import RenameRefused, rename
    from lsprotocol import types as t

    a = analyse("file:///m.prep", "/m.prep", MODEL)
    with pytest.raises(RenameRefused) as caught:
        rename(None, a, t.Position(line=4, character=10), new_name, "utf-16")
    assert str(caught.value) == why


@pytest.mark.parametrize(
    "line, character, new_name, why",
    [
        (0, 8, "Other", "cannot rename: a process `Other` already exists; renaming would merge two processes"),
        (2, 11, "Other", "cannot rename: a process `Other` already exists; renaming would merge two processes"),
        (2, 11, "P", "cannot rename: a process `P` already exists; renaming would merge two processes"),
        (0, 8, "X", "cannot rename: `X` is already a name in this process; renaming would merge two elements"),
    ],
)
def test_rename_refuses_a_process_name_taken_in_another_file(line, character, new_name, why):
    """A process, or an external (which names a process), crosses files."""
    from prep.lsp.analysis import analyse
    from prep.lsp.features import RenameRefused, rename
    from lsprotocol import types as t

    a = analyse("file:///m.prep", "/m.prep", MODEL)
    other = analyse("file:///o.prep", "/o.prep", "process Other {\n}\n")

    class Files:
        def everything(self):
            return [a, other]

    with pytest.raises(RenameRefused) as caught:
        rename(Files(), a, t.Position(line=line, character=character), new_name, "utf-16")
    assert str(caught.value) == why


def test_rename_to_a_decomposed_name_is_written_composed():
    from prep.lsp.analysis import analyse
    from prep.lsp.features import rename
    from lsprotocol import types as t

    a = analyse("file:///m.prep", "/m.prep", MODEL)

    class Files:
        def everything(self):
            return [a]

    edit = rename(Files(), a, t.Position(line=4, character=10), "Cafe\u0301", "utf-16")
    assert {e.new_text for e in edit.changes["file:///m.prep"]} == {"Caf\u00e9"}


def test_rename_refusal_reaches_the_editor_and_a_lone_surrogate_is_refused(lsp):
    lsp.initialize()
    lsp.open("file:///m.prep", MODEL)
    body = (
        '{"jsonrpc": "2.0", "id": 9, "method": "textDocument/rename", "params": '
        '{"textDocument": {"uri": "file:///m.prep"}, "position": {"line": 4, '
        '"character": 10}, "newName": "a\\ud800"}}'
    ).encode()
    lsp.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    error = lsp.answer(9)["error"]
    assert error["code"] == -32602 and error["message"].startswith("cannot rename: ")
    lsp.request(
        10,
        "textDocument/rename",
        {"textDocument": {"uri": "file:///m.prep"}, "position": {"line": 4, "character": 10}, "newName": "Shipped"},
    )
    assert "result" in lsp.answer(10)


def test_semantic_tokens_and_lines_are_linear(monkeypatch):
    """Issue 23, item 11: the externals of a process were gathered again for every
    reference, and the lines split again for every finding (quadratic didOpen)."""
    from prep.lsp import features
    from prep.lsp.analysis import analyse
    from prep.lsp.server import TOKEN_TYPES

    text = MODEL.replace("  F -> X\n", "".join("  F -> X\n" for _ in range(200)))
    a = analyse("file:///m.prep", "/m.prep", text)
    calls = []
    real = features.externals_of
    monkeypatch.setattr(features, "externals_of", lambda *args: calls.append(1) or real(*args))
    features.semantic_tokens(a, "utf-16", TOKEN_TYPES)
    assert len(calls) == 1
    assert a.lines("utf-16") is a.lines("utf-16")


def test_at_most_so_many_findings_are_published(lsp, monkeypatch):
    lsp.initialize()
    text = "process P {\n" + "".join(f"  x{i} -> y{i}\n" for i in range(1200)) + "}\n"
    lsp.open("file:///many.prep", text)
    while True:
        message = lsp.got.get(timeout=120)
        if (
            message.get("method") == "textDocument/publishDiagnostics"
            and message["params"]["uri"] == "file:///many.prep"
        ):
            break
    found = message["params"]["diagnostics"]
    assert len(found) == 1001
    assert found[-1]["message"].startswith("and ") and found[-1]["message"].endswith(
        " more findings (prep check lists them all)"
    )
