"""`delib extract` as a publication job runs it: several files, json/jsonl/scdl, options, config, exit codes."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result
from conftest import ROOT, SAMPLES

from validator.cli import main
from validator.report.scdl import FIELDS

EXTRACT_SCHEMA = json.loads((ROOT / "validator" / "report" / "schemas" / "extract-v1.schema.json").read_text(encoding="utf-8"))
CONFORMES = SAMPLES / "conformes"
SYNDICAT = CONFORMES / "syndicat-comite-syndical.txt"
MATIERES = ROOT / "tests" / "data" / "matieres-montpellier.yaml"
COMMUNE = ("--collectivite", "Commune de Saint-Exemple", "--siret", "213 401 722 00017")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["extract", *args])


def table(result: Result) -> list[dict[str, str]]:
    assert result.stdout.splitlines()[0] == ",".join(FIELDS)
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_scdl_rows_for_several_files_in_the_schema_order() -> None:
    result = run("--format", "scdl", *COMMUNE, str(CONFORMES))
    assert result.exit_code == 0, result.output
    rows = table(result)
    assert [r["DELIB_ID"] for r in rows] == ["2023-014", "CP-2023-11-087", "ECO 012-2210/22/BM", "2023-31"]
    assert {r["COLL_SIRET"] for r in rows} == {"21340172200017"}
    syndicat = rows[-1]
    assert (syndicat["DELIB_DATE"], syndicat["VOTE_EFFECTIF"], syndicat["VOTE_REEL"]) == ("2023-12-05", "10", "8")
    assert (syndicat["VOTE_POUR"], syndicat["VOTE_CONTRE"], syndicat["VOTE_ABSTENTION"]) == ("7", "1", "0")
    # One warning per file with an empty required column, on stderr only.
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2 and all(" : avertissement : champs SCDL obligatoires laissés vides : " in w for w in warnings)
    assert "metropole-bureau.txt" in warnings[0] and "DELIB_DATE (non trouvé dans le texte)" in warnings[0]
    assert "syndicat-comite-syndical.txt" in warnings[1] and "DELIB_MATIERE_CODE et DELIB_MATIERE_NOM" in warnings[1]


def test_validate_reports_violations_and_exits_1() -> None:
    result = run("--format", "scdl", "--validate", str(SYNDICAT))
    assert result.exit_code == 1
    assert f"{SYNDICAT} : délibération 2023-31 : COLL_NOM : valeur obligatoire absente" in result.stderr
    assert "validation SCDL : 4 écart(s) au schéma dans une table de 1 ligne(s)" in result.stderr
    assert len(table(result)) == 1  # the table is still written


def test_validate_passes_with_the_collectivite_and_a_mapping() -> None:
    result = run("--format", "scdl", "--validate", *COMMUNE, "--matieres", str(MATIERES), str(CONFORMES / "commune-conseil-municipal.txt"))
    assert result.exit_code == 0, result.output
    assert "validation SCDL : 1 ligne(s) conforme(s) au schéma" in result.stderr
    (row,) = table(result)
    assert (row["DELIB_MATIERE_CODE"], row["VOTE_POUR"], row["VOTE_CONTRE"]) == ("7.5", "14", "0")


def test_config_supplies_the_collectivite_and_options_override_it(tmp_path: Path) -> None:
    shutil.copy(SYNDICAT, tmp_path / "acte.txt")
    (tmp_path / "matieres.yaml").write_text('"8.8": [eau potable]\n', encoding="utf-8")
    (tmp_path / ".delib.yaml").write_text(
        "scdl:\n  collectivite: Syndicat des eaux\n  siret: 25740000100012\n  matieres: matieres.yaml\n", encoding="utf-8"
    )
    (row,) = table(run("--format", "scdl", str(tmp_path / "acte.txt")))
    assert (row["COLL_NOM"], row["COLL_SIRET"]) == ("Syndicat des eaux", "25740000100012")
    assert (row["DELIB_MATIERE_CODE"], row["DELIB_MATIERE_NOM"]) == ("8.8", "domaines de compétences par thèmes/environnement")
    (row,) = table(run("--format", "scdl", "--collectivite", "SIVU", str(tmp_path / "acte.txt")))
    assert (row["COLL_NOM"], row["COLL_SIRET"]) == ("SIVU", "25740000100012")


@pytest.mark.parametrize(
    "config,message",
    [
        ("scdl:\n  siren: 213401722\n", "clé inconnue « scdl.siren »"),
        ("scdl:\n  siret: 2134\n", "SIRET « 2134 » invalide"),
        ('scdl:\n  matieres: {"7.55": [x]}\n', "code de matière inconnu « 7.55 »"),
        ("scdl: oui\n", "attendu une table"),
    ],
)
def test_bad_scdl_configuration_exits_2(tmp_path: Path, config: str, message: str) -> None:
    shutil.copy(SYNDICAT, tmp_path / "acte.txt")
    (tmp_path / ".delib.yaml").write_text(config, encoding="utf-8")
    result = run("--format", "scdl", str(tmp_path / "acte.txt"))
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    "args,message",
    [
        (("--format", "scdl", "--siret", "123"), "--siret : SIRET « 123 » invalide : 14 chiffres attendus"),
        (("--format", "scdl", "--matieres", "absent.yaml"), "correspondance des matières illisible"),
        (("--validate",), "--validate : seulement avec --format scdl"),
        (("--format", "jsonl", "--siret", "21340172200017"), "--siret : seulement avec --format scdl"),
    ],
)
def test_bad_options_exit_2_in_french(args: tuple[str, ...], message: str) -> None:
    result = run(*args, str(SYNDICAT))
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""


def test_unreadable_file_exits_2_and_the_others_are_still_exported(tmp_path: Path) -> None:
    empty = tmp_path / "vide.txt"
    empty.write_bytes(b"")
    result = run("--format", "scdl", *COMMUNE, str(empty), str(SYNDICAT))
    assert result.exit_code == 2
    assert f"delib : {empty} : fichier vide" in result.stderr
    assert [r["DELIB_ID"] for r in table(result)] == ["2023-31"]


def test_validate_without_frictionless_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "frictionless", None)
    result = run("--format", "scdl", "--validate", str(SYNDICAT))
    assert result.exit_code == 2 and "pip install 'delib-validator[scdl]'" in result.stderr
    assert result.stdout == ""  # refused before any work, not after the table is written


def test_json_of_several_files_is_an_array_following_the_schema() -> None:
    result = run(str(SYNDICAT), str(CONFORMES / "metropole-bureau.txt"))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    jsonschema.validate(data, EXTRACT_SCHEMA)
    assert [f["path"] for f in data] == [str(SYNDICAT), str(CONFORMES / "metropole-bureau.txt")]
    single = json.loads(run(str(SYNDICAT)).stdout)
    jsonschema.validate(single, EXTRACT_SCHEMA)
    assert single == data[0]


def test_jsonl_gives_one_schema_valid_object_per_file() -> None:
    result = run("--format", "jsonl", str(CONFORMES))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    for line in lines:
        jsonschema.validate(json.loads(line), EXTRACT_SCHEMA)
    assert json.loads(lines[-1])["deliberations"][0]["vote"]["for"] == 7


def test_siret_of_another_collectivite_than_the_actes_acknowledgement_is_reported() -> None:
    act = SAMPLES / "formes" / "colonne-de-marge.txt"  # @ctes id 056-215601234-...
    result = run("--format", "scdl", *COMMUNE, str(act))
    assert "le SIRET 21340172200017 ne commence pas par le SIREN 215601234 de l'accusé @ctes" in result.stderr
    (row,) = table(result)
    assert (row["PREF_ID"], row["PREF_DATE"]) == ("PREF056", "2023-06-16")
    assert "SIREN" not in run("--format", "scdl", "--siret", "21560123400018", str(act)).stderr


def test_check_accepts_a_configuration_with_an_scdl_section(tmp_path: Path) -> None:
    shutil.copy(SYNDICAT, tmp_path / "acte.txt")
    (tmp_path / ".delib.yaml").write_text("rules:\n  article-sequence: disable\nscdl:\n  collectivite: SIVU\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "acte.txt")])
    assert result.exit_code == 0, result.output
