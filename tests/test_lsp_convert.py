"""The parts of the language server that need no client: coordinates, documentation, settings,
configuration files, one check, hover and fixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from lsp_support import require, sample

require("pygls")
from lsprotocol import types  # noqa: E402
from pygls.workspace import PositionCodec  # noqa: E402

from validator.config import Config  # noqa: E402
from validator.diagnostics import Diagnostic, Edit, Fix, Severity  # noqa: E402
from validator.document import Document  # noqa: E402
from validator.check.engine import RuleSet  # noqa: E402
from validator.lsp.convert import to_lsp_diagnostic, to_offset, to_position, to_text_edits  # noqa: E402
from validator.lsp.docs import DocsFiles, rule_markdown, to_markdown  # noqa: E402
from validator.lsp.features import code_actions, hover  # noqa: E402
from validator.lsp.checking import check  # noqa: E402
from validator.lsp.settings import Configs, Resolved, Settings, with_profile  # noqa: E402
from validator.check.registry import collect  # noqa: E402

UTF8, UTF16, UTF32 = (PositionCodec(e) for e in (types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16, types.PositionEncodingKind.Utf32))


def pos(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


@pytest.mark.parametrize(("codec", "character"), [(UTF16, 4), (UTF8, 7), (UTF32, 3)])
def test_a_column_after_a_non_bmp_character_in_each_encoding(codec: PositionCodec, character: int) -> None:
    # "é" is 2 UTF-8 bytes and 1 UTF-16 unit; "𝄞" is 4 bytes and 2 units (a surrogate pair).
    document = Document("titre\né𝄞 Présents : 9\n")
    offset = document.text.index("Présents")
    assert to_position(document, offset, codec) == pos(1, character)
    assert to_offset(document, pos(1, character), codec) == offset


def test_lines_end_as_lsp_says_not_as_splitlines_does() -> None:
    # Form feed, U+2028 and U+0085 are not line breaks for LSP; \r\n and a lone \r are.
    document = Document("a\fb\u2028c\x85d\r\ne\rf\ng")
    assert to_position(document, document.text.index("g"), UTF16) == pos(3, 0)
    assert to_position(document, document.text.index("d"), UTF16) == pos(0, 6)
    assert to_offset(document, pos(2, 0), UTF16) == document.text.index("f")


def test_client_positions_are_clamped_to_the_text() -> None:
    document = Document("ab\n𝄞c\n")
    assert to_offset(document, pos(0, 99), UTF16) == 2  # past the end of a line: its end
    assert to_offset(document, pos(9, 0), UTF16) == len(document.text)  # past the last line
    assert to_offset(document, pos(1, 1), UTF16) == 4  # inside a surrogate pair: after the character


def test_a_diagnostic_keeps_rule_severity_message_and_link() -> None:
    document = Document("x\nPrésents : 9\n")
    finding = Diagnostic(2, 1, 2, 13, "attendance-count", "9 présents annoncés", Severity.WARNING, 2, 14)
    lsp = to_lsp_diagnostic(finding, document, UTF16, "file:///doc.md")
    assert lsp.range == types.Range(start=pos(1, 0), end=pos(1, 12))
    assert (lsp.code, lsp.source, lsp.severity, lsp.message) == ("attendance-count", "delib", types.DiagnosticSeverity.Warning, "9 présents annoncés")
    assert lsp.code_description == types.CodeDescription(href="file:///doc.md")
    assert to_lsp_diagnostic(finding, document, UTF16).code_description is None


def test_fix_edits_become_text_edits_in_document_order() -> None:
    document = Document("Article 1\n𝄞 Article 4\nArticle 4\n")
    first, second = (i for i in range(len(document.text)) if document.text.startswith("Article 4", i))
    fix = Fix("Renuméroter", (Edit(second, second + 9, "Article 3"), Edit(first, first + 9, "Article 2")))
    edits = to_text_edits(fix, document, UTF16)
    assert [(e.range.start, e.range.end, e.new_text) for e in edits] == [
        (pos(1, 3), pos(1, 12), "Article 2"),
        (pos(2, 0), pos(2, 9), "Article 3"),
    ]


def test_literal_blocks_of_a_rule_docstring_become_fenced_code() -> None:
    doc = "Titre.\n\nBase légale : CGCT.\n\nExemple conforme ::\n\n    Présents : 3\n      suite\n\nFin."
    assert to_markdown(doc) == "Titre.\n\nBase légale : CGCT.\n\nExemple conforme :\n\n```text\nPrésents : 3\n  suite\n```\n\nFin.\n"


def test_every_rule_documentation_renders_with_its_legal_basis() -> None:
    for rule in collect().values():
        text = rule_markdown(rule)
        assert text.startswith(f"**{rule.name}**") and "Base légale" in text
        assert text.count("```") % 2 == 0


def test_documentation_files_are_written_once_and_linked(tmp_path: Path) -> None:
    rule = collect()["amount-consistency"]
    files = DocsFiles(tmp_path)
    uri = files.uri(rule)
    assert uri is not None and uri == files.uri(rule)
    (page,) = tmp_path.iterdir()
    assert page.read_text(encoding="utf-8").startswith("# amount-consistency")
    blocked = tmp_path / "fichier"
    blocked.write_text("")
    assert DocsFiles(blocked / "sous-dossier").uri(rule) is None


def test_settings_accept_the_section_or_its_content_and_reject_bad_values() -> None:
    settings, errors = Settings().update({"delib": {"profile": "default", "debounce": 300}})
    assert (settings.profile, settings.debounce, errors) == ("default", 0.3, [])
    same, errors = settings.update({"profile": "inconnu", "debounce": "vite"})
    assert same == settings
    assert errors[0].startswith("réglage delib.profile : profil « inconnu » inconnu")
    assert errors[1].startswith("réglage delib.debounce : attendu un nombre de millisecondes")
    assert settings.update(None) == (settings, [])
    assert settings.update({"profile": None})[0].profile is None


def test_a_profile_is_applied_as_the_first_extends_of_the_workspace_file(tmp_path: Path) -> None:
    assert with_profile({"rules": {}}, "commune") == {"rules": {}, "extends": ["commune"]}
    assert with_profile({"extends": "base.yaml"}, "commune") == {"extends": ["commune", "base.yaml"]}
    assert with_profile({"extends": ["a", "b"]}, None) == {"extends": ["a", "b"]}
    (tmp_path / ".delib.yaml").write_text("rules:\n  article-sequence: disable\n", encoding="utf-8")
    resolved = Configs().resolve(tmp_path / "acte.txt", "default")
    assert resolved.error is None
    assert "article-sequence" not in {r.name for r in resolved.ruleset.active}
    assert Configs().resolve(None, "default").ruleset.active == RuleSet.build().active


def test_a_broken_file_falls_back_to_defaults_with_its_french_error(tmp_path: Path) -> None:
    config = tmp_path / ".delib.yaml"
    config.write_text("rules:\n  pas-une-regle: disable\n", encoding="utf-8")
    configs = Configs()
    resolved = configs.resolve(tmp_path / "acte.txt", None)
    assert "règle inconnue « rules.pas-une-regle »" in (resolved.error or "")
    # The defaults: every rule but those of a pack (off by default).
    assert len(resolved.ruleset.active) == len([r for r in collect().values() if r.enabled_by_default()])
    assert configs.check_file(config, None) == resolved.error
    config.write_text("rules:\n  article-sequence: disable\n", encoding="utf-8")
    assert configs.resolve(tmp_path / "acte.txt", None).error is None  # seen without being told


# A folder that cannot be created (it would lie inside this file): the findings carry no documentation link.
NO_DOCS = DocsFiles(Path(__file__) / "delib")


def checked_sample(name: str, error: str | None = None) -> object:
    return check(sample(name), name, 3, Resolved(RuleSet.build(Config()), error), UTF16, NO_DOCS)


def test_check_puts_a_configuration_error_first_and_survives_a_crashing_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    checked = checked_sample("presents-annonces-faux.txt", "fichier cassé")
    assert [d.rule for d in checked.diagnostics] == ["configuration", "attendance-count"]
    assert checked.lsp[0].message == "configuration ignorée : fichier cassé"
    monkeypatch.setattr("validator.lsp.checking.lint", lambda *a: 1 / 0)
    (internal,) = checked_sample("presents-annonces-faux.txt").diagnostics
    assert internal.rule == "internal" and "ZeroDivisionError" in internal.message


def test_hover_and_code_actions_from_a_check() -> None:
    checked = checked_sample("montant-lettres-chiffres.txt")
    (finding,) = checked.lsp
    inside = hover(checked, finding.range.start, UTF16, markdown=False)
    assert inside is not None and inside.contents.kind == types.MarkupKind.PlainText
    assert "amount-consistency" in inside.contents.value and "Exemple conforme ::" in inside.contents.value
    remedy = checked.diagnostics[0].remedy
    assert remedy is not None and f"À faire : {remedy.text}" in inside.contents.value
    assert hover(checked, pos(0, 0), UTF16) is None
    (action,) = code_actions(checked, "file:///m.txt", finding.range, UTF16, versioned_edits=False)
    (edit,) = action.edit.changes["file:///m.txt"]
    assert (edit.new_text, action.is_preferred) == ("deux mille quatre cents euros", True)
    assert code_actions(checked, "file:///m.txt", types.Range(start=pos(0, 0), end=pos(0, 1)), UTF16) == []
