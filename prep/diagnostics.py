"""The shared vocabulary: where something is (Span), how bad it is (Severity),
and what was found (Diagnostic). Every layer speaks it; it imports nothing of ours."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field, replace


class HintedError(Exception):
    """What prep could not do (`message`), said as `prep: error: …`, and a `hint` on
    what to do, or None."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse: info 0, warning 1, error 2."""
        return _RANK[self]

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise ValueError(f"unknown severity {text!r}; use error, warning or info") from None


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

# Shown escaped wherever text reaches a terminal or a report: control characters (C0,
# DEL, C1), line and paragraph separators, bidirectional overrides, non-characters.
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\u200b-\u200f\u2060-\u2064\u061c\u180e"
    "\ufeff\ufffe\uffff\ud800-\udfff]"
)
# Characters that show as nothing or turn text around: zero-width spaces and joiners,
# direction marks, embeddings, overrides and isolates, the word joiner, a BOM inside
# text. Every finding's message shows them as `\u200b` (so `X\u200bY` is not `XY`),
# in every format; a name holding one (but the joiners) is a PREP001 (docs/rules.md).
HIDDEN = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c\u180e]")


def shown(text: str) -> str:
    """`text` with the HIDDEN characters written as `\\uXXXX`."""
    if not HIDDEN.search(text):
        return text
    return HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


# "Did you mean": how like a known word a typo must be to be suggested, in one place.
# The model's own names (products, externals, KPIs, parameters) take the loosest match;
# attribute names and values, a short fixed vocabulary, a closer one; keywords the
# closest, since a name the user meant may resemble one by chance.
NAME_CUTOFF = 0.5
ATTRIBUTE_CUTOFF = 0.6
KEYWORD_CUTOFF = 0.75


def closest(word: str, candidates, cutoff: float = NAME_CUTOFF) -> str | None:
    """The candidate that `word` is most likely a typo of, or None: the one matcher
    every "did you mean" uses (difflib's ratio; ties go to the first in sorted order)."""
    import difflib

    close = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=cutoff)
    return close[0] if close else None


def json_text(data) -> str:
    """The one JSON writer of every output (check, kpi, diff): text as is (not \\u
    escapes), two-space indent, keys in the order given, a final newline."""
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def printable(text: str) -> str:
    """`text` with what would act on a terminal or hide itself shown as an escape
    (`\\x1b`, `\\u2028`); bytes of a file name that is not UTF-8 (surrogateescape)
    as `\\xff`. Everything else, Japanese included, unchanged."""
    if not _INVISIBLE.search(text):
        return text
    return _INVISIBLE.sub(_escape_one, text)


def _escape_one(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A place in a source file: 1-based line and column; the end is exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, file: str, line: int = 1, column: int = 1) -> "Span":
        return cls(file, line, column, line, column + 1)

    def to(self, other: "Span") -> "Span":
        """The span from the start of this one to the end of `other`."""
        return Span(self.file, self.line, self.column, other.end_line, other.end_column)


@dataclass(frozen=True)
class Related:
    """Another place that explains a finding (the first definition, the other side)."""

    span: Span
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", shown(self.message))


@dataclass(frozen=True)
class Edit:
    """Replace the text of `span` (same file; end exclusive) with `text`."""

    span: Span
    text: str

    def to_json(self) -> dict:
        s = self.span
        return {
            "line": s.line,
            "column": s.column,
            "end_line": s.end_line,
            "end_column": s.end_column,
            "text": self.text,
        }


@dataclass(frozen=True)
class Fix:
    """A way to mend a finding by editing the text (docs/editors.md). A safe fix changes
    no meaning (`→` to `->`, `KPI` to `kpi`, quoting a name); an unsafe one may
    (a did-you-mean name, a new `external` declaration)."""

    message: str
    edits: tuple[Edit, ...]
    safe: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", shown(self.message))

    def to_json(self) -> dict:
        return {
            "message": self.message,
            "applicability": "safe" if self.safe else "unsafe",
            "edits": [e.to_json() for e in self.edits],
        }


@dataclass(frozen=True)
class Diagnostic:
    """One finding: a fact about the user's model, at a place, with a way out."""

    code: str
    severity: Severity
    message: str
    span: Span
    hint: str | None = None
    related: tuple[Related, ...] = field(default=())
    fix: Fix | None = None

    def __post_init__(self) -> None:
        """Hidden characters (HIDDEN) in the message and hint are shown escaped."""
        if HIDDEN.search(self.message):
            object.__setattr__(self, "message", shown(self.message))
        if self.hint is not None and HIDDEN.search(self.hint):
            object.__setattr__(self, "hint", shown(self.hint))

    @classmethod
    def at(
        cls,
        span: Span,
        code: str,
        severity: Severity,
        message: str,
        hint: str | None = None,
        related: tuple[Related, ...] = (),
        fix: Fix | None = None,
    ) -> "Diagnostic":
        return cls(code, severity, message, span, hint, tuple(related), fix)

    def with_severity(self, severity: Severity) -> "Diagnostic":
        return replace(self, severity=severity)

    @property
    def sort_key(self) -> tuple:
        s = self.span
        return (s.file, s.line, s.column, self.code, self.message)

    def to_json(self) -> dict:
        """The JSON shape (docs/cli.md) of one diagnostic."""
        s = self.span
        data = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": s.file,
            "line": s.line,
            "column": s.column,
            "end_line": s.end_line,
            "end_column": s.end_column,
        }
        if self.hint:
            data["hint"] = self.hint
        if self.related:
            data["related"] = [
                {
                    "message": r.message,
                    "file": r.span.file,
                    "line": r.span.line,
                    "column": r.span.column,
                    "end_line": r.span.end_line,
                    "end_column": r.span.end_column,
                }
                for r in self.related
            ]
        if self.fix:
            data["fix"] = self.fix.to_json()
        return data
