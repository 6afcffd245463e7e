"""The language server: documents in, diagnostics, hovers and quick fixes out.

Text is synchronised in full (`TextDocumentSyncKind.Full`): pygls applies incremental edits on
`str.splitlines()` lines, which disagree with the editor's as soon as a text holds a form feed
(pdftotext page breaks) or U+2028, and the mirror would drift. Full sync keeps the text exactly as
the editor has it; every position goes through `convert`.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import FeatureRequestError, JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..diagnostics import Diagnostic, Severity
from ..document import Document
from ..engine import lint_document
from ..parsing import parser
from .convert import to_lsp_diagnostic
from .docs import DocsFiles
from .features import Checked
from .protocol import DelibProtocol
from .schedule import LintQueue
from .settings import Configs, Resolved, Settings, is_config_file

log = logging.getLogger(__name__)
WATCHERS_ID = "delib-config-watchers"


@dataclass(eq=False)
class OpenDocument:
    uri: str
    path: Path | None
    checked: Checked | None = None


@dataclass(frozen=True)
class Outcome:
    """A check and what it was made for: which opening of the document, which configuration."""

    checked: Checked
    opened: OpenDocument
    generation: int


class DelibServer(LanguageServer):
    """State shared by the handlers: open documents, settings, configurations, the lint queue."""

    def __init__(self) -> None:
        super().__init__("delib", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full, protocol_cls=DelibProtocol)
        self.protocol: DelibProtocol
        self.documents: dict[str, OpenDocument] = {}
        self.settings = Settings()
        self.configs = Configs()
        self.docs = DocsFiles()
        self.generation = 0  # bumped whenever configuration may have changed
        self.executor = ThreadPoolExecutor(max_workers=min(4, (os.cpu_count() or 1) + 1), thread_name_prefix="delib-check")
        self.queue: LintQueue[Outcome] = LintQueue(self.executor, self._job, self._publish)

    # -- checking -------------------------------------------------------------------------------

    def _job(self, uri: str) -> Callable[[], Outcome] | None:
        """On the loop: take the text, version and rules now; the returned job checks them."""
        doc = self.documents.get(uri)
        if doc is None:
            return None
        source = self.workspace.get_text_document(uri)
        text, version, generation = source.source, source.version, self.generation
        resolved = self.configs.resolve(doc.path or self._root(), self.settings.profile)
        codec = self.workspace.position_codec
        path = str(doc.path) if doc.path else uri

        def job() -> Outcome:
            return Outcome(check(text, path, version, resolved, codec, self.docs), doc, generation)

        return job

    def _publish(self, uri: str, outcome: Outcome) -> None:
        checked = outcome.checked
        if self.documents.get(uri) is not outcome.opened or outcome.generation != self.generation:
            return  # closed (perhaps reopened since), or checked with a configuration now replaced
        if checked.version != self.workspace.get_text_document(uri).version:
            return  # outdated: the check of the newer version is queued
        outcome.opened.checked = checked
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=list(checked.lsp), version=checked.version)
        )

    def current(self, uri: str) -> Checked | None:
        """The last check, if it is of the text the editor holds now."""
        doc = self.documents.get(uri)
        if doc is None or doc.checked is None:
            return None
        if doc.checked.version != self.workspace.get_text_document(uri).version:
            return None
        return doc.checked

    def recheck_all(self) -> None:
        self.generation += 1
        self.configs.clear()
        for uri, doc in self.documents.items():
            if not is_config_file(doc.path):
                self.queue.request_now(uri)

    def _root(self) -> Path | None:
        for folder in self.workspace.folders.values():
            path = to_fs_path(folder.uri)
            if path:
                return Path(path)
        root = self.workspace.root_path
        return Path(root) if root else None

    # -- messages to the clerk ------------------------------------------------------------------

    def tell(self, message: str, level: types.MessageType = types.MessageType.Warning) -> None:
        self.window_show_message(types.ShowMessageParams(type=level, message=f"delib : {message}"))

    def report_server_error(self, error: Exception, source: Any) -> None:
        # pygls would pop up "Error in server: ..." in English for each of these; an error
        # response, or the editor's log, is the place for them.
        if source is FeatureRequestError:
            return  # the request's own error response already says it
        try:
            if source is JsonRpcException and isinstance(error, (ValueError, RecursionError)):
                # The body of a message is not JSON (or not UTF-8, or nested too deep to read).
                log.warning("unreadable message: %s", error)
                self.protocol.reply_error(None, types.ErrorCodes.ParseError, f"message illisible : {error}")
                return
            log.error("%s: %s", getattr(source, "__name__", source), error)
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=f"delib : {error!r}"))
        except Exception:
            log.exception("cannot report an error to the client")


def check(text: str, path: str, version: int | None, resolved: Resolved, codec: Any, docs: DocsFiles) -> Checked:
    """Check one version of a document (in a worker thread); never raises."""
    document = Document(text, path)
    try:
        diagnostics = lint_document(document, resolved.ruleset).diagnostics
    except Exception as exc:  # the server outlives any bug in a reading or a rule
        log.exception("checking %s failed", path)
        diagnostics = (top_diagnostic(document, "internal", f"vérification impossible (erreur interne {type(exc).__name__} ; merci de la signaler)", Severity.ERROR),)
    if resolved.error:
        diagnostics = (top_diagnostic(document, "configuration", f"configuration ignorée : {resolved.error}", Severity.WARNING), *diagnostics)
    rules = resolved.ruleset.rules
    lsp = []
    for d in diagnostics:
        rule = rules.get(d.rule)
        lsp.append(to_lsp_diagnostic(d, document, codec, docs.uri(rule) if rule is not None else None))
    return Checked(version, document, diagnostics, rules, tuple(lsp))


def top_diagnostic(document: Document, code: str, message: str, severity: Severity) -> Diagnostic:
    """A finding about the whole document, drawn on its first line."""
    end = len(document.line_text(1)) if document.text else 0
    return Diagnostic(1, 1, 1, end + 1, code, message, severity, 0, end)


def create_server() -> DelibServer:
    from . import handlers

    server = DelibServer()
    handlers.register(server)
    return server


class _NoTracebackForBadInput(logging.Filter):
    """pygls logs a traceback for every unreadable message; `report_server_error` says it in a line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != "Unable to handle message"


def serve() -> None:
    """Run the server on standard input and output until the client ends the session."""
    # Standard error is the editor's log of the server; DELIB_LSP_DEBUG=1 makes it verbose.
    debug = bool(os.environ.get("DELIB_LSP_DEBUG"))
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="delib-lsp %(levelname)s %(name)s: %(message)s")
    if not debug:
        logging.getLogger("pygls.server").addFilter(_NoTracebackForBadInput())
    # Build the grammar before the first document arrives, and only once: two checks starting
    # together would otherwise both build it and write its cache file at the same time.
    parser()
    create_server().start_io()
