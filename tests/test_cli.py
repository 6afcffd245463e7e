"""The `delib` command as a clerk and a CI job use it: outputs, exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES

from validator.cli import main

SCHEMAS = ROOT / "validator" / "report" / "schemas"
BAD = SAMPLES / "non_conformes" / "presents-annonces-faux.txt"
GOOD = SAMPLES / "conformes" / "commune-conseil-municipal.txt"


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def test_clean_file_exits_0_with_a_summary() -> None:
    result = run("check", str(GOOD))
    assert result.exit_code == 0
    assert "aucun problème" in result.output


def test_error_exits_1_with_compiler_style_line_and_caret() -> None:
    result = run("check", "--no-color", str(BAD))
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(f"{BAD}:10:1: erreur [attendance-count] 9 présents annoncés")
    assert "   10 | Présents : 9" in result.output
    assert "^^^^^^^^^^^^" in result.output
    assert "\033[" not in result.output


def test_fail_on_threshold() -> None:
    warning_only = SAMPLES / "non_conformes" / "visa-cgct-manquant.txt"
    assert run("check", str(warning_only)).exit_code == 0
    assert run("check", "--fail-on", "warning", str(warning_only)).exit_code == 1
    assert run("check", "--fail-on", "never", str(BAD)).exit_code == 0


def test_json_output_follows_its_schema() -> None:
    result = run("check", "--format", "json", str(SAMPLES / "non_conformes"), str(GOOD))
    data = json.loads(result.output)
    jsonschema.validate(data, json.loads((SCHEMAS / "check-v1.schema.json").read_text()))
    assert data["version"] == 1
    paths = [f["path"] for f in data["files"]]
    assert len(paths) >= 13 and paths == sorted(paths[:-1]) + [str(GOOD)]
    diag = next(f for f in data["files"] if f["path"] == str(BAD))["diagnostics"][0]
    assert (diag["rule"], diag["severity"], diag["line"], diag["column"]) == ("attendance-count", "error", 10, 1)
    assert diag["context"] == {"deliberation": "2022-021"}
    assert diag["fix"]["edits"][0]["text"] == "8"


def test_extract_output_follows_its_schema() -> None:
    result = run("extract", str(SAMPLES / "conformes" / "syndicat-comite-syndical.txt"))
    data = json.loads(result.output)
    jsonschema.validate(data, json.loads((SCHEMAS / "extract-v1.schema.json").read_text()))
    (delib,) = data["deliberations"]
    assert delib["body"]["kind"] == "syndicat" and delib["body"]["organ"] == "comite"
    assert delib["session"]["date"] == "2023-12-05"
    assert delib["vote"] == {"for": 7, "against": 1, "abstention": 0, "outcome": "adopted", "unanimous": False, "line": 42}


def test_stdin_is_read_with_dash() -> None:
    result = run("check", "-", "--stdin-filename", "acte.txt", stdin=BAD.read_bytes())
    assert result.exit_code == 1 and result.output.startswith("acte.txt:10:1:")


def test_select_and_ignore() -> None:
    assert run("check", "--ignore", "attendance-count", str(BAD)).exit_code == 0
    assert run("check", "--select", "article-sequence", str(BAD)).exit_code == 0
    result = run("check", "--select", "attendance-cuont", str(BAD))
    assert result.exit_code == 2 and "règle inconnue" in result.output


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "fichier vide"),
        (b"   \n\n", "fichier vide"),
        (b"\x00\x01\x02\x03\xff\xfebinary" * 30, "binaire"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "l'extension .txt ne correspond pas au contenu : c'est un PDF"),
    ],
    ids=["empty", "blank", "binary", "extension-lies"],
)
def test_unreadable_input_exits_2_with_a_french_message_and_others_still_checked(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "acte.txt"
    bad.write_bytes(content)
    result = run("check", str(bad), str(BAD))
    assert result.exit_code == 2
    assert f"{bad}: erreur : " in result.output and message in result.output
    assert "attendance-count" in result.output
    assert "Traceback" not in result.output


def test_missing_file(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "absent.txt"))
    assert result.exit_code == 2 and "introuvable" in result.output


def test_text_that_is_not_a_deliberation_fails_with_a_structure_error() -> None:
    result = run("check", str(SAMPLES / "non_conformes" / "pas-une-deliberation.txt"))
    assert result.exit_code == 1 and "ne ressemble pas à une délibération" in result.output


def test_cp1252_file_is_read_and_reported_as_info() -> None:
    result = run("check", str(SAMPLES / "non_conformes" / "fichier-windows-1252.txt"))
    assert result.exit_code == 0 and "info [encoding]" in result.output


def test_rules_and_explain() -> None:
    listing = run("rules").output
    for name in ("attendance-count", "required-visas", "article-sequence", "signatory-authority", "amount-consistency"):
        assert name in listing
    doc = run("explain", "delegation-visa").output
    assert "Base légale" in doc and "L5211-10" in doc
    assert run("explain", "nope").exit_code == 2


def test_checked_files_are_never_modified(tmp_path: Path) -> None:
    target = tmp_path / "acte.txt"
    target.write_bytes(BAD.read_bytes())
    before = (target.read_bytes(), target.stat().st_mtime_ns)
    run("check", "--format", "json", str(target))
    assert (target.read_bytes(), target.stat().st_mtime_ns) == before


def test_python_dash_m_is_the_same_command() -> None:
    proc = subprocess.run([sys.executable, "-m", "validator", "check", str(BAD)], capture_output=True, text=True)
    assert proc.returncode == 1 and "attendance-count" in proc.stdout


UNSIGNED_2023 = (
    "Séance du Conseil du 12 octobre 2023.\n"
    "Article 1 : Le tarif est fixé à 3 €.\n"
    "Adopté à l'unanimité.\n"
    "Le Président,\n"
    "Anne DURAND\n"
)


@pytest.mark.parametrize(
    "header,args,config,warned",
    [
        ("COMMUNE DE SAINT-JEAN\n", (), None, True),  # a commune: maire and secretary sign since 2022
        ("CONSEIL DÉPARTEMENTAL DE LA LOZÈRE\n", (), None, False),  # detected: the departement profile
        ("COMMUNE DE SAINT-JEAN\n", ("--profile", "departement"), None, False),  # forced on the command line
        ("COMMUNE DE SAINT-JEAN\n", (), "profile: region\n", False),  # forced by the configuration
        ("CONSEIL DÉPARTEMENTAL DE LA LOZÈRE\n", ("--profile", "commune"), None, True),
    ],
)
def test_the_kind_of_body_selects_its_profile(tmp_path: Path, header: str, args: tuple[str, ...], config: str | None, warned: bool) -> None:
    (tmp_path / "acte.txt").write_text(header + UNSIGNED_2023, encoding="utf-8")
    if config:
        (tmp_path / ".delib.yaml").write_text(config, encoding="utf-8")
    out = run("check", "--no-color", "--select", "session-signatures", *args, str(tmp_path / "acte.txt")).output
    assert ("secrétaire de séance" in out) is warned, out


def test_unknown_profile_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", "--profile", "canton", str(GOOD))
    assert result.exit_code == 2 and "canton" in result.output
    (tmp_path / ".delib.yaml").write_text("profile: canton\n", encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(GOOD.read_bytes())
    result = run("check", str(tmp_path / "a.txt"))
    assert result.exit_code == 2 and "profile: canton" in result.output


def test_a_folder_without_acts_is_said_on_the_error_stream(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# rien à vérifier\n", encoding="utf-8")
    for fmt in ("text", "json"):
        result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", fmt])
        assert result.exit_code == 0
        assert "aucun fichier à vérifier" in result.stderr and ".pdf" in result.stderr
        assert "aucun fichier" not in result.stdout
