"""When the server checks: at once after a quiet spell, once per burst, never one document behind
another, and an outdated check stopped rather than waited for."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from validator.build.cancel import Cancelled, checkpoint
from validator.lsp.schedule import LintQueue


class Recorder:
    """Jobs that report which version of which key they checked, in the order they finish."""

    def __init__(self, slow: frozenset[str] = frozenset()) -> None:
        self.version: dict[str, int] = {}
        self.started: list[tuple[str, int]] = []
        self.finished: list[tuple[str, int]] = []
        self.slow = slow
        self.release = threading.Event()

    def start(self, key: str) -> Callable[[], tuple[str, int]]:
        version = self.version[key]
        self.started.append((key, version))

        def job() -> tuple[str, int]:
            if key in self.slow:
                self.release.wait(10)
            return key, version

        return job

    def finish(self, key: str, result: tuple[str, int]) -> None:
        self.finished.append(result)


async def until(condition: Callable[[], bool]) -> None:
    while not condition():
        await asyncio.sleep(0.005)


def run(scenario: Callable[[LintQueue[tuple[str, int]], Recorder], object], recorder: Recorder) -> Recorder:
    async def main() -> None:
        with ThreadPoolExecutor(max_workers=3) as pool:
            queue: LintQueue[tuple[str, int]] = LintQueue(pool, recorder.start, recorder.finish)
            await asyncio.wait_for(scenario(queue, recorder), 20)  # type: ignore[arg-type]
            recorder.release.set()

    asyncio.run(main())
    return recorder


def test_an_edit_after_a_pause_is_checked_at_once_and_a_burst_once_more() -> None:
    async def scenario(queue: LintQueue[tuple[str, int]], rec: Recorder) -> None:
        for version in range(1, 6):
            rec.version["acte"] = version
            queue.request("acte", debounce=0.05)
            await asyncio.sleep(0)  # each message is handled in its own turn of the loop
        await until(lambda: ("acte", 5) in rec.finished)

    rec = run(scenario, Recorder())
    assert rec.started == [("acte", 1), ("acte", 5)]


def test_a_slow_document_does_not_hold_up_another() -> None:
    async def scenario(queue: LintQueue[tuple[str, int]], rec: Recorder) -> None:
        rec.version.update(gros=1, petit=1)
        queue.request_now("gros")
        await until(lambda: ("gros", 1) in rec.started)
        queue.request_now("petit")
        await until(lambda: ("petit", 1) in rec.finished)
        assert rec.finished == [("petit", 1)]  # "gros" is still being checked
        rec.version["gros"] = 2
        queue.request_now("gros")  # waits for the run in progress instead of running beside it
        await asyncio.sleep(0.05)
        assert rec.started.count(("gros", 2)) == 0
        rec.release.set()
        await until(lambda: ("gros", 2) in rec.finished)

    rec = run(scenario, Recorder(slow=frozenset({"gros"})))
    assert rec.finished == [("petit", 1), ("gros", 1), ("gros", 2)]


def test_a_forgotten_document_is_not_checked() -> None:
    async def scenario(queue: LintQueue[tuple[str, int]], rec: Recorder) -> None:
        rec.version["ferme"] = 1
        queue.request("ferme", debounce=10)
        queue.request("ferme", debounce=10)  # not quiet any more: waits 10 s
        queue.forget("ferme")
        await asyncio.sleep(0.05)

    assert run(scenario, Recorder()).started == []


class Failing(Recorder):
    def start(self, key: str) -> Callable[[], tuple[str, int]]:
        if key != "casse":
            return super().start(key)

        def job() -> tuple[str, int]:
            raise RuntimeError("boum")

        return job


def test_a_job_that_fails_is_logged_and_the_queue_goes_on() -> None:
    async def scenario(queue: LintQueue[tuple[str, int]], rec: Recorder) -> None:
        rec.version.update(casse=1, sain=1)
        queue.request_now("casse")
        queue.request_now("sain")
        await until(lambda: ("sain", 1) in rec.finished)

    assert run(scenario, Failing()).finished == [("sain", 1)]


class Long(Recorder):
    """Version 1 is a long check (10 s) that reaches a checkpoint often, as the build stage does
    before each deliberation; it records whether it was stopped."""

    def __init__(self) -> None:
        super().__init__()
        self.cancelled: list[tuple[str, int]] = []

    def start(self, key: str) -> Callable[[], tuple[str, int]]:
        version = self.version[key]
        self.started.append((key, version))

        def job() -> tuple[str, int]:
            deadline = time.monotonic() + 10
            try:
                while version == 1 and time.monotonic() < deadline:
                    checkpoint()
                    time.sleep(0.005)
            except Cancelled:
                self.cancelled.append((key, version))
                raise
            return key, version

        return job


def test_a_newer_version_stops_the_check_in_progress() -> None:
    """The new version used to wait for the whole check of the old one (the build of a 1 MB act
    takes about ten seconds), and its result was then thrown away."""

    async def scenario(queue: LintQueue[tuple[str, int]], rec: Recorder) -> None:
        rec.version["gros"] = 1
        queue.request_now("gros")
        await until(lambda: ("gros", 1) in rec.started)
        await asyncio.sleep(0.05)
        rec.version["gros"] = 2
        queue.request("gros", debounce=0.05)
        await until(lambda: ("gros", 2) in rec.finished)

    rec = run(scenario, Long())
    assert rec.cancelled == [("gros", 1)]  # type: ignore[attr-defined]
    assert rec.finished == [("gros", 2)]


def test_closing_a_document_stops_its_check() -> None:
    async def scenario(queue: LintQueue[tuple[str, int]], rec: Recorder) -> None:
        rec.version["ferme"] = 1
        queue.request_now("ferme")
        await until(lambda: ("ferme", 1) in rec.started)
        queue.forget("ferme")
        await until(lambda: bool(rec.cancelled))  # type: ignore[attr-defined]

    assert run(scenario, Long()).finished == []
