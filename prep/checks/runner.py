"""Checking files: parse, build graphs, run the selected rules, apply suppressions
and severities (what they give: results.py). The CLI, the renderer and the KPI
commands all start here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from prep.checks import all_rules
from prep.checks.cache import ResultCache, entry_key
from prep.checks.suppress import apply_suppressions, parse_suppressions, silences_meta, unused
from prep.diagnostics import Diagnostic
from prep.graph import build_document
from prep.checks.results import CheckOptions, CheckResult, FileResult, read_source
from prep.checks.workspace import Interface
from prep.parser import ParseResult, gc_paused, parse_bytes, parse_file


def check_file_model(
    path: str, parsed: ParseResult, selected: frozenset[str], stop: Callable[[], None] | None = None
) -> FileResult:
    """Graph-building and per-process findings of one parsed file (unfiltered), and
    the interfaces of its processes for the workspace rules. `stop` (the language
    server's) is called every so often and may raise to abandon the work."""
    result = FileResult.of(path, parsed)
    if not parsed.ok:
        result.diagnostics = list(parsed.diagnostics)
        return result
    process_rules = [r for r in all_rules() if r.scope == "process" and r.code in selected]
    with gc_paused():
        graphs, found = build_document(parsed.document)
        for pg in graphs:
            for rule in process_rules:
                found.extend(findings_of(rule, pg, stop))
        result.interfaces = [Interface.of(pg) for pg in graphs]
    result.graphs = graphs
    result.diagnostics = found
    return result


STOP_EVERY = 4096  # findings between two calls of a `stop`


def findings_of(rule, target, stop: Callable[[], None] | None = None) -> list[Diagnostic]:
    """What `rule` finds in `target` (a process graph), calling `stop` before it
    and every few thousand findings (it may raise to abandon the work)."""
    if stop is None:
        return list(rule.run(target))
    stop()
    found = []
    for d in rule.run(target):
        found.append(d)
        if not len(found) % STOP_EVERY:
            stop()
    return found


def _check_one(
    path: str | Path,
    display: str,
    selected: frozenset[str],
    data: bytes | None = None,
    keep_model: bool = True,
    cache_folder: str | None = None,
    key: str | None = None,
) -> FileResult:
    """Parse one file (its bytes, when already read) and run the per-process rules,
    in this process or a worker; with `key`, keep the result in the cache."""
    parsed = parse_file(path, display) if data is None else parse_bytes(data, display)
    result = check_file_model(display, parsed, selected)
    if key is not None and cache_folder is not None:
        from prep.checks.cache import ResultCache

        ResultCache(cache_folder).put(key, display, result)
    return result if keep_model else result.slim()


@dataclass(frozen=True)
class Job:
    """One file to check: where it is, the name to report, the rules to run, its bytes
    when already read, and its cache key when its result is to be kept."""

    path: str
    display: str
    selected: frozenset[str]
    data: bytes | None = None
    key: str | None = None

    def run(self, keep_model: bool, cache_folder: str | None) -> FileResult:
        return _check_one(self.path, self.display, self.selected, self.data, keep_model, cache_folder, self.key)


def _check_chunk(jobs: list[Job], cache_folder: str | None) -> list[FileResult]:
    return [job.run(False, cache_folder) for job in jobs]


def check_paths(
    paths: list[tuple[str | Path, str]],
    options_for: Callable[[str | Path], CheckOptions],
    progress: Callable[[int, int], None] | None = None,
    jobs: int | None = 1,
    cache: ResultCache | None = None,
    keep_models: bool = True,
    texts: dict[str, str] | None = None,
) -> CheckResult:
    """Check files given as (path on disk, name to report) pairs, in that order.

    With a `cache`, a file whose name, content, selected rules and prep's code are
    unchanged since it was last checked is not checked again: its findings and
    interfaces come from the cache (and the workspace rules run over them all);
    when entries were written, the cache is pruned (`ResultCache.maybe_prune`).
    With `jobs` > 1 (and at least two files per job to check), files are checked by
    a pool of that many worker processes, which send back findings and interfaces,
    never models; `jobs=None`: one worker per CPU when more files than CPUs need
    checking. The findings are the same, in the same order, either way.
    `keep_models` keeps each file's parse result and graphs (then in this process).
    `texts` gives the text of some files (by name to report) instead of reading them
    (standard input, a file just fixed in memory); those are never cached."""
    options = [options_for(path) for path, _ in paths]
    everything = frozenset(r.code for r in all_rules())
    # Rules run when selected in this file, or when a severity override could matter.
    selected = [opts.selected or everything for opts in options]
    workspace_rules = [r for r in all_rules() if r.scope == "workspace" and any(r.code in sel for sel in selected)]
    results: list[FileResult | None] = [None] * len(paths)
    use_cache = cache if not keep_models else None
    todo = [(n, job) for n, job in enumerate(_jobs(paths, selected, texts, use_cache, results)) if job is not None]
    _run(todo, results, len(paths), progress, jobs, cache, keep_models)
    if cache is not None and any(job.key is not None for _, job in todo):
        cache.maybe_prune()  # entries were written: keep the cache bounded
    run_workspace_rules(results, workspace_rules)
    for r, opts in zip(results, options):
        finish(r, opts)
    return CheckResult(results)


def _jobs(paths, selected, texts, cache, results):
    """A Job per file, or None for a file whose result the cache had (then put into
    `results`)."""
    for n, ((path, display), sel) in enumerate(zip(paths, selected)):
        data = key = None
        if texts and display in texts:
            data = texts[display].encode("utf-8")
        elif cache is not None:
            data = read_source(path)
            if data is not None:
                key = entry_key(display, data, sel)
                hit = cache.get(key, display)
                if hit is not None:
                    results[n] = FileResult(display, **hit, source=data)
                    yield None
                    continue
        yield Job(str(path), display, sel, data, key)


def _run(
    todo: list[tuple[int, Job]], results: list, total: int, progress, jobs, cache: ResultCache | None, keep_models: bool
) -> None:
    """Check the files not in the cache, in workers when there are enough of them."""
    done = total - len(todo)
    if progress is not None and done:
        progress(done, total)
    jobs = worker_count(jobs, len(todo)) if not keep_models else 1
    folder = cache.folder if cache is not None else None
    if jobs > 1 and len(todo) >= 2 * jobs:
        checked = _in_workers(todo, jobs, folder)
    else:
        checked = (((n, job), job.run(keep_models, folder)) for n, job in todo)
    for (n, job), result in checked:
        _place(results, n, job, result)
        done += 1
        if progress is not None:
            progress(done, total)


def _place(results: list, n: int, job: Job, result: FileResult) -> None:
    if result.parsed is None:  # slim: keep how to show its lines
        result.source, result.disk = job.data, job.path
    results[n] = result


def worker_count(jobs: int | None, files: int) -> int:
    """`jobs` as asked (0: one per CPU); None: one per CPU when more files than CPUs
    need checking, else 1."""
    import os

    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    if jobs is None:
        return cpus if files > cpus else 1
    return cpus if jobs == 0 else max(1, jobs)


def run_workspace_rules(results: list[FileResult], rules) -> None:
    """Run rules that look across every graph of the run (PREP220); each finding goes
    to the file it points into."""
    if not rules:
        return
    from prep.checks.workspace import Workspace

    by_file: dict[str, list[Diagnostic]] = {}
    ws = Workspace([i for r in results for i in r.interfaces])
    for rule in rules:
        for d in rule.run(ws):
            by_file.setdefault(d.span.file, []).append(d)
    for r in results:
        r.diagnostics.extend(by_file.get(r.path, []))


def _in_workers(todo: list[tuple[int, Job]], jobs: int, cache_folder: str | None):
    """((index, job), result) of each file checked in a process pool, in chunks,
    in order."""
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing

    size = max(1, min(32, len(todo) // (jobs * 4)))
    chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        found = pool.map(_check_chunk, [[job for _n, job in chunk] for chunk in chunks], [cache_folder] * len(chunks))
        for chunk, results in zip(chunks, found):
            yield from zip(chunk, results)


def finish(result: FileResult, opts: CheckOptions) -> None:
    """Select, apply severities and suppressions, report unused ones, sort."""
    chosen = [d for d in result.diagnostics if d.code in opts.selected]
    chosen = [d if opts.severity_of(d) == d.severity else d.with_severity(opts.severity_of(d)) for d in chosen]
    suppressions = parse_suppressions(result.comments)
    kept, silenced = apply_suppressions(chosen, suppressions)
    if "PREP901" in opts.selected and result.ok:
        extra = [d.with_severity(opts.severity_of(d)) for d in unused(result.path, suppressions, set(opts.selected))]
        # Only a suppression that names PREP901 silences these (a bare one cannot).
        extra, meta_silenced = apply_suppressions(extra, [s for s in suppressions if silences_meta(s)])
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


def check_text(
    text: str, path: str = "model.prep", select=None, extend_select=(), ignore=(), others: dict[str, str] | None = None
) -> list[Diagnostic]:
    """Check model text in memory (for tests and the API): the findings of `path`,
    after selection and suppressions. `others` are more files (name -> text) of the
    same run, for workspace rules."""
    from prep.checks.select import selected_codes
    from prep.parser import parse_text

    selected = frozenset(selected_codes(select, extend_select, ignore))
    opts = CheckOptions(selected)
    files = {path: text, **(others or {})}
    results = [check_file_model(name, parse_text(body, name), selected) for name, body in files.items()]
    run_workspace_rules(results, [r for r in all_rules() if r.scope == "workspace" and r.code in selected])
    for r in results:
        finish(r, opts)
    return results[0].diagnostics
