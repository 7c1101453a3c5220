"""prep's lexer gives the very tokens lark's basic lexer gives for the grammar
(whitespace left out): type, text, offsets, lines and columns."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SHARED
from prep.parser.grammar import lark_parser
from prep.parser.lexer import fast_lexer
from prep.parser.lines import normalize

FILES = (
    sorted((ROOT / "examples").rglob("*.prep"))
    + sorted((SHARED / "conformance" / "cases").glob("*.prep"))
    + sorted((ROOT / "tests").rglob("*.prep"))
)


def key(tok):
    return (
        tok.type,
        str(tok),
        tok.value,
        tok.start_pos,
        tok.line,
        tok.column,
        tok.end_line,
        tok.end_column,
        tok.end_pos,
    )


def both(text: str):
    parser = lark_parser()
    theirs = [key(t) for t in parser.lex(text, dont_ignore=True) if t.type != "WS"]
    ours = [key(t) for t in fast_lexer(parser).lex(text)]
    return theirs, ours


def test_lexer_copies_lark_setup():
    lexer = fast_lexer(lark_parser())
    assert lexer.usable
    assert lexer.keywords["IDENT"]["process"] == "PROCESS"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_same_tokens_as_lark_on_files(path):
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    theirs, ours = both(normalize(unicodedata.normalize("NFC", text)))
    assert ours == theirs


PIECES = [
    "process",
    "actor",
    "product",
    "final",
    "external",
    "kpi",
    "for",
    "issue",
    "on",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ",",
    ".",
    "=",
    "->",
    "<->",
    "<",
    ">",
    "<確定>",
    "-",
    '"',
    '"""',
    "\\",
    "\n",
    "\r\n",
    " ",
    "\t",
    "\u3000",
    "#",
    "# prep: ignore",
    "名前",
    "x1",
    "_a",
    "1.5",
    "-3",
    "・",
    "é",
    "\u2028",
    "\x00",
    "\x1b",
    "\ufeff",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=40))
def test_same_tokens_as_lark_on_any_text(pieces):
    text = normalize("".join(pieces))
    theirs, ours = both(text)
    assert ours == theirs


def test_the_parse_table_is_built_once_not_per_parse():
    """lark makes a new configuration for every parse; the quick table is keyed by the
    shared table and callbacks, so a long-running server (prep serve, prep lsp) keeps one."""
    from prep.parser import parse_text
    from prep.parser import lalr

    parse_text("process P {\n}\n", "a.prep")
    before = dict(lalr._tables)
    for i in range(5):
        parse_text(f"process P{i} {{\n  goal G\n}}\n", "a.prep")
    assert len(lalr._tables) == len(before) == 1
