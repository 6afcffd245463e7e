"""The language server as an editor drives it: a real client talking to `delib lsp` over stdio.

The last tests are stress: a document past the size limit, a burst of 300 edits of damaged texts,
range edits out of bounds (garbage bytes on the wire: tests/test_lsp_protocol.py)."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SAMPLES
from lsp_support import apply_edits, change_text, config, initialize, open_text, published, pytest_lsp, sample
from lsprotocol import types
from pygls.uris import to_fs_path
from validator import lint_text
from validator.read.readers import MAX_CHARS

sys.path.insert(0, str(ROOT))
from fuzz import harness  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="module")
WRONG_COUNT = sample("presents-annonces-faux.txt")
GAP = sample("articles-saut-de-numero.txt")
NO_GAP = GAP.replace("Article 4 :", "Article 3 :")


@pytest_lsp.fixture(config=config(), scope="module")
async def client(lsp_client: pytest_lsp.LanguageClient, tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("espace")
    lsp_client.root = root
    # A short debounce keeps the suite fast; the delay itself is the benchmark's business.
    await initialize(lsp_client, root, options={"debounce": 50})
    yield
    await lsp_client.shutdown_session()


def uri_of(client: Any, name: str) -> str:
    return (client.root / name).as_uri()


async def test_open_publishes_french_findings_with_rule_and_link(client: Any) -> None:
    uri = uri_of(client, "ouverture.txt")
    open_text(client, uri, WRONG_COUNT)
    (diag,) = (await published(client, uri, 1)).diagnostics
    assert diag.range == types.Range(start=types.Position(line=9, character=0), end=types.Position(line=9, character=12))
    assert diag.message == "9 présents annoncés, mais 8 noms dans la liste des présents"
    assert (diag.code, diag.source, diag.severity) == ("attendance-count", "delib", types.DiagnosticSeverity.Error)
    page = Path(to_fs_path(diag.code_description.href))
    assert "Base légale" in page.read_text(encoding="utf-8")


async def test_change_save_and_close(client: Any) -> None:
    uri = uri_of(client, "cycle.txt")
    open_text(client, uri, GAP)
    assert len((await published(client, uri, 1)).diagnostics) == 1
    change_text(client, uri, NO_GAP, 2)
    assert not (await published(client, uri, 2)).diagnostics
    change_text(client, uri, GAP, 3)
    assert len((await published(client, uri, 3)).diagnostics) == 1
    seen = len(client.published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert len((await published(client, uri, 3, after=seen)).diagnostics) == 1
    seen = len(client.published)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert not (await published(client, uri, after=seen)).diagnostics


async def test_a_burst_of_edits_never_publishes_findings_of_another_version(client: Any) -> None:
    uri = uri_of(client, "rafale.txt")
    texts = {1: GAP}
    open_text(client, uri, GAP)
    for version in range(2, 12):
        texts[version] = NO_GAP if version % 2 else GAP
        change_text(client, uri, texts[version], version)
    await published(client, uri, 11)
    mine = [p for p in client.published if p.uri == uri]
    assert [p.version for p in mine] == sorted({p.version for p in mine}), "versions go forward, each once"
    for params in mine:
        assert len(params.diagnostics) == (0 if texts[params.version] == NO_GAP else 1)


async def test_hover_shows_message_and_rule_documentation(client: Any) -> None:
    uri = uri_of(client, "survol.txt")
    open_text(client, uri, WRONG_COUNT)
    await published(client, uri, 1)
    result = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=9, character=4))
    )
    assert result.contents.kind == types.MarkupKind.Markdown
    text = result.contents.value
    assert "9 présents annoncés, mais 8 noms" in text
    assert "**attendance-count**" in text and "Base légale" in text and "```text" in text
    assert result.range.start == types.Position(line=9, character=0)
    elsewhere = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=0))
    )
    assert elsewhere is None


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("presents-annonces-faux.txt", "Corriger le nombre déclaré en 8"),
        ("articles-saut-de-numero.txt", "Renuméroter les articles dans l'ordre"),
        ("montant-lettres-chiffres.txt", "Écrire « deux mille quatre cents euros »"),
    ],
)
async def test_quick_fix_is_offered_and_removes_the_finding(client: Any, name: str, title: str) -> None:
    uri = uri_of(client, f"correctif-{name}")
    text = sample(name)
    open_text(client, uri, text)
    (diag,) = (await published(client, uri, 1)).diagnostics
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diag.range,
            context=types.CodeActionContext(diagnostics=[diag]),
        )
    )
    (action,) = actions
    assert (action.title, action.kind, list(action.diagnostics)) == (title, types.CodeActionKind.QuickFix, [diag])
    (change,) = action.edit.document_changes
    assert (change.text_document.uri, change.text_document.version) == (uri, 1)
    fixed = apply_edits(text, change.edits)
    change_text(client, uri, fixed, 2)
    assert diag.message not in [d.message for d in (await published(client, uri, 2)).diagnostics]


async def test_no_quick_fix_from_an_outdated_check(client: Any) -> None:
    uri = uri_of(client, "perime.txt")
    open_text(client, uri, WRONG_COUNT)
    (diag,) = (await published(client, uri, 1)).diagnostics
    # Version 2 is being typed: no check of it has been published, so its edits are unknown.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="Brouillon\n" + WRONG_COUNT)],
        )
    )
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(text_document=types.TextDocumentIdentifier(uri=uri), range=diag.range, context=types.CodeActionContext(diagnostics=[diag]))
    )
    after = await published(client, uri, 2)
    assert not actions or all(a.edit.document_changes[0].text_document.version == 2 for a in actions)
    assert after.diagnostics[0].range.start.line == 10


async def test_non_bmp_character_before_a_finding_counts_two_utf16_units(client: Any) -> None:
    uri = uri_of(client, "emoji.txt")
    text = WRONG_COUNT.replace("Présents : 9", "🙂 Présents : 9")
    open_text(client, uri, text)
    (diag,) = (await published(client, uri, 1)).diagnostics
    assert diag.range == types.Range(start=types.Position(line=9, character=3), end=types.Position(line=9, character=15))
    (action,) = await client.text_document_code_action_async(
        types.CodeActionParams(text_document=types.TextDocumentIdentifier(uri=uri), range=diag.range, context=types.CodeActionContext(diagnostics=[diag]))
    )
    (edit,) = action.edit.document_changes[0].edits
    assert (edit.range.start.character, edit.range.end.character, edit.new_text) == (14, 15, "8")
    assert "🙂 Présents : 8\n" in apply_edits(text, [edit])


async def test_lines_are_counted_as_the_editor_counts_them(client: Any) -> None:
    # A form feed (a pdftotext page break) is not a line break for LSP; CR LF is one.
    uri = uri_of(client, "saut-de-page.txt")
    lines = WRONG_COUNT.split("\n")
    lines[4] = "\f" + lines[4]
    open_text(client, uri, "\r\n".join(lines))
    (diag,) = (await published(client, uri, 1)).diagnostics
    assert (diag.range.start.line, diag.range.start.character, diag.range.end.character) == (9, 0, 12)


async def test_a_one_megabyte_document_gets_the_same_findings_as_the_cli(client: Any) -> None:
    uri = uri_of(client, "gros.txt")
    parts = [p.read_text(encoding="utf-8") for p in sorted((SAMPLES / "non_conformes").glob("*.txt")) if "1252" not in p.name]
    text = "\n\n".join(parts)
    text = "\n\n".join([text] * (1_000_000 // len(text) + 1))
    assert len(text.encode()) > 1_000_000
    open_text(client, uri, text)
    found = (await published(client, uri, 1, timeout=120)).diagnostics
    expected = lint_text(text).diagnostics
    assert len(found) == len(expected) > 100
    assert [(d.range.start.line, d.range.start.character, d.code) for d in found] == [
        (d.line - 1, d.column - 1, d.rule) for d in expected
    ]


async def test_any_state_of_editing_gets_an_answer(client: Any) -> None:
    uri = uri_of(client, "brouillon.txt")
    drafts = ["", "\n", "Présents :", "Article", "\x00\x01", "é" * 10_000, "Présents : 99999999999999999999", "\ud83d", WRONG_COUNT[:200]]
    open_text(client, uri, drafts[0])
    for version, text in enumerate(drafts[1:], start=2):
        change_text(client, uri, text, version)
        params = await published(client, uri, version)
        assert all(d.code != "internal" for d in params.diagnostics), params.diagnostics


async def test_quick_fixes_only_for_clients_that_want_quick_fixes(client: Any) -> None:
    uri = uri_of(client, "genre.txt")
    open_text(client, uri, WRONG_COUNT)
    (diag,) = (await published(client, uri, 1)).diagnostics

    async def ask(only: list[str]) -> Any:
        context = types.CodeActionContext(diagnostics=[diag], only=only)
        return await client.text_document_code_action_async(
            types.CodeActionParams(text_document=types.TextDocumentIdentifier(uri=uri), range=diag.range, context=context)
        )

    assert await ask([types.CodeActionKind.Refactor]) is None
    assert len(await ask([types.CodeActionKind.QuickFix])) == 1


# --- Stress ----------------------------------------------------------------------------------------


def edit(client: Any, uri: str, version: int, start: tuple[int, int], end: tuple[int, int], text: str) -> None:
    change = types.TextDocumentContentChangePartial(
        range=types.Range(start=types.Position(line=start[0], character=start[1]), end=types.Position(line=end[0], character=end[1])), text=text
    )
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change])
    )


async def test_a_document_past_the_size_limit_gets_one_french_error_then_edits_work(client: Any) -> None:
    uri = uri_of(client, "enorme.txt")
    open_text(client, uri, (WRONG_COUNT + "\n") * (MAX_CHARS // len(WRONG_COUNT) + 2))
    (diag,) = (await published(client, uri, 1, timeout=60)).diagnostics
    assert "texte trop long" in diag.message and diag.severity == types.DiagnosticSeverity.Error
    change_text(client, uri, WRONG_COUNT, 2)
    assert [d.code for d in (await published(client, uri, 2)).diagnostics] == ["attendance-count"]


async def test_a_burst_of_edits_ends_on_the_findings_of_the_last_text(client: Any) -> None:
    """300 versions sent without waiting, each the last one damaged a little more (the server
    synchronises whole documents): the last publication is the findings of the last text."""
    uri = uri_of(client, "frappe.txt")
    rng = random.Random(7)
    text = WRONG_COUNT
    open_text(client, uri, text)
    for version in range(2, 302):
        text = harness.mutate(rng, text, 1) or WRONG_COUNT
        change_text(client, uri, text, version)
    final = await published(client, uri, 301, timeout=60)
    expected = lint_text(text).diagnostics
    assert [d.code for d in final.diagnostics] == [d.rule for d in expected]
    assert all(d.code != "internal" for d in final.diagnostics)


async def test_range_edits_outside_the_document_do_not_stop_the_server(client: Any) -> None:
    """Range edits (which a whole-document server did not ask for), out of bounds or reversed."""
    uri = uri_of(client, "hors-limites.txt")
    open_text(client, uri, WRONG_COUNT)
    await published(client, uri, 1)
    edit(client, uri, 2, (10_000, 5), (20_000, 0), "Article 9 :")
    edit(client, uri, 3, (3, 500), (1, 0), "\x00\u202e")  # end before start
    edit(client, uri, 4, (0, 0), (99_999_999, 99_999_999), "")
    change_text(client, uri, WRONG_COUNT, 5)
    assert [d.code for d in (await published(client, uri, 5)).diagnostics] == ["attendance-count"]
