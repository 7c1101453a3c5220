"""Checking files: parse, build graphs, run the selected rules, apply suppressions
and severities. The CLI, the renderer and the KPI commands all start here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from prep.checks import all_rules
from prep.checks.suppress import apply_suppressions, parse_suppressions, unused
from prep.diagnostics import Diagnostic, Severity
from prep.graph import ProcessGraph, build_document
from prep.parser import ParseResult, parse_file


@dataclass(frozen=True)
class CheckOptions:
    """What to report for one file: selected codes and severity overrides."""

    selected: frozenset[str]
    severity: tuple[tuple[str, Severity], ...] = ()

    def severity_of(self, d: Diagnostic) -> Severity:
        for code, sev in self.severity:
            if d.code.startswith(code):
                return sev
        return d.severity


@dataclass
class FileResult:
    path: str
    parsed: ParseResult
    graphs: list[ProcessGraph] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    suppressed: list[Diagnostic] = field(default_factory=list)


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
        return any(d.severity.rank >= fail_on.rank for d in self.diagnostics)


def check_file_model(path: str, parsed: ParseResult, selected: frozenset[str]) -> FileResult:
    """Graph-building and per-process findings of one parsed file (unfiltered)."""
    result = FileResult(path, parsed)
    if not parsed.ok:
        result.diagnostics = list(parsed.diagnostics)
        return result
    graphs, found = build_document(parsed.document)
    result.graphs = graphs
    process_rules = [r for r in all_rules() if r.scope == "process" and r.code in selected]
    for pg in graphs:
        for rule in process_rules:
            found.extend(rule.run(pg))
    result.diagnostics = found
    return result


def check_paths(paths: list[tuple[str | Path, str]],
                options_for: Callable[[str | Path], CheckOptions],
                progress: Callable[[int, int], None] | None = None) -> CheckResult:
    """Check files given as (path on disk, name to report) pairs, in that order."""
    results: list[FileResult] = []
    options: list[CheckOptions] = []
    everything = frozenset(r.code for r in all_rules())
    for n, (path, display) in enumerate(paths):
        opts = options_for(path)
        options.append(opts)
        parsed = parse_file(path, display)
        # Rules run when selected in this file, or when a severity override could matter.
        results.append(check_file_model(display, parsed, opts.selected or everything))
        if progress is not None:
            progress(n + 1, len(paths))
    workspace_rules = [r for r in all_rules() if r.scope == "workspace"]
    if workspace_rules:
        by_file = {}
        from prep.checks.workspace import Workspace

        ws = Workspace([g for r in results for g in r.graphs])
        for rule in workspace_rules:
            for d in rule.run(ws):
                by_file.setdefault(d.span.file, []).append(d)
        for r in results:
            r.diagnostics.extend(by_file.get(r.path, []))
    for r, opts in zip(results, options):
        finish(r, opts)
    return CheckResult(results)


def finish(result: FileResult, opts: CheckOptions) -> None:
    """Select, apply severities and suppressions, report unused ones, sort."""
    chosen = [d for d in result.diagnostics if d.code in opts.selected]
    chosen = [d if opts.severity_of(d) == d.severity else d.with_severity(opts.severity_of(d))
              for d in chosen]
    comments = result.parsed.document.comments if result.parsed.document is not None else ()
    suppressions = parse_suppressions(comments)
    kept, silenced = apply_suppressions(chosen, suppressions)
    if "PREP901" in opts.selected and result.parsed.ok:
        extra = [d.with_severity(opts.severity_of(d)) for d in
                 unused(result.path, suppressions, set(opts.selected))]
        kept.extend(extra)
    result.diagnostics = sorted(_dedupe(kept), key=lambda d: d.sort_key)
    result.suppressed = sorted(silenced, key=lambda d: d.sort_key)


def _dedupe(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return list(dict.fromkeys(diagnostics))


def check_text(text: str, path: str = "model.prep", select=None, extend_select=(),
               ignore=(), others: dict[str, str] | None = None) -> list[Diagnostic]:
    """Check model text in memory (for tests and the API): the findings of `path`,
    after selection and suppressions. `others` are more files (name -> text) of the
    same run, for workspace rules."""
    from prep.checks.select import selected_codes
    from prep.parser import parse_text

    selected = frozenset(selected_codes(select, extend_select, ignore))
    opts = CheckOptions(selected)
    files = {path: text, **(others or {})}
    results = [check_file_model(name, parse_text(body, name), selected)
               for name, body in files.items()]
    workspace_rules = [r for r in all_rules() if r.scope == "workspace" and r.code in selected]
    if workspace_rules:
        from prep.checks.workspace import Workspace

        ws = Workspace([g for r in results for g in r.graphs])
        for rule in workspace_rules:
            for d in rule.run(ws):
                for r in results:
                    if r.path == d.span.file:
                        r.diagnostics.append(d)
    for r in results:
        finish(r, opts)
    return results[0].diagnostics
