"""Checking files: parse, build graphs, run the selected rules, apply suppressions
and severities. The CLI, the renderer and the KPI commands all start here."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from prep.checks import all_rules
from prep.checks.suppress import (apply_suppressions, parse_suppressions, silences_meta,
                                  unused)
from prep.diagnostics import Diagnostic, Severity
from prep.graph import ProcessGraph, build_document
from prep.parser import ParseResult, gc_paused, parse_file


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
        keep = frozenset(c for c in self.selected if c in rules and self.severity_of_code(
            c, rules[c].severity) == Severity.ERROR)
        return CheckOptions(keep, self.severity)


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
    process_rules = [r for r in all_rules() if r.scope == "process" and r.code in selected]
    with gc_paused():
        graphs, found = build_document(parsed.document)
        for pg in graphs:
            for rule in process_rules:
                found.extend(rule.run(pg))
    result.graphs = graphs
    result.diagnostics = found
    return result


def _check_one(path: str | Path, display: str, selected: frozenset[str],
               keep_model: bool = True, text: str | None = None) -> FileResult:
    """Parse one file (or `text` given for it) and run the per-process rules (in this
    process or a worker)."""
    if text is not None:
        from prep.parser import parse_text

        parsed = parse_text(text, display)
    else:
        parsed = parse_file(path, display)
    result = check_file_model(display, parsed, selected)
    if not keep_model:
        # What the parent needs after a worker: findings, comments (for suppressions)
        # and the text (for the text report); not the model, which is slow to pickle.
        parsed = result.parsed
        if parsed.document is not None:
            slim = replace(parsed.document, processes=())
            result.parsed = ParseResult(parsed.path, slim, parsed.diagnostics, parsed.text)
        result.graphs = []
    return result


def _check_chunk(items: list[tuple[str, str, frozenset[str]]], keep_model: bool
                 ) -> list[FileResult]:
    return [_check_one(path, display, selected, keep_model)
            for path, display, selected in items]


def check_paths(paths: list[tuple[str | Path, str]],
                options_for: Callable[[str | Path], CheckOptions],
                progress: Callable[[int, int], None] | None = None,
                jobs: int = 1, texts: dict[str, str] | None = None) -> CheckResult:
    """Check files given as (path on disk, name to report) pairs, in that order.

    With `jobs` > 1 (and at least two files per job), files are parsed and checked
    by a pool of that many worker processes; the findings are the same, in the same
    order. Workers send back only findings, comments and text, unless a workspace
    rule is selected: those need every file's graphs, which are slow to pickle.
    `texts` gives the text of some files (by name to report) instead of reading them
    (standard input, an editor's unsaved buffer)."""
    options = [options_for(path) for path, _ in paths]
    everything = frozenset(r.code for r in all_rules())
    # Rules run when selected in this file, or when a severity override could matter.
    selected = [opts.selected or everything for opts in options]
    workspace_rules = [r for r in all_rules() if r.scope == "workspace"
                       and any(r.code in sel for sel in selected)]
    texts = texts or {}
    if jobs > 1 and len(paths) >= 2 * jobs and not texts:
        results = _in_workers(paths, selected, jobs, progress, bool(workspace_rules))
    else:
        results = []
        for n, ((path, display), sel) in enumerate(zip(paths, selected)):
            results.append(_check_one(path, display, sel, text=texts.get(display)))
            if progress is not None:
                progress(n + 1, len(paths))
    run_workspace_rules(results, workspace_rules)
    for r, opts in zip(results, options):
        finish(r, opts)
    return CheckResult(results)


def run_workspace_rules(results: list[FileResult], rules) -> None:
    """Run rules that look across every graph of the run (PREP220); each finding goes
    to the file it points into."""
    if not rules:
        return
    from prep.checks.workspace import Workspace

    by_file: dict[str, list[Diagnostic]] = {}
    ws = Workspace([g for r in results for g in r.graphs])
    for rule in rules:
        for d in rule.run(ws):
            by_file.setdefault(d.span.file, []).append(d)
    for r in results:
        r.diagnostics.extend(by_file.get(r.path, []))


def _in_workers(paths, selected, jobs: int, progress, keep_model: bool) -> list[FileResult]:
    """Check files in a process pool, in chunks, keeping the input order."""
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing

    items = [(str(path), display, sel) for (path, display), sel in zip(paths, selected)]
    size = max(1, min(32, len(items) // (jobs * 4)))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    context = multiprocessing.get_context("fork" if "fork" in
                                          multiprocessing.get_all_start_methods() else None)
    results: list[FileResult] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for chunk in pool.map(_check_chunk, chunks, [keep_model] * len(chunks)):
            results.extend(chunk)
            if progress is not None:
                progress(len(results), len(items))
    return results


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
        # Only a suppression that names PREP901 silences these (a bare one cannot).
        extra, meta_silenced = apply_suppressions(
            extra, [s for s in suppressions if silences_meta(s)])
        kept.extend(extra)
        silenced.extend(meta_silenced)
    result.diagnostics = sorted(_dedupe(kept), key=lambda d: d.sort_key)
    result.suppressed = sorted(silenced, key=lambda d: d.sort_key)


def _dedupe(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return list(dict.fromkeys(diagnostics))


def findings_for(text: str, path: str, opts: CheckOptions) -> list[Diagnostic]:
    """The findings of one file's text with its options (no workspace rules): what
    fixing a file checks again after each round."""
    from prep.parser import parse_text

    result = check_file_model(path, parse_text(text, path), opts.selected)
    finish(result, opts)
    return result.diagnostics


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
    run_workspace_rules(results, [r for r in all_rules()
                                  if r.scope == "workspace" and r.code in selected])
    for r in results:
        finish(r, opts)
    return results[0].diagnostics
