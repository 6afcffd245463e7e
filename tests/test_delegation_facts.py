"""The facts of numbers and delegations that the build stage reads for the rules."""

from __future__ import annotations

import datetime as dt
import unicodedata

from conftest import lint

from validator.check.engine import build_file_model
from validator.document import Document
from validator.model import Deliberation, Organ

ACT = """Séance du Bureau de la Métropole du 27 juin 2019
EMP 004-6064/19/BM
Vote du budget primitif 2019
MET 19/11402/CM
Le Bureau de la Métropole,
Vu le Code général des collectivités territoriales ;
Vu la délibération n° 12 du Bureau du 28 mars 2019 portant délégation de compétences ;
Vu la délibération FAG 21-5718/18/CM du Conseil de la Métropole du 28 mars 2019 portant délégation de compétences du Conseil au Bureau ;
Délibère
Article 1 : Le budget primitif 2019 est adopté.
"""


def _act(text: str = ACT) -> tuple[Document, Deliberation]:
    document = Document(text, "test.txt")
    (delib,) = build_file_model(document).deliberations
    return document, delib


def test_the_parts_of_the_act_s_numbers() -> None:
    document, delib = _act()
    first, second = delib.references
    assert (first.year, first.short_year, first.organ_code) == (2019, True, "BM")
    assert document.text[first.year_span.start : first.year_span.end] == "19"
    assert (second.organ_code, document.text[second.organ_code_span.start : second.organ_code_span.end]) == ("CM", "CM")
    assert [m.organ for m in delib.deliberating] == [Organ.BUREAU]


def test_the_delegations_cited_and_the_reserved_matters() -> None:
    document, delib = _act()
    by_bureau, by_conseil = delib.delegations
    assert by_bureau.author is Organ.BUREAU and by_bureau.number is None
    assert by_conseil.author is None and by_conseil.date is not None and by_conseil.date.date == dt.date(2019, 3, 28)
    assert by_conseil.number is not None and (by_conseil.number.text, by_conseil.number.year) == ("FAG 21-5718/18/CM", 2018)
    assert [(m.key, m.decided) for m in delib.reserved_matters] == [("budget", True)]
    assert document.text[delib.reserved_matters[0].span.start : delib.reserved_matters[0].span.end] == "Vote du budget primitif"


def test_decomposed_accents_do_not_blind_the_reading() -> None:
    rules = ("delegation-visa", "delegation-excluded-matter", "reference-number")
    composed = [(d.rule, d.line, d.message) for d in lint(ACT, *rules).diagnostics]
    decomposed = [(d.rule, d.line, d.message) for d in lint(unicodedata.normalize("NFD", ACT), *rules).diagnostics]
    assert len(composed) == 4 and decomposed == composed
