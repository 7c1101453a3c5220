"""Applying the fixes that findings carry (docs/editors.md): `prep check --fix`, the
editor's code actions. Edits are in the finding's coordinates (1-based line and
column counted in characters of the NFC text, end exclusive); a line ends at LF,
CR LF or a lone CR (prep.parser.lines, as everywhere)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from prep.diagnostics import Diagnostic, Edit, Fix
from prep.parser.lines import line_end, line_starts

MAX_ROUNDS = 10  # a fix can reveal another (a keyword fixed, then a name resolved)


def offset(starts: list[int], text: str, line: int, column: int) -> int:
    """The character offset of (line, column), clamped to the line (before its end)."""
    if line < 1:
        return 0
    if line > len(starts):
        return len(text)
    return min(starts[line - 1] + max(column - 1, 0), line_end(text, starts, line - 1))


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """`text` with the edits made (they must not overlap; see `choose`)."""
    starts = line_starts(text)
    spans = sorted(
        (
            (
                offset(starts, text, e.span.line, e.span.column),
                offset(starts, text, e.span.end_line, e.span.end_column),
                e.text,
            )
            for e in edits
        ),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[max(end, start) :]
    return text


def choose(fixes: Iterable[Fix], text: str) -> list[Fix]:
    """The fixes whose edits overlap no earlier fix's (in the given order), whole."""
    starts = line_starts(text)
    taken: list[tuple[int, int]] = []
    chosen = []
    for fix in fixes:
        ranges = [
            (offset(starts, text, e.span.line, e.span.column), offset(starts, text, e.span.end_line, e.span.end_column))
            for e in fix.edits
        ]
        if any(_overlap(r, t) for r in ranges for t in taken):
            continue
        taken.extend(ranges)
        chosen.append(fix)
    return chosen


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # insertions: only at the same place, or inside
        return a[0] == b[0] or b[0] < a[0] < b[1] or a[0] < b[0] < a[1]
    return a[0] < b[1] and b[0] < a[1]


def wanted(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and bool(d.fix.edits) and (d.fix.safe or unsafe)


@dataclass
class Fixed:
    """The text after fixing, and the findings whose fixes were applied."""

    text: str
    applied: list[Diagnostic] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def fix_text(text: str, findings: Callable[[str], list[Diagnostic]], unsafe: bool = False) -> Fixed:
    """Apply the fixes of `findings(text)` until none is left (at most MAX_ROUNDS
    rounds): each round takes the non-overlapping fixes, checks the result again.
    A round that would leave the text as it was stops the loop. An unsafe fix is never
    kept when it brings an error that was not there: such a round is tried again one
    fix at a time, keeping only the unsafe fixes that add no error."""
    applied: list[Diagnostic] = []
    found = findings(text)
    for _ in range(MAX_ROUNDS):
        todo = [d for d in found if wanted(d, unsafe)]
        fixes = choose((d.fix for d in todo), text)
        if not fixes:
            break
        chosen = {id(f) for f in fixes}
        new = apply_edits(text, [e for f in fixes for e in f.edits])
        if new == text:
            break
        after = findings(new)
        if all(f.safe for f in fixes) or not _adds_errors(found, after):
            applied.extend(d for d in todo if id(d.fix) in chosen)
            text, found = new, after
            continue
        kept = 0
        for d in (d for d in todo if id(d.fix) in chosen):
            new = apply_edits(text, d.fix.edits)
            after = findings(new)
            if new != text and (d.fix.safe or not _adds_errors(found, after)):
                applied.append(d)
                text, found, kept = new, after, kept + 1
                break  # the other fixes' places moved: next round
        if not kept:
            break
    return Fixed(text, applied)


def _adds_errors(before: list[Diagnostic], after: list[Diagnostic]) -> bool:
    """Whether `after` has an error (by code and message) that `before` lacks. While
    the text has a syntax error the other rules are silent, so mending one lets them
    speak: then only a new syntax error counts."""
    from collections import Counter

    from prep.codes import SYNTAX_ERROR
    from prep.diagnostics import Severity

    broken = any(d.code == SYNTAX_ERROR.code for d in before)

    def errors(found):
        return Counter(
            (d.code, d.message)
            for d in found
            if d.severity == Severity.ERROR and (not broken or d.code == SYNTAX_ERROR.code)
        )

    return bool(errors(after) - errors(before))


def unified_diff(before: str, after: str, name: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{name}", tofile=f"b/{name}"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
