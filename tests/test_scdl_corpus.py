"""Real acts to open data: the Montpellier deliberations (texts and PDFs) and the AMP example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from validator.check.engine import build_file_model
from validator.document import Document, InputError
from validator.read.sources import read_document, suffixes
from validator.report.export import file_dict
from validator.report.matieres import default_matieres, load_matieres
from validator.report.scdl import Settings, Table
from validator.report.scdl_validation import validate

MONTPELLIER = Settings("Ville de Montpellier", "21340172200017", load_matieres(ROOT / "tests" / "data" / "matieres-montpellier.yaml"))
AMP = "texts/000_3efd03da9e3be66f.txt"

TEXTS = {
    "texts/S01_montpellier-ville-cm-2014-04-05-n2014-131.txt": (
        "2014 / 131",
        "2014-04-05",
        "Détermination du nombre d'Adjoints au Maire dans le cadre du renouvellement du Conseil municipal de la Ville de Montpellier",
        ("5.1", "institutions et vie politique/élection exécutif"),
        "2014-04-08",
        "65",  # 65 présents listed, no proxy: the sidecar's count
    ),
    "texts/S02_montpellier-ville-cm-2014-04-24-n2014-155.txt": (
        "2014 / 155",
        "2014-04-24",
        "Personnel Municipal - Instances Paritaires",
        ("4.1", "fonction publique/personnel titulaire et stagiaire de la fpt"),
        "2014-04-25",
        "65",  # 62 présents + 3 procurations
    ),
    "texts/S03_montpellier-ville-cm-2014-05-22-n2014-209.txt": (
        "2014 / 209",
        "2014-05-22",
        "Commission de Délégation de Service Public - Election des membres",
        ("5.3", "institutions et vie politique/désignation de représentants"),
        "2014-05-26",
        "64",  # 59 présents + 5 procurations (1 absent)
    ),
}


def rows_of(document: Document, settings: Settings) -> tuple[Table, dict]:
    model = build_file_model(document)
    table = Table()
    table.add(document.path, model, settings)
    return table, file_dict(document, model)


@pytest.mark.corpus
@pytest.mark.parametrize("name", list(TEXTS), ids=lambda n: n[6:9])
def test_montpellier_text_gives_one_valid_row(corpus: Path, name: str) -> None:
    number, date, title, (code, matiere), received, voters = TEXTS[name]
    table, extract = rows_of(read_document(corpus / name), MONTPELLIER)
    (row,) = table.rows
    assert (row["DELIB_ID"], row["DELIB_DATE"], row["DELIB_OBJET"]) == (number, date, title)
    assert (row["DELIB_MATIERE_CODE"], row["DELIB_MATIERE_NOM"]) == (code, matiere)
    assert (row["PREF_ID"], row["PREF_DATE"]) == ("PREF034", received)
    # "Le Conseil adopte." states the outcome, no figures: the vote columns stay empty.
    (delib,) = extract["deliberations"]
    assert delib["vote"]["outcome"] == "adopted"
    assert (row["VOTE_EFFECTIF"], row["VOTE_REEL"], row["VOTE_POUR"], row["VOTE_CONTRE"], row["VOTE_ABSTENTION"]) == ("", voters, "", "", "")
    assert validate(table) == []


@pytest.mark.corpus
def test_amp_example_row_keeps_the_first_number_and_the_extract_both(corpus: Path) -> None:
    settings = Settings("Métropole Aix-Marseille-Provence", "12345678900012", default_matieres())
    table, extract = rows_of(read_document(corpus / AMP), settings)
    (row,) = table.rows
    assert row["DELIB_ID"] == "EMP 004-6064/19/BM"
    assert extract["deliberations"][0]["references"] == ["EMP 004-6064/19/BM", "MET 19/11402/BM"]
    assert row["DELIB_OBJET"] == (
        "Attribution d'une subvention à l'association Cité des Métiers de Marseille et de Provence-Alpes-Côte d'Azur "
        "pour son projet ACTE’INOV 2019-2021- Approbation d'une convention"
    )
    assert (row["DELIB_MATIERE_CODE"], row["DELIB_MATIERE_NOM"]) == ("7.5", "finances locales/subventions")
    assert row["VOTE_REEL"] == "32"  # "ont été présents 30 membres" + 2 proxies listed
    assert row["VOTE_POUR"] == ""  # "mise aux voix est adoptée": no figure
    # The session date sits on a cover page that the text does not include: left empty, and reported.
    assert row["DELIB_DATE"] == "" and row["PREF_ID"] == row["PREF_DATE"] == ""
    assert [(v.field, v.message) for v in validate(table)] == [("DELIB_DATE", "valeur obligatoire absente")]


def _read_pdf(path: Path) -> Document:
    try:
        return read_document(path)
    except InputError as exc:
        if ".pdf" in suffixes():
            raise  # the PDF reader is there: a PDF it cannot read is a failure
        pytest.skip(f"lecteur PDF pas encore disponible : read_document refuse {path.name} ({exc})")


@pytest.mark.corpus
def test_montpellier_pdfs_give_one_valid_row_each(corpus: Path) -> None:
    pdfs = sorted((corpus / "pdf" / "montpellier-cm-2014-04-24").glob("*.pdf"))
    assert len(pdfs) == 40
    table, problems = Table(), []
    for pdf in pdfs:
        document = _read_pdf(pdf)
        model = build_file_model(document)
        delibs = file_dict(document, model)["deliberations"]
        before = len(table.rows)
        table.add(pdf.name, model, MONTPELLIER)
        rows = table.rows[before:]
        if len(rows) != 1:
            problems.append(f"{pdf.name} : {len(rows)} lignes")
            continue
        row = rows[0]
        if not re.fullmatch(r"2014 / \d{3}", row["DELIB_ID"]) or row["DELIB_DATE"] != "2014-04-24" or not row["DELIB_OBJET"]:
            problems.append(f"{pdf.name} : {row['DELIB_ID']!r} {row['DELIB_DATE']!r} {row['DELIB_OBJET']!r}")
        if [d["vote"] and d["vote"]["outcome"] for d in delibs] != ["adopted"] or row["PREF_ID"] != "PREF034":
            problems.append(f"{pdf.name} : vote ou accusé @ctes non lu")
    problems += [str(v) for v in validate(table)]
    assert problems == []
    same_as_s02 = table.rows[[o[0] for o in table.origins].index("2014-04-24-0000071216.pdf")]
    assert (same_as_s02["DELIB_ID"], same_as_s02["DELIB_OBJET"], same_as_s02["PREF_DATE"]) == (
        "2014 / 155",
        "Personnel Municipal - Instances Paritaires",
        "2014-04-25",
    )
