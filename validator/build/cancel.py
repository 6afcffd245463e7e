"""Stopping a check whose result nobody wants any more (the language server's outdated versions).

A thread cannot be killed, so a check stops itself: the build stage calls `checkpoint()` before
each deliberation and the engine before each rule. Where the caller set no event (`delib check`),
a checkpoint costs one lookup and never stops anything. The events live in a context variable, so
each worker thread sees only the event of the check it runs.

`Cancelled` derives from BaseException, as asyncio's CancelledError does: the handlers that turn
an unexpected exception into one document's "erreur interne" must let it through.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_event: ContextVar[threading.Event | None] = ContextVar("delib_cancel", default=None)


class Cancelled(BaseException):
    """The check was cancelled: a newer version of the document is waiting."""


def checkpoint() -> None:
    event = _event.get()
    if event is not None and event.is_set():
        raise Cancelled


@contextmanager
def cancellable(event: threading.Event) -> Iterator[None]:
    """Run the block so that setting `event` stops it at its next checkpoint."""
    token = _event.set(event)
    try:
        yield
    finally:
        _event.reset(token)
