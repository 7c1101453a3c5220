"""`prep lsp`: the language server (pygls, stdio). Thin: every answer comes from the
layers (parser, checks, fixes, fmt) or from the token roles of `prep.lsp.names`."""

from __future__ import annotations

import asyncio

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from prep import __version__
from prep.lsp import features, names
from prep.lsp.analysis import Pieces, Workspace
from prep.i18n import _

DEBOUNCE = 0.03   # seconds of quiet typing before a document is checked again
SEVERITY = {"error": t.DiagnosticSeverity.Error, "warning": t.DiagnosticSeverity.Warning,
            "info": t.DiagnosticSeverity.Information}
RULES_DOC = "https://github.com/prep-models/prep/blob/main/docs/rules.md"
TOKEN_TYPES = ["keyword", "namespace", "type", "class", "interface", "variable", "parameter",
               "property", "enumMember", "event", "function", "string", "number", "comment",
               "operator"]
TOKEN_MODIFIERS = ["declaration"]


class PrepServer(LanguageServer):
    def __init__(self):
        super().__init__("prep", __version__,
                         text_document_sync_kind=t.TextDocumentSyncKind.Incremental)
        self.prep = Workspace()
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.published: dict[str, list] = {}
        self.pieces: dict[str, Pieces] = {}

    @property
    def encoding(self) -> str:
        kind = self.workspace.position_encoding or "utf-16"
        return str(getattr(kind, "value", kind))

    def check(self, uri: str) -> None:
        """Check the document as the editor has it, then publish every open document
        whose findings changed (a workspace rule may move with it)."""
        self.pending.pop(uri, None)
        doc = self.workspace.get_text_document(uri)
        pieces = self.pieces.setdefault(uri, Pieces())
        self.prep.open[uri] = pieces.analyse(uri, path_of(uri), without_surrogates(doc.source))
        self.publish_all(always=uri)

    def publish_all(self, always: str | None = None) -> None:
        """Publish the findings of every open document that changed (and always those
        of `always`, the document just checked: the editor waits for them)."""
        self.prep.refresh()
        for uri, a in self.prep.open.items():
            diagnostics = [self.diagnostic(a, d) for d in a.findings]
            if uri == always or self.published.get(uri) != diagnostics:
                self.published[uri] = diagnostics
                version = self.workspace.get_text_document(uri).version
                self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(
                    uri=uri, diagnostics=diagnostics, version=version))

    def diagnostic(self, a, d) -> t.Diagnostic:
        from prep.checks import rules_by_code

        lines = a.lines(self.encoding)
        rule = rules_by_code().get(d.code)
        related = []
        for r in d.related:
            if r.span.file == a.path:
                rng = lines.range(r.span)
            else:
                other = self.prep.analysis_for_path(r.span.file)
                rng = other.lines(self.encoding).range(r.span) if other else lines.range(r.span)
            related.append(t.DiagnosticRelatedInformation(
                location=t.Location(uri=from_fs_path(r.span.file) or a.uri, range=rng),
                message=r.message))
        message = d.message + ("\n" + _("hint:") + f" {d.hint}" if d.hint else "")
        return t.Diagnostic(
            range=lines.range(d.span), message=message, severity=SEVERITY[d.severity.value],
            code=d.code, source="prep",
            code_description=t.CodeDescription(href=f"{RULES_DOC}#{d.code.lower()}-"
                                               f"{rule.name}") if rule else None,
            related_information=related or None)

    def later(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(DEBOUNCE, self.check, uri)

    def analysis(self, uri: str):
        """The latest analysis of an open document (checked now if a change waits). A
        document the editor has not opened is read from the disk only when it is a
        `file:` URI; any other is an error (an `untitled:x` is not the file `./x`)."""
        if uri not in self.workspace.text_documents and not uri.startswith("file:"):
            from pygls.exceptions import JsonRpcInvalidParams

            raise JsonRpcInvalidParams(f"{uri} is not open")
        if uri in self.pending or uri not in self.prep.open:
            handle = self.pending.pop(uri, None)
            if handle is not None:
                handle.cancel()
            self.check(uri)
        return self.prep.open[uri]


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
    ls.prep.folders = [path_of(f.uri) for f in folders]
    if not ls.prep.folders and ls.workspace.root_path:
        ls.prep.folders = [ls.workspace.root_path]
    # Ask to be told of `.prep` files created, changed or deleted outside the editor
    # (the workspace rules read them); without it, the folders are listed again
    # every few seconds.
    watch = ls.client_capabilities.workspace
    if watch and watch.did_change_watched_files and \
            watch.did_change_watched_files.dynamic_registration:
        ls.client_register_capability(t.RegistrationParams(registrations=[t.Registration(
            id="prep-files", method=t.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=t.DidChangeWatchedFilesRegistrationOptions(
                watchers=[t.FileSystemWatcher(glob_pattern="**/*.prep")]))]))


@server.feature(t.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: PrepServer, params: t.DidOpenTextDocumentParams) -> None:
    ls.check(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: PrepServer, params: t.DidChangeTextDocumentParams) -> None:
    ls.later(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: PrepServer, params: t.DidSaveTextDocumentParams) -> None:
    ls.prep.forget_listing()
    ls.check(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: PrepServer, params: t.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    handle = ls.pending.pop(uri, None)
    if handle is not None:
        handle.cancel()
    ls.prep.open.pop(uri, None)
    ls.published.pop(uri, None)
    ls.pieces.pop(uri, None)
    ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
    ls.publish_all()


@server.feature(t.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def watched(ls: PrepServer, params) -> None:
    ls.prep.forget_listing()
    ls.publish_all()


@server.feature(t.TEXT_DOCUMENT_HOVER)
def hover(ls: PrepServer, params: t.HoverParams):
    a = ls.analysis(params.text_document.uri)
    return features.hover(a, params.position, ls.encoding)


@server.feature(t.TEXT_DOCUMENT_DEFINITION)
def definition(ls: PrepServer, params: t.DefinitionParams):
    a = ls.analysis(params.text_document.uri)
    return features.definition(ls.prep, a, params.position, ls.encoding)


@server.feature(t.TEXT_DOCUMENT_REFERENCES)
def references(ls: PrepServer, params: t.ReferenceParams):
    a = ls.analysis(params.text_document.uri)
    return features.references(ls.prep, a, params.position, ls.encoding,
                               params.context.include_declaration)


@server.feature(t.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: PrepServer, params: t.PrepareRenameParams):
    a = ls.analysis(params.text_document.uri)
    return features.prepare_rename(a, params.position, ls.encoding)


@server.feature(t.TEXT_DOCUMENT_RENAME)
def rename(ls: PrepServer, params: t.RenameParams):
    from pygls.exceptions import JsonRpcInvalidParams

    a = ls.analysis(params.text_document.uri)
    try:
        return features.rename(ls.prep, a, params.position, params.new_name, ls.encoding)
    except features.RenameRefused as refused:
        raise JsonRpcInvalidParams(str(refused)) from None


@server.feature(t.TEXT_DOCUMENT_COMPLETION,
                t.CompletionOptions(trigger_characters=features.TRIGGER_CHARACTERS))
def completion(ls: PrepServer, params: t.CompletionParams):
    a = ls.analysis(params.text_document.uri)
    return features.completion(a, params.position, ls.encoding)


@server.feature(t.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(ls: PrepServer, params: t.DocumentSymbolParams):
    a = ls.analysis(params.text_document.uri)
    return features.symbols(a, ls.encoding)


@server.feature(t.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL,
                t.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=TOKEN_MODIFIERS))
def semantic_tokens(ls: PrepServer, params: t.SemanticTokensParams):
    a = ls.analysis(params.text_document.uri)
    return t.SemanticTokens(data=features.semantic_tokens(a, ls.encoding, TOKEN_TYPES))


@server.feature(t.TEXT_DOCUMENT_CODE_ACTION,
                t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]))
def code_action(ls: PrepServer, params: t.CodeActionParams):
    a = ls.analysis(params.text_document.uri)
    return features.code_actions(a, params.range, ls.encoding,
                                 lambda d: ls.diagnostic(a, d))


@server.feature(t.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: PrepServer, params: t.DocumentFormattingParams):
    a = ls.analysis(params.text_document.uri)
    return features.formatting(a, ls.encoding)


def serve() -> None:
    import logging

    logging.getLogger("pygls").setLevel(logging.WARNING)
    names.tokens("")           # load the grammar before the first request
    from prep.lsp.transport import serve_stdio

    serve_stdio(server)        # bounded, every malformed message answered (transport.py)
