"""The rules on citations, dates, numbers, totals, subsidies and delegation on real deliberations.

Each rule must stay silent (infos included) on every real document whose sidecar lists no such
defect: the texts of ../shared/corpus/texts and the 40 PDFs of one Montpellier session. A finding
is accepted only when it is a real defect of the document, listed in KNOWN with its reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import lint_file

from validator.document import Document
from validator.engine import LintResult, RuleSet, lint_document
from validator.sources import read_document

RULES = (
    "amount-arithmetic",
    "citation-mismatch",
    "citation-repealed",
    "date-consistency",
    "delegation-excluded-matter",
    "executoire-dates",
    "reference-number",
    "subsidy-convention",
)
# (file, line, column, rule) of real defects the sidecars do not list.
KNOWN = {
    # "SEANCE DU MERCREDI 15 SEPTEMBRE 2015": the 15 September 2015 was a Tuesday. The text
    # contradicts itself, whichever of the weekday or the day is wrong.
    ("022_cc-vanne-pays-othe-conseil-2015-09-15.txt", 9, 11, "date-consistency"),
}


def _findings(name: str, result: LintResult) -> set[tuple[str, int, int, str]]:
    return {(name, d.line, d.column, d.rule) for d in result.diagnostics}


@pytest.mark.corpus
def test_silent_on_the_corpus_texts_but_for_known_defects(corpus: Path) -> None:
    texts = sorted((corpus / "texts").glob("*.txt"))
    assert len(texts) >= 15
    found: set[tuple[str, int, int, str]] = set()
    for path in texts:
        found |= _findings(path.name, lint_file(path, *RULES))
    assert found == KNOWN


@pytest.mark.corpus
def test_silent_on_the_montpellier_pdfs(corpus: Path) -> None:
    pdfs = sorted((corpus / "pdf" / "montpellier-cm-2014-04-24").glob("*.pdf"))
    assert len(pdfs) == 40
    ruleset = RuleSet.build(select=RULES)
    found: set[tuple[str, int, int, str]] = set()
    for pdf in pdfs:
        found |= _findings(pdf.name, lint_document(read_document(pdf), ruleset))
    assert found == set()


@pytest.mark.corpus
def test_the_saclas_results_are_read_and_a_wrong_total_is_caught(corpus: Path) -> None:
    # The real list adds up (116.055,24 - 176.514,06 + 45.634,40 + 752.414,29 = 737.589,87): silent above.
    # The same list with a total mistyped by the clerk is one error, on the total.
    text = (corpus / "texts" / "007_saclas-cm-2011-03-28.txt").read_text(encoding="utf-8")
    assert "737.589,87 €" in text
    wrong = text.replace("737.589,87 €", "737.598,87 €")
    result = lint_document(Document(wrong, "saclas.txt"), RuleSet.build(select=["amount-arithmetic"]))
    assert [(d.rule, d.severity.value, wrong[d.start : d.end]) for d in result.diagnostics] == [
        ("amount-arithmetic", "error", "737.598,87 €")
    ]
