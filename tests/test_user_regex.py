"""The expressions a configuration declares run within a budget: a catastrophic one costs its rule
two seconds on a document, never a run that does not end (audit C19, C20, L16)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import SAMPLES

from validator.userregex import Budget, PatternError, TooSlow, compile_user

TEXT = (SAMPLES / "non_conformes" / "presents-annonces-faux.txt").read_text(encoding="utf-8")
CGCT_VISA = "Vu le Code général des collectivités territoriales ;"
ANNEX_VISA = "Vu la délibération du conseil municipal portant approbation des statuts modifiés (annexe) ;"
# Backtracks for hours on ANNEX_VISA, with `re` as with `regex`: 2^80 ways to split its words.
CATASTROPHIC = r"([\w ]|[\w ])+\) ;"


def run_check(folder: Path, config: str, text: str) -> subprocess.CompletedProcess[str]:
    (folder / ".delib.yaml").write_text(config, encoding="utf-8")
    (folder / "acte.txt").write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "validator", "check", "acte.txt"], cwd=folder, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_audit_s_local_rule_no_longer_hangs_the_check(tmp_path: Path) -> None:
    """C19: with `re`, `(\\w+\\s?)+;` on a line of 40 words without ";" never ended (killed at 20 s)."""
    config = "local-rules:\n  point-virgule:\n    message: ligne sans point-virgule\n    regex: true\n    forbid: ['(\\w+\\s?)+;']\n"
    text = TEXT.replace(CGCT_VISA, f"{CGCT_VISA}\n" + " ".join(["mot"] * 40))
    started = time.monotonic()
    result = run_check(tmp_path, config, text)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "attendance-count" in result.stdout and "est arrêtée" not in result.stdout
    assert time.monotonic() - started < 60


def test_a_catastrophic_local_rule_is_stopped_and_named(tmp_path: Path) -> None:
    config = f"local-rules:\n  statuts:\n    message: statuts cités\n    regex: true\n    forbid: ['{CATASTROPHIC}']\n"
    result = run_check(tmp_path, config, TEXT.replace(CGCT_VISA, f"{CGCT_VISA}\n{ANNEX_VISA}"))
    assert result.returncode == 1, result.stderr
    assert "la règle « statuts » est arrêtée sur ce document : l'expression « ([\\w ]|[\\w ])+\\) ; » a dépassé 2 s de calcul" in result.stdout
    assert "attendance-count" in result.stdout and "Traceback" not in result.stderr


def test_a_catastrophic_required_visa_pattern_is_stopped_and_named(tmp_path: Path) -> None:
    """C20: the `patterns` of `required-visas` requirements are expressions too."""
    config = (
        "rules:\n  required-visas:\n    required: {default: [statuts]}\n"
        f"    requirements: {{statuts: {{label: les statuts, patterns: ['{CATASTROPHIC}']}}}}\n"
    )
    result = run_check(tmp_path, config, TEXT.replace(CGCT_VISA, f"{CGCT_VISA}\n{ANNEX_VISA}"))
    assert result.returncode == 1, result.stderr
    assert "la règle « required-visas » est arrêtée sur ce document" in result.stdout


def test_the_budget_is_shared_by_a_rule_s_expressions_on_a_document() -> None:
    budget = Budget(0.3)
    rx = compile_user(CATASTROPHIC)
    started = time.process_time()
    with pytest.raises(TooSlow):
        budget.search(rx, ANNEX_VISA)
    with pytest.raises(TooSlow):  # spent: the next expression does not start
        list(budget.finditer(compile_user("statuts"), ANNEX_VISA))
    assert time.process_time() - started < 3
    assert [m.group(0) for m in Budget().finditer(compile_user(r"statuts\s+modifiés"), ANNEX_VISA.upper())] == ["STATUTS MODIFIÉS"]


def test_a_running_expression_leaves_the_other_threads_running() -> None:
    """`re` holds the GIL for the whole match, so the language server's loop stood still."""
    ticks = 0
    worker = threading.Thread(target=lambda: pytest.raises(TooSlow, Budget(1.0).search, compile_user(CATASTROPHIC), ANNEX_VISA))
    worker.start()
    while worker.is_alive():
        ticks += 1
        time.sleep(0.01)
    worker.join()
    assert ticks > 20


def test_an_invalid_expression_is_a_french_error() -> None:
    with pytest.raises(PatternError, match="expression invalide « \\( »"):
        compile_user("(")
