"""Bytes on the wire: malformed input gets JSON-RPC errors and the server keeps answering; the
end of a session (shutdown, exit and their exit codes) as LSP defines it.

The server is started as VS Code clients start it, with `--stdio` (accepted, and the default).

A raw pipe instead of a client library, because a library would refuse to send such bytes.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from lsp_support import RawSession, by_id, pytest_lsp  # noqa: F401  (pytest_lsp: the test tools must be there)

HOVER = {"textDocument": {"uri": "file:///tmp/acte.txt"}, "position": {"line": 9, "character": 2}}


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
    raw.close()


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


def test_requests_after_shutdown_are_refused_as_invalid(session: RawSession) -> None:
    """Audit L12: pygls logs them and never answers, so the client waits for ever."""
    session.send({"jsonrpc": "2.0", "id": 7, "method": "shutdown"})
    session.send({"jsonrpc": "2.0", "id": 8, "method": "textDocument/hover", "params": HOVER})
    session.send({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///tmp/acte.txt"}}})
    session.send({"jsonrpc": "2.0", "id": 9, "method": "shutdown"})
    answered = by_id(session.receive_until(lambda m: m.get("id") == 9))
    assert answered[7]["result"] is None
    assert answered[8]["error"]["code"] == answered[9]["error"]["code"] == -32600
    assert "après « shutdown »" in answered[8]["error"]["message"]
    session.send({"jsonrpc": "2.0", "method": "exit"})
    assert session.process.wait(timeout=10) == 0


def test_exit_without_shutdown_ends_the_process_with_code_1(session: RawSession) -> None:
    """Audit L13: LSP asks for 1 when `exit` comes without `shutdown` (pygls' code was lost: 0)."""
    session.send({"jsonrpc": "2.0", "method": "exit"})
    assert session.process.wait(timeout=10) == 1


SLOW_PLUGIN = """
import time
from pathlib import Path

from validator.rule import Rule


class Lente(Rule):
    \"\"\"Une règle qui ne finit pas (un greffon défectueux).\"\"\"

    name = "regle-lente"

    def check(self, delib, ctx):
        Path(__file__).with_name("en-cours").touch()
        time.sleep(300)
        return iter(())
"""


def test_exit_ends_the_process_while_a_check_is_still_running(tmp_path: Path) -> None:
    """Audit L16: interpreter exit joined the worker threads, so a check that does not end (here
    a trusted plugin's rule that sleeps) kept the process alive after `exit`."""
    (tmp_path / "lent.py").write_text(SLOW_PLUGIN, encoding="utf-8")
    (tmp_path / ".delib.yaml").write_text("plugins: [lent.py]\n", encoding="utf-8")
    raw = RawSession(env={"DELIB_TRUSTED_FOLDERS": str(tmp_path)})
    try:
        raw.initialize(tmp_path)
        raw.open(tmp_path / "acte.txt", (ROOT / "samples" / "non_conformes" / "presents-annonces-faux.txt").read_text(encoding="utf-8"))
        deadline = time.monotonic() + 60
        while not (tmp_path / "en-cours").exists():  # the rule runs in a worker
            assert time.monotonic() < deadline, b"".join(raw.log).decode(errors="replace")
            time.sleep(0.05)
        raw.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        assert by_id(raw.receive_until(lambda m: m.get("id") == 2))[2]["result"] is None
        raw.send({"jsonrpc": "2.0", "method": "exit"})
        assert raw.process.wait(timeout=20) == 0
    finally:
        raw.close()
