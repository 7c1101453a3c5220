"""`prep lsp` in Japanese: the client's `locale` from `initialize` chooses the language
of findings, hovers and quick-fix titles, whatever the environment says."""

from __future__ import annotations

import pytest
from lsprotocol import types as t
from pytest_lsp import LanguageClient

from test_lsp import Session, doc, open_file, pos


@pytest.fixture(scope="module")
def session():
    s = Session("ja-JP", env={"PREP_LANG": "en"})
    yield s
    s.close()


def test_findings_hover_and_fixes_follow_the_clients_locale(session):
    async def body(client: LanguageClient):
        found = await open_file(client, "ja.prep")
        [d] = [d for d in found if d.code == "PREP101"]
        assert d.message == ("`出荷支持` はプロセス `受注` で定義されていません\nヒント: `出荷指示` のことですか？")
        hover = await client.text_document_hover_async(t.HoverParams(text_document=doc("ja.prep"), position=pos(7, 10)))
        assert hover.contents.value.startswith("**中間成果物** `𠮷の見積`(品目, 数量)（アクター `𠮷野家`）")
        assert "課題: 遅い" in hover.contents.value
        hover = await client.text_document_hover_async(t.HoverParams(text_document=doc("ja.prep"), position=pos(7, 18)))
        assert "*何をするか:* 関係、`kpi … for`" in hover.contents.value
        [action] = await client.text_document_code_action_async(
            t.CodeActionParams(
                text_document=doc("ja.prep"),
                range=t.Range(start=pos(7, 18), end=pos(7, 18)),
                context=t.CodeActionContext(diagnostics=[]),
            )
        )
        assert action.title == "`出荷指示` と書いてください（安全でない修正）"

    session.run(body(session.client))
