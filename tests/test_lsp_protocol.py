"""Bytes on the wire: malformed input gets JSON-RPC errors and the server keeps answering.

The server is started as VS Code clients start it, with `--stdio` (accepted, and the default).

A raw pipe instead of a client library, because a library would refuse to send such bytes.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import ROOT
from lsp_support import SERVER, pytest_lsp  # noqa: F401  (pytest_lsp: the test tools must be there)

HOVER = {"textDocument": {"uri": "file:///tmp/acte.txt"}, "position": {"line": 9, "character": 2}}


class RawSession:
    def __init__(self) -> None:
        self.process = subprocess.Popen([*SERVER, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
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


@pytest.fixture
def session() -> Iterator[RawSession]:
    raw = RawSession()
    # Before initialize: a request is refused, a notification dropped.
    raw.send({"jsonrpc": "2.0", "id": -1, "method": "textDocument/hover", "params": HOVER})
    raw.send({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///tmp/acte.txt"}}})
    assert by_id(raw.receive_until(lambda m: m.get("id") == -1))[-1]["error"]["code"] == -32002
    raw.send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    raw.receive_until(lambda m: m.get("id") == 0)
    raw.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    text = (ROOT / "samples" / "non_conformes" / "presents-annonces-faux.txt").read_text(encoding="utf-8")
    document = {"uri": "file:///tmp/acte.txt", "languageId": "plaintext", "version": 1, "text": text}
    raw.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": document}})
    raw.receive_until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    yield raw
    raw.process.kill()
    raw.process.communicate()


def by_id(messages: list[Any]) -> dict[Any, Any]:
    return {m.get("id"): m for m in messages if "error" in m or "result" in m}


def test_garbage_gets_protocol_errors_and_the_server_still_answers(session: RawSession) -> None:
    session.write(b"not a header line\r\n")
    session.write(b"Content-Length: 5\r\n\r\n{oops")  # not JSON
    session.write(b"Content-Length: 4\r\n\r\n\xff\xfe\x00\x01")  # not UTF-8
    session.send([1, 2, 3])  # JSON, but not a message
    session.send({"id": 1, "method": "textDocument/hover", "params": HOVER})  # no "jsonrpc"
    session.send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"nope": 1}})
    session.send({"jsonrpc": "2.0", "id": 3, "method": "pas/une-methode", "params": {}})
    session.send({"jsonrpc": "2.0", "id": 4, "method": 42})
    session.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": 7}})  # bad notification
    session.send({"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": HOVER})
    replies = session.receive_until(lambda m: m.get("id") == 5)
    errors = [m["error"]["code"] for m in replies if m.get("id") is None and "error" in m]
    assert errors == [-32700, -32700, -32600]
    answered = by_id(replies)
    assert answered[1]["error"]["code"] == -32600
    assert answered[2]["error"]["code"] == -32602
    assert answered[3]["error"]["code"] == -32601
    assert answered[4]["error"]["code"] == -32600
    assert "9 présents annoncés" in answered[5]["result"]["contents"]["value"]
    assert session.process.poll() is None


def test_shutdown_then_exit_ends_the_process_with_code_0(session: RawSession) -> None:
    session.send({"jsonrpc": "2.0", "id": 7, "method": "shutdown"})
    assert by_id(session.receive_until(lambda m: m.get("id") == 7))[7]["result"] is None
    session.send({"jsonrpc": "2.0", "method": "exit"})
    assert session.process.wait(timeout=10) == 0
