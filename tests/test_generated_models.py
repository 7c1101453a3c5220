"""Models generated from the grammar itself (hypothesis.extra.lark on grammar/prep.lark):
every one either has errors, which stop a drawing, or is drawn in every format and
turned into a KPI tree without an exception (issue 11). Names come from a small pool
with the awkward ones (markup, quotes, backslashes, right-to-left marks, emoji,
Japanese), so that references resolve and escaping is exercised; separators include
the whitespace that is not a line end."""

from __future__ import annotations

import functools

from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis.extra.lark import from_lark

from prep.checks import all_rules
from prep.checks.runner import CheckOptions, check_file_model, finish
from prep.diagnostics import Severity
from prep.kpi import to_csv, to_json
from prep.kpi.text import to_text as kpi_text
from prep.kpi.tree import derive_all
from prep.render.kpitree import to_dot as kpi_dot, to_mermaid as kpi_mermaid
from prep.notation import words_for
from prep.parser import parse_text
from prep.parser.grammar import grammar_text
from prep.render import render

EVERY_RULE = frozenset(r.code for r in all_rules())
PLAIN = ["A", "B", "製品", "受注", "x_1", "検査・出荷"]
# (invisible formatting characters in a name are a PREP001, docs/language.md "Names":
# the pool holds the joiner emoji need and a full-width space instead)
QUOTED = [
    '"A"',
    '"製品"',
    '"a b"',
    '"<b>&amp;</b>"',
    '"say \\"hi\\""',
    '"back\\\\slash"',
    '"{x}|y;z"',
    '"A\u200dB"',
    '"\U0001d538😀"',
    '"\u3000 x"',
    '"%0A\\n"',
    '"' + "長" * 300 + '"',
    '"-> <-> #"',
]
NAMES = QUOTED + [f'"{n}"' for n in PLAIN] + PLAIN
MEMBERS = ["relation", "kpi", "issue", "subprocess"]
PARAMS = "(" + ", ".join(PLAIN) + ")"
FRAME = (
    "process P {\n  goal G\n  external Out\n"
    '  actor Z {\n    final Done [doc=""]\n'
    + "".join(f"    product {n}<済>{PARAMS}\n" for n in QUOTED[2:])
    + "  }\n  actor 担当 {\n"
    + "".join(f"    milestone {n}<済>{PARAMS}\n" for n in PLAIN)
    + "  }\n  Done -> Out\n  MEMBERS\n}\n"
)
DRAWN = ("svg", "png", "pdf", "dot", "mermaid")
KEYWORDS = [
    "PROCESS",
    "ACTOR",
    "PRODUCT",
    "MILESTONE",
    "FINAL",
    "INTANGIBLE",
    "EXTERNAL",
    "SUBPROCESS",
    "UNTIL",
    "GOAL",
    "KPI",
    "FOR",
    "UNDER",
    "ISSUE",
    "ON",
]


def _terminals(states=("<済>", "<a b>", "<&amp;>", '<"q">')) -> dict:
    names = st.sampled_from(NAMES)
    return {
        "IDENT": st.sampled_from(PLAIN).map(lambda n: f" {n} "),
        "STRING": names.map(lambda n: f" {n} "),
        "BAD_STRING": names,  # keep the models mostly well formed
        "TEXT": st.sampled_from(['"""\n  first line\n  <second> & "third"\n"""', '""""""', '"""x"""']),
        "BAD_TEXT": st.just('"""t"""'),
        "BAD_CHAR": st.just(" "),
        "STATE": st.sampled_from(states),
        "NUMBER": st.sampled_from(["0", "1.5", "-2", "100"]),
        "COMMENT": st.sampled_from(["# c\n", "# prep: ignore\n", "# prep: ignore[PREP204]\n"]),
        "WS": st.sampled_from([" ", "\n", "\r\n", "\r", "\t", "\u3000", "\x0b", "\x0c", "\x1c", "\x85", "\u2028"]),
        **{k: st.just(f" {k.lower()} ") for k in KEYWORDS},
    }


@functools.cache
def _grammar():
    from lark import Lark

    return Lark(grammar_text(), parser="lalr", lexer="basic", start=["start", *MEMBERS])


def _from_grammar(start: str, **choices) -> st.SearchStrategy[str]:
    """from_lark from `start`, with our strategies for the terminals it can reach."""
    from hypothesis.extra.lark import get_terminal_names

    grammar = _grammar()
    terminals, rules, ignored = grammar.grammar.compile([start], ())
    reachable = get_terminal_names(terminals, rules, ignored)
    explicit = {k: v for k, v in _terminals(**choices).items() if k in reachable}
    return from_lark(grammar, start=start, explicit=explicit)


@functools.cache
def models() -> st.SearchStrategy[str]:
    """Whole files from the grammar's start rule (most have errors: the checks are
    exercised), and processes with a fixed frame (a goal, every pool name defined, a
    final product handed to an external) around members drawn from the grammar's
    member rules (most check clean: the drawing is exercised)."""
    whole = _from_grammar("start")
    member = st.one_of(*[_from_grammar(m, states=["<済>"]) for m in MEMBERS])
    framed = st.lists(member, max_size=8).map(lambda ms: FRAME.replace("MEMBERS", "\n  ".join(ms)))
    return st.one_of(whole, framed)


def errors_and_graphs(text: str):
    parsed = parse_text(text, "g.prep")
    result = check_file_model("g.prep", parsed, EVERY_RULE)
    graphs = result.graphs
    finish(result, CheckOptions(EVERY_RULE))
    return [d for d in result.diagnostics if d.severity == Severity.ERROR], graphs, result


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=models())
def test_a_generated_model_has_errors_or_draws_in_every_format(text):
    errors, graphs, result = errors_and_graphs(text)
    for d in result.diagnostics:
        assert d.span.line >= 1 and d.span.column >= 1 and d.message
    if errors or not graphs:
        return
    for fmt in DRAWN:
        data = render(graphs, fmt, timeout=60)
        assert data
    trees = derive_all(graphs) + derive_all(graphs, "products", True)
    kpi_text(trees)
    kpi_dot(trees, words_for(graphs))
    kpi_mermaid(trees, words_for(graphs))
    to_json(trees)
    to_csv(trees)


def test_the_generator_makes_models_that_draw():
    """The strategy is worth its time: a good share of its models check without errors."""
    clean = 0

    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(text=models())
    def count(text):
        nonlocal clean
        errors, graphs, _ = errors_and_graphs(text)
        clean += bool(graphs and not errors)

    count()
    assert clean >= 4
