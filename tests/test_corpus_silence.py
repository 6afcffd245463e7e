"""No false alarm on real acts: the corpus sidecars record no defect that the legal checks look
for, so those checks must stay silent on every corpus text and PDF, and no rule may raise more
than an `info` there."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import corpus_dir

from validator.diagnostics import Severity
from validator.engine import RuleSet
from validator.runner import Options, check_paths

# Rules about drafting practice, whose `info` findings (e.g. "aucun visa") are expected on real acts.
PRACTICE = frozenset({"required-visas", "structure", "encoding", "signatory-authority", "article-sequence"})
CORPUS = corpus_dir()
TEXTS = sorted((CORPUS / "texts").glob("*.txt")) if (CORPUS / "texts").is_dir() else []
PDFS = sorted((CORPUS / "pdf").rglob("*.pdf")) if (CORPUS / "pdf").is_dir() else []


def _alarms(path: Path) -> list[str]:
    reports = check_paths([str(path)], Options(jobs=1))
    return [
        f"{d.line}:{d.column} {d.severity.value} [{d.rule}] {d.message}"
        for r in reports
        for d in r.diagnostics
        if d.severity is not Severity.INFO or d.rule not in PRACTICE
    ]


def test_the_legal_checks_are_all_enabled_by_default() -> None:
    active = {r.name for r in RuleSet.build().active}
    assert {"quorum", "proxy-holder-absent", "proxy-multiple", "member-in-two-lists", "vote-arithmetic", "majority"} <= active


@pytest.mark.parametrize("document", TEXTS, ids=[p.name[:40] for p in TEXTS])
def test_silent_on_a_real_text(corpus: Path, document: Path) -> None:
    assert _alarms(document) == []


def test_silent_on_the_real_pdfs(corpus: Path) -> None:
    assert len(PDFS) == 40
    assert [f"{p.name} {a}" for p in PDFS for a in _alarms(p)] == []
