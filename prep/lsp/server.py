"""`prep lsp`: the language server (pygls, stdio). Thin: every answer comes from the
layers (parser, checks, fixes, fmt) or from the token roles of `prep.lsp.names`."""

from __future__ import annotations

import asyncio
import inspect
import logging
import threading

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from prep import __version__
from prep.lsp import completion as completing, features, hover as hovering, names
from prep.lsp.analysis import ProcessCache, Workspace
from prep.lsp.checking import Cancelled, Job, Jobs
from prep.i18n import _, _n

DEBOUNCE = 0.03  # seconds of quiet typing before a document is checked again
MAX_PUBLISHED = 1000  # findings sent per document; the rest are one line (a huge file
#                        of mistakes must not make a 100 MB message)
SEVERITY = {
    "error": t.DiagnosticSeverity.Error,
    "warning": t.DiagnosticSeverity.Warning,
    "info": t.DiagnosticSeverity.Information,
}
RULES_DOC = "https://github.com/prep-models/prep/blob/main/docs/rules.md"
TOKEN_TYPES = [
    "keyword",
    "namespace",
    "type",
    "class",
    "interface",
    "variable",
    "parameter",
    "property",
    "enumMember",
    "event",
    "function",
    "string",
    "number",
    "comment",
    "operator",
]
TOKEN_MODIFIERS = ["declaration"]
logger = logging.getLogger(__name__)


class PrepServer(LanguageServer):
    def __init__(self):
        super().__init__("prep", __version__, text_document_sync_kind=t.TextDocumentSyncKind.Incremental)
        self.files = Workspace()  # pygls's own is `self.workspace`
        self.jobs = Jobs()  # checks, in a worker thread (prep.lsp.checking)
        self.lock = threading.Lock()  # files.open and versions: both threads change them
        self.versions: dict[str, int | None] = {}  # uri -> version of files.open[uri]
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.published: dict[str, list] = {}
        self.process_caches: dict[str, ProcessCache] = {}

    @property
    def encoding(self) -> str:
        kind = self.workspace.position_encoding or "utf-16"
        return str(getattr(kind, "value", kind))

    def check(self, uri: str | None) -> Job:
        """Start checking the document as the editor has it now (None: publish the
        findings of every open document again); an older check of it is cancelled.
        When it ends, unless a newer one replaced it, its findings are published,
        and those of every open document whose findings changed (a workspace rule
        may move with it)."""
        self.wait_no_more(uri)
        text = version = None
        if uri is not None:
            doc = self.workspace.get_text_document(uri)
            text, version = without_surrogates(doc.source), doc.version
        return self.jobs.start(Job(uri, version, text), self.work, self.finished)

    def work(self, job: Job):
        """In the worker thread: (the analysis of the job's document, [(uri, analysis,
        diagnostics)] of every open document)."""
        job.stop()
        analysis = None
        if job.uri is not None:
            cache = self.process_caches.setdefault(job.uri, ProcessCache())
            analysis = cache.analyse(job.uri, path_of(job.uri), job.text, stop=job.stop)
            with self.lock:
                job.stop()
                self.files.open[job.uri] = analysis
                self.versions[job.uri] = job.version
        self.files.refresh(stop=job.stop)
        found = []
        for uri, a in list(self.files.open.items()):
            job.stop()
            found.append((uri, a, self.diagnostics(a)))
        return analysis, found

    def finished(self, job: Job, future) -> None:
        """In the loop: publish what a job found, unless it was cancelled."""
        error = Cancelled() if future.cancelled() or job.cancelled else future.exception()
        if error is not None:
            if not isinstance(error, Cancelled):
                logger.error("checking %s failed", job.uri, exc_info=error)
            job.done.set_exception(error)
            return
        analysis, found = future.result()
        for uri, a, diagnostics in found:
            if self.files.open.get(uri) is not a:
                continue  # closed, or checked again since
            if uri == job.uri or self.published.get(uri) != diagnostics:
                self.published[uri] = diagnostics
                self.text_document_publish_diagnostics(
                    t.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=self.versions.get(uri))
                )
        job.done.set_result(analysis)

    def diagnostics(self, a) -> list[t.Diagnostic]:
        """What the editor is sent for one document: at most MAX_PUBLISHED findings,
        then one line that says how many more there are."""
        diagnostics = [self.diagnostic(a, d) for d in a.findings[:MAX_PUBLISHED]]
        if len(a.findings) > MAX_PUBLISHED:
            more = len(a.findings) - MAX_PUBLISHED
            number = f"{more:,}"
            diagnostics.append(
                t.Diagnostic(
                    range=t.Range(start=t.Position(line=0, character=0), end=t.Position(line=0, character=0)),
                    message=_n(
                        "and {number} more finding (prep check lists them all)",
                        "and {number} more findings (prep check lists them all)",
                        more,
                        number=number,
                    ),
                    severity=t.DiagnosticSeverity.Information,
                    source="prep",
                )
            )
        return diagnostics

    def diagnostic(self, a, d) -> t.Diagnostic:
        from prep.checks import rules_by_code

        lines = a.lines(self.encoding)
        rule = rules_by_code().get(d.code)
        related = []
        for r in d.related:
            if r.span.file == a.path:
                rng = lines.range(r.span)
            else:
                other = self.files.analysis_for_path(r.span.file)
                rng = other.lines(self.encoding).range(r.span) if other else lines.range(r.span)
            related.append(
                t.DiagnosticRelatedInformation(
                    location=t.Location(uri=from_fs_path(r.span.file) or a.uri, range=rng), message=r.message
                )
            )
        message = d.message + ("\n" + _("hint:") + f" {d.hint}" if d.hint else "")
        return t.Diagnostic(
            range=lines.range(d.span),
            message=message,
            severity=SEVERITY[d.severity.value],
            code=d.code,
            source="prep",
            code_description=t.CodeDescription(href=f"{RULES_DOC}#{d.code.lower()}-{rule.name}") if rule else None,
            related_information=related or None,
        )

    def later(self, uri: str) -> None:
        """A change: check again after DEBOUNCE seconds of quiet; a check of an older
        version still running is cancelled now."""
        self.wait_no_more(uri)
        self.jobs.cancel(uri)
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(DEBOUNCE, self.check, uri)

    def wait_no_more(self, uri: str | None) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def forget(self, uri: str) -> None:
        """A document closed: its check cancelled, its findings gone."""
        self.wait_no_more(uri)
        self.jobs.cancel(uri)
        with self.lock:
            self.files.open.pop(uri, None)
            self.versions.pop(uri, None)
        self.published.pop(uri, None)
        self.process_caches.pop(uri, None)

    async def in_worker(self, function, *args):
        """`function(*args)` in the worker thread, after the checks before it: what
        parses (saved files of the workspace, formatting) never waits in the loop for
        the parser a check holds."""
        return await asyncio.wrap_future(self.jobs.worker.submit(function, *args))

    async def analysis(self, uri: str):
        """The analysis of an open document as the editor has it (waiting for its
        check when one runs or a change waits). A document the editor has not opened
        is read from the disk only when it is a `file:` URI; any other is an error
        (an `untitled:x` is not the file `./x`)."""
        if uri not in self.workspace.text_documents and not uri.startswith("file:"):
            from pygls.exceptions import JsonRpcInvalidParams

            raise JsonRpcInvalidParams(f"{uri} is not open")
        while True:
            if uri in self.pending or (uri not in self.jobs.running and uri not in self.files.open):
                self.check(uri)
            found = await self.jobs.newest(uri)
            if found is not None:
                return found
            if uri in self.files.open and uri not in self.pending:
                return self.files.open[uri]


def without_surrogates(text: str) -> str:
    """A lone surrogate (JSON allows `\\ud800`) made U+FFFD: one character, one UTF-16
    unit either way, so positions stay; the text can then be encoded and checked."""
    import re

    return re.sub("[\ud800-\udfff]", "\ufffd", text) if not text.isascii() else text


def path_of(uri: str) -> str:
    return to_fs_path(uri) or uri


server = PrepServer()


@server.feature(t.INITIALIZE)
def initialize(ls: PrepServer, params: t.InitializeParams) -> None:
    """The client's `locale` (`ja`, `ja-JP`, `en-US`) chooses the language of findings,
    hovers and quick fixes; another or none leaves it to --lang, PREP_LANG, the locale."""
    from prep.i18n import normalize, set_language

    if normalize(params.locale):
        set_language(params.locale)


@server.feature(t.INITIALIZED)
def initialized(ls: PrepServer, params) -> None:
    folders = ls.workspace.folders.values() if ls.workspace.folders else []
    ls.files.folders = [path_of(f.uri) for f in folders]
    if not ls.files.folders and ls.workspace.root_path:
        ls.files.folders = [ls.workspace.root_path]
    # Ask to be told of `.prep` files created, changed or deleted outside the editor
    # (the workspace rules read them); without it, the folders are listed again
    # every few seconds.
    watch = ls.client_capabilities.workspace
    if watch and watch.did_change_watched_files and watch.did_change_watched_files.dynamic_registration:
        ls.client_register_capability(
            t.RegistrationParams(
                registrations=[
                    t.Registration(
                        id="prep-files",
                        method=t.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=t.DidChangeWatchedFilesRegistrationOptions(
                            watchers=[t.FileSystemWatcher(glob_pattern="**/*.prep")]
                        ),
                    )
                ]
            )
        )


@server.feature(t.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: PrepServer, params: t.DidOpenTextDocumentParams) -> None:
    ls.check(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: PrepServer, params: t.DidChangeTextDocumentParams) -> None:
    ls.later(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: PrepServer, params: t.DidSaveTextDocumentParams) -> None:
    ls.files.forget_listing()
    ls.check(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: PrepServer, params: t.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.forget(uri)
    ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
    ls.check(None)


@server.feature(t.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def watched(ls: PrepServer, params) -> None:
    ls.files.forget_listing()
    ls.check(None)


@server.feature(t.SHUTDOWN)
def shutdown(ls: PrepServer, params) -> None:
    """Checks still running are cancelled (pygls cancels the requests waiting)."""
    for uri in list(ls.pending):
        ls.wait_no_more(uri)
    ls.jobs.cancel_all()


def on_document(feature: str, options=None):
    """Register `answer(ls, a, params)` for a request about one document: it is given
    that document's analysis `a` (the file as last sent, parsed and checked). An answer
    may be a coroutine (work handed to the worker thread); it is awaited."""

    def register(answer):
        async def request(ls: PrepServer, params):
            reply = answer(ls, await ls.analysis(params.text_document.uri), params)
            return await reply if inspect.isawaitable(reply) else reply

        request.__name__ = request.__qualname__ = answer.__name__
        server.feature(feature, options)(request)
        return answer

    return register


@on_document(t.TEXT_DOCUMENT_HOVER)
def hover(ls: PrepServer, a, params: t.HoverParams):
    return hovering.hover(a, params.position, ls.encoding)


@on_document(t.TEXT_DOCUMENT_DEFINITION)
def definition(ls: PrepServer, a, params: t.DefinitionParams):
    return ls.in_worker(features.definition, ls.files, a, params.position, ls.encoding)


@on_document(t.TEXT_DOCUMENT_REFERENCES)
def references(ls: PrepServer, a, params: t.ReferenceParams):
    including = params.context.include_declaration
    return ls.in_worker(features.references, ls.files, a, params.position, ls.encoding, including)


@on_document(t.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: PrepServer, a, params: t.PrepareRenameParams):
    return features.prepare_rename(a, params.position, ls.encoding)


@on_document(t.TEXT_DOCUMENT_RENAME)
async def rename(ls: PrepServer, a, params: t.RenameParams):
    from pygls.exceptions import JsonRpcInvalidParams

    try:
        return await ls.in_worker(features.rename, ls.files, a, params.position, params.new_name, ls.encoding)
    except features.RenameRefused as refused:
        raise JsonRpcInvalidParams(str(refused)) from None


@on_document(t.TEXT_DOCUMENT_COMPLETION, t.CompletionOptions(trigger_characters=completing.TRIGGER_CHARACTERS))
def completion(ls: PrepServer, a, params: t.CompletionParams):
    return completing.completion(a, params.position, ls.encoding)


@on_document(t.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(ls: PrepServer, a, params: t.DocumentSymbolParams):
    return features.symbols(a, ls.encoding)


@on_document(
    t.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL,
    t.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=TOKEN_MODIFIERS),
)
def semantic_tokens(ls: PrepServer, a, params: t.SemanticTokensParams):
    return t.SemanticTokens(data=features.semantic_tokens(a, ls.encoding, TOKEN_TYPES))


@on_document(t.TEXT_DOCUMENT_CODE_ACTION, t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]))
def code_action(ls: PrepServer, a, params: t.CodeActionParams):
    return features.code_actions(a, params.range, ls.encoding, lambda d: ls.diagnostic(a, d))


@on_document(t.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: PrepServer, a, params: t.DocumentFormattingParams):
    return ls.in_worker(features.formatting, a, ls.encoding)


def serve() -> None:
    import logging

    logging.getLogger("pygls").setLevel(logging.WARNING)
    names.tokens("")  # load the grammar before the first request
    from prep.lsp.transport import serve_stdio

    try:
        serve_stdio(server)  # bounded, every malformed message answered (transport.py)
    finally:
        server.jobs.cancel_all()
        server.jobs.worker.shutdown(wait=False, cancel_futures=True)
