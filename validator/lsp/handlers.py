"""The protocol handlers, registered on a `DelibServer` by `register`."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.uris import to_fs_path

from ..config import CONFIG_NAMES
from ..document import Document
from ..diagnostics import Severity
from .convert import to_lsp_diagnostic
from .features import code_actions, hover
from .server import WATCHERS_ID, DelibServer, OpenDocument, top_diagnostic
from .settings import is_config_file

log = logging.getLogger(__name__)


def _path(uri: str) -> Path | None:
    path = to_fs_path(uri)
    return Path(path) if path else None


def publish_config_state(ls: DelibServer, uri: str) -> None:
    """On an open `.delib.yaml`: its French error as one diagnostic, or none when it is usable."""
    doc = ls.documents.get(uri)
    if doc is None or doc.path is None:
        return
    error = ls.configs.check_file(doc.path, ls.settings.profile)
    found = []
    if error is not None:
        document = Document(ls.workspace.get_text_document(uri).source, str(doc.path))
        finding = top_diagnostic(document, "configuration", error, Severity.ERROR)
        found.append(to_lsp_diagnostic(finding, document, ls.workspace.position_codec))
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=found))


def _recheck_everything(ls: DelibServer) -> None:
    ls.recheck_all()
    for uri, doc in ls.documents.items():
        if is_config_file(doc.path):
            publish_config_state(ls, uri)


def _wants_markdown(ls: DelibServer) -> bool:
    hover_caps = ls.client_capabilities.text_document and ls.client_capabilities.text_document.hover
    formats = hover_caps.content_format if hover_caps else None
    return not formats or types.MarkupKind.Markdown in formats


def _versioned_edits(ls: DelibServer) -> bool:
    workspace = ls.client_capabilities.workspace
    return bool(workspace and workspace.workspace_edit and workspace.workspace_edit.document_changes)


def _wants_quick_fixes(only: Sequence[str] | None) -> bool:
    quickfix = types.CodeActionKind.QuickFix.value
    return not only or any(kind in ("", quickfix) or quickfix.startswith(f"{kind}.") for kind in only)


def register(server: DelibServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: DelibServer, params: types.InitializeParams) -> None:
        ls.settings, errors = ls.settings.update(params.initialization_options)
        for error in errors:
            ls.tell(error)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: DelibServer, params: types.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if not (watched and watched.dynamic_registration):
            return  # the key of `Configs` still notices edits to a configuration file at the next check
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
        registration = types.Registration(
            id=WATCHERS_ID,
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        try:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
        except Exception as exc:
            log.warning("the client refused to watch configuration files: %s", exc)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: DelibServer, params: Any) -> None:
        ls.executor.shutdown(wait=False, cancel_futures=True)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: DelibServer, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        doc = ls.documents[uri] = OpenDocument(uri, _path(uri))
        if is_config_file(doc.path):
            publish_config_state(ls, uri)
        else:
            ls.queue.request_now(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: DelibServer, params: types.DidChangeTextDocumentParams) -> None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is not None and not is_config_file(doc.path):
            ls.queue.request(doc.uri, ls.settings.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: DelibServer, params: types.DidSaveTextDocumentParams) -> None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return
        if is_config_file(doc.path):
            _recheck_everything(ls)
        else:
            ls.queue.request_now(doc.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: DelibServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.queue.forget(uri)
        ls.documents.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: DelibServer, params: types.DidChangeWatchedFilesParams) -> None:
        _recheck_everything(ls)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration(ls: DelibServer, params: types.DidChangeConfigurationParams) -> None:
        settings, errors = ls.settings.update(params.settings)
        for error in errors:
            ls.tell(error)
        changed = settings.profile != ls.settings.profile
        ls.settings = settings
        if changed:
            _recheck_everything(ls)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: DelibServer, params: types.HoverParams) -> types.Hover | None:
        checked = ls.current(params.text_document.uri)
        if checked is None:
            return None
        return hover(checked, params.position, ls.workspace.position_codec, _wants_markdown(ls))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def on_code_action(ls: DelibServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        checked = ls.current(params.text_document.uri)
        if checked is None or not _wants_quick_fixes(params.context.only):
            return None
        codec = ls.workspace.position_codec
        return code_actions(checked, params.text_document.uri, params.range, codec, _versioned_edits(ls)) or None
