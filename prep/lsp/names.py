"""What each token of a model is, from lark's token stream (grammar/prep.lark): the
names (a product defined or referred to, an external, an actor, a KPI, a process,
a parameter, an attribute), keywords, strings, comments. One pass, no parse, so
it works on a file with syntax errors too; it feeds go-to-definition, references,
rename, completion and semantic highlighting."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = {"PRODUCT", "MILESTONE", "FINAL", "INTANGIBLE"}
KEYWORDS = KINDS | {"PROCESS", "ACTOR", "EXTERNAL", "SUBPROCESS", "UNTIL", "GOAL", "KPI", "FOR", "UNDER", "ISSUE", "ON"}
NAME_TOKENS = {"IDENT", "STRING", "BAD_STRING"}

# What a name is, by the token before it.
AFTER = {
    "PROCESS": "process",
    "ACTOR": "actor",
    "EXTERNAL": "external",
    "KPI": "kpi",
    "UNDER": "kpi-ref",
    "GOAL": "goal",
    "ISSUE": "issue",
    "SUBPROCESS": "subprocess",
    "DOT": "param-ref",
    "EQUAL": "attr-value",
    "UNTIL": "ref",
    "FOR": "ref",
    "ON": "ref",
    "INPUT": "ref",
    "SYNC": "ref",
}


@dataclass(frozen=True)
class Token:
    """One token: 0-based line, columns in characters (end exclusive), its role."""

    line: int
    column: int
    end: int
    role: str  # see roles() below; for names: product, ref, external, …
    name: str  # the name's text (unquoted) for names, else the token text
    process: int  # index of the process it stands in (-1 outside)
    text: str = ""


def unquoted(text: str) -> str:
    from prep.parser.build import unquote

    return unquote(text) if text.startswith('"') else text


def tokens(text: str) -> list[Token]:
    """Every token of `text` but whitespace, with its role."""
    from prep.parser.grammar import lark_parser

    out: list[Token] = []
    depth = 0
    process = -1
    prev = None  # type of the previous significant token
    bracket = None  # "attrs", "params" or "members" while inside one
    for tok in lark_parser().lex(text, dont_ignore=True):
        kind = tok.type
        if kind == "WS":
            continue
        if kind == "COMMENT":
            out.append(_token(tok, "comment", str(tok), process))
            continue
        role = _role(kind, prev, bracket)
        if kind == "PROCESS" and depth == 0:
            process += 1
        if kind in ("LBRACE",):
            if prev is not None and bracket is None and _members_next(out):
                bracket = "members"
            else:
                depth += 1
        elif kind == "RBRACE":
            if bracket == "members":
                bracket = None
            else:
                depth = max(depth - 1, 0)
        elif kind == "LSQB":
            bracket = "attrs"
        elif kind == "RSQB":
            bracket = None
        elif kind == "LPAR":
            bracket = "params"
        elif kind == "RPAR":
            bracket = None
        name = unquoted(str(tok)) if kind in NAME_TOKENS else str(tok)
        out.append(_token(tok, role, name, process))
        prev = kind
    return out


def _members_next(out: list[Token]) -> bool:
    """A `{` after `subprocess NAME until REF` opens its members, not a block."""
    for t in reversed(out):
        if t.role == "comment":
            continue
        if t.role in ("keyword",) and t.name in ("process", "actor"):
            return False
        if t.role == "keyword" and t.name == "subprocess":
            return True
        if t.role == "punct" and t.name in ("{", "}"):
            return False
    return False


def _role(kind: str, prev: str | None, bracket: str | None) -> str:
    if kind in KEYWORDS:
        return "keyword"
    if kind in NAME_TOKENS:
        if bracket == "attrs":
            return "attr-value" if prev == "EQUAL" else "attr"
        if bracket == "params":
            return "param"
        if prev in KINDS:
            return "product"
        if prev in AFTER:
            return AFTER[prev]
        return "ref"  # a relation's side, a subprocess member, after `,`
    if kind == "STATE":
        return "state"
    if kind == "NUMBER":
        return "number"
    if kind in ("INPUT", "SYNC"):
        return "operator"
    if kind in ("BAD_CHAR",):
        return "error"
    return "punct"


def _token(tok, role: str, name: str, process: int) -> Token:
    return Token(tok.line - 1, tok.column - 1, tok.column - 1 + len(str(tok)), role, name, process, str(tok))


def at(toks: list[Token], line: int, column: int) -> Token | None:
    """The token under (0-based line, character column), or just before it."""
    for t in toks:
        if t.line == line and t.column <= column <= t.end:
            if t.column == column or column < t.end or t.role not in ("punct",):
                return t
    return None


# Which roles name the same thing, for definition, references and rename.
PRODUCT_ROLES = {"product", "ref"}
EXTERNAL_ROLES = {"external", "ref"}
KPI_ROLES = {"kpi", "kpi-ref"}
