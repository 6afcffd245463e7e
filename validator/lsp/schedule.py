"""When documents are checked: debounced, off the event loop, one run per document at a time.

A change after a quiet spell is checked at once, so a single edit shows its result as soon as
the check ends; changes that follow within the debounce delay are gathered and checked once the
typing pauses. Checks run in a thread pool of their own (pygls reads standard input through its
pool: sharing it could starve the reader), so a long document never holds up the others, and
requests keep being answered while it is checked. A newer request for the same document cancels
the run in progress: the run stops at its next checkpoint (before each deliberation it builds and
each rule it runs, validator.build.cancel), and the new one starts when it has. A run that ends anyway
(a check past its last checkpoint) has its outdated result dropped by `finish`.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..build.cancel import Cancelled, cancellable

R = TypeVar("R")
log = logging.getLogger(__name__)


@dataclass
class _Slot:
    waiting: asyncio.Task[None] | None = None
    running: asyncio.Future[object] | None = None
    stop: threading.Event = field(default_factory=threading.Event)  # set: the run in progress is outdated
    last_request: float = field(default=float("-inf"))


class LintQueue(Generic[R]):
    """Per-key scheduling. `start(key)` runs on the loop and returns the job to run in the pool
    (or None to skip); `finish(key, result)` runs on the loop with the job's result."""

    def __init__(self, executor: Executor, start: Callable[[str], Callable[[], R] | None], finish: Callable[[str, R], None]) -> None:
        self._executor = executor
        self._start = start
        self._finish = finish
        self._slots: dict[str, _Slot] = {}

    def request(self, key: str, debounce: float) -> None:
        """Ask for a check after an edit: at once after a quiet spell, else when typing pauses."""
        loop = asyncio.get_running_loop()
        slot = self._slots.setdefault(key, _Slot())
        now = loop.time()
        quiet = slot.waiting is None and slot.running is None and now - slot.last_request >= debounce
        slot.last_request = now
        self._schedule(key, slot, 0.0 if quiet else debounce)

    def request_now(self, key: str) -> None:
        """Ask for a check without delay (document opened or saved, configuration changed)."""
        slot = self._slots.setdefault(key, _Slot())
        self._schedule(key, slot, 0.0)

    def forget(self, key: str) -> None:
        """Drop what is waiting for `key` and cancel its run in progress."""
        slot = self._slots.pop(key, None)
        if slot is not None:
            slot.stop.set()
            if slot.waiting is not None:
                slot.waiting.cancel()

    def stop_all(self) -> None:
        """The session ends: cancel every run in progress."""
        for key in list(self._slots):
            self.forget(key)

    def _schedule(self, key: str, slot: _Slot, delay: float) -> None:
        slot.stop.set()  # whatever runs now checks what the editor no longer holds
        if slot.waiting is not None:
            slot.waiting.cancel()
        slot.waiting = asyncio.get_running_loop().create_task(self._run(key, slot, delay))

    async def _run(self, key: str, slot: _Slot, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        while slot.running is not None and not slot.running.done():
            await asyncio.wait([slot.running])
        # From here on a newer request queues behind this run instead of cancelling it.
        slot.waiting = None
        try:
            job = self._start(key)
        except Exception:
            log.exception("preparing the check of %s failed", key)
            return
        if job is None:
            return
        stop = slot.stop = threading.Event()

        def run() -> R:
            with cancellable(stop):
                return job()

        try:
            future: asyncio.Future[R] = asyncio.get_running_loop().run_in_executor(self._executor, run)
        except RuntimeError:
            return  # the pool is shut down: the session is ending
        slot.running = future  # type: ignore[assignment]
        try:
            result = await future
        except Cancelled:
            return  # a newer request is waiting for this run to end
        except Exception:
            log.exception("the check of %s failed", key)
            return
        finally:
            if slot.running is future:
                slot.running = None
        try:
            self._finish(key, result)
        except Exception:
            log.exception("publishing the check of %s failed", key)
