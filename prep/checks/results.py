"""What checking gives: the options of one file (CheckOptions), one file's findings
and, when asked for, its model (FileResult), a whole run's (CheckResult); and how a
file to check is read (read_source). The running is in runner.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from prep.checks.suppress import DIRECTIVE
from prep.checks.workspace import Interface
from prep.diagnostics import Diagnostic, Severity
from prep.graph import ProcessGraph
from prep.parser import MAX_FILE_BYTES, ParseResult


@dataclass(frozen=True)
class CheckOptions:
    """What to report for one file: selected codes and severity overrides."""

    selected: frozenset[str]
    severity: tuple[tuple[str, Severity], ...] = ()

    def severity_of(self, d: Diagnostic) -> Severity:
        return self.severity_of_code(d.code, d.severity)

    def severity_of_code(self, code: str, default: Severity) -> Severity:
        for prefix, sev in self.severity:
            if code.startswith(prefix):
                return sev
        return default

    def errors_only(self) -> CheckOptions:
        """The same options with only the rules that report errors (after severity
        overrides): what a command needs that stops on errors and shows nothing else."""
        from prep.checks import rules_by_code

        rules = rules_by_code()
        keep = frozenset(
            c for c in self.selected if c in rules and self.severity_of_code(c, rules[c].severity) == Severity.ERROR
        )
        return CheckOptions(keep, self.severity)


@dataclass
class FileResult:
    """One file's findings. `parsed` and `graphs` (the model) are kept only when the
    caller asks for them (render, kpi); `prep check` needs the rest, which is also
    what worker processes send back and what the result cache keeps."""

    path: str
    parsed: ParseResult | None = None
    graphs: list[ProcessGraph] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    suppressed: list[Diagnostic] = field(default_factory=list)
    interfaces: list[Interface] = field(default_factory=list)
    comments: tuple = ()  # the file's `# prep:` comments (suppressions)
    ok: bool = False  # read and parsed without syntax errors
    has_document: bool = False  # read (a document, maybe with syntax errors)
    parse_errors: list[Diagnostic] = field(default_factory=list)  # PREP001, PREP002
    source: bytes | None = field(default=None, repr=False)  # the bytes checked, if kept
    disk: str | None = None  # where the file is, to read its text again

    @classmethod
    def of(cls, path: str, parsed: ParseResult) -> FileResult:
        document = parsed.document
        comments = document.comments if document is not None else ()
        return cls(
            path,
            parsed,
            ok=parsed.ok,
            has_document=document is not None,
            comments=tuple(c for c in comments if DIRECTIVE.search(c.text)),
            parse_errors=list(parsed.diagnostics),
        )

    def text(self) -> str | None:
        """The file's text as it was checked (decoded and normalised as the parser
        does), for showing source lines; None when it cannot be had."""
        from prep.parser import decode

        if self.parsed is not None and self.parsed.text is not None:
            return self.parsed.text
        data = self.source
        if data is None and self.disk is not None:
            data = read_source(self.disk)
        if data is None:
            return None
        text = decode(data, self.path)
        return text if isinstance(text, str) else None

    def fails(self, fail_on: Severity) -> bool:
        """Whether a finding of this file is at `fail_on` or worse."""
        return any(d.severity.rank >= fail_on.rank for d in self.diagnostics)

    def slim(self) -> FileResult:
        """Without the model: what the parent of a worker, or a report, needs."""
        self.parsed = None
        self.graphs = []
        return self


@dataclass
class CheckResult:
    files: list[FileResult]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]

    @property
    def suppressed(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.suppressed]

    @property
    def graphs(self) -> list[ProcessGraph]:
        return [g for f in self.files for g in f.graphs]

    def counts(self) -> dict[str, int]:
        c = {"error": 0, "warning": 0, "info": 0}
        for d in self.diagnostics:
            c[d.severity.value] += 1
        return c

    def fails(self, fail_on: Severity) -> bool:
        return any(f.fails(fail_on) for f in self.files)


def read_source(path: str | Path) -> bytes | None:
    """The bytes of a file to check; None when it cannot be read or is too large (the
    parser then reports why: PREP002)."""
    import os
    import stat

    try:
        # Non-blocking, and regular files only: a FIFO must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        with open(fd, "rb", closefd=True) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    return data if len(data) <= MAX_FILE_BYTES else None
