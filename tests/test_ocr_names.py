"""Names read by OCR with one wrong letter: matched to the lists in OCR text only (validator.build.ocrnames).

The texts are typed here and marked as read by OCR (or not): the OCR itself is exercised in
test_ocr.py; this is what the build stage does with its text."""

from __future__ import annotations

import pytest

from validator.build.ocrnames import one_letter_away
from validator.check.engine import build_file_model, lint_document
from validator.document import Document
from validator.model import Deliberation

ACT = """COMMUNE DE SAINT-MARTIN
Séance du 12 mars 2024, sous la présidence de {president}
Membres en exercice : 8
Présents : Paul MARTIN, Anne DURAND, Louis PETIT, Marie ROBERT, Jean BERNARD, Claire MOREAU
Absents représentés : Luc SIMON représenté par {holder}
Absents : Eva LAURENT
Secrétaire de séance : {secretary}
DÉCIDE
Article 1 : La convention est approuvée.
Adopté à l'unanimité.
Le Maire, {signatory}
"""
WRONG = {"president": "Claire MOREAV", "holder": "Paul MARTTN", "secretary": "Anne DURANT", "signatory": "Paul MARTIN"}


def document(text: str, ocr: bool) -> Document:
    return Document(text, "registre.pdf", page_starts=(0,), ocr_pages=(1,) if ocr else ())


def act(text: str, ocr: bool) -> Deliberation:
    return build_file_model(document(text, ocr)).deliberations[0]


def findings(text: str, ocr: bool) -> set[tuple[str, str]]:
    return {(d.rule, d.message) for d in lint_document(document(text, ocr)).diagnostics}


def test_references_read_by_ocr_take_the_spelling_of_the_listed_member() -> None:
    text = ACT.format(**WRONG)
    typed, read = act(text, ocr=False), act(text, ocr=True)
    assert typed.attendance and read.attendance and typed.attendance.secretary and read.attendance.secretary
    assert [p.holder.name for p in typed.attendance.represented if p.holder] == [WRONG["holder"]]
    assert [p.holder.name for p in read.attendance.represented if p.holder] == ["Paul MARTIN"]
    assert (typed.attendance.secretary.name, read.attendance.secretary.name) == (WRONG["secretary"], "Anne DURAND")
    # The span still points at the letters read: a finding there shows what the scan says.
    assert read.attendance.secretary.span == typed.attendance.secretary.span
    assert (typed.session.president, read.session.president) == (WRONG["president"], "Claire MOREAU")
    assert (typed.attendance.chair_listed, read.attendance.chair_listed) == (False, True)


def test_the_rules_no_longer_cry_wolf_on_the_wrong_letter_of_a_scan() -> None:
    text = ACT.format(**WRONG)
    typed, read = findings(text, ocr=False), findings(text, ocr=True)
    gone = {rule for rule, _ in typed - read}
    assert read < typed and gone == {"proxy-holder-absent", "secretary-member"}


def test_typed_text_keeps_its_findings_on_a_misspelt_name() -> None:
    """In a text layer, "MARTTN" is what the clerk typed: a defect to report, or another person."""
    text = ACT.format(**WRONG)
    assert any(rule == "proxy-holder-absent" for rule, _ in findings(text, ocr=False))
    # A document whose OCR page is another one: the act's page is typed.
    two_pages = Document(text + "\n\nANNEXE\n", "registre.pdf", page_starts=(0, len(text) + 2), ocr_pages=(2,))
    holder = build_file_model(two_pages).deliberations[0].attendance.represented[0].holder  # type: ignore[union-attr]
    assert holder is not None and holder.name == WRONG["holder"]


def test_the_lists_are_not_matched_with_each_other() -> None:
    # Two names one letter apart in two lists may be two people: what the rules see is unchanged.
    text = ACT.format(**{**WRONG, "president": "Claire MOREAU", "holder": "Paul MARTIN", "secretary": "Anne DURAND"}).replace("Absents : Eva LAURENT", "Absents : Paul MARTEN")
    typed, read = act(text, ocr=False), act(text, ocr=True)
    assert typed.attendance == read.attendance
    assert findings(text, ocr=False) == findings(text, ocr=True)


def test_a_name_close_to_two_members_or_too_short_is_left_as_read() -> None:
    two = ACT.format(**{**WRONG, "secretary": "Anne DURANT"}).replace("Louis PETIT", "Anne DURANS")
    assert act(two, ocr=True).attendance.secretary.name == "Anne DURANT"  # type: ignore[union-attr]
    short = ACT.format(**{**WRONG, "secretary": "Léa LI"}).replace("Louis PETIT", "Léa LU")
    assert act(short, ocr=True).attendance.secretary.name == "Léa LI"  # type: ignore[union-attr]


@pytest.mark.parametrize(("read", "listed", "same"), [
    ("Paul MARTTN", "Paul MARTIN", True),  # a letter changed
    ("MARTN", "Paul MARTIN", True),  # a letter lost, no given name
    ("Paula MARTIN", "Paul MARTIN", True),  # a letter added to the given name
    ("M. DURANT", "Mme Anne DURAND", True),  # civilities are not names
    ("Anne MARTTN", "Paul MARTIN", False),  # another given name
    ("Paul MARTINEZ", "Paul MARTIN", False),  # two letters
    ("Léa LI", "Léa LU", False),  # too short to tell
    ("Paul MARTIN", "Paul MARTIN", False),  # the same spelling is no correction
])
def test_one_letter_away(read: str, listed: str, same: bool) -> None:
    assert one_letter_away(read, listed) is same
