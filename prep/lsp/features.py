"""The answers to the editor's requests, from one file's analysis (and the workspace
for names that cross files: an external is another file's process)."""

from __future__ import annotations

from lsprotocol import types as t

from prep.lsp.names import EXTERNAL_ROLES, KPI_ROLES, PRODUCT_ROLES, Token
from prep.i18n import _

NAME_ROLES = {"product", "ref", "external", "process", "actor", "kpi", "kpi-ref", "subprocess", "param", "param-ref"}


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
    if tok.role in ("external",) or (
        tok.role == "ref" and tok.name in externals_of(a, tok.process) and not _is_product(a, tok)
    ):
        return EXTERNAL_ROLES, True
    if tok.role in PRODUCT_ROLES:
        return PRODUCT_ROLES, False
    return {tok.role}, False


def _is_product(a, tok: Token) -> bool:
    return any(x.role == "product" and x.name == tok.name and x.process == tok.process for x in a.tokens)


def occurrences(workspace, a, tok: Token) -> list[tuple[object, Token]]:
    """Every (analysis, token) that names the same thing as `tok`."""
    roles, crosses = same_thing(a, tok)
    if not crosses:
        return [(a, x) for x in a.tokens if x.process == tok.process and x.name == tok.name and x.role in roles]
    out = []
    for other in workspace.everything():
        declared = {x.process for x in other.tokens if x.role == "external" and x.name == tok.name}
        for x in other.tokens:
            if x.name != tok.name:
                continue
            if x.role == "process" or (
                x.role in EXTERNAL_ROLES and x.process in declared and not _is_product(other, x)
            ):
                out.append((other, x))
    return out


def location(a, tok: Token, encoding: str) -> t.Location:
    return t.Location(uri=a.uri, range=a.lines(encoding).token_range(tok))


def definition(workspace, a, position, encoding):
    tok = token_at(a, position, encoding)
    if tok is None or tok.role not in NAME_ROLES:
        return None
    found = occurrences(workspace, a, tok)
    wanted = {
        "ref": ("product", "external"),
        "kpi-ref": ("kpi",),
        "external": ("process",),
        "product": ("product",),
        "kpi": ("kpi",),
        "process": ("process",),
    }
    for role in wanted.get(tok.role, ()):
        here = [
            (o, x) for o, x in found if x.role == role and (role == "process" or (o is a and x.process == tok.process))
        ]
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
    return [
        location(o, x, encoding)
        for o, x in occurrences(workspace, a, tok)
        if include_declaration or x.role not in declarations
    ]


RENAMABLE = {"product", "ref", "external", "process", "kpi", "kpi-ref", "actor", "subprocess"}


def prepare_rename(a, position, encoding):
    tok = token_at(a, position, encoding)
    if tok is None or tok.role not in RENAMABLE:
        return None
    return t.PrepareRenamePlaceholder(range=a.lines(encoding).token_range(tok), placeholder=tok.name)


class RenameRefused(Exception):
    """The new name cannot be used; the message says why (the editor shows it)."""


def rename(workspace, a, position, new_name: str, encoding):
    import unicodedata

    from prep.model import written_name as written

    tok = token_at(a, position, encoding)
    if tok is None or tok.role not in RENAMABLE:
        return None
    name = unicodedata.normalize("NFC", new_name.strip())  # as the parser reads it
    why = rename_problem(a, tok, name, workspace)
    if why:
        raise RenameRefused(why)
    text = written(name)
    changes: dict[str, list[t.TextEdit]] = {}
    for o, x in occurrences(workspace, a, tok):
        changes.setdefault(o.uri, []).append(t.TextEdit(range=o.lines(encoding).token_range(x), new_text=text))
    return t.WorkspaceEdit(changes=changes)


def rename_problem(a, tok: Token, name: str, workspace=None) -> str | None:
    """Why `name` cannot replace `tok`'s name, or None: it must be a valid name (one
    line, no control or invisible characters, not too long: as the parser says) and
    must not be the name of another element of the process, nor of another process
    when the name crosses files (that would merge them)."""
    from prep.parser.texts import problem

    if not name:
        return _("cannot rename: the new name is empty")
    found = problem(name)
    if found is not None:
        return _("cannot rename: {why}", why=found[0])
    if name == tok.name:
        return None
    _roles, crosses = same_thing(a, tok)
    if crosses and name in _process_names(workspace, a):
        return _("cannot rename: a process `{name}` already exists; renaming would merge two processes", name=name)
    if tok.role == "process" and name not in externals_of(a, tok.process):
        return None  # (the process would be its own external)
    taken = {x.name for x in a.tokens if x.process == tok.process and x.role in NAME_ROLES - {"param", "param-ref"}}
    declared = any(
        x.name == tok.name and x.process == tok.process and x.role not in ("ref", "kpi-ref") for x in a.tokens
    )
    if name in taken and (declared or tok.role == "process"):  # an undefined reference may be renamed to a name
        return _(
            "cannot rename: `{name}` is already a name in this process; renaming would merge two elements", name=name
        )
    return None


def _process_names(workspace, a) -> set[str]:
    """The names of the processes of this file and, with a workspace, of every file."""
    files = workspace.everything() if workspace is not None else [a]
    return {x.name for f in files + [a] for x in f.tokens if x.role == "process"}


# Outline, highlighting, fixes, formatting ------------------------------------


def symbols(a, encoding):
    doc = a.document
    if doc is None:
        return []
    lines = a.lines(encoding)
    K = t.SymbolKind

    def sym(name, kind, span, sel, children=None, detail=None):
        return t.DocumentSymbol(
            name=name or "?",
            kind=kind,
            range=lines.range(span),
            selection_range=lines.range(sel),
            detail=detail,
            children=children or None,
        )

    out = []
    for p in doc.processes:
        children = []
        for actor in p.actors:
            products = [sym(x.key, K.Variable, x.span, x.name_span, detail=x.kind) for x in actor.products]
            children.append(sym(actor.name, K.Class, actor.span, actor.name_span, products, detail="actor"))
        children += [sym(x.name, K.Interface, x.span, x.span, detail="external") for x in p.externals]
        children += [sym(x.name, K.Function, x.span, x.span, detail="subprocess") for x in p.subprocesses]
        children += [sym(x.name, K.Event, x.span, x.span, detail="kpi") for x in p.kpis]
        out.append(sym(p.name, K.Namespace, p.span, p.header_span, children, detail=f"process ({p.stage})"))
    return out


SEMANTIC = {
    "keyword": ("keyword", False),
    "process": ("namespace", True),
    "actor": ("class", True),
    "product": ("variable", True),
    "ref": ("variable", False),
    "external": ("interface", True),
    "kpi": ("event", True),
    "kpi-ref": ("event", False),
    "subprocess": ("function", True),
    "param": ("parameter", True),
    "param-ref": ("parameter", False),
    "attr": ("property", False),
    "attr-value": ("enumMember", False),
    "goal": ("string", False),
    "issue": ("string", False),
    "state": ("type", False),
    "number": ("number", False),
    "comment": ("comment", False),
    "operator": ("operator", False),
}


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
            if tok.process not in externals:  # once per process: linear
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
        if (r.end.line, r.end.character) < (rng.start.line, rng.start.character) or (
            r.start.line,
            r.start.character,
        ) > (rng.end.line, rng.end.character):
            continue
        edits = [t.TextEdit(range=lines.range(e.span), new_text=e.text) for e in d.fix.edits]
        title = d.fix.message + ("" if d.fix.safe else _(" (unsafe)"))
        actions.append(
            t.CodeAction(
                title=title,
                kind=t.CodeActionKind.QuickFix,
                diagnostics=[to_diagnostic(d)],
                is_preferred=d.fix.safe,
                edit=t.WorkspaceEdit(changes={a.uri: edits}),
            )
        )
    return actions


def formatting(a, encoding):
    from prep.fmt import format_text

    from prep.fmt import with_ending
    from prep.parser.lines import ending

    result = format_text(a.text, a.path)
    if not result.ok:
        return None
    new_text = with_ending(result.text, ending(a.text))  # the document's line end kept
    if new_text == a.text:
        return []
    lines = a.lines(encoding)
    last = len(lines.lines) - 1
    end = lines.position(last, len(lines.line(last)))
    return [t.TextEdit(range=t.Range(start=t.Position(line=0, character=0), end=end), new_text=new_text)]
