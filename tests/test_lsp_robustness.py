"""The language server against what the audit of 2026-12-01 found (L5, L15, L16, L21, and the
outdated checks of a long document).

Behaviours of the process (what is published, what is answered while a check runs) run the real
server through a raw pipe; the rest runs in process.
"""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES
from lsp_support import RawSession, by_id, pytest_lsp, sample  # noqa: F401  (pytest_lsp: the test tools must be there)
from lsprotocol import types
from markdown_it import MarkdownIt
from pygls.workspace import PositionCodec

from validator.build.cancel import Cancelled, cancellable
from validator.document import Document
from validator.check.lint import lint
from validator.lsp import settings
from validator.lsp.checking import check
from validator.lsp.docs import DocsFiles
from validator.lsp.features import Checked, hover
from validator.lsp.server import create_server
from validator.lsp.settings import Configs

TEXT = sample("presents-annonces-faux.txt")

# --- L15: a configuration that raises anything -----------------------------------------------------


def test_a_configuration_that_raises_anything_still_lets_the_act_be_checked(tmp_path: Path) -> None:
    """What a configuration raises besides ConfigError (here a plugin named `.regles`, a relative
    module name, makes importlib raise TypeError) silenced the editor: nothing was published for
    the act nor for the open `.delib.yaml`."""
    config_file = tmp_path / ".delib.yaml"
    config_file.write_text("plugins: [.regles]\n", encoding="utf-8")
    raw = RawSession(env={"DELIB_TRUSTED_FOLDERS": str(tmp_path)})
    try:
        raw.initialize(tmp_path)
        act = raw.diagnostics(raw.open(tmp_path / "acte.txt", TEXT))
        assert [d["code"] for d in act] == ["configuration", "attendance-count"], act  # the defaults apply
        message = act[0]["message"]
        assert message.startswith(f"configuration ignorée : {config_file} : erreur interne") and "TypeError" in message
        (own,) = raw.diagnostics(raw.open(config_file, config_file.read_text(encoding="utf-8")))
        assert own["severity"] == 1 and "TypeError" in own["message"]
    finally:
        raw.close()


@pytest.mark.parametrize("error", [RecursionError("trop profond"), ValueError("day is out of range for month"), KeyError("x")])
def test_whatever_loading_raises_the_act_gets_the_profile_and_the_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    config_file = tmp_path / ".delib.yaml"
    config_file.write_text("rules: {}\n", encoding="utf-8")
    real = settings.load_config

    def load_config(path: Path | None, *args: Any, **kwargs: Any) -> Any:
        if path is not None:
            raise error
        return real(path, *args, **kwargs)

    monkeypatch.setattr(settings, "load_config", load_config)
    configs = Configs()
    resolved = configs.resolve(tmp_path / "acte.txt", "commune")
    assert resolved.error is not None and "erreur interne" in resolved.error and type(error).__name__ in resolved.error
    assert resolved.config.source is None and resolved.ruleset.rules  # the profile, without the file
    assert configs.check_file(config_file, "commune") == resolved.error


# --- L16: a catastrophic expression of the configuration -------------------------------------------


def test_a_catastrophic_local_rule_stops_within_its_budget_and_the_server_answers_meanwhile(tmp_path: Path) -> None:
    """With `re`, this expression backtracks for hours on the last visa, holding the GIL: no
    diagnostics, `shutdown` unanswered, the process alive after `exit`. With the `regex` module
    and its budget, the rule stops on the document and says why, and requests are answered while
    the expression runs."""
    (tmp_path / ".delib.yaml").write_text(
        "local-rules:\n  visa-termine:\n    message: visa sans point-virgule\n    regex: true\n    forbid: ['([\\w ]|[\\w ])+;']\n",
        encoding="utf-8",
    )
    cgct = "Vu le Code général des collectivités territoriales ;"
    text = TEXT.replace(cgct, f"{cgct}\nVu la délibération du conseil municipal portant approbation des statuts modifiés (annexe) ;")
    raw = RawSession()
    try:
        raw.initialize(tmp_path)
        uri = raw.open(tmp_path / "acte.txt", text)
        hover = {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}
        raw.send({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": hover})
        seen = raw.receive_until(lambda m: m.get("id") == 1 or m.get("method") == "textDocument/publishDiagnostics")
        assert seen[-1].get("id") == 1, "the hover waits for the check"
        found = raw.diagnostics(uri)
        (stopped,) = [d for d in found if d["code"] == "visa-termine"]
        assert "la règle « visa-termine » est arrêtée sur ce document" in stopped["message"]
        assert "([\\w ]|[\\w ])+;" in stopped["message"] and "2 s de calcul" in stopped["message"]
        assert "attendance-count" in [d["code"] for d in found]  # the other rules ran
        raw.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        assert by_id(raw.receive_until(lambda m: m.get("id") == 2))[2]["result"] is None
        raw.send({"jsonrpc": "2.0", "method": "exit"})
        assert raw.process.wait(timeout=20) == 0
    finally:
        raw.close()


# --- L5: one Future per notification ----------------------------------------------------------------


class Writer:
    def __init__(self) -> None:
        self.sent: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.sent.append(data)

    def close(self) -> None:
        pass


def test_thousands_of_changes_leave_no_future_behind() -> None:
    """pygls 2.1.1 files a Future under a fresh uuid for every notification its generator handlers
    serve (didOpen, didChange...) and never removes it: 2 KB per keystroke, 200 MB over a long
    editing session. The server's protocol drops them (DelibProtocol._execute_handler)."""
    server = create_server()
    protocol = server.protocol
    protocol.set_writer(Writer())
    uri = "file:///tmp/frappe.txt"

    def deliver(message: dict[str, Any]) -> None:
        protocol.handle_message(json.loads(json.dumps({"jsonrpc": "2.0", **message}), object_hook=protocol.structure_message))

    def change(version: int) -> None:
        params = {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": f"x{version}"}]}
        deliver({"method": "textDocument/didChange", "params": params})

    async def session() -> tuple[int, int, int]:
        deliver({"id": 0, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}})
        deliver({"method": "initialized", "params": {}})
        document = {"uri": uri, "languageId": "plaintext", "version": 1, "text": "x"}
        deliver({"method": "textDocument/didOpen", "params": {"textDocument": document}})
        for version in range(2, 1002):
            change(version)
        await asyncio.sleep(0)
        after_1000 = len(protocol._request_futures)
        for version in range(1002, 5002):
            change(version)
        await asyncio.sleep(0)
        after_5000 = len(protocol._request_futures)
        # Requests still have their Future until answered, and are answered.
        deliver({"id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}})
        await asyncio.sleep(0.05)
        deliver({"id": 2, "method": "shutdown", "params": None})
        await asyncio.sleep(0.05)
        return after_1000, after_5000, len(protocol._request_futures)

    try:
        after_1000, after_5000, at_end = asyncio.run(session())
    finally:
        server.executor.shutdown(wait=True, cancel_futures=True)
    assert after_5000 == after_1000 <= 2, (after_1000, after_5000)
    assert at_end <= after_5000
    replies = [json.loads(chunk.split(b"\r\n\r\n", 1)[1]) for chunk in protocol.writer.sent]  # type: ignore[union-attr]
    assert {1, 2} <= set(by_id(replies))


# --- L21: the act's words in a Markdown hover ------------------------------------------------------


def test_a_message_quoting_the_act_stays_text_in_a_markdown_hover() -> None:
    """A signatory line carrying Markdown went verbatim into the hover: an image loaded from a
    third-party server when the clerk hovers, a link to anywhere."""
    line = "Le Directeur général des services ![logo](//evil.example/pixel.png) [voir la délégation](//evil.example/phish) <img src=x> *urgent*"
    text = (SAMPLES / "non_conformes" / "signature-agent-sans-delegation.txt").read_text(encoding="utf-8")
    text = text.replace("Le Directeur général des services", line)
    document = Document(text, "acte.txt")
    resolved = Configs().resolve(None, None)
    linted = lint(document, resolved.config, "acte.txt", resolved.rulesets)
    (finding,) = [d for d in linted.diagnostics if d.rule == "signatory-authority"]
    assert line in finding.message
    checked = Checked(1, document, linted.diagnostics, resolved.ruleset.rules)
    position = types.Position(line=finding.line - 1, character=finding.column - 1)
    shown = hover(checked, position, PositionCodec(types.PositionEncodingKind.Utf16))
    assert shown is not None
    html = MarkdownIt("commonmark").render(shown.contents.value)  # type: ignore[union-attr]
    assert "<img" not in html and "<a " not in html and "<em>" not in html.split("<hr")[0]
    assert "![logo](//evil.example/pixel.png) [voir la délégation](//evil.example/phish) &lt;img src=x&gt; *urgent*" in html
    assert "://" not in shown.contents.value.split("---")[0] and "evil.example" not in shown.contents.value  # type: ignore[union-attr]


# --- An outdated check stops --------------------------------------------------------------------------


def test_a_cancelled_check_stops_instead_of_reporting_an_internal_error(tmp_path: Path) -> None:
    """The editor's outdated check ends at its next checkpoint; the handlers that make any exception
    one document's 'erreur interne' let the cancellation through."""
    text = "\n\n".join([TEXT] * 200)
    stop = threading.Event()
    stop.set()
    resolved = Configs().resolve(None, None)
    with cancellable(stop), pytest.raises(Cancelled):
        check(text, "/tmp/gros.txt", 1, resolved, PositionCodec(types.PositionEncodingKind.Utf16), DocsFiles(tmp_path))
    # Without an event set, the same check runs to its end.
    checked = check(text, "/tmp/gros.txt", 1, resolved, PositionCodec(types.PositionEncodingKind.Utf16), DocsFiles(tmp_path))
    assert {d.rule for d in checked.diagnostics} == {"attendance-count"}
