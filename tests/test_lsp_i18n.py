"""`prep lsp` in Japanese: the client's `locale` from `initialize` chooses the language
of findings, hovers and quick-fix titles, whatever the environment says."""

from __future__ import annotations

import asyncio
import sys
import threading

import pytest
from lsprotocol import types as t
from pygls.uris import from_fs_path
from pytest_lsp import LanguageClient, client_capabilities, make_test_lsp_client

from test_lsp import WS, doc, open_file, pos


class Session:
    """A client with `locale`, in an event loop of its own (as test_lsp's)."""

    def __init__(self, locale: str):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.client = self.run(self._start(locale))

    def run(self, coro, timeout: float = 120):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    async def _start(self, locale: str) -> LanguageClient:
        client = make_test_lsp_client()
        await client.start_io(sys.executable, "-m", "prep", "lsp", env={"PREP_LANG": "en"})
        await client.initialize_session(t.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"), locale=locale,
            workspace_folders=[t.WorkspaceFolder(uri=from_fs_path(str(WS)), name="ws")]))
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
    s = Session("ja-JP")
    yield s
    s.close()


def test_findings_hover_and_fixes_follow_the_clients_locale(session):
    async def body(client: LanguageClient):
        found = await open_file(client, "ja.prep")
        [d] = [d for d in found if d.code == "PREP101"]
        assert d.message == ("`出荷支持` はプロセス `受注` で定義されていません\n"
                             "ヒント: `出荷指示` のことですか？")
        hover = await client.text_document_hover_async(t.HoverParams(
            text_document=doc("ja.prep"), position=pos(7, 10)))
        assert hover.contents.value.startswith(
            "**中間成果物** `𠮷の見積`(品目, 数量)（アクター `𠮷野家`）")
        assert "課題: 遅い" in hover.contents.value
        hover = await client.text_document_hover_async(t.HoverParams(
            text_document=doc("ja.prep"), position=pos(7, 18)))
        assert "*何をするか:* 関係、`kpi … for`" in hover.contents.value
        [action] = await client.text_document_code_action_async(t.CodeActionParams(
            text_document=doc("ja.prep"), range=t.Range(start=pos(7, 18), end=pos(7, 18)),
            context=t.CodeActionContext(diagnostics=[])))
        assert action.title == "`出荷指示` と書いてください（安全でない修正）"

    session.run(body(session.client))
