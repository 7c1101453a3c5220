"""Hover: Markdown for the element under the cursor and the findings there. Every
text that comes from the model or a finding is escaped (prep.lsp.markdown)."""

from __future__ import annotations

from lsprotocol import types as t

from prep.i18n import N_, _
from prep.lsp.features import NAME_ROLES, same_thing, token_at
from prep.lsp.markdown import code, message, text as md
from prep.lsp.names import EXTERNAL_ROLES, KPI_ROLES, PRODUCT_ROLES, Token

KIND = {
    "product": N_("**product**"),
    "final": N_("**final**"),
    "milestone": N_("**milestone**"),
    "intangible": N_("**intangible**"),
}


def hover(a, position, encoding):
    """The element under the cursor and the findings there, with the range it covers
    (the name, else the finding)."""
    parts = []
    where = None
    line, column = a.lines(encoding).char(position)
    for d in a.findings:
        s = d.span
        inside = (s.line - 1, s.column - 1) <= (line, column) <= (s.end_line - 1, s.end_column - 1)
        if inside:
            parts.append(_finding_doc(d))
            where = where or a.lines(encoding).range(s)
    tok = token_at(a, position, encoding)
    if tok is not None and tok.role in NAME_ROLES:
        about = _element_doc(a, tok)
        if about:
            parts.insert(0, about)
            where = a.lines(encoding).token_range(tok)
    if not parts:
        return None
    return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)), range=where)


def _finding_doc(d) -> str:
    from prep.checks import rules_by_code
    from prep.checks.docs import HEADINGS

    rule = rules_by_code().get(d.code)
    text = f"**{d.code}** {d.severity.value}: {message(d.message)}"
    if d.hint:
        text += "\n\n" + _("hint:") + f" {message(d.hint)}"
    if rule:
        sections = rule.sections
        text += f"\n\n**{rule.code} {rule.name}**: {rule.summary}"
        for title in ("What it does", "Why", "How to fix"):
            if sections.get(title):
                text += f"\n\n*{_(HEADINGS[title])}:* " + " ".join(sections[title].split())
    return text


def _process(a, tok: Token):
    doc = a.document
    if doc is None or not (0 <= tok.process < len(doc.processes)):
        return None
    return doc.processes[tok.process]


def _element_doc(a, tok: Token) -> str | None:
    """What the name at `tok` is."""
    process = _process(a, tok)
    if process is None:
        return None
    if tok.role == "process":
        return _("**process** {name} (stage {stage})", name=code(tok.name), stage=md(str(process.stage)))
    if tok.role == "actor":
        return _actor_doc(process, tok.name)
    roles, _crosses = same_thing(a, tok)
    if roles == KPI_ROLES:
        return _kpi_doc(process, tok.name)
    if roles == EXTERNAL_ROLES:
        return _("**external** process {name}", name=code(tok.name))
    if roles == PRODUCT_ROLES:
        products = [p for p in process.products if p.name == tok.name]
        return "\n\n".join(_product_doc(process, p) for p in products) or None
    return None


def _actor_doc(process, name: str) -> str | None:
    actor = next((x for x in process.actors if x.name == name), None)
    if actor is None:
        return None
    products = ", ".join(code(p.key) for p in actor.products) or _("none")
    return (
        _("**actor** {name} (role {role})", name=code(name), role=md(str(actor.role)))
        + "\n\n"
        + _("products: {products}", products=products)
    )


def _kpi_doc(process, name: str) -> str | None:
    kpi = next((k for k in process.kpis if k.name == name), None)
    if kpi is None:
        return None
    text = f"**kpi** {code(name)}"
    if kpi.for_:
        text += f" for {code(str(kpi.for_))}"
    if kpi.under:
        text += f" under {code(kpi.under.text)}"
    flags = [md(x.name) for x in kpi.attrs]
    return text + (f" \\[{', '.join(flags)}\\]" if flags else "")


def _product_doc(process, p) -> str:
    text = _(KIND.get(p.kind, "**{kind}**"), kind=p.kind) + f" {code(p.key)}"
    if p.params:
        text += "(" + ", ".join(md(x) for x in p.params) + ")"
    text += _(" in actor {actor}", actor=code(p.actor))
    if p.state:
        text += "\n\n" + _("state: {state}", state=code(p.state))
    kpis = [k.name for k in process.kpis if k.for_ and k.for_.name == p.name]
    issues = [i.text for i in process.issues if i.on.name == p.name]
    if kpis:
        text += "\n\n" + _("KPIs: {names}", names=", ".join(code(k) for k in kpis))
    if issues:
        text += "\n\n" + _("issues: {texts}", texts="; ".join(md(i) for i in issues))
    doc = p.attr("doc")
    if doc:
        text += f"\n\n{md(str(doc))}"
    return text
