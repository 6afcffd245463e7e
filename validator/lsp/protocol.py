"""Malformed messages get JSON-RPC errors, and the server keeps serving.

pygls survives bad input but does not always answer it: a request whose parameters do not fit
the protocol's types is logged and dropped, so the client waits for an answer forever, and a
message without `"jsonrpc"` ends in an AttributeError. Here such requests are answered with
Invalid params (-32602) or Invalid request (-32600) under their own id; a body that is not JSON
is answered by the server with Parse error (-32700), id null, as JSON-RPC 2.0 prescribes.
Notifications are never answered, even when malformed; they are logged and dropped. Before
`initialize`, requests get Server not initialized (-32002) and notifications other than `exit`
are dropped, as LSP requires; after `shutdown`, requests get Invalid request (-32600), where
pygls would leave the client waiting.

pygls 2.1.1 keeps a Future in `_request_futures` for every notification that a generator handler
serves (its own didOpen, didChange, didClose...), under a fresh uuid that nothing ever removes:
about 2 KB per keystroke. `_execute_handler` drops those entries here (see there).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lsprotocol import types
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.json_rpc import JsonRPCNotification, JsonRPCRequestMessage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rejected:
    """A message whose envelope was readable but whose content does not fit the protocol."""

    id: int | str | None
    method: str
    code: types.ErrorCodes
    is_request: bool


def _message_id(value: Any) -> int | str | None:
    return value if isinstance(value, (int, str)) and not isinstance(value, bool) else None


class DelibProtocol(LanguageServerProtocol):
    def structure_message(self, data: dict[str, Any]) -> Any:
        # Called by json.loads for every object, innermost first: only envelopes carry both keys.
        if "jsonrpc" not in data or "method" not in data or "error" in data:
            return super().structure_message(data)
        method = data["method"]
        is_request = "id" in data
        if not isinstance(method, str):
            return Rejected(_message_id(data.get("id")), repr(method), types.ErrorCodes.InvalidRequest, is_request)
        target = self.get_message_type(method) or (JsonRPCRequestMessage if is_request else JsonRPCNotification)
        try:
            return self._converter.structure(data, target)
        except Exception:
            return Rejected(_message_id(data.get("id")), method, types.ErrorCodes.InvalidParams, is_request)

    def handle_message(self, message: Any) -> None:
        if isinstance(message, Rejected):
            log.warning("malformed %s %r dropped", "request" if message.is_request else "notification", message.method)
            if message.is_request:
                what = "paramètres invalides" if message.code == types.ErrorCodes.InvalidParams else "requête invalide"
                self.reply_error(message.id, message.code, f"{what} pour « {message.method} »")
            return
        if getattr(message, "jsonrpc", None) != "2.0":
            # Not a JSON-RPC 2.0 message at all: a list, a number, an object without "jsonrpc".
            log.warning("invalid JSON-RPC message dropped")
            raw_id = message.get("id") if isinstance(message, dict) else getattr(message, "id", None)
            self.reply_error(_message_id(raw_id), types.ErrorCodes.InvalidRequest, "message JSON-RPC 2.0 invalide")
            return
        method = getattr(message, "method", None)
        if self._shutdown and method is not None and method != types.EXIT:
            if hasattr(message, "id"):
                self.reply_error(message.id, types.ErrorCodes.InvalidRequest, f"« {method} » après « shutdown »")
            return
        if self._workspace is None and method not in (None, types.INITIALIZE, types.EXIT):
            # The handlers need the workspace that `initialize` creates.
            if hasattr(message, "id"):
                self.reply_error(message.id, types.ErrorCodes.ServerNotInitialized, f"« {method} » avant « initialize »")
            return
        super().handle_message(message)

    def _execute_handler(
        self,
        msg_id: Any,
        handler: Callable[..., Any],
        callback: Callable[..., Any],
        args: tuple[Any, ...] | None = None,
        kwargs: dict[str, Any] | None = None,
    ) -> None:
        super()._execute_handler(msg_id, handler, callback, args, kwargs)
        # pygls files the handler's Future under `msg_id`. For a request that is the client's id,
        # which the response (or a cancel) removes; pygls makes it the current message id just
        # before. Any other id is a uuid made up for a notification, or for a step of a generator
        # handler, and nothing would ever remove it: the Future's callback is already attached, so
        # the entry serves no one. (A pending one is then not cancelled by `shutdown`; `exit`
        # ends the process anyway.)
        if msg_id != self._ctx_msg_id.get():
            self._request_futures.pop(msg_id, None)

    def reply_error(self, msg_id: int | str | None, code: types.ErrorCodes, message: str) -> None:
        """Answer with a JSON-RPC error; `msg_id` is None when the request's id could not be read."""
        # A plain mapping: the lsprotocol converter would drop `"id": null`, which JSON-RPC requires.
        self._send_data({"jsonrpc": "2.0", "id": msg_id, "error": {"code": int(code), "message": message}})
