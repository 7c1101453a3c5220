"""`# prep: ignore[CODE,…]`, `# prep: ignore` and `# prep: ignore-file[CODE,…]`."""

from __future__ import annotations

from dataclasses import dataclass, field

from prep.diagnostics import Diagnostic, Severity, Span
from prep.model import SUPPRESSION, Comment
from prep.i18n import N_, _

DIRECTIVE = SUPPRESSION


@dataclass
class Suppression:
    line: int
    column: int
    end_column: int
    file_wide: bool
    codes: tuple[str, ...]  # empty: every code
    used: set[str] = field(default_factory=set)
    used_any: bool = False

    def matches(self, diagnostic: Diagnostic) -> bool:
        if not self.file_wide and diagnostic.span.line != self.line:
            return False
        if not self.codes:
            return True
        return any(diagnostic.code.startswith(c) for c in self.codes)

    def mark(self, diagnostic: Diagnostic) -> None:
        self.used_any = True
        for c in self.codes:
            if diagnostic.code.startswith(c):
                self.used.add(c)


def parse_suppressions(comments: tuple[Comment, ...]) -> list[Suppression]:
    found = []
    for c in comments:
        m = DIRECTIVE.search(c.text)
        if not m:
            continue
        file_wide = m.group(1).lower() == "ignore-file"
        # `ignore-file` is documented on its own line but accepted after code too.
        codes = tuple(x.strip().upper() for x in (m.group(2) or "").split(",") if x.strip())
        found.append(Suppression(c.line, c.column + m.start(), c.column + m.end(), file_wide, codes))
    return found


def apply_suppressions(
    diagnostics: list[Diagnostic], suppressions: list[Suppression]
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(kept, suppressed)."""
    if not suppressions:
        return diagnostics, []
    kept, silenced = [], []
    for d in diagnostics:
        hit = [s for s in suppressions if s.matches(d)]
        if hit:
            for s in hit:
                s.mark(d)
            silenced.append(d)
        else:
            kept.append(d)
    return kept, silenced


META = "PREP901"


def silences_meta(s: Suppression) -> bool:
    """Whether the suppression names PREP901 itself (a bare `ignore` does not count:
    it would silence the report about itself)."""
    return any(META.startswith(c) for c in s.codes)


# What PREP901 says of codes in a suppression that name no rule, and of codes that silence nothing.
_UNKNOWN = (
    N_("`# prep: {kind}[…]` names no rule: {listed}"),
    N_("use a rule code such as PREP204 or a prefix such as PREP2 (`prep rule --all` lists them)"),
)
_STALE = (
    N_("`# prep: {kind}[…]` silences nothing for {listed}"),
    N_("remove the code from the comment, or the whole comment"),
)


def unused(file: str, suppressions: list[Suppression], selected: set[str]) -> list[Diagnostic]:
    """PREP901 findings for suppressions, or codes in them, that silenced nothing, and
    for codes in them that name no rule. Codes of rules that did not run are not
    judged; PREP901 in a suppression is never judged (it silences these findings)."""
    from prep.checks import all_rules, get_rule

    rule = get_rule(META)
    known = {r.code for r in all_rules()}
    out = []
    for s in suppressions:
        span = Span(file, s.line, s.column, s.line, s.end_column)
        kind = "ignore-file" if s.file_wide else "ignore"
        if not s.codes:
            if not s.used_any:
                out.append(
                    rule.at(span, _("`# prep: {kind}` silences nothing here", kind=kind), _("remove the comment"))
                )
            continue
        unknown = [c for c in s.codes if not any(code.startswith(c) for code in known)]
        stale = [
            c
            for c in s.codes
            if c not in s.used
            and c not in unknown
            and not META.startswith(c)
            and any(code.startswith(c) for code in selected)
        ]
        for codes, said, hint in ((unknown, *_UNKNOWN), (stale, *_STALE)):
            if codes:
                listed = ", ".join(f"`{c}`" for c in codes)
                out.append(rule.at(span, _(said, kind=kind, listed=listed), _(hint)))
    return out


__all__ = ["META", "Suppression", "apply_suppressions", "parse_suppressions", "silences_meta", "unused", "Severity"]
