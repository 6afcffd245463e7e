"""What the workspace and the client set: `.delib.yaml`, editor settings, the position encoding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lsp_support import change_text, config, eventually, initialize, open_text, published, pytest_lsp, sample
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")
TEXT = sample("presents-annonces-faux.txt")


@pytest_lsp.fixture(config=config(), scope="module")
async def client(lsp_client: pytest_lsp.LanguageClient, tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("mairie")
    (root / ".delib.yaml").write_text("rules:\n  attendance-count: disable\n", encoding="utf-8")
    lsp_client.root = root
    await initialize(lsp_client, root, options={"debounce": 0})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=config(), scope="module")
async def utf8_client(lsp_client: pytest_lsp.LanguageClient) -> Any:
    result = await initialize(lsp_client, encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16])
    lsp_client.encoding = result.capabilities.position_encoding
    yield
    await lsp_client.shutdown_session()


def config_changed(client: Any) -> None:
    uri = (client.root / ".delib.yaml").as_uri()
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=uri, type=types.FileChangeType.Changed)])
    )


async def republished(client: Any, uri: str, action: Any) -> list[types.Diagnostic]:
    seen = len(client.published)
    action()
    return list((await published(client, uri, after=seen)).diagnostics)


async def test_the_workspace_configuration_applies_and_its_changes_too(client: Any) -> None:
    await eventually(lambda: any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in client.registrations))
    config_file: Path = client.root / ".delib.yaml"
    uri = (client.root / "acte.txt").as_uri()
    open_text(client, uri, TEXT)
    assert not (await published(client, uri, 1)).diagnostics
    config_file.write_text("rules:\n  attendance-count: warning\n", encoding="utf-8")
    (diag,) = await republished(client, uri, lambda: config_changed(client))
    assert diag.severity == types.DiagnosticSeverity.Warning


async def test_a_broken_configuration_is_shown_and_the_defaults_apply(client: Any) -> None:
    config_file: Path = client.root / ".delib.yaml"
    uri = (client.root / "acte.txt").as_uri()
    config_file.write_text("rules:\n  attendance-count: erreur\n", encoding="utf-8")
    problem, finding = await republished(client, uri, lambda: config_changed(client))
    assert problem.code == "configuration" and problem.range.start.line == 0
    assert problem.message.startswith("configuration ignorée : ") and "rules.attendance-count" in problem.message
    assert (finding.code, finding.severity) == ("attendance-count", types.DiagnosticSeverity.Error)
    # Opened in the editor, the file itself carries the error; saved corrected, everything clears.
    config_uri = config_file.as_uri()
    open_text(client, config_uri, config_file.read_text(encoding="utf-8"))
    (own,) = (await published(client, config_uri)).diagnostics
    assert own.severity == types.DiagnosticSeverity.Error and "niveau" in own.message
    config_file.write_text("rules:\n  attendance-count: disable\n", encoding="utf-8")
    change_text(client, config_uri, config_file.read_text(encoding="utf-8"), 2)
    save = types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=config_uri))
    assert await republished(client, uri, lambda: client.text_document_did_save(save)) == []
    assert not client.diagnostics[config_uri]


async def test_editor_settings_select_a_profile_and_bad_values_are_told(client: Any) -> None:
    uri = (client.root / "acte.txt").as_uri()
    settings = types.DidChangeConfigurationParams(settings={"delib": {"profile": "default"}})
    assert await republished(client, uri, lambda: client.workspace_did_change_configuration(settings)) == []
    bad = types.DidChangeConfigurationParams(settings={"delib": {"profile": "métropole-inconnue"}})
    client.workspace_did_change_configuration(bad)
    await client.wait_for_notification(types.WINDOW_SHOW_MESSAGE)
    assert "profil « métropole-inconnue » inconnu" in client.messages[-1].message


async def test_utf8_is_used_when_the_client_offers_it(utf8_client: Any) -> None:
    assert utf8_client.encoding == types.PositionEncodingKind.Utf8
    uri = "untitled:Sans-titre-1"
    open_text(utf8_client, uri, TEXT.replace("Présents : 9", "🙂 Présents : 9"))
    (diag,) = (await published(utf8_client, uri, 1)).diagnostics
    # 🙂 is 4 bytes, the space 1, "é" 2: "Présents : 9" spans bytes 5 to 18.
    assert (diag.range.start.character, diag.range.end.character) == (5, 18)
