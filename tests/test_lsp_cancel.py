"""The language server stays responsive while it checks a big document, and a newer
version cancels the check of an older one (issue 23, item 11). No timings: the order
of the answers, and what was (not) published."""

from __future__ import annotations

import pytest

from test_lsp_robust import MODEL, Raw

BIG = MODEL.replace("  F -> X\n", "  F -> X\n" * 20_000)  # seconds to check
SMALL = "file:///small.prep"
HOVER = {"textDocument": {"uri": SMALL}, "position": {"line": 4, "character": 10}}


@pytest.fixture
def lsp(tmp_path):
    server = Raw(tmp_path)
    server.initialize()
    server.open(SMALL, MODEL)
    server.request(1000, "textDocument/hover", HOVER)
    assert "result" in server.answer(1000)  # the small document is checked
    yield server
    server.close()


def until(server, msg_id, timeout=600) -> list[dict]:
    """Every message up to and with the answer to `msg_id`."""
    seen = []
    while True:
        message = server.got.get(timeout=timeout)
        seen.append(message)
        if message.get("id") == msg_id and "method" not in message:
            return seen


def published(messages, uri) -> list:
    return [
        m["params"].get("version")
        for m in messages
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
    ]


def change(server, uri, version, text):
    server.send(
        {
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        }
    )


def test_a_hover_is_answered_while_a_big_document_is_checked(lsp):
    lsp.open("file:///big.prep", BIG)
    lsp.request(1, "textDocument/hover", HOVER)
    before = until(lsp, 1)
    assert "result" in before[-1]
    assert published(before, "file:///big.prep") == []  # still being checked
    lsp.request(2, "textDocument/documentSymbol", {"textDocument": {"uri": "file:///big.prep"}})
    after = until(lsp, 2)
    assert published(after, "file:///big.prep") == [1]
    assert after[-1]["result"][0]["name"] == "P"


def test_a_newer_version_cancels_the_check_of_an_older_one(lsp):
    lsp.open("file:///big.prep", BIG)
    change(lsp, "file:///big.prep", 2, MODEL.replace("process P", "process Q"))
    lsp.request(3, "textDocument/documentSymbol", {"textDocument": {"uri": "file:///big.prep"}})
    messages = until(lsp, 3)
    assert messages[-1]["result"][0]["name"] == "Q"
    lsp.request(4, "textDocument/hover", HOVER)
    messages += until(lsp, 4)
    assert published(messages, "file:///big.prep") == [2]  # version 1 published nothing


def test_a_cancelled_request_is_answered_before_the_check_ends(lsp):
    lsp.open("file:///big.prep", BIG)
    lsp.request(5, "textDocument/documentSymbol", {"textDocument": {"uri": "file:///big.prep"}})
    lsp.send({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 5}})
    messages = until(lsp, 5)
    assert messages[-1]["error"]["code"] == -32800
    assert published(messages, "file:///big.prep") == []


def test_shutdown_is_answered_during_a_check_which_then_publishes_nothing(lsp):
    lsp.open("file:///big.prep", BIG)
    lsp.request(6, "shutdown", None)
    messages = until(lsp, 6)
    assert messages[-1]["result"] is None
    lsp.send({"jsonrpc": "2.0", "method": "exit"})
    assert lsp.proc.wait(120) == 0
    while not lsp.got.empty():
        messages.append(lsp.got.get())
    assert published(messages, "file:///big.prep") == []


def test_a_cancelled_analysis_stops_and_the_next_one_runs():
    """The checkpoints raise in the parser and between rules; the parser's lock and
    the garbage collector are given back."""
    import gc

    from prep.lsp.analysis import ProcessCache, analyse
    from prep.lsp.checking import Cancelled

    def stop():
        raise Cancelled

    for run in (ProcessCache().analyse, analyse):
        with pytest.raises(Cancelled):
            run("file:///b.prep", "/b.prep", BIG, stop=stop)
        assert gc.isenabled()
    calls = []
    a = ProcessCache().analyse("file:///b.prep", "/b.prep", BIG, stop=lambda: calls.append(1))
    assert len(a.raw.diagnostics) == 20_000 - 1 and len(calls) > 20_000 // 4096


def test_each_piece_is_parsed_alone_and_the_process_names_are_shared(monkeypatch):
    """Linear in the number of processes: a piece is parsed from its own line on (not
    after a run of blank lines standing for the ones before it), and the mapping of
    process names is made once, not once a piece (issue 23, item 11)."""
    import prep.graph
    import prep.parser
    from prep.lsp.analysis import ProcessCache, analyse

    text = "".join(f"process P{i} {{\n  goal G\n}}\n" for i in range(300))
    parsed, shared = [], set()
    real_parse, real_build = prep.parser.parse_text, prep.graph.build_document
    monkeypatch.setattr(
        prep.parser, "parse_text", lambda text, *args, **kw: parsed.append(len(text)) or real_parse(text, *args, **kw)
    )
    monkeypatch.setattr(
        prep.graph, "build_document", lambda document, names=None: shared.add(id(names)) or real_build(document, names)
    )
    a = ProcessCache().analyse("file:///p.prep", "/p.prep", text)
    assert sum(parsed) == len(text) and len(parsed) == 300
    assert len(shared) == 1
    monkeypatch.undo()
    whole = analyse("file:///p.prep", "/p.prep", text)
    assert [d.span for d in a.raw.diagnostics] == [d.span for d in whole.raw.diagnostics]
    assert a.raw.diagnostics[-1].span.line == 898


def test_requests_that_parse_wait_in_the_worker_not_in_the_loop(lsp):
    """References read the workspace's saved files and formatting parses: they run
    after the check in the worker, while a hover asked after them is answered first."""
    lsp.open("file:///big.prep", BIG)
    lsp.request(
        7, "textDocument/formatting", {"textDocument": {"uri": SMALL}, "options": {"tabSize": 2, "insertSpaces": True}}
    )
    lsp.request(8, "textDocument/hover", HOVER)
    messages = until(lsp, 8)
    assert not [m for m in messages if m.get("id") == 7]
    messages += until(lsp, 7)
    assert published(messages, "file:///big.prep") == [1]
    assert "result" in messages[-1]
