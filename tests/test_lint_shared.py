"""The editor shows what `delib check` shows: one `lint()` applies the overrides and waivers of the
configuration for both (validator/check/lint.py)."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLES
from pygls.workspace import PositionCodec

from validator.document import decode
from validator.lsp.checking import check
from validator.lsp.docs import DocsFiles
from validator.lsp.settings import Configs
from validator.report.runner import Options, Runner, check_paths

CONFIG = """\
overrides:
  - files: ["brouillons/**"]
    rules: {attendance-count: disable}
waivers:
  - rule: attendance-count
    file: acte-excuse.txt
    reason: "liste complétée au registre papier"
"""
TEXT = (SAMPLES / "non_conformes" / "presents-annonces-faux.txt").read_bytes()


def _findings_both_ways(root: Path, relpath: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(TEXT)
    document = decode(TEXT, str(path))
    _, checked = Runner(Options()).check_document(document, path)
    cli = [(d.line, d.column, d.rule) for d in checked.report.diagnostics]
    resolved = Configs().resolve(path, None)
    editor = check(document.text, str(path), 1, resolved, PositionCodec(), DocsFiles(root / ".pages"))
    return cli, [(d.line, d.column, d.rule) for d in editor.diagnostics]


def test_overrides_and_waivers_apply_in_the_editor_as_in_delib_check(tmp_path: Path) -> None:
    (tmp_path / ".delib.yaml").write_text(CONFIG, encoding="utf-8")
    plain_cli, plain_editor = _findings_both_ways(tmp_path, "acte.txt")
    assert any(rule == "attendance-count" for _, _, rule in plain_cli)
    assert plain_editor == plain_cli
    for relpath in ("brouillons/acte.txt", "acte-excuse.txt"):
        cli, editor = _findings_both_ways(tmp_path, relpath)
        assert not any(rule == "attendance-count" for _, _, rule in cli), relpath
        assert editor == cli, relpath


def test_stale_waivers_are_told_in_the_editor_as_delib_check_tells_them(tmp_path: Path) -> None:
    """A waiver written for one file that silences nothing there, and an expired one, are reported
    in the editor on the act (`delib check` reports them on the configuration)."""
    (tmp_path / ".delib.yaml").write_text(
        "waivers:\n"
        "  - rule: article-sequence\n    file: acte.txt\n    reason: ancien modèle\n"
        "  - rule: attendance-count\n    file: acte.txt\n    reason: registre papier\n    until: 2020-01-01\n",
        encoding="utf-8",
    )
    path = tmp_path / "acte.txt"
    path.write_bytes(TEXT)
    document = decode(TEXT, str(path))
    cli = [d.message for r in check_paths([str(path)], Options()) for d in r.diagnostics if d.rule == "waiver"]
    editor = check(document.text, str(path), 1, Configs().resolve(path, None), PositionCodec(), DocsFiles(tmp_path / ".pages"))
    told = [d.message for d in editor.diagnostics if d.rule == "waiver"]
    assert len(cli) == 2 and len(told) == 2, (cli, told)
    assert any("sans effet" in m and "article-sequence" in m for m in told) and any("expirée" in m for m in told)
    # The expired waiver silences nothing any more: the finding is back in both.
    assert any(d.rule == "attendance-count" for d in editor.diagnostics)
