"""Completion: attribute names and values inside `[…]`, KPIs after `under`, the
products and externals of the process, and the keywords that may stand there."""

from __future__ import annotations

from lsprotocol import types as t

from prep.lsp.features import NAME_ROLES
from prep.lsp.names import Token

ATTRIBUTES = {
    "stage": ["asis", "tobe"],
    "role": ["customer", "csm", "service", "vendor"],
    "touch": ["high", "low", "tech"],
    "supplemented": [],
    "service": [],
    "kgi": [],
    "doc": [],
}
STATEMENTS = ["goal", "external", "actor", "subprocess", "kpi", "issue"]
KINDS = ["product", "milestone", "final", "intangible"]
NEW_NAME_AFTER = KINDS + ["process", "actor", "external", "goal", "kpi", "issue", "subprocess"]


def completion(a, position, encoding):
    line, column = a.lines(encoding).char(position)
    before = _before(a, line, column)
    prev = before[-1] if before else None
    if _open_attrs(before) is not None:
        return _listed(_attribute_items(before, prev))
    process = prev.process if prev is not None else -1
    in_scope = [x for x in a.tokens if x.process == process]
    if prev is not None and prev.text == "under":
        own = _own_kpi(before)  # `kpi 新KPI … under`: not under itself
        kpis = sorted({x.name for x in in_scope if x.role == "kpi"} - {own})
        return _listed([_item(k, t.CompletionItemKind.Event, "KPI") for k in kpis])
    if prev is not None and prev.role == "keyword" and prev.text in NEW_NAME_AFTER:
        return _listed([])  # a new name: nothing to offer
    items = _name_items(in_scope)
    if prev is not None and prev.text in NAMES_ONLY_AFTER:
        return _listed(items)  # a name, no keyword
    keywords = KINDS if _inside_actor(before) else STATEMENTS + ["for", "under", "until", "on"]
    if process < 0:
        keywords = ["process"]
    return _listed(items + [_item(k, t.CompletionItemKind.Keyword, "keyword") for k in keywords])


def _before(a, line: int, column: int) -> list[Token]:
    """The tokens before the cursor, without comments and the word being typed."""
    before = [x for x in a.tokens if (x.line, x.end) <= (line, column) and x.role != "comment"]
    prev = before[-1] if before else None
    if (
        prev is not None
        and (prev.line, prev.end) == (line, column)
        and prev.role in NAME_ROLES | {"keyword", "attr", "attr-value"}
    ):
        before.pop()
    return before


def _listed(items: list[t.CompletionItem]) -> t.CompletionList:
    return t.CompletionList(is_incomplete=False, items=items)


def _attribute_items(before: list[Token], prev: Token | None) -> list[t.CompletionItem]:
    """Inside `[…]`: the values of the attribute after `=`, else the attributes."""
    if prev is not None and prev.text == "=":
        key = before[-2].name if len(before) > 1 else ""
        return [_item(v, t.CompletionItemKind.EnumMember, f"{key}={v}") for v in ATTRIBUTES.get(key, [])]
    return [_item(k, t.CompletionItemKind.Property, "attribute") for k in ATTRIBUTES]


def _name_items(in_scope: list[Token]) -> list[t.CompletionItem]:
    from prep.model import written_name as written

    products = sorted({x.name for x in in_scope if x.role == "product"})
    externals = sorted({x.name for x in in_scope if x.role == "external"})
    items = [_item(written(p), t.CompletionItemKind.Variable, "product", p) for p in products]
    return items + [_item(written(e), t.CompletionItemKind.Interface, "external process", e) for e in externals]


# Completion is offered on its own after these (`>`: the end of `->` and `<->`).
TRIGGER_CHARACTERS = ["[", "=", ",", ".", ">"]
# After these only a product or an external can stand (never `actor`, `kpi`, …).
NAMES_ONLY_AFTER = ("->", "<->", "for", "on", "until")


def _own_kpi(before: list[Token]) -> str | None:
    """The name of the KPI whose statement the cursor is in (`kpi 新KPI for X under`)."""
    for i in range(len(before) - 1, -1, -1):
        x = before[i]
        if x.role == "keyword" and x.text == "kpi":
            return before[i + 1].name if i + 1 < len(before) else None
        if x.role == "keyword" and x.text not in ("for", "under") or x.text in ("{", "}"):
            return None
    return None


def _item(text: str, kind, detail: str, label: str | None = None) -> t.CompletionItem:
    return t.CompletionItem(
        label=label or text, kind=kind, detail=detail, insert_text=text if label and label != text else None
    )


def _open_attrs(before: list[Token]):
    for x in reversed(before):
        if x.text == "]":
            return None
        if x.text == "[":
            return x
        if x.text in ("{", "}"):
            return None
    return None


def _inside_actor(before: list[Token]) -> bool:
    depth = 0
    for x in reversed(before):
        if x.text == "}":
            depth += 1
        elif x.text == "{":
            if depth:
                depth -= 1
                continue
            # the block this `{` opens: find its keyword
            return _block_keyword(before, x) == "actor"
    return False


def _block_keyword(before: list[Token], brace: Token) -> str | None:
    index = before.index(brace)
    for x in reversed(before[:index]):
        if x.role == "keyword" and x.text in ("process", "actor", "subprocess"):
            return x.text
    return None
