"""The protocol's messages, wired to the server's methods by `register`."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from ..config import CONFIG_NAMES
from .features import code_actions, hover

if TYPE_CHECKING:
    from .server import DelibServer

log = logging.getLogger(__name__)
WATCHERS_ID = "delib-config-watchers"


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


def _config_watchers() -> types.RegistrationParams:
    watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
    options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
    return types.RegistrationParams(
        registrations=[types.Registration(id=WATCHERS_ID, method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)]
    )


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
            return  # `Configs` still notices an edited configuration file at the next check
        try:
            await ls.client_register_capability_async(_config_watchers())
        except Exception as exc:
            log.warning("the client refused to watch configuration files: %s", exc)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: DelibServer, params: Any) -> None:
        ls.queue.stop_all()
        ls.executor.shutdown(wait=False, cancel_futures=True)

    @server.feature(types.EXIT)
    def on_exit(ls: DelibServer, params: Any) -> None:
        ls.exit_process()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: DelibServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.opened(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: DelibServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.changed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: DelibServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.saved(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: DelibServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.closed(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: DelibServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.recheck_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration(ls: DelibServer, params: types.DidChangeConfigurationParams) -> None:
        settings, errors = ls.settings.update(params.settings)
        for error in errors:
            ls.tell(error)
        profile_changed = settings.profile != ls.settings.profile
        ls.settings = settings
        if profile_changed:
            ls.recheck_all()

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
        uri, codec = params.text_document.uri, ls.workspace.position_codec
        return code_actions(checked, uri, params.range, codec, _versioned_edits(ls)) or None
