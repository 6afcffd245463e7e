"""The SCDL row of an act: what the text states goes in its column, nothing is invented, the table validates."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT
from frictionless import Schema

from validator.check.engine import build_file_model
from validator.config import ConfigError
from validator.document import Document
from validator.model import Transmission
from validator.report.matieres import (
    NOMENCLATURE,
    Matieres,
    default_matieres,
    load_matieres,
    matiere_nom,
)
from validator.report.scdl import (
    FIELDS,
    REQUIRED,
    Settings,
    Table,
    clean_text,
    deliberation_row,
    pref_id,
)
from validator.report.scdl_validation import validate

MONTPELLIER = Settings("Ville de Montpellier", "21340172200017")

ACT = """Le Conseil municipal de la commune de Saint-Exemple s'est réuni le 16 mars 2023 sous la présidence de Mme Anne DURAND, Maire.
Nombre de membres en exercice : 15
Présents : 12
Votants : 14

Délibération n° 2023-014
Objet : Attribution d'une subvention au comité des fêtes

Vu le Code général des collectivités territoriales ;

Le Conseil municipal, après en avoir délibéré, DÉCIDE

Article 1 : Une subvention de 500 € est attribuée au comité des fêtes.

{vote}

Pour extrait conforme,
Le Maire,
Anne DURAND
"""


def row_of(text: str, settings: Settings = MONTPELLIER) -> dict[str, str]:
    (delib,) = build_file_model(Document(text, "acte.txt")).deliberations
    return deliberation_row(delib, settings)


def votes(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row[k] for k in ("VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION"))


def test_schema_is_a_valid_table_schema_in_the_standard_column_order() -> None:
    descriptor = json.loads((ROOT / "validator" / "report" / "schemas" / "scdl-deliberations.json").read_text(encoding="utf-8"))
    assert Schema.validate_descriptor(descriptor).valid
    assert FIELDS == (
        "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM", "DELIB_OBJET",
        "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE",
        "VOTE_ABSTENTION", "DELIB_URL",
    )  # fmt: skip
    assert REQUIRED == ("COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM", "DELIB_OBJET")
    enum = next(f for f in descriptor["fields"] if f["name"] == "DELIB_MATIERE_CODE")["constraints"]["enum"]
    assert enum == list(NOMENCLATURE) and len(enum) == 57 and enum[-1] == "9.4" and "7.10" in enum


def test_act_row_maps_the_stated_facts() -> None:
    row = row_of(ACT.format(vote="Pour : 10 Contre : 2 Abstentions : 2"))
    assert row["COLL_NOM"] == "Ville de Montpellier" and row["COLL_SIRET"] == "21340172200017"
    assert (row["DELIB_ID"], row["DELIB_DATE"], row["DELIB_OBJET"]) == ("2023-014", "2023-03-16", "Attribution d'une subvention au comité des fêtes")
    assert (row["DELIB_MATIERE_CODE"], row["DELIB_MATIERE_NOM"]) == ("7.5", "finances locales/subventions")
    assert votes(row) == ("15", "14", "10", "2", "2")
    # Nothing in the text: left empty, never guessed.
    assert row["BUDGET_ANNEE"] == row["BUDGET_NOM"] == row["PREF_ID"] == row["PREF_DATE"] == row["DELIB_URL"] == ""


@pytest.mark.parametrize(
    "vote,expected",
    [
        ("Adopté à l'unanimité.", ("15", "14", "14", "0", "0")),
        ("Adoptée à l'unanimité des suffrages exprimés (2 abstentions).", ("15", "14", "12", "0", "2")),
        ("Le Conseil adopte.", ("15", "14", "", "", "")),
    ],
    ids=["unanimity", "unanimity-of-exprimes", "adopted-without-figures"],
)
def test_unanimity_gives_figures_only_from_a_known_number_of_voters(vote: str, expected: tuple[str, ...]) -> None:
    assert votes(row_of(ACT.format(vote=vote))) == expected


def test_unanimity_without_a_number_of_voters_leaves_pour_empty() -> None:
    text = ACT.format(vote="Adopté à l'unanimité.").replace("Présents : 12\nVotants : 14\n", "")
    assert votes(row_of(text)) == ("15", "", "", "0", "")


def test_voters_from_a_stated_present_count_plus_listed_proxies() -> None:
    text = ACT.format(vote="Le Conseil adopte.").replace(
        "Votants : 14\n", "Absents représentés : Marc ROUX (pouvoir à Mme DURAND), Jean BLANC (pouvoir à M. PETIT).\n"
    )
    assert votes(row_of(text))[:2] == ("15", "14")


@pytest.mark.parametrize(
    "head,expected",
    [("034", "PREF034"), ("02A", "PREF02A"), ("2B", "PREF02B"), ("971", "PREF971"), ("XYZ", "")],
)
def test_prefecture_id_from_the_department_of_the_actes_id(head: str, expected: str) -> None:
    assert pref_id(Transmission(acte_id=f"{head}-213401722-20140424-0000071216-DE")) == expected
    assert pref_id(None) == "" and pref_id(Transmission()) == ""


def test_object_is_one_clean_line() -> None:
    assert clean_text("\uf06e Attribution d'une subvention\n  à l'association\t- Approbation ") == (
        "Attribution d'une subvention à l'association - Approbation"
    )


def test_matiere_names_follow_the_scdl_convention() -> None:
    assert matiere_nom("8.4") == "domaines de compétences par thèmes/aménagement du territoire"
    assert matiere_nom("7.9") == "finances locales/prise de participation"
    assert matiere_nom("1.5") == "commande publique/transactions-protocole d'accord transactionnel"
    for code in NOMENCLATURE:
        name = matiere_nom(code)
        assert name == name.lower() and name.count("/") == 1 and not set(",()") & set(name), name


@pytest.mark.parametrize(
    "title,code",
    [
        ("Attribution d'une subvention à l'association X - Approbation d'une convention", "7.5"),
        ("SUBVENTIONS AUX ASSOCIATIONS SPORTIVES", "7.5"),
        ("Approbation d'une convention avec la CAF", "1.4"),
        ("Désignation des délégués au syndicat mixte", "5.3"),
        ("Vœu pour le maintien du bureau de poste", "9.4"),
        ("Promotion du tourisme local", None),
        ("Détermination du nombre d'Adjoints au Maire", None),
        (None, None),
    ],
)
def test_default_mapping_of_matieres(title: str | None, code: str | None) -> None:
    assert default_matieres().classify(title) == code


def test_own_mapping_is_tried_in_order(tmp_path: Path) -> None:
    path = tmp_path / "matieres.yaml"
    path.write_text('"5.1": [adjoint au maire]\n"7.10": divers\n"5.3": [désignation, commission]\n', encoding="utf-8")
    matieres = load_matieres(path)
    assert matieres.classify("Election d'un Adjoint au Maire") == "5.1"
    assert matieres.classify("Commission d'appel d'offres - Désignation des membres") == "5.3"
    assert matieres.classify("Frais divers") == "7.10"
    assert matieres.classify("Attribution d'une subvention") is None  # the default mapping is replaced


@pytest.mark.parametrize(
    "content,message",
    [
        ("7.10: [divers]\n", "entre guillemets"),
        ('"7.11": [divers]\n', "code de matière inconnu « 7.11 »"),
        ('"7.5": [12]\n', "attend un mot-clé"),
        ("- subvention\n", "attendu une table"),
        ('"7.5": [subvention\n', "YAML invalide (ligne"),
    ],
)
def test_bad_mapping_files_are_refused_in_french(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "matieres.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_matieres(path)
    with pytest.raises(ConfigError, match="illisible"):
        load_matieres(tmp_path / "absent.yaml")


def test_csv_is_comma_separated_utf8_with_the_schema_header() -> None:
    model = build_file_model(Document(ACT.format(vote="Adopté à l'unanimité.").replace("au comité", "au comité, dit « Les Amis »"), "acte.txt"))
    table = Table()
    assert table.add("acte.txt", model, MONTPELLIER) == []
    text = table.csv()
    assert text.splitlines()[0] == ",".join(FIELDS)
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row["DELIB_OBJET"] == "Attribution d'une subvention au comité, dit « Les Amis » des fêtes"
    assert validate(table) == []


def test_missing_required_values_give_one_warning_and_validation_reports_them() -> None:
    model = build_file_model(Document(ACT.format(vote="Adopté à l'unanimité.").replace("subvention", "aide"), "acte.txt"))
    table = Table()
    (warning,) = table.add("acte.txt", model, Settings(siret=None, matieres=Matieres(())))
    assert warning.startswith("champs SCDL obligatoires laissés vides : COLL_NOM (")
    assert "COLL_SIRET (" in warning and "DELIB_MATIERE_CODE et DELIB_MATIERE_NOM (" in warning
    found = {(v.field, v.message) for v in validate(table)}
    assert found == {(f, "valeur obligatoire absente") for f in ("COLL_NOM", "COLL_SIRET", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM")}
    assert str(validate(table)[0]) == "acte.txt : délibération 2023-014 : COLL_NOM : valeur obligatoire absente"


def test_validation_reports_a_bad_siret_in_french() -> None:
    model = build_file_model(Document(ACT.format(vote="Adopté à l'unanimité."), "acte.txt"))
    table = Table()
    table.add("acte.txt", model, Settings("Ville", "2134017220001X"))
    (violation,) = validate(table)
    assert (violation.field, violation.row) == ("COLL_SIRET", 1)
    assert violation.message == "« 2134017220001X » ne suit pas le motif ^\\d{14}$"


def test_a_file_without_deliberation_gives_no_row_and_says_so() -> None:
    table = Table()
    (warning,) = table.add("vide.txt", build_file_model(Document("Bonjour.\n", "vide.txt")), MONTPELLIER)
    assert "aucune délibération reconnue" in warning and table.rows == []
    assert table.csv() == ",".join(FIELDS) + "\n"
