"""The answers to the editor's requests, from one file's analysis (and the workspace
for names that cross files: an external is another file's process)."""

from __future__ import annotations

from lsprotocol import types as t

from prep.lsp.names import EXTERNAL_ROLES, KPI_ROLES, PRODUCT_ROLES, Token
from prep.i18n import N_, _
from prep.lsp.markdown import code, message, text as md

NAME_ROLES = {"product", "ref", "external", "process", "actor", "kpi", "kpi-ref",
              "subprocess", "param", "param-ref"}
ATTRIBUTES = {"stage": ["asis", "tobe"], "role": ["customer", "csm", "service", "vendor"],
              "touch": ["high", "low", "tech"], "supplemented": [], "service": [],
              "kgi": [], "doc": []}
STATEMENTS = ["goal", "external", "actor", "subprocess", "kpi", "issue"]
KINDS = ["product", "milestone", "final", "intangible"]


def token_at(a, position: t.Position, encoding: str) -> Token | None:
    line, column = a.lines(encoding).char(position)
    best = None
    for tok in a.tokens:
        if tok.line == line and tok.column <= column <= tok.end:
            if tok.role in NAME_ROLES:
                return tok
            best = best or tok
        elif tok.line > line:
            break
    return best


def externals_of(a, process: int) -> set[str]:
    return {x.name for x in a.tokens if x.process == process and x.role == "external"}


def same_thing(a, tok: Token) -> tuple[set[str], bool]:
    """The roles that name what `tok` names, and whether it is a process (crosses files)."""
    if tok.role == "process":
        return {"process"}, True
    if tok.role in KPI_ROLES:
        return KPI_ROLES, False
    if tok.role in ("external",) or (tok.role == "ref" and tok.name in externals_of(a, tok.process)
                                     and not _is_product(a, tok)):
        return EXTERNAL_ROLES, True
    if tok.role in PRODUCT_ROLES:
        return PRODUCT_ROLES, False
    return {tok.role}, False


def _is_product(a, tok: Token) -> bool:
    return any(x.role == "product" and x.name == tok.name and x.process == tok.process
               for x in a.tokens)


def occurrences(workspace, a, tok: Token) -> list[tuple[object, Token]]:
    """Every (analysis, token) that names the same thing as `tok`."""
    roles, crosses = same_thing(a, tok)
    if not crosses:
        return [(a, x) for x in a.tokens
                if x.process == tok.process and x.name == tok.name and x.role in roles]
    out = []
    for other in workspace.everything():
        declared = {x.process for x in other.tokens if x.role == "external" and x.name == tok.name}
        for x in other.tokens:
            if x.name != tok.name:
                continue
            if x.role == "process" or (x.role in EXTERNAL_ROLES and x.process in declared
                                       and not _is_product(other, x)):
                out.append((other, x))
    return out


def location(a, tok: Token, encoding: str) -> t.Location:
    return t.Location(uri=a.uri, range=a.lines(encoding).token_range(tok))


def definition(workspace, a, position, encoding):
    tok = token_at(a, position, encoding)
    if tok is None or tok.role not in NAME_ROLES:
        return None
    found = occurrences(workspace, a, tok)
    wanted = {"ref": ("product", "external"), "kpi-ref": ("kpi",), "external": ("process",),
              "product": ("product",), "kpi": ("kpi",), "process": ("process",)}
    for role in wanted.get(tok.role, ()):
        here = [(o, x) for o, x in found if x.role == role
                and (role == "process" or (o is a and x.process == tok.process))]
        if role == "external" and tok.role == "ref":
            # an external's definition: its declaration here
            here = [(o, x) for o, x in here if o is a]
        if here:
            return [location(o, x, encoding) for o, x in here]
    return None


def references(workspace, a, position, encoding, include_declaration: bool):
    tok = token_at(a, position, encoding)
    if tok is None or tok.role not in NAME_ROLES:
        return None
    declarations = {"product", "external", "kpi", "process"}
    return [location(o, x, encoding) for o, x in occurrences(workspace, a, tok)
            if include_declaration or x.role not in declarations]


RENAMABLE = {"product", "ref", "external", "process", "kpi", "kpi-ref", "actor", "subprocess"}


def prepare_rename(a, position, encoding):
    tok = token_at(a, position, encoding)
    if tok is None or tok.role not in RENAMABLE:
        return None
    return t.PrepareRenamePlaceholder(range=a.lines(encoding).token_range(tok),
                                      placeholder=tok.name)


class RenameRefused(Exception):
    """The new name cannot be used; the message says why (the editor shows it)."""


def rename(workspace, a, position, new_name: str, encoding):
    from prep.model import written_name as written

    tok = token_at(a, position, encoding)
    if tok is None or tok.role not in RENAMABLE:
        return None
    name = new_name.strip()
    why = rename_problem(a, tok, name)
    if why:
        raise RenameRefused(why)
    text = written(name)
    changes: dict[str, list[t.TextEdit]] = {}
    for o, x in occurrences(workspace, a, tok):
        changes.setdefault(o.uri, []).append(
            t.TextEdit(range=o.lines(encoding).token_range(x), new_text=text))
    return t.WorkspaceEdit(changes=changes)


def rename_problem(a, tok: Token, name: str) -> str | None:
    """Why `name` cannot replace `tok`'s name, or None: it must be a valid name (one
    line, no control or invisible characters, not too long: as the parser says) and
    must not be the name of another element of the process (that would merge them)."""
    from prep.parser.texts import problem

    if not name:
        return "the new name is empty"
    found = problem(name)
    if found is not None:
        return "cannot rename: " + found[0]
    if name == tok.name:
        return None
    taken = {x.name for x in a.tokens if x.process == tok.process and x.role in
             NAME_ROLES - {"param", "param-ref"}}
    if tok.role == "process":
        taken = {x.name for x in a.tokens if x.role == "process"}
    declared = any(x.name == tok.name and x.process == tok.process and x.role not in
                   ("ref", "kpi-ref") for x in a.tokens)
    if name in taken and declared:     # an undefined reference may be renamed to a name
        return (f"cannot rename: `{name}` is already a name in this process; renaming "
                "would merge two elements")
    return None


# Hover ------------------------------------------------------------------------

def hover(a, position, encoding):
    """Markdown: the element under the cursor and the findings there, with the range it
    covers (the name, else the finding); every text that comes from the model or a
    finding is escaped (prep.lsp.markdown)."""
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
    return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown,
                                            value="\n\n---\n\n".join(parts)), range=where)


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


KIND = {"product": N_("**product**"), "final": N_("**final**"),
        "milestone": N_("**milestone**"), "intangible": N_("**intangible**")}


def _element_doc(a, tok: Token) -> str | None:
    """What the name at `tok` is; every text of the model in it escaped (lsp.markdown)."""
    process = _process(a, tok)
    if process is None:
        return None
    roles, _is_process = same_thing(a, tok)
    name = tok.name
    if tok.role == "process":
        return _("**process** {name} (stage {stage})", name=code(name), stage=md(str(process.stage)))
    if tok.role == "actor":
        actor = next((x for x in process.actors if x.name == name), None)
        if actor:
            products = ", ".join(code(p.key) for p in actor.products) or _("none")
            return (_("**actor** {name} (role {role})", name=code(name), role=md(str(actor.role)))
                    + "\n\n" + _("products: {products}", products=products))
    if roles == KPI_ROLES:
        kpi = next((k for k in process.kpis if k.name == name), None)
        if kpi:
            text = f"**kpi** {code(name)}"
            if kpi.for_:
                text += f" for {code(str(kpi.for_))}"
            if kpi.under:
                text += f" under {code(kpi.under.text)}"
            flags = [md(x.name) for x in kpi.attrs]
            return text + (f" \\[{', '.join(flags)}\\]" if flags else "")
    if roles == EXTERNAL_ROLES:
        return _("**external** process {name}", name=code(name))
    if roles == PRODUCT_ROLES:
        products = [p for p in process.products if p.name == name]
        if not products:
            return None
        out = []
        for p in products:
            text = _(KIND.get(p.kind, "**{kind}**"), kind=p.kind) + f" {code(p.key)}"
            if p.params:
                text += "(" + ", ".join(md(x) for x in p.params) + ")"
            text += _(" in actor {actor}", actor=code(p.actor))
            if p.state:
                text += "\n\n" + _("state: {state}", state=code(p.state))
            kpis = [k.name for k in process.kpis if k.for_ and k.for_.name == name]
            issues = [i.text for i in process.issues if i.on.name == name]
            if kpis:
                text += "\n\n" + _("KPIs: {names}", names=", ".join(code(k) for k in kpis))
            if issues:
                text += "\n\n" + _("issues: {texts}", texts="; ".join(md(i) for i in issues))
            doc = p.attr("doc")
            if doc:
                text += f"\n\n{md(str(doc))}"
            out.append(text)
        return "\n\n".join(out)
    return None


# Completion -------------------------------------------------------------------

def completion(a, position, encoding):
    line, column = a.lines(encoding).char(position)
    before = [x for x in a.tokens if (x.line, x.end) <= (line, column) and x.role != "comment"]
    prev = before[-1] if before else None
    if prev is not None and (prev.line, prev.end) == (line, column) and prev.role in NAME_ROLES | {
            "keyword", "attr", "attr-value"}:
        before.pop()      # the word being typed
        prev = before[-1] if before else None
    items: list[t.CompletionItem] = []
    attrs = _open_attrs(before)
    if attrs is not None:
        if prev is not None and prev.text == "=":
            key = before[-2].name if len(before) > 1 else ""
            items = [_item(v, t.CompletionItemKind.EnumMember, f"{key}={v}")
                     for v in ATTRIBUTES.get(key, [])]
        else:
            items = [_item(k, t.CompletionItemKind.Property, "attribute") for k in ATTRIBUTES]
        return t.CompletionList(is_incomplete=False, items=items)
    process = prev.process if prev is not None else -1
    in_scope = [x for x in a.tokens if x.process == process]
    if prev is not None and prev.text == "under":
        own = _own_kpi(before)      # `kpi 新KPI … under`: not under itself
        kpis = sorted({x.name for x in in_scope if x.role == "kpi"} - {own})
        return t.CompletionList(is_incomplete=False,
                                items=[_item(k, t.CompletionItemKind.Event, "KPI") for k in kpis])
    if prev is not None and prev.role == "keyword" and prev.text in KINDS + [
            "process", "actor", "external", "goal", "kpi", "issue", "subprocess"]:
        return t.CompletionList(is_incomplete=False, items=[])   # a new name: nothing to offer
    from prep.model import written_name as written

    products = sorted({x.name for x in in_scope if x.role == "product"})
    externals = sorted({x.name for x in in_scope if x.role == "external"})
    items = [_item(written(p), t.CompletionItemKind.Variable, "product", p) for p in products]
    items += [_item(written(e), t.CompletionItemKind.Interface, "external process", e)
              for e in externals]
    if prev is not None and prev.text in NAMES_ONLY_AFTER:
        return t.CompletionList(is_incomplete=False, items=items)   # a name, no keyword
    depth_actor = _inside_actor(before)
    keywords = KINDS if depth_actor else STATEMENTS + ["for", "under", "until", "on"]
    if process < 0:
        keywords = ["process"]
    items += [_item(k, t.CompletionItemKind.Keyword, "keyword") for k in keywords]
    return t.CompletionList(is_incomplete=False, items=items)


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
    return t.CompletionItem(label=label or text, kind=kind, detail=detail,
                            insert_text=text if label and label != text else None)


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


# Outline, highlighting, fixes, formatting ------------------------------------

def symbols(a, encoding):
    doc = a.document
    if doc is None:
        return []
    lines = a.lines(encoding)
    K = t.SymbolKind

    def sym(name, kind, span, sel, children=None, detail=None):
        return t.DocumentSymbol(name=name or "?", kind=kind, range=lines.range(span),
                                selection_range=lines.range(sel), detail=detail,
                                children=children or None)

    out = []
    for p in doc.processes:
        children = []
        for actor in p.actors:
            products = [sym(x.key, K.Variable, x.span, x.name_span, detail=x.kind)
                        for x in actor.products]
            children.append(sym(actor.name, K.Class, actor.span, actor.name_span, products,
                                detail="actor"))
        children += [sym(x.name, K.Interface, x.span, x.span, detail="external")
                     for x in p.externals]
        children += [sym(x.name, K.Function, x.span, x.span, detail="subprocess")
                     for x in p.subprocesses]
        children += [sym(x.name, K.Event, x.span, x.span, detail="kpi") for x in p.kpis]
        out.append(sym(p.name, K.Namespace, p.span, p.header_span, children,
                       detail=f"process ({p.stage})"))
    return out


SEMANTIC = {"keyword": ("keyword", False), "process": ("namespace", True),
            "actor": ("class", True), "product": ("variable", True), "ref": ("variable", False),
            "external": ("interface", True), "kpi": ("event", True), "kpi-ref": ("event", False),
            "subprocess": ("function", True), "param": ("parameter", True),
            "param-ref": ("parameter", False), "attr": ("property", False),
            "attr-value": ("enumMember", False), "goal": ("string", False),
            "issue": ("string", False), "state": ("type", False), "number": ("number", False),
            "comment": ("comment", False), "operator": ("operator", False)}


def semantic_tokens(a, encoding, types_: list[str]) -> list[int]:
    lines = a.lines(encoding)
    data: list[int] = []
    last_line = last_start = 0
    externals: dict[int, set[str]] = {}
    for tok in a.tokens:
        found = SEMANTIC.get(tok.role)
        if found is None:
            continue
        kind, declaration = found
        if tok.role == "ref":
            if tok.process not in externals:         # once per process: linear
                externals[tok.process] = externals_of(a, tok.process)
            if tok.name in externals[tok.process]:
                kind = "interface"
        start = lines.position(tok.line, tok.column).character
        length = lines.position(tok.line, tok.end).character - start
        delta_line = tok.line - last_line
        delta_start = start - last_start if delta_line == 0 else start
        data += [delta_line, delta_start, length, types_.index(kind), 1 if declaration else 0]
        last_line, last_start = tok.line, start
    return data


def code_actions(a, rng: t.Range, encoding, to_diagnostic):
    lines = a.lines(encoding)
    actions = []
    for d in a.findings:
        if d.fix is None or not d.fix.edits:
            continue
        r = lines.range(d.span)
        if (r.end.line, r.end.character) < (rng.start.line, rng.start.character) or \
                (r.start.line, r.start.character) > (rng.end.line, rng.end.character):
            continue
        edits = [t.TextEdit(range=lines.range(e.span), new_text=e.text) for e in d.fix.edits]
        title = d.fix.message + ("" if d.fix.safe else _(" (unsafe)"))
        actions.append(t.CodeAction(title=title, kind=t.CodeActionKind.QuickFix,
                                    diagnostics=[to_diagnostic(d)], is_preferred=d.fix.safe,
                                    edit=t.WorkspaceEdit(changes={a.uri: edits})))
    return actions


def formatting(a, encoding):
    from prep.fmt import format_text

    from prep.fmt import with_ending
    from prep.parser.lines import ending

    result = format_text(a.text, a.path)
    if not result.ok:
        return None
    new_text = with_ending(result.text, ending(a.text))   # the document's line end kept
    if new_text == a.text:
        return []
    lines = a.lines(encoding)
    last = len(lines.lines) - 1
    end = lines.position(last, len(lines.line(last)))
    return [t.TextEdit(range=t.Range(start=t.Position(line=0, character=0), end=end),
                       new_text=new_text)]
