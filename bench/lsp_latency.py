"""Benchmark of the language server: time from didChange to publishDiagnostics.

Run:  .venv/bin/python bench/lsp_latency.py                 (prints a Markdown table)
      .venv/bin/python bench/lsp_latency.py --transcript F   (also records a short session in F)
      (bench/run.py runs it too, as its "lsp" section)

The server runs as editors run it (`python -m validator lsp` over stdio) with its default
settings, driven by pygls' client. Each edit follows a quiet spell longer than the debounce
delay, as a clerk's single correction does; a burst of typing is measured apart. Not a test:
timings depend on the machine; docs/editors.md records the figures, the machine and the date.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from inputs import ten_kb_document  # noqa: E402
from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.protocol import LanguageServerProtocol  # noqa: E402

from validator.check.engine import RuleSet, lint_document  # noqa: E402
from validator.document import Document  # noqa: E402

QUIET = 0.4  # seconds between measured edits: longer than the default debounce (0.2 s)


class RecordingProtocol(LanguageServerProtocol):
    """The client side of the wire, kept as JSON for the transcript."""

    transcript: list[tuple[str, Any]] = []

    def _send_data(self, data: Any) -> None:
        self.transcript.append(("->", json.loads(json.dumps(data, default=self._serialize_message))))
        super()._send_data(data)

    def handle_message(self, message: Any) -> None:
        self.transcript.append(("<-", self._converter.unstructure(message)))
        super().handle_message(message)


class Session:
    def __init__(self) -> None:
        self.client = LanguageClient("delib-bench", "1", protocol_cls=RecordingProtocol)
        self.arrived: dict[tuple[str, int], float] = {}
        self.events: dict[tuple[str, int], asyncio.Event] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: types.PublishDiagnosticsParams) -> None:
            key = (params.uri, params.version or 0)
            self.arrived[key] = time.perf_counter()
            self.events.setdefault(key, asyncio.Event()).set()

    async def start(self) -> None:
        await self.client.start_io(sys.executable, "-m", "validator", "lsp")
        caps = types.ClientCapabilities(
            workspace=types.WorkspaceClientCapabilities(workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True)),
            text_document=types.TextDocumentClientCapabilities(publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True)),
        )
        await self.client.initialize_async(types.InitializeParams(capabilities=caps, process_id=os.getpid()))
        self.client.initialized(types.InitializedParams())

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    async def published(self, uri: str, version: int) -> float:
        await asyncio.wait_for(self.events.setdefault((uri, version), asyncio.Event()).wait(), 120)
        return self.arrived[(uri, version)]

    def open(self, uri: str, text: str) -> None:
        item = types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))

    def change(self, uri: str, text: str, version: int) -> float:
        """Send the whole new text (the server asks for full sync); return when it was sent."""
        sent = time.perf_counter()
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return sent


def variants(text: str) -> tuple[str, str]:
    """Two versions one keystroke apart, so that every edit really changes the text."""
    return text, text + " "


async def isolated_edits(session: Session, uri: str, text: str, runs: int) -> list[float]:
    session.open(uri, text)
    await session.published(uri, 1)
    times = []
    for version in range(2, runs + 2):
        await asyncio.sleep(QUIET)
        sent = session.change(uri, variants(text)[version % 2], version)
        times.append(await session.published(uri, version) - sent)
    return times


async def small_beside_large(session: Session, small: str, large: str, runs: int) -> list[float]:
    """The 10 kB document edited while the 1 MB one is being checked."""
    times = []
    for run in range(runs):
        await asyncio.sleep(QUIET)
        version = 100 + run
        session.change("file:///bench/1mo.txt", variants(large)[run % 2], version)
        await asyncio.sleep(0.05)
        sent = session.change("file:///bench/10ko.txt", variants(small)[run % 2], version)
        times.append(await session.published("file:///bench/10ko.txt", version) - sent)
        await session.published("file:///bench/1mo.txt", version)
    return times


async def burst(session: Session, uri: str, text: str, keystrokes: int = 10) -> float:
    """Keystrokes 30 ms apart: time from the last one to the diagnostics of the final text."""
    await asyncio.sleep(QUIET)
    sent = 0.0
    for i in range(keystrokes):
        sent = session.change(uri, text + "x" * (i + 1), 200 + i)
        await asyncio.sleep(0.03)
    return await session.published(uri, 200 + keystrokes - 1) - sent


def lint_ms(text: str) -> float:
    ruleset = RuleSet.build()
    lint_document(Document(text), ruleset)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        lint_document(Document(text), ruleset)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def row(label: str, size: int, times: list[float], target: str) -> str:
    ms = [t * 1000 for t in times]
    return f"| {label} | {size:,} B | {statistics.median(ms):.0f} | {min(ms):.0f}–{max(ms):.0f} | {len(ms)} | {target} |"


async def measure(small: str, large: str, quick: bool = False) -> list[str]:
    session = Session()
    await session.start()
    try:
        small_times = await isolated_edits(session, "file:///bench/10ko.txt", small, 10 if quick else 30)
        large_times = await isolated_edits(session, "file:///bench/1mo.txt", large, 2 if quick else 5)
        beside = await small_beside_large(session, small, large, 2 if quick else 5)
        typing = await burst(session, "file:///bench/10ko.txt", small)
    finally:
        await session.stop()
    size, big = len(small.encode()), len(large.encode())
    return [
        "| didChange → publishDiagnostics | size | median (ms) | min–max | runs | target |",
        "|---|---:|---:|---:|---:|---|",
        row("10 kB deliberation, one edit", size, small_times, "< 50 ms"),
        row("1 MB procès-verbal (100 acts), one edit", big, large_times, "< 1 s"),
        row("10 kB edited while the 1 MB one is checked", size, beside, "not blocked"),
        row("10 kB, end of a burst of 10 keystrokes", size, [typing], "debounce + check"),
        "",
        f"In-process `lint_document` alone: 10 kB {lint_ms(small):.0f} ms, 1 MB {lint_ms(large):.0f} ms (medians of 5).",
    ]


async def transcript(path: Path) -> None:
    """A short real session: open a flawed act, hover its finding, ask for the fix, close."""
    RecordingProtocol.transcript.clear()
    session = Session()
    await session.start()
    uri = "file:///mairie/presents-annonces-faux.txt"
    session.open(uri, (ROOT / "samples" / "non_conformes" / "presents-annonces-faux.txt").read_text(encoding="utf-8"))
    await session.published(uri, 1)
    where = types.TextDocumentIdentifier(uri=uri)
    await session.client.text_document_hover_async(types.HoverParams(text_document=where, position=types.Position(line=9, character=3)))
    span = types.Range(start=types.Position(line=9, character=0), end=types.Position(line=9, character=12))
    await session.client.text_document_code_action_async(types.CodeActionParams(text_document=where, range=span, context=types.CodeActionContext(diagnostics=[])))
    session.client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=where))
    await session.published(uri, 0)
    await session.stop()
    lines = [f"{direction} {json.dumps(_shorten(message), ensure_ascii=False)}" for direction, message in RecordingProtocol.transcript]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _shorten(value: Any) -> Any:
    """Long strings (the act's text, the rule's documentation) cut for reading; ids made short."""
    if isinstance(value, dict):
        return {k: (value[k][:8] if k == "id" and isinstance(value[k], str) else _shorten(value[k])) for k in value}
    if isinstance(value, list):
        return [_shorten(v) for v in value]
    if isinstance(value, str) and len(value) > 140:
        return value[:140] + f"… [{len(value)} caractères]"
    return value


def texts() -> tuple[str, str]:
    """The 10 kB deliberation and a 1 MB procès-verbal of 100 of them."""
    small = ten_kb_document().decode()
    return small, "\n".join([small] * 100)


def section(quick: bool) -> str:
    """The latency table, for bench/run.py."""
    return "### Language server: didChange → publishDiagnostics\n\n" + "\n".join(asyncio.run(measure(*texts(), quick))) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transcript", type=Path, help="also record a short session as JSON-RPC messages")
    args = parser.parse_args()
    small, large = texts()
    print(f"# delib lsp latency — {platform.processor() or platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}")
    print()
    print("\n".join(asyncio.run(measure(small, large))))
    if args.transcript:
        asyncio.run(transcript(args.transcript))


if __name__ == "__main__":
    main()
