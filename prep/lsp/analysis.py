"""What the server knows of the workspace: every open document (its text as the
editor has it) and every saved `.prep` file under the workspace folders, checked
with the configuration of its folder. Workspace rules (PREP220) run over all of
them; the findings of the open documents are what the editor is sent."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Callable

from prep.checks.runner import CheckOptions, FileResult, check_file_model, finish
from prep.diagnostics import Diagnostic
from prep.folders import walked
from prep.lsp import names
from prep.lsp.positions import Lines

Stop = Callable[[], None]  # raises to abandon an analysis (prep.lsp.checking)
MAX_WORKSPACE_FILES = 2000
LISTING_SECONDS = 5.0


@dataclass
class Analysis:
    """One file: its text, tokens, parse, unfiltered findings and final findings."""

    uri: str
    path: str
    text: str
    raw: FileResult
    options: CheckOptions
    findings: list[Diagnostic] = field(default_factory=list)
    _tokens: list | None = None

    @property
    def tokens(self) -> list[names.Token]:
        if self._tokens is None:
            self._tokens = names.tokens(self.text)
        return self._tokens

    @property
    def document(self):
        return self.raw.parsed.document

    _lines: dict | None = None

    def lines(self, encoding: str) -> Lines:
        """The text's lines, made once per encoding (every diagnostic and request
        converts positions: a file of 50,000 findings must not split it 50,000 times)."""
        if self._lines is None:
            self._lines = {}
        if encoding not in self._lines:
            self._lines[encoding] = Lines(self.text, encoding)
        return self._lines[encoding]


def options_for(path: str) -> CheckOptions:
    from prep.checks import all_rules
    from prep.checks.select import SelectionError
    from prep.config import ConfigError
    from prep.config import options_for as configured

    try:
        opts = configured(path)
    except (ConfigError, SelectionError, OSError):
        opts = CheckOptions(frozenset(r.code for r in all_rules() if not r.opt_in))
    return opts


def analyse(uri: str, path: str, text: str, stop: Stop | None = None) -> Analysis:
    """Parse and check one file's text (per-process rules; no workspace rules yet).
    `stop` is called every so often and may raise to abandon the work (a newer
    version of the document is waiting: prep.lsp.checking)."""
    from prep.checks import all_rules
    from prep.parser import parse_text

    text = unicodedata.normalize("NFC", text)
    opts = options_for(path)
    selected = opts.selected or frozenset(r.code for r in all_rules())
    raw = check_file_model(path, parse_text(text, path, normalized=True, stop=stop), selected, stop=stop)
    return Analysis(uri, path, text, raw, opts)


class Workspace:
    def __init__(self):
        self.folders: list[str] = []
        self.open: dict[str, Analysis] = {}  # uri -> the editor's text, checked
        self._disk: dict[str, tuple[float, Analysis]] = {}  # path -> (mtime, saved file)
        self._listing: tuple[float, list[str]] | None = None

    def saved_files(self) -> list[str]:
        """The `.prep` files under the workspace folders (listed again at most every
        few seconds, not on every keystroke)."""
        import time

        now = time.monotonic()
        if self._listing is None or now - self._listing[0] > LISTING_SECONDS:
            self._listing = (now, self._list())
        return self._listing[1]

    def forget_listing(self) -> None:
        self._listing = None

    def _list(self) -> list[str]:
        found = []
        for folder in self.folders:
            for root, dirs, files in os.walk(folder):
                dirs[:] = walked(dirs)
                found.extend(os.path.join(root, f) for f in sorted(files) if f.endswith(".prep"))
                if len(found) > MAX_WORKSPACE_FILES:
                    return found[:MAX_WORKSPACE_FILES]
        return found

    def saved(self, path: str) -> Analysis | None:
        from pygls.uris import from_fs_path

        try:
            mtime = os.stat(path).st_mtime
        except OSError:
            self._disk.pop(path, None)
            return None
        cached = self._disk.get(path)
        if cached is None or cached[0] != mtime:
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
                text = data.decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                return None
            cached = (mtime, analyse(from_fs_path(path), path, text))
            self._disk[path] = cached
        return cached[1]

    def everything(self) -> list[Analysis]:
        """The open documents, and the saved files that are not open."""
        out = list(self.open.values())  # a copy: the worker thread may add one meanwhile
        open_paths = {a.path for a in out}
        for path in self.saved_files():
            if path not in open_paths:
                found = self.saved(path)
                if found is not None:
                    out.append(found)
        return out

    def refresh(self, stop: Stop | None = None) -> None:
        """Run the workspace rules over every file and finish the open documents'
        findings (selection, severities, suppressions)."""
        from prep.checks import all_rules
        from prep.checks.runner import run_workspace_rules

        files = self.everything() if self.folders or len(self.open) > 1 else list(self.open.values())
        if stop is not None:
            stop()
        rules = [r for r in all_rules() if r.scope == "workspace" and any(r.code in a.options.selected for a in files)]
        results = [replace(a.raw, diagnostics=list(a.raw.diagnostics)) for a in files]
        if rules:
            run_workspace_rules(results, rules)
        for a, r in zip(files, results):
            if self.open.get(a.uri) is a:
                if stop is not None:
                    stop()
                finish(r, a.options)
                a.findings = r.diagnostics

    def analysis_for_path(self, path: str) -> Analysis | None:
        for a in list(self.open.values()):
            if a.path == path:
                return a
        return self.saved(path)


class ProcessCache:
    """Checking while typing, one process at a time: the text is cut before each
    line that starts with `process`, and a piece whose text and first line are
    unchanged keeps its parse and graph findings. Whatever this cannot do exactly
    as a whole-file check would (a syntax error, two processes of one name), it
    leaves to `analyse`."""

    def __init__(self):
        self._parsed: dict[tuple, object] = {}
        self._checked: dict[tuple, tuple] = {}

    def analyse(self, uri: str, path: str, text: str, stop: Stop | None = None) -> Analysis:
        from prep.checks import all_rules
        from prep.checks.runner import findings_of
        from prep.checks.workspace import Interface
        from prep.graph import build_document
        from prep.model import Document
        from prep.parser import ParseResult, gc_paused, parse_text

        text = unicodedata.normalize("NFC", text)
        opts = options_for(path)
        selected = opts.selected or frozenset(r.code for r in all_rules())
        pieces = _cut(text)
        parsed_now, checked_now = {}, {}
        parses = []
        for start, body in pieces:
            key = (path, start, body)
            parsed = self._parsed.get(key)
            if parsed is None:
                parsed = parse_text(body, path, normalized=True, stop=stop, first_line=start + 1)
            parsed_now[key] = parsed
            if not parsed.ok:
                self._parsed = parsed_now
                return analyse(uri, path, text, stop)
            parses.append((key, parsed))
        processes = [p for _, parsed in parses for p in parsed.document.processes]
        names = frozenset(p.name for p in processes)
        if len(names) != len(processes):
            return analyse(uri, path, text, stop)
        rules = [r for r in all_rules() if r.scope == "process" and r.code in selected]
        shared = dict.fromkeys(names, "a process")  # once, not once a piece: linear
        graphs, found, interfaces = [], [], []
        with gc_paused():
            for key, parsed in parses:
                ckey = (key, names, selected)
                done = self._checked.get(ckey)
                if done is None:
                    g, f = build_document(parsed.document, shared)
                    for pg in g:
                        for rule in rules:
                            f.extend(findings_of(rule, pg, stop))
                    done = (g, f, [Interface.of(pg) for pg in g])
                checked_now[ckey] = done
                graphs.extend(done[0])
                found.extend(done[1])
                interfaces.extend(done[2])
        self._parsed, self._checked = parsed_now, checked_now
        comments = tuple(c for _, parsed in parses for c in parsed.document.comments)
        document = Document(path=path, processes=tuple(processes), comments=comments)
        raw = FileResult.of(path, ParseResult(path, document, [], text))
        raw.graphs, raw.diagnostics, raw.interfaces = graphs, found, interfaces
        return Analysis(uri, path, text, raw, opts)


def _cut(text: str) -> list[tuple[int, str]]:
    """(first line, 0-based; text) of each piece: cut before every line that starts
    with `process` (the first piece also holds what comes before it)."""
    import re

    starts = [m.start() for m in re.finditer(r"^process\b", text, re.M)]
    if not starts or starts[0] != 0:
        starts = [0] + starts
    pieces = []
    line = 0
    for i, at in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        body = text[at:end]
        pieces.append((line, body))
        line += body.count("\n")
    return pieces
