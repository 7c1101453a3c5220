"""A safe fix never changes what a model means (docs/editors.md, "Fixes on the command
line"): a careful author would always accept it.

Good models (the examples, the README's, the valid conformance cases when present)
are broken with one slip each, from a seeded generator, and every safe fix is applied:

- a *known* slip (an arrow, keyword, bracket or quote typed with the input method
  on, a capitalised keyword, another notation's arrow, a `;`, a colon after a
  keyword, a missing `{` or `on`) has one meaning: it is exactly one finding, and the
  fixed model must be the good one, exactly (positions aside);
- an *ambiguous* slip (a `,` or `for` left out, `of` for `for`, a space typed inside
  a name, a `}` left out) has several: a safe fix may not pick one, so the fixed
  model is the good one, or the checker still reports an error — never "All checks
  passed" with another meaning.
"""

from __future__ import annotations

import dataclasses
import random
import re
from pathlib import Path

import pytest

from conftest import CASES_DIR, ROOT
from prep.checks.fixes import fix_text
from prep.checks.runner import check_text
from prep.parser import decode, parse_text
from prep.parser.grammar import lark_parser
from prep.parser.lexer import fast_lexer

MUTATIONS = 1_000
README_MODEL = re.search(r"```prep\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S).group(1)
SMALL = """\
process 受注 [stage=asis] {
  goal 納期遵守率
  external 顧客
  actor 営業部 [role=customer] {
    milestone 見積依頼(品目, 数量)
    product   見積<承認済>(金額, 納期)
    final     受注確定(品目, 数量, 納期)
  }
  subprocess 見積 until 見積依頼
  顧客 -> 見積依頼 -> 見積 -> 受注確定 -> 顧客 [doc="営業の\\"流れ\\""]
  見積依頼.品目 -> 受注確定.品目
  kpi 回答日数 for 見積 [kgi]
  kpi "On-time rate" under 回答日数
  issue "回答が遅い" on 見積依頼
}
"""

INPUT_ARROWS = ["ー>", "ー＞", "－＞", "－>", "-＞", "＝＞", "→", "⇒", "-->", "=>"]
SYNC_ARROWS = ["＜－＞", "＜ー＞", "<－>", "↔", "⇔", "<=>"]
FULL_WIDTH = {"(": "（", ")": "）", "{": "｛", "}": "｝", "[": "［", "]": "］", ",": "，", "=": "＝"}
STATEMENT_KEYWORDS = (
    "PROCESS",
    "ACTOR",
    "EXTERNAL",
    "SUBPROCESS",
    "GOAL",
    "KPI",
    "ISSUE",
    "PRODUCT",
    "MILESTONE",
    "FINAL",
    "INTANGIBLE",
    "FOR",
    "UNDER",
    "ON",
    "UNTIL",
)


def seeds() -> list[str]:
    found = [SMALL, README_MODEL]
    found += [p.read_text("utf-8") for p in sorted((ROOT / "examples").rglob("*.prep"))]
    if CASES_DIR.is_dir():
        for path in sorted(CASES_DIR.glob("valid_*.prep")):
            text = decode(path.read_bytes(), path.name)
            if isinstance(text, str) and len(text) < 20_000:
                found.append(text)
    return [t for t in found if not parse_text(t, "m.prep").diagnostics]


def plain(value):
    """A model element as plain data, without positions and comments."""
    if dataclasses.is_dataclass(value):
        return {
            f.name: plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in ("span", "name_span", "header_span", "line", "column", "path", "comments")
        }
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    return value


_parsed: dict[str, object] = {}


def parsed(text: str):
    """parse_text, remembered: the fix loop's last round parses the fixed text already."""
    if text not in _parsed:
        if len(_parsed) > 64:
            _parsed.clear()
        _parsed[text] = parse_text(text, "m.prep")
    return _parsed[text]


def meaning(text: str):
    result = parsed(text)
    return None if result.diagnostics else plain(result.document)


def tokens(text: str) -> list:
    return [t for t in fast_lexer(lark_parser()).lex(text) if t.type != "COMMENT"]


def _spaced(text: str, tok) -> bool:
    return tok.start_pos > 0 and text[tok.start_pos - 1] in " \t"


# Each slip: (text, tokens, rng) -> (start, end, replacement) or None.
def arrow(text, toks, rng):
    sites = [t for t in toks if t.type == "INPUT" and _spaced(text, t)]
    return sites and (lambda t: (t.start_pos, t.end_pos, rng.choice(INPUT_ARROWS)))(rng.choice(sites))


def sync(text, toks, rng):
    sites = [t for t in toks if t.type == "SYNC"]
    return sites and (lambda t: (t.start_pos, t.end_pos, rng.choice(SYNC_ARROWS)))(rng.choice(sites))


def keyword(text, toks, rng):
    sites = [t for t in toks if t.type in STATEMENT_KEYWORDS]
    if not sites:
        return None
    t = rng.choice(sites)
    word = str(t)
    written = rng.choice([word.upper(), word.capitalize(), "".join(chr(ord(c) + 0xFEE0) for c in word)])
    return t.start_pos, t.end_pos, written


def symbol(text, toks, rng):
    sites = [t for t in toks if str(t) in FULL_WIDTH]
    if not sites:
        return None
    t = rng.choice(sites)
    return t.start_pos, t.end_pos, FULL_WIDTH[str(t)]


def quotes(text, toks, rng):
    sites = [t for t in toks if t.type == "STRING" and "\\" not in str(t) and len(str(t)) > 2]
    if not sites:
        return None
    t = rng.choice(sites)
    left, right = rng.choice([("“", "”"), ("＂", "＂"), ("“", '"')])
    return t.start_pos, t.end_pos, left + str(t)[1:-1] + right


def state(text, toks, rng):
    sites = [t for t in toks if t.type == "STATE"]
    if not sites:
        return None
    t = rng.choice(sites)
    return t.start_pos, t.end_pos, "＜" + str(t)[1:-1] + "＞"


def colon(text, toks, rng):
    sites = [t for t in toks if t.type in ("ACTOR", "EXTERNAL", "GOAL", "KPI", "ISSUE", "PROCESS")]
    return sites and (lambda t: (t.end_pos, t.end_pos, rng.choice([":", "："])))(rng.choice(sites))


def semicolon(text, toks, rng):
    sites = [t for t in toks if text[t.end_pos : t.end_pos + 1] == "\n" and t.type not in ("LBRACE", "RBRACE", "TEXT")]
    return sites and (lambda t: (t.end_pos, t.end_pos, ";"))(rng.choice(sites))


def brace(text, toks, rng):
    sites = [
        t
        for t in toks
        if t.type == "LBRACE" and text[t.start_pos - 1] == " " and text[t.end_pos : t.end_pos + 1] == "\n"
    ]
    return sites and (lambda t: (t.start_pos - 1, t.end_pos, ""))(rng.choice(sites))


def issue_on(text, toks, rng):
    sites = [
        t
        for i, t in enumerate(toks[:-1])
        if t.type == "ON" and toks[i - 1].type == "STRING" and toks[i + 1].line == t.line
    ]
    return sites and (lambda t: (t.start_pos, t.end_pos + 1, ""))(rng.choice(sites))


def no_comma(text, toks, rng):
    sites = [t for t in toks if t.type == "COMMA"]
    return sites and (lambda t: (t.start_pos, t.end_pos, ""))(rng.choice(sites))


def no_for(text, toks, rng):
    sites = [t for t in toks if t.type == "FOR"]
    return sites and (lambda t: (t.start_pos, t.end_pos, rng.choice(["", "of"])))(rng.choice(sites))


def space_in_name(text, toks, rng):
    sites = [t for t in toks if t.type == "IDENT" and len(str(t)) >= 2]
    if not sites:
        return None
    t = rng.choice(sites)
    at = t.start_pos + rng.randrange(1, len(str(t)))
    space = rng.choice([" ", "\u3000"])
    # where words can only be one name (a definition), the fix may quote them as typed
    typed = f'"{text[t.start_pos : at]}{space}{text[at : t.end_pos]}"'
    return at, at, space, text[: t.start_pos] + typed + text[t.end_pos :]


def no_rbrace(text, toks, rng):
    sites = [t for t in toks if t.type == "RBRACE"]
    return sites and (lambda t: (t.start_pos, t.end_pos, ""))(rng.choice(sites))


KNOWN = [arrow, sync, keyword, symbol, quotes, state, colon, semicolon, brace, issue_on]
AMBIGUOUS = [no_comma, no_for, space_in_name, no_rbrace]


def safe_fixed(text: str) -> tuple[str, bool]:
    """The text after every safe fix (the parser's: the slips are syntax errors)."""
    fixed = fix_text(text, lambda t: parsed(t).diagnostics)
    return fixed.text, fixed.changed


def still_fails(text: str) -> bool:
    return any(d.severity.value in ("error", "warning") for d in check_text(text, path="m.prep"))


def test_safe_fixes_on_a_thousand_slips_keep_the_meaning_or_leave_the_finding():
    rng = random.Random(22)
    models = [(t, tokens(t), meaning(t)) for t in seeds()]
    small = [m for m in models if m[0].count("\n") < 40]  # most slips in small models: fast
    done, wrong, kinds, long_lists, several = 0, [], {}, [], []
    while done < MUTATIONS:
        text, toks, meant = rng.choice(small if rng.random() < 0.8 else models)
        slip = rng.choice(KNOWN + AMBIGUOUS)
        site = slip(text, toks, rng)
        if not site:
            continue
        start, end, new, *typed = site
        broken = text[:start] + new + text[end:]
        if broken == text:
            continue
        done += 1
        kinds[slip.__name__] = kinds.get(slip.__name__, 0) + 1
        after, changed = safe_fixed(broken)
        long_lists += [d.message for d in parsed(broken).diagnostics if _lists_too_many(d.message)]
        if slip in KNOWN:
            found = parsed(broken).diagnostics
            if len(found) != 1:
                several.append((slip.__name__, _line(broken, start), [d.message for d in found]))
            if meaning(after) != meant:
                wrong.append((slip.__name__, _line(broken, start), _line(after, start)))
        elif changed and meaning(after) not in (meant, *map(meaning, typed)) and not still_fails(after):
            wrong.append((slip.__name__, _line(broken, start), _line(after, start)))
    assert len(kinds) == len(KNOWN + AMBIGUOUS), kinds
    assert wrong == [], "\n".join(map(repr, wrong))
    assert long_lists == []  # in words: six tokens at most
    assert several == [], "\n".join(map(repr, several))  # one slip, one finding


def _lists_too_many(message: str) -> bool:
    if not message.startswith("expected "):
        return False
    listed = re.split(r" after |, found ", message)[0]
    return len(re.findall(r"`[^`]+`", listed)) > 6


def _line(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)]


@pytest.mark.parametrize("path", [p for p in sorted((ROOT / "examples").rglob("*.prep"))], ids=lambda p: p.name)
def test_the_examples_need_no_fix(path):
    text = path.read_text("utf-8")
    fixed = fix_text(text, lambda t: check_text(t, path="m.prep"))
    assert (fixed.text, fixed.changed) == (text, False)


CASE_FILES = sorted(CASES_DIR.glob("prep001_*.prep")) if CASES_DIR.is_dir() else []


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in CASE_FILES])
def test_safe_fixes_on_the_syntax_error_cases_are_symbol_and_keyword_mends(path: Path):
    """On the public PREP001 cases, a safe fix only writes the ASCII form of what was
    typed (`ー＞` to `->`), the keyword for its slip, or removes a `;`."""
    text = path.read_text("utf-8")
    for d in parse_text(text, path.name).diagnostics:
        if d.fix is None or not d.fix.safe:
            continue
        for e in d.fix.edits:
            lines = text.split("\n")[e.span.line - 1 : e.span.end_line]
            old = "\n".join(lines)[e.span.column - 1 : len("\n".join(lines)) - len(lines[-1]) + e.span.end_column - 1]
            assert _mends_a_symbol(old, e.text), (path.name, old, e.text)


def _mends_a_symbol(old: str, new: str) -> bool:
    import unicodedata

    folded = (
        unicodedata.normalize("NFKC", old).replace("ー", "-").replace("“", '"').replace("”", '"').replace("、", ",")
    )
    folded = {"→": "->", "⇒": "->", "=>": "->", "↔": "<->", "⇔": "<->"}.get(folded, folded)
    return folded.lower() == new or old in (";", ":", "：") and new.strip() == ""
