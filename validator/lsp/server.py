"""The language server: documents in, diagnostics, hovers and quick fixes out.

Text is synchronised in full (`TextDocumentSyncKind.Full`): pygls applies incremental edits on
`str.splitlines()` lines, which disagree with the editor's as soon as a text holds a form feed
(pdftotext page breaks) or U+2028, and the mirror would drift. Full sync keeps the text exactly as
the editor has it; every position goes through `convert`.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from lsprotocol import types
from pygls.exceptions import FeatureRequestError, JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..diagnostics import Severity
from ..document import Document
from ..parse.parsing import parser
from .checking import check, top_diagnostic
from .convert import to_lsp_diagnostic
from .docs import DocsFiles
from .features import Checked
from .handlers import register
from .protocol import DelibProtocol
from .schedule import LintQueue
from .settings import Configs, Settings, is_config_file

log = logging.getLogger(__name__)


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
    """The state behind the handlers: open documents, settings, configurations, the lint queue."""

    def __init__(self) -> None:
        super().__init__("delib", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full, protocol_cls=DelibProtocol)
        self.protocol: DelibProtocol
        self.documents: dict[str, OpenDocument] = {}
        self.settings = Settings()
        self.configs = Configs()
        self.docs = DocsFiles()
        self.generation = 0  # bumped whenever the configuration may have changed
        self.executor = ThreadPoolExecutor(max_workers=min(4, (os.cpu_count() or 1) + 1), thread_name_prefix="delib-check")
        self.queue: LintQueue[Outcome] = LintQueue(self.executor, self._job, self._publish)

    # -- documents ------------------------------------------------------------------------------

    def opened(self, uri: str) -> None:
        path = to_fs_path(uri)
        self.documents[uri] = OpenDocument(uri, Path(path) if path else None)
        self._refresh(uri)

    def changed(self, uri: str) -> None:
        doc = self.documents.get(uri)
        if doc is not None and not is_config_file(doc.path):
            self.queue.request(uri, self.settings.debounce)

    def saved(self, uri: str) -> None:
        doc = self.documents.get(uri)
        if doc is None:
            return
        if is_config_file(doc.path):
            self.recheck_all()
        else:
            self.queue.request_now(uri)

    def closed(self, uri: str) -> None:
        self.queue.forget(uri)
        self.documents.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def current(self, uri: str) -> Checked | None:
        """The last check, if it is of the text the editor holds now."""
        doc = self.documents.get(uri)
        if doc is None or doc.checked is None:
            return None
        if doc.checked.version != self.workspace.get_text_document(uri).version:
            return None
        return doc.checked

    def recheck_all(self) -> None:
        """The configuration may have changed: check every open document again."""
        self.generation += 1
        self.configs.clear()
        for uri in self.documents:
            self._refresh(uri)

    def _refresh(self, uri: str) -> None:
        """Check a deliberation now; for an open `.delib.yaml`, show whether it is usable."""
        if is_config_file(self.documents[uri].path):
            self.publish_config_state(uri)
        else:
            self.queue.request_now(uri)

    def publish_config_state(self, uri: str) -> None:
        """On an open `.delib.yaml`: its French error as one diagnostic, or none when it is usable."""
        doc = self.documents.get(uri)
        if doc is None or doc.path is None:
            return
        found = []
        error = self.configs.check_file(doc.path, self.settings.profile)
        if error is not None:
            document = Document(self.workspace.get_text_document(uri).source, str(doc.path))
            finding = top_diagnostic(document, "configuration", error, Severity.ERROR)
            found.append(to_lsp_diagnostic(finding, document, self.workspace.position_codec))
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=found))

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

    def _root(self) -> Path | None:
        """Where to look for `.delib.yaml` for a document that has no path (untitled)."""
        for folder in self.workspace.folders.values():
            path = to_fs_path(folder.uri)
            if path:
                return Path(path)
        root = self.workspace.root_path
        return Path(root) if root else None

    # -- end of the session ---------------------------------------------------------------------

    def exit_process(self, code: int | None = None) -> NoReturn:
        """End the process at once, as LSP's `exit` asks: code 0 after `shutdown`, 1 without.

        `os._exit`, because a normal interpreter exit joins the worker threads: a check still
        running (a huge document, a plugin's rule stuck in a loop) would keep the process alive
        after the editor has gone. Every answer is already written: pygls writes and flushes
        each message as it is sent; nothing else is pending."""
        if code is None:
            code = 0 if self.protocol._shutdown else 1
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass  # the client closed the pipe
        logging.shutdown()
        os._exit(code)

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


def create_server() -> DelibServer:
    server = DelibServer()
    register(server)
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
    server = create_server()
    server.start_io()
    # Standard input closed without `exit` (the editor is gone): end now, without waiting for checks.
    server.exit_process(0)
