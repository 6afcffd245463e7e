"""No false alarm on real acts: the corpus sidecars record no defect that the legal checks look
for, so those checks must stay silent on every corpus text and PDF, and no rule may raise more
than an `info` there."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import corpus_dir, corpus_param

from validator.check.engine import RuleSet, lint_document
from validator.diagnostics import Severity
from validator.document import Document
from validator.report.runner import Options, check_paths

# Rules about drafting practice, whose `info` findings (e.g. "aucun visa") are expected on real acts.
PRACTICE = frozenset({"required-visas", "structure", "encoding", "signatory-authority", "article-sequence"})
# Real defects the sidecars do not list: (file, line, column, rule), with the reason.
KNOWN = {
    # "SEANCE DU MERCREDI 15 SEPTEMBRE 2015": the 15 September 2015 was a Tuesday. The text
    # contradicts itself, whichever of the weekday or the day is wrong.
    ("022_cc-vanne-pays-othe-conseil-2015-09-15.txt", 9, 11, "date-consistency"),
}
CORPUS = corpus_dir()
TEXTS = sorted((CORPUS / "texts").glob("*.txt")) if (CORPUS / "texts").is_dir() else []
PDFS = sorted((CORPUS / "pdf").rglob("*.pdf")) if (CORPUS / "pdf").is_dir() else []


def _alarms(path: Path) -> list[str]:
    reports = check_paths([str(path)], Options(jobs=1))
    return [
        f"{d.line}:{d.column} {d.severity.value} [{d.rule}] {d.message}"
        for r in reports
        for d in r.diagnostics
        if (d.severity is not Severity.INFO or d.rule not in PRACTICE) and (path.name, d.line, d.column, d.rule) not in KNOWN
    ]


def test_the_legal_checks_are_all_enabled_by_default() -> None:
    active = {r.name for r in RuleSet.build().active}
    assert {"quorum", "proxy-holder-absent", "proxy-multiple", "member-in-two-lists", "vote-arithmetic", "majority"} <= active


@pytest.mark.parametrize("document", [corpus_param("test_silent_on_a_real_text", p) for p in TEXTS])
def test_silent_on_a_real_text(corpus: Path, document: Path) -> None:
    assert _alarms(document) == []


def test_the_known_defects_are_still_found(corpus: Path) -> None:
    for name, line, column, rule in KNOWN:
        reports = check_paths([str(CORPUS / "texts" / name)], Options(jobs=1))
        assert any((d.line, d.column, d.rule) == (line, column, rule) for r in reports for d in r.diagnostics), name


def test_silent_on_the_real_pdfs(corpus: Path) -> None:
    assert len(PDFS) == 40
    assert [f"{p.name} {a}" for p in PDFS for a in _alarms(p)] == []


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
