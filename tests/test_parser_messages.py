"""PREP001 for the slips a consultant makes: where, what and how to fix, in the
user's words; one finding per mistake; a fix where the mend is certain."""

from __future__ import annotations

import pytest

from prep.parser import parse_text

HEAD = """\
process 外来 {
  goal 待ち時間短縮
  external 患者
  actor 医師 {
    product 診察記録(症状, 所見)
    final   処方箋
  }
"""
FLOW = "  患者 -> 診察記録 -> 処方箋 -> 患者\n"
ARROWS = "PReP has two arrows: `A -> B` (A is input into B) and `A <-> B` (A and B are determined together)"


def findings(text: str):
    return parse_text(text, "m.prep").diagnostics


def one(text: str):
    found = findings(text)
    assert len(found) == 1, [(d.span.line, d.message) for d in found]
    d = found[0]
    assert d.code == "PREP001"
    return d


def where(d):
    s = d.span
    return (s.line, s.column, s.end_line, s.end_column)


def edits(d):
    """The fix as (line, column, end_line, end_column, text) edits, and whether it is safe."""
    assert d.fix is not None
    return [(e.span.line, e.span.column, e.span.end_line, e.span.end_column, e.text) for e in d.fix.edits], d.fix.safe


def one_safe_fix(text: str, column: int, length: int, meant: str):
    """The one finding of `text`, on line 9 from `column`, `length` characters long, whose
    safe fix writes `meant` there."""
    d = one(text)
    assert where(d) == (9, column, 9, column + length)
    assert edits(d) == ([(9, column, 9, column + length, meant)], True)
    return d


def mended(text: str, d) -> str:
    """`text` with the fix applied (one edit per line in these tests)."""
    lines = text.split("\n")
    for e in d.fix.edits:
        s = e.span
        line = lines[s.line - 1]
        lines[s.line - 1] = line[: s.column - 1] + e.text + line[s.end_column - 1 :]
    return "\n".join(lines)


# another notation's arrow, the PReP arrow meant, and what the message says of it
MEANT = {"-->": "->", "=>": "->", "==>": "->", "<=>": "<->", "<-->": "<->", "<>": "<->"}
ADVICE = {"->": "write `->` for an input relation", "<->": "write `<->` for a sync relation"}


@pytest.mark.parametrize("written, meant", MEANT.items())
def test_other_notations_arrows_name_the_prep_arrow(written, meant):
    text = HEAD + FLOW + f"  診察記録 {written} 処方箋\n}}\n"
    d = one_safe_fix(text, 8, len(written), meant)
    assert (d.message, d.hint) == (f"`{written}` is not a PReP arrow: {ADVICE[meant]}", ARROWS)
    assert findings(mended(text, d)) == []


def test_a_left_arrow_says_relations_run_left_to_right():
    d = one(HEAD + FLOW + "  診察記録 <- 患者\n}\n")
    assert where(d) == (9, 8, 9, 10)
    assert d.message == ("`<-` is not a PReP arrow: relations run left to right; write `患者 -> 診察記録`")
    assert d.hint == ARROWS and d.fix is None


def test_a_trailing_semicolon_is_one_finding_per_semicolon():
    text = HEAD + "  患者 -> 診察記録;\n  診察記録 -> 処方箋 -> 患者;\n}\n"
    found = findings(text)
    assert [(d.span.line, d.span.column, d.message, d.hint) for d in found] == [
        (8, 13, "`;` is not needed: a statement ends by itself", "remove the `;`; write one statement per line"),
        (9, 20, "`;` is not needed: a statement ends by itself", "remove the `;`; write one statement per line"),
    ]
    assert edits(found[0]) == ([(8, 13, 8, 14, "")], True)


@pytest.mark.parametrize(
    "word, keyword, message, hint",
    [
        ("KPI", "kpi", "`KPI` is not a keyword: keywords are lower case", "write `kpi`"),
        ("Kpi", "kpi", "`Kpi` is not a keyword: keywords are lower case", "write `kpi`"),
        ("kpis", "kpi", "`kpis` is not a keyword", "did you mean the keyword `kpi`?"),
    ],
)
def test_a_wrongly_cased_kpi_gets_the_keyword(word, keyword, message, hint):
    text = HEAD + FLOW + f"  {word} 算定漏れ率 for 処方箋\n}}\n"
    d = one_safe_fix(text, 3, len(word), keyword)
    assert (d.message, d.hint) == (message, hint)
    assert findings(mended(text, d)) == []


@pytest.mark.parametrize(
    "line, keyword",
    [
        ("  gaol 満足度", "goal"),
        ("  extrenal 薬局", "external"),
        ('  isue "待ちが長い" on 診察記録', "issue"),
        ("  isue 待ちが長い on 診察記録", "issue"),
        ("  Goal 満足度", "goal"),
        ("  ACTOR 受付 {\n    product 受付票\n  }", "actor"),
    ],
)
def test_a_misspelt_keyword_is_pointed_at_itself(line, keyword):
    text = HEAD + FLOW + line + "\n}\n"
    d = one_safe_fix(text, 3, len(line.split()[0]), keyword)
    assert d.hint in (f"did you mean the keyword `{keyword}`?", f"write `{keyword}`")


def test_a_misspelt_actor_keyword_is_one_finding_and_its_block_is_read():
    text = (
        "process 外来 {\n  goal 待ち時間短縮\n  external 患者\n  acter 医師 {\n"
        "    product 診察記録\n    final   処方箋\n  }\n" + FLOW + "}\n"
    )
    d = one(text)
    assert (where(d), d.message, d.hint) == (
        (4, 3, 4, 8),
        "`acter` is not a keyword",
        "did you mean the keyword `actor`?",
    )
    assert findings(mended(text, d)) == []


def test_misspelt_product_kinds_and_process():
    d = one(HEAD.replace("    product 診察記録", "    Prodcut 診察記録") + FLOW + "}\n")
    assert (where(d), d.message, d.hint) == (
        (5, 5, 5, 12),
        "`Prodcut` is not a keyword",
        "did you mean the keyword `product`?",
    )
    d = one(HEAD.replace("process", "Process") + FLOW + "}\n")
    assert (where(d), d.message, d.hint) == (
        (1, 1, 1, 8),
        "`Process` is not a keyword: keywords are lower case",
        "write `process`",
    )


def test_words_with_a_space_in_a_relation_are_quoted_by_an_unsafe_fix():
    """`A B -> C` may be one name with a space, or two with a `,` missing: a guess."""
    name = "院外 処方箋"
    d = one(HEAD + f"  患者 -> 診察記録 -> {name} -> 患者\n}}\n")
    assert where(d) == (8, 17, 8, 23)
    assert d.message == f"`{name}` is read as two names: a name with a space is written in double quotes"
    assert d.hint == f'write `"{name}"` for one name with a space, or `院外, 処方箋` for two names'
    assert edits(d) == ([(8, 17, 8, 23, f'"{name}"')], False)


def test_words_with_a_space_in_a_definition_are_quoted_by_a_safe_fix():
    d = one(HEAD.replace("final   処方箋", "final   院外 処方箋") + FLOW + "}\n")
    assert (d.message, d.hint) == (
        "`院外 処方箋` is read as two names: a name with a space is written in double quotes",
        'write `"院外 処方箋"`',
    )
    assert edits(d) == ([(6, 13, 6, 19, '"院外 処方箋"')], True)


def test_a_full_width_space_inside_a_name_is_a_slip():
    name = "院外\u3000処方箋"
    d = one(HEAD + f"  患者 -> 診察記録 -> {name} -> 患者\n}}\n")
    assert (d.message, d.hint) == (
        f"`{name}` has a full-width space inside: a name has no space",
        'write `院外処方箋`, or `"院外 処方箋"` for a name with a space',
    )
    assert edits(d) == ([(8, 17, 8, 23, "院外処方箋")], False)


def test_a_product_name_with_spaces():
    text = HEAD.replace("final   処方箋", "final   院外 処方 箋") + FLOW + "}\n"
    d = one(text)
    assert (where(d), d.message) == (
        (6, 13, 6, 20),
        "`院外 処方 箋` is read as three names: a name with a space is written in double quotes",
    )


def test_a_product_outside_any_actor():
    d = one(HEAD + "  product 会計\n" + FLOW + "}\n")
    assert where(d) == (8, 3, 8, 10)
    assert d.message == "`product 会計` is outside any actor: products are defined inside an actor's block"
    assert d.hint == "move it into the block of the actor responsible for it: `actor 担当 { product 会計 }`"


def test_an_issue_after_the_process_is_one_finding():
    d = one(HEAD + FLOW + "}\nissue 待ちが長い on 診察記録\n")
    assert where(d) == (10, 1, 10, 6)
    assert d.message == "`issue` is outside any process: process `外来` ends with the `}` on line 9"
    assert d.hint == (
        "move it above that `}`, inside the process; or, if that `}` closes the process too early, remove it"
    )


def test_a_process_closed_too_early_is_one_finding():
    text = HEAD.replace("  }\n", "  }}\n") + FLOW + "}\n"
    d = one(text)
    assert d.span.line == 8 and d.message.startswith("`患者` is outside any process")


def test_a_missing_actor_brace_names_the_open_actor():
    text = (
        "process 外来 {\n  goal 待ち時間短縮\n  external 患者\n  actor 医師 {\n"
        "    product 診察記録\n  actor 受付 {\n    final 処方箋\n  }\n" + FLOW + "}\n"
    )
    d = one(text)
    assert where(d) == (6, 3, 6, 8)
    assert d.message == "`actor 医師 {` on line 4 has no closing `}`"
    assert d.hint == "add `}` before line 6, after the last line of `actor 医師`"
    assert edits(d) == ([(6, 1, 6, 1, "  }\n")], False)


def test_a_missing_actor_brace_before_a_relation():
    text = (
        "process 外来 {\n  goal 待ち時間短縮\n  external 患者\n  actor 医師 {\n"
        "    product 診察記録\n    final 処方箋\n" + FLOW + "}\n"
    )
    d = one(text)
    assert (where(d), d.message) == ((7, 3, 7, 5), "`actor 医師 {` on line 4 has no closing `}`")


def test_a_missing_parenthesis_is_reported_at_its_opening():
    text = HEAD.replace("所見)", "所見") + FLOW + "}\n"
    d = one(text)
    assert where(d) == (5, 17, 5, 18)
    assert (d.message, d.hint) == ("`(` on line 5 has no closing `)`", "add `)` after `所見`")
    assert edits(d) == ([(5, 24, 5, 24, ")")], False)
    assert findings(mended(text, d)) == []


def test_a_missing_bracket():
    text = HEAD.replace("final   処方箋", 'final   処方箋 [doc="院外"') + FLOW + "}\n"
    d = one(text)
    assert (where(d), d.message, d.hint) == (
        (6, 17, 6, 18),
        "`[` on line 6 has no closing `]`",
        'add `]` after `"院外"`',
    )


def test_full_width_symbols_carry_a_safe_fix_and_parsing_goes_on():
    text = HEAD + "  患者 → 診察記録 → 処方箋 -> 患者\n}\n"
    found = findings(text)
    assert [(d.span.line, d.span.column, d.message) for d in found] == [
        (8, 6, "`→` is not part of the language: write `->`"),
        (8, 13, "`→` is not part of the language: write `->`"),
    ]
    assert [edits(d) for d in found] == [([(8, 6, 8, 7, "->")], True), ([(8, 13, 8, 14, "->")], True)]


def test_an_empty_state_written_as_a_sync_arrow_look_alike():
    d = one(HEAD.replace("final   処方箋", "final   処方箋<>") + FLOW + "}\n")
    assert (where(d), d.message) == ((6, 16, 6, 18), "a state cannot be empty: `<>` names no state")
