"""`prep fmt` on generated models (hypothesis), about a thousand in all: models drawn
from the grammar itself (`hypothesis.extra.lark`, 100), models built statement by
statement with odd whitespace and comments (suppressions among them: the findings
must not change) between any two tokens (600), and the
examples with their whitespace shuffled, which must format back to themselves (300)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from prep.fmt import format_text
from prep.parser import parse_text
from prep.parser.grammar import grammar_text, lark_parser
from test_fmt import EXAMPLES, assert_formats_well

SETTINGS = dict(deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
if os.environ.get("PREP_TEST_QUICK"):  # while working: fewer examples, no shrinking
    SETTINGS.update(derandomize=False, phases=[Phase.generate])

IDENTS = ["A", "b_1", "売上", "スタッフ・シフト", "𠮷野家", "x", "Out", "在庫", "_k"]
QUOTED = ['"Weekly plan"', '"a\\"b"', '"100%"', '"product"', '"売上 実績"']
name = st.sampled_from(IDENTS + QUOTED)
state = st.sampled_from(["<s>", "<検査済>", "< ok >", "<in progress>", "<承認済み>"])
number = st.sampled_from(["1", "-2.5", "30"])


@st.composite
def attrs(draw):
    out = ["["]
    for n in range(draw(st.integers(1, 3))):
        if n:
            out.append(",")
        out.append(draw(st.sampled_from(["stage", "role", "touch", "kgi", "doc", "x"])))
        if draw(st.booleans()):
            out += ["=", draw(st.one_of(name, number))]
    return out + ["]"]


def opt(draw, strategy) -> list[str]:
    return draw(strategy) if draw(st.booleans()) else []


@st.composite
def ref(draw):
    out = [draw(name)]
    if draw(st.integers(0, 3)) == 0:
        out.append(draw(state))
    if draw(st.integers(0, 3)) == 0:
        out += [".", draw(name)]
    return out


@st.composite
def refs(draw):
    out = draw(ref())
    for _ in range(draw(st.integers(0, 2))):
        out += [","] + draw(ref())
    return out


@st.composite
def product(draw):
    out = [draw(st.sampled_from(["product", "milestone", "final", "intangible"])), draw(name)]
    if draw(st.booleans()):
        out.append(draw(state))
    if draw(st.booleans()):
        out.append("(")
        for n in range(draw(st.integers(1, 3))):
            out += ([","] if n else []) + [draw(name)]
        out.append(")")
    return out + opt(draw, attrs())


@st.composite
def statement(draw):
    which = draw(st.sampled_from(["goal", "external", "actor", "subprocess", "relation", "relation", "kpi", "issue"]))
    if which == "goal":
        return ["goal", draw(name)]
    if which == "external":
        return ["external", draw(name)] + opt(draw, attrs())
    if which == "actor":
        out = ["actor", draw(name)] + opt(draw, attrs()) + ["{"]
        for _ in range(draw(st.integers(0, 4))):
            out += draw(product())
        return out + ["}"]
    if which == "subprocess":
        out = ["subprocess", draw(name), "until"] + draw(ref())
        if draw(st.booleans()):
            out += ["{"] + draw(refs()) + ["}"]
        return out + opt(draw, attrs())
    if which == "relation":
        out = draw(refs())
        for _ in range(draw(st.integers(1, 3))):
            out += [draw(st.sampled_from(["->", "<->"]))] + draw(refs())
        return out + opt(draw, attrs())
    if which == "kpi":
        out = ["kpi", draw(name)]
        if draw(st.booleans()):
            out += ["for"] + draw(ref())
        if draw(st.booleans()):
            out += ["under", draw(name)]
        return out + opt(draw, attrs())
    return ["issue", draw(name), "on"] + draw(ref()) + opt(draw, attrs())


GAPS = [
    " ",
    " ",
    " ",
    "\n",
    "  ",
    "\t",
    "\u3000",
    "\n\n",
    "\n   \n",
    "  # note\n",
    "\n# own line\n",
    "\n\n  # 日本語のコメント 𠮷\n",
    # suppressions: findings before and after formatting must be the same
    "  # prep: ignore\n",
    "  # prep: ignore[PREP204]\n",
    "  # prep: ignore[PREP211, PREP1]\n",
    "\n  # prep: ignore[PREP2]\n",
]
# Between statements a line break: two names side by side on one line are a
# PREP001 (a name with spaces must be quoted).
BREAKS = [g for g in GAPS if "\n" in g]


@st.composite
def model(draw):
    statements: list[list[str]] = []
    for _ in range(draw(st.integers(1, 2))):
        statements.append(["process", draw(name)] + opt(draw, attrs()) + ["{"])
        for _ in range(draw(st.integers(0, 6))):
            statements.append(draw(statement()))
        statements.append(["}"])
    out = []
    for tokens in statements:
        gaps = draw(st.lists(st.sampled_from(GAPS), min_size=len(tokens) - 1, max_size=len(tokens) - 1))
        out.append("".join(t + g for t, g in zip(tokens, gaps + [""])))
        out.append(draw(st.sampled_from(BREAKS)))
    return "".join(out)


@settings(max_examples=600, **SETTINGS)
@given(model())
def test_generated_models(text):
    assert parse_text(text).ok, text
    assert_formats_well(text)


def _from_grammar():
    from hypothesis.extra.lark import from_lark
    from lark import Lark

    grammar = Lark(grammar_text(), parser="lalr", lexer="basic")
    ident = st.from_regex(r"(?:[^\W\d]|_)[\w・]{0,6}", fullmatch=True)
    string = st.sampled_from(['"x y"', '""', '"a\\"b"', '"品質 100%"', '"#"'])
    return from_lark(
        grammar, start="process", explicit={"IDENT": ident, "BAD_STRING": string, "STRING": string, "STATE": state}
    )


@settings(max_examples=100, **SETTINGS)
@given(_from_grammar())
def test_models_drawn_from_the_grammar(text):
    """Lark's generator puts tokens side by side or eats them into comments, so many
    drawn texts do not parse; those are left out."""
    assume(parse_text(text).ok)
    assert_formats_well(text)


def _shuffled(rnd, text: str) -> str:
    """The text with every run of whitespace replaced by another that reads the same:
    a line break stays a line break (statements and comments end there), a blank
    line stays blank, and a run within a line becomes any whitespace."""
    out = []
    toks = list(lark_parser().lex(text, dont_ignore=True))
    for i, tok in enumerate(toks):
        if tok.type != "WS":
            out.append(str(tok))
            continue
        breaks = tok.count("\n")
        near_comment = (i > 0 and toks[i - 1].type == "COMMENT") or (
            i + 1 < len(toks) and toks[i + 1].type == "COMMENT"
        )
        indent = rnd.choice(["", " ", "    ", "\t", "\u3000"])
        if breaks >= 2:
            out.append("\n\n" + indent)
        elif breaks:
            out.append(rnd.choice(["\n", "\n \n"[:2], "\r\n"]) + indent)
        elif near_comment:
            out.append(" " + indent)
        else:
            out.append(rnd.choice([" ", "\n", "  ", "\n\t ", "\u3000"]))
    return "".join(out)


@settings(max_examples=300, **SETTINGS)
@given(st.sampled_from(EXAMPLES), st.randoms(use_true_random=False))
def test_examples_with_shuffled_whitespace_format_back(path, rnd):
    original = path.read_text(encoding="utf-8")
    text = _shuffled(rnd, original)
    assert format_text(text).text == original
