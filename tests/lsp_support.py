"""Helpers of the language-server tests: a client that keeps every publication, text edits, and a
raw pipe for what a client library would not send (or not let the test see: exit codes).

The server runs as a real subprocess (`python -m validator lsp`) driven by pytest-lsp. The
tools are test dependencies: missing in CI they fail the run, elsewhere they skip with a reason.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from collections.abc import Callable
from types import ModuleType
from typing import Any, TypeVar

import pytest

from conftest import ROOT, SAMPLES


def require(module: str) -> ModuleType:
    if os.environ.get("CI"):
        return importlib.import_module(module)
    return pytest.importorskip(module, reason=f"{module} absent : pip install -e '.[test]'")


pytest_lsp = require("pytest_lsp")
from lsprotocol import types  # noqa: E402

T = TypeVar("T")
SERVER = [sys.executable, "-m", "validator", "lsp"]
NON_CONFORMES = SAMPLES / "non_conformes"


class RawSession:
    """The server behind a raw pipe: JSON-RPC messages in, every message out, its exit code."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            [*SERVER, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
            env={**os.environ, **env} if env else None,
        )
        self.inbox: queue.Queue[Any] = queue.Queue()
        self.log: list[bytes] = []  # the server's standard error, drained so that it never blocks
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self.log.extend(self.process.stderr or ()), daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                self.inbox.put(None)
                return
            self.inbox.put(json.loads(stream.read(length)))

    def write(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message: Any) -> None:
        body = json.dumps(message).encode()
        self.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))

    def receive_until(self, done: Any, timeout: float = 30) -> list[Any]:
        """Messages received up to and including the first for which `done(message)` is true."""
        seen = []
        while True:
            message = self.inbox.get(timeout=timeout)
            assert message is not None, "the server closed its output: " + b"".join(self.log).decode(errors="replace")
            seen.append(message)
            if done(message):
                return seen


    def initialize(self, root: Path | None = None) -> None:
        self.send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"processId": None, "rootUri": root.as_uri() if root else None, "capabilities": {}}})
        self.receive_until(lambda m: m.get("id") == 0)
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def open(self, path: Path, text: str) -> str:
        uri = path.as_uri()
        document = {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}
        self.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": document}})
        return uri

    def diagnostics(self, uri: str, timeout: float = 60) -> list[Any]:
        """The next diagnostics published for `uri`."""
        found = self.receive_until(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri, timeout)
        return list(found[-1]["params"]["diagnostics"])

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


def by_id(messages: list[Any]) -> dict[Any, Any]:
    return {m.get("id"): m for m in messages if "error" in m or "result" in m}


def make_client() -> Any:
    """A pytest-lsp client that also records every publishDiagnostics, in order, with its version."""
    from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, LanguageClient, register_lsp_features
    from pygls.protocol import default_converter

    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]

    def publish(ls: Any, params: types.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)

    def register(ls: Any, params: types.RegistrationParams) -> None:
        ls.registrations.extend(params.registrations)

    features = {
        **DEFAULT_CLIENT_FEATURES,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
        types.CLIENT_REGISTER_CAPABILITY: register,
    }
    register_lsp_features(client, features)
    return client


def config(**env: str) -> Any:
    return pytest_lsp.ClientServerConfig(server_command=SERVER, client_factory=make_client, server_env={**os.environ, **env} if env else None)


def capabilities(encodings: list[str] | None = None) -> types.ClientCapabilities:
    """VS Code's capabilities, optionally offering position encodings."""
    caps = pytest_lsp.client_capabilities("visual-studio-code")
    if encodings is not None:
        caps.general = types.GeneralClientCapabilities(position_encodings=encodings)
    return caps


async def initialize(client: Any, root: Path | None = None, encodings: list[str] | None = None, options: Any = None) -> types.InitializeResult:
    folders = [types.WorkspaceFolder(uri=root.as_uri(), name=root.name)] if root else None
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(encodings),
            root_uri=root.as_uri() if root else None,
            workspace_folders=folders,
            initialization_options=options,
        )
    )


async def eventually(found: Callable[[], T | None], timeout: float = 30, what: str = "") -> T:
    """Wait until `found()` returns something (no timing is asserted: the timeout only ends a hang)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (result := found()) is None or result is False:
        if loop.time() > deadline:
            raise AssertionError(f"nothing after {timeout} s: {what}")
        await asyncio.sleep(0.01)
    return result


async def published(client: Any, uri: str, version: int | None = None, after: int = 0, timeout: float = 30) -> types.PublishDiagnosticsParams:
    """The first publication for `uri` (of `version`, if given) among those after index `after`."""

    def first() -> types.PublishDiagnosticsParams | None:
        return next((p for p in client.published[after:] if p.uri == uri and version in (None, p.version)), None)

    return await eventually(first, timeout, f"diagnostics for {uri} version {version}; got {[(p.uri, p.version) for p in client.published]}")


def open_text(client: Any, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=version, text=text))
    )


def change_text(client: Any, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def sample(name: str) -> str:
    return (NON_CONFORMES / name).read_text(encoding="utf-8")


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    """Apply text edits as an editor does, counting columns in `encoding` units (lines end in \\n)."""
    codec, width = {"utf-8": ("utf-8", 1), "utf-16": ("utf-16-le", 2), "utf-32": ("utf-32-le", 4)}[encoding]

    def offset(position: types.Position) -> int:
        lines = text.split("\n")
        prefix = lines[position.line].encode(codec)[: position.character * width].decode(codec)
        return sum(len(line) + 1 for line in lines[: position.line]) + len(prefix)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text
