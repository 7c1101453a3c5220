"""`prep lsp` end to end: a real LSP client (pytest-lsp's) starts `python -m prep lsp`
over stdio and exercises every capability on the examples, a broken file and
Japanese names on lines with characters outside the BMP (positions in UTF-16).

The client runs in an event loop of its own, in a thread, so the tests do not
depend on (or disturb) any loop another test module left running."""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from lsprotocol import types as t
from pygls.uris import from_fs_path
from pytest_lsp import LanguageClient, client_capabilities, make_test_lsp_client

from conftest import ROOT

WS = Path(tempfile.mkdtemp(prefix="prep-lsp-"))
for source in (ROOT / "examples" / "incident").glob("*.prep"):
    shutil.copy(source, WS / source.name)

JA = """\
process 受注 {
  goal "納期遵守"
  external 顧客
  actor 𠮷野家 {
    product 𠮷の見積(品目, 数量)
    final   出荷指示(品目)
  }
  顧客 -> 𠮷の見積 -> 出荷支持 -> 顧客
  kpi 納期遵守率 for 出荷指示
  issue "遅い" on 𠮷の見積
}
"""
BROKEN = "process P {\n  actor A {\n    product x\n  }\n  x ->\n}\n"
(WS / "ja.prep").write_text(JA, encoding="utf-8")
(WS / "broken.prep").write_text(BROKEN, encoding="utf-8")


def uri(name: str) -> str:
    return from_fs_path(str(WS / name))


def doc(name: str) -> t.TextDocumentIdentifier:
    return t.TextDocumentIdentifier(uri=uri(name))


class Session:
    """The client and its event loop, in a thread; `run` waits for a coroutine. The
    client may name a `locale` in `initialize` and the server run with `env`."""

    def __init__(self, locale: str | None = None, env: dict[str, str] | None = None):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.client = self.run(self._start(locale, env))

    def run(self, coro, timeout: float = 120):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    async def _start(self, locale: str | None, env: dict[str, str] | None) -> LanguageClient:
        client = make_test_lsp_client()
        await client.start_io(sys.executable, "-m", "prep", "lsp", env=env)
        await client.initialize_session(
            t.InitializeParams(
                capabilities=client_capabilities("visual-studio-code"),
                locale=locale,
                workspace_folders=[t.WorkspaceFolder(uri=from_fs_path(str(WS)), name="ws")],
            )
        )
        return client

    def close(self) -> None:
        async def stop():
            await self.client.shutdown_session()
            await self.client.stop()

        try:
            self.run(stop(), timeout=30)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(10)


@pytest.fixture(scope="module")
def session():
    s = Session()
    yield s
    s.close()


def lsp_test(body):
    """A test that runs `body(client)` in the session's loop."""

    def test(session):
        session.run(body(session.client))

    test.__name__, test.__doc__ = body.__name__, body.__doc__
    return test


async def open_file(client: LanguageClient, name: str) -> list[t.Diagnostic]:
    text = (WS / name).read_text(encoding="utf-8")
    client.text_document_did_open(
        t.DidOpenTextDocumentParams(
            text_document=t.TextDocumentItem(uri=uri(name), language_id="prep", version=1, text=text)
        )
    )
    await wait_for(client, name)
    return list(client.diagnostics[uri(name)])


async def wait_for(client: LanguageClient, name: str, version: int | None = None) -> None:
    """Until the findings of `name` (at `version`, if given) are published."""
    while True:
        params = await client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == uri(name) and (version is None or params.version == version):
            return


def pos(line: int, character: int) -> t.Position:
    return t.Position(line=line, character=character)


@lsp_test
async def test_diagnostics_count_utf16_units_outside_the_bmp(client: LanguageClient):
    found = await open_file(client, "ja.prep")
    [d] = [d for d in found if d.code == "PREP101"]
    # `  顧客 -> 𠮷の見積 -> ` is 16 characters, 17 UTF-16 code units (𠮷 takes two)
    assert (d.range.start, d.range.end) == (pos(7, 17), pos(7, 21))
    assert d.message.startswith("`出荷支持` is not defined in process `受注`")
    assert d.source == "prep" and d.severity == t.DiagnosticSeverity.Error


@lsp_test
async def test_typing_updates_diagnostics_incrementally(client: LanguageClient):
    # replace 出荷支持 with 出荷指示, in two keystrokes (the debounce sees the last)
    client.text_document_did_change(
        t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri("ja.prep"), version=2),
            content_changes=[
                t.TextDocumentContentChangePartial(range=t.Range(start=pos(7, 19), end=pos(7, 21)), text="指")
            ],
        )
    )
    client.text_document_did_change(
        t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri("ja.prep"), version=3),
            content_changes=[
                t.TextDocumentContentChangePartial(range=t.Range(start=pos(7, 20), end=pos(7, 20)), text="示")
            ],
        )
    )
    await wait_for(client, "ja.prep", version=3)
    assert [d.code for d in client.diagnostics[uri("ja.prep")]] == []
    # and back, so that the other tests see the typo
    client.text_document_did_change(
        t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri("ja.prep"), version=4),
            content_changes=[t.TextDocumentContentChangeWholeDocument(text=JA)],
        )
    )
    await wait_for(client, "ja.prep", version=4)
    assert [d.code for d in client.diagnostics[uri("ja.prep")]] == ["PREP101"]


@lsp_test
async def test_hover_shows_a_product_and_a_findings_rule(client: LanguageClient):
    hover = await client.text_document_hover_async(
        t.HoverParams(text_document=doc("ja.prep"), position=pos(7, 10))
    )  # on 𠮷の見積
    text = hover.contents.value
    assert text.startswith("**product** `𠮷の見積`(品目, 数量) in actor `𠮷野家`")
    assert "issues: 遅い" in text
    hover = await client.text_document_hover_async(
        t.HoverParams(text_document=doc("ja.prep"), position=pos(7, 18))
    )  # on the finding
    assert "**PREP101** error: `出荷支持` is not defined" in hover.contents.value
    assert "**PREP101 undefined-reference**" in hover.contents.value
    hover = await client.text_document_hover_async(t.HoverParams(text_document=doc("ja.prep"), position=pos(8, 22)))
    assert hover.contents.value == "**final** `出荷指示`(品目) in actor `𠮷野家`\n\nKPIs: `納期遵守率`"


@lsp_test
async def test_definition_within_a_process_and_across_files(client: LanguageClient):
    found = await client.text_document_definition_async(
        t.DefinitionParams(text_document=doc("ja.prep"), position=pos(9, 17))
    )  # 𠮷の見積 after `on`
    assert [(x.uri, x.range.start, x.range.end) for x in found] == [(uri("ja.prep"), pos(4, 12), pos(4, 17))]
    await open_file(client, "operations.prep")
    found = await client.text_document_definition_async(
        t.DefinitionParams(text_document=doc("operations.prep"), position=pos(10, 12))
    )  # external ServiceDesk
    assert [(x.uri, x.range.start.line) for x in found] == [(uri("service_desk.prep"), 10)]


@lsp_test
async def test_references(client: LanguageClient):
    found = await client.text_document_references_async(
        t.ReferenceParams(
            text_document=doc("ja.prep"), position=pos(4, 13), context=t.ReferenceContext(include_declaration=True)
        )
    )
    assert sorted((x.range.start.line, x.range.start.character) for x in found) == [(4, 12), (7, 8), (9, 16)]
    found = await client.text_document_references_async(
        t.ReferenceParams(
            text_document=doc("ja.prep"), position=pos(4, 13), context=t.ReferenceContext(include_declaration=False)
        )
    )
    assert len(found) == 2


@lsp_test
async def test_rename_within_a_process(client: LanguageClient):
    prepared = await client.text_document_prepare_rename_async(
        t.PrepareRenameParams(text_document=doc("ja.prep"), position=pos(4, 13))
    )
    assert prepared.placeholder == "𠮷の見積"
    edit = await client.text_document_rename_async(
        t.RenameParams(text_document=doc("ja.prep"), position=pos(4, 13), new_name="見積 書")
    )
    edits = edit.changes[uri("ja.prep")]
    assert {e.new_text for e in edits} == {'"見積 書"'}  # quoted: it has a space
    assert sorted(e.range.start.line for e in edits) == [4, 7, 9]


@lsp_test
async def test_rename_an_external_across_the_workspace(client: LanguageClient):
    edit = await client.text_document_rename_async(
        t.RenameParams(text_document=doc("operations.prep"), position=pos(10, 12), new_name="Desk")
    )
    lines = {u: sorted(e.range.start.line for e in es) for u, es in edit.changes.items()}
    assert lines == {uri("operations.prep"): [10, 28, 30], uri("service_desk.prep"): [10]}


@lsp_test
async def test_completion(client: LanguageClient):
    result = await client.text_document_completion_async(
        t.CompletionParams(text_document=doc("ja.prep"), position=pos(7, 2))
    )
    labels = [i.label for i in result.items]
    assert {"𠮷の見積", "出荷指示", "顧客", "kpi", "issue"} <= set(labels)
    text = JA.replace("  goal", "  external 倉庫 [doc=x]\n  goal")
    (WS / "attrs.prep").write_text(text, encoding="utf-8")
    await open_file(client, "attrs.prep")
    result = await client.text_document_completion_async(
        t.CompletionParams(text_document=doc("attrs.prep"), position=pos(1, 15))
    )  # after `[`
    assert {"stage", "role", "touch", "doc"} <= {i.label for i in result.items}
    text = JA.replace("process 受注 {", "process 受注 [stage=] {")
    (WS / "value.prep").write_text(text, encoding="utf-8")
    await open_file(client, "value.prep")
    result = await client.text_document_completion_async(
        t.CompletionParams(text_document=doc("value.prep"), position=pos(0, 18))
    )  # after `stage=`
    assert [i.label for i in result.items] == ["asis", "tobe"]
    result = await client.text_document_completion_async(
        t.CompletionParams(text_document=doc("ja.prep"), position=pos(5, 4))
    )  # inside the actor
    assert {"product", "milestone", "final", "intangible"} <= {i.label for i in result.items}


@lsp_test
async def test_document_symbols(client: LanguageClient):
    [process] = await client.text_document_document_symbol_async(t.DocumentSymbolParams(text_document=doc("ja.prep")))
    assert process.name == "受注" and process.kind == t.SymbolKind.Namespace
    actor = process.children[0]
    assert (actor.name, [c.name for c in actor.children]) == ("𠮷野家", ["𠮷の見積", "出荷指示"])
    assert actor.selection_range.start == pos(3, 8)
    assert [c.name for c in process.children[1:]] == ["顧客", "納期遵守率"]


@lsp_test
async def test_semantic_tokens(client: LanguageClient):
    result = await client.text_document_semantic_tokens_full_async(t.SemanticTokensParams(text_document=doc("ja.prep")))
    data = result.data
    tokens, line, start = [], 0, 0
    for i in range(0, len(data), 5):
        dl, ds, length, kind, mods = data[i : i + 5]
        line += dl
        start = start + ds if dl == 0 else ds
        tokens.append((line, start, length, kind, mods))
    from prep.lsp.server import TOKEN_TYPES

    line4 = [(s, n, TOKEN_TYPES[k], m) for ln, s, n, k, m in tokens if ln == 4]
    # `    product 𠮷の見積(品目, 数量)`: 𠮷の見積 is 5 UTF-16 units long
    assert line4[:2] == [(4, 7, "keyword", 0), (12, 5, "variable", 1)]
    assert ("parameter", 1) in [(k, m) for _, _, k, m in line4]
    line7 = [(s, n, TOKEN_TYPES[k]) for ln, s, n, k, m in tokens if ln == 7]
    assert line7[0] == (2, 2, "interface") and line7[1] == (5, 2, "operator")


@lsp_test
async def test_code_action_from_a_fix(client: LanguageClient):
    actions = await client.text_document_code_action_async(
        t.CodeActionParams(
            text_document=doc("ja.prep"),
            range=t.Range(start=pos(7, 18), end=pos(7, 18)),
            context=t.CodeActionContext(diagnostics=[]),
        )
    )
    [action] = actions
    assert action.title == "write `出荷指示` (unsafe)"
    assert action.kind == t.CodeActionKind.QuickFix and not action.is_preferred
    [edit] = action.edit.changes[uri("ja.prep")]
    assert (edit.range.start, edit.range.end, edit.new_text) == (pos(7, 17), pos(7, 21), "出荷指示")


@lsp_test
async def test_formatting(client: LanguageClient):
    ugly = "process P{actor A{product x final y}x->y}"
    (WS / "ugly.prep").write_text(ugly, encoding="utf-8")
    await open_file(client, "ugly.prep")
    [edit] = await client.text_document_formatting_async(
        t.DocumentFormattingParams(
            text_document=doc("ugly.prep"), options=t.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    assert edit.new_text == ("process P {\n  actor A {\n    product x\n    final   y\n  }\n  x -> y\n}\n")
    assert (edit.range.start, edit.range.end) == (pos(0, 0), pos(0, len(ugly)))
    formatted = await client.text_document_formatting_async(
        t.DocumentFormattingParams(
            text_document=doc("operations.prep"), options=t.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    assert not formatted  # the example is formatted already


@lsp_test
async def test_a_broken_file(client: LanguageClient):
    found = await open_file(client, "broken.prep")
    assert [(d.code, d.range.start.line) for d in found] == [("PREP001", 5)]
    formatted = await client.text_document_formatting_async(
        t.DocumentFormattingParams(
            text_document=doc("broken.prep"), options=t.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    assert formatted is None
    result = await client.text_document_semantic_tokens_full_async(
        t.SemanticTokensParams(text_document=doc("broken.prep"))
    )
    assert len(result.data) == 5 * 8  # every name, keyword and arrow still highlighted
    hover = await client.text_document_hover_async(t.HoverParams(text_document=doc("broken.prep"), position=pos(5, 0)))
    assert "PREP001" in hover.contents.value


@lsp_test
async def test_workspace_rule_sees_open_and_saved_files(client: LanguageClient):
    sales = (
        "process 営業 {\n  goal 受注件数\n  external 顧客\n  external 生産\n"
        "  actor 営業部 {\n    product 引合(品目)\n    final   受注確定(品目, 数量)\n  }\n"
        "  顧客 -> 引合 -> 受注確定 -> 生産\n}\n"
    )
    production = (
        "process 生産 {\n  goal 納期遵守率\n  external 販売部\n  external 倉庫\n"
        "  actor 生産管理 {\n    product 生産指示(品目, 数量)\n    final   完成品(品目, 数量)\n"
        "  }\n  販売部 -> 生産指示 -> 完成品 -> 倉庫\n}\n"
    )
    (WS / "sales.prep").write_text(sales, encoding="utf-8")
    (WS / "production.prep").write_text(production, encoding="utf-8")  # saved, not open
    client.workspace_did_change_watched_files(
        t.DidChangeWatchedFilesParams(
            changes=[
                t.FileEvent(uri=uri(name), type=t.FileChangeType.Created) for name in ("sales.prep", "production.prep")
            ]
        )
    )
    found = await open_file(client, "sales.prep")
    assert [(d.code, d.range.start.line) for d in found] == [("PREP220", 8)]
    # open the other one and declare the sender there: the finding goes away
    await open_file(client, "production.prep")
    fixed = production.replace("external 販売部", "external 営業").replace("販売部 ->", "営業 ->")
    client.text_document_did_change(
        t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri("production.prep"), version=2),
            content_changes=[t.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    await wait_for(client, "sales.prep")
    assert list(client.diagnostics[uri("sales.prep")]) == []
