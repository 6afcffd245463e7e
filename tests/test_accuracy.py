"""The accuracy harness (bench/accuracy.py) on the real corpus: no figure below its floor, and floors that bite.

The floors (bench/accuracy-floors.json) are the figures a run reached: a change that makes delib
read real acts worse (a mutation operator or a document family caught less often, a fact read
right less often, a new false alarm, a new error to review, one more "not a deliberation") fails
here. When a change makes them better, record them again (`bench/accuracy.py --write-floors`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

HARNESS = ROOT / "bench" / "accuracy.py"
FLOORS = ROOT / "bench" / "accuracy-floors.json"
sys.path.insert(0, str(ROOT / "bench"))

from realacts import floors  # noqa: E402
from realacts.mutation import FAMILIES  # noqa: E402

pytestmark = pytest.mark.corpus


def harness(corpus: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DELIB_CORPUS": str(corpus)}
    env.pop("DELIB_DEBUG", None)  # a crash on one mutant is that mutant's report, as for a user
    return subprocess.run([sys.executable, str(HARNESS), *args], capture_output=True, text=True, env=env, timeout=900, check=False)


@pytest.fixture(scope="module")
def measured(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    out = tmp_path_factory.mktemp("accuracy") / "accuracy.json"
    done = harness(corpus, "--floors", str(FLOORS), "--json", str(out))
    assert out.is_file(), done.stderr
    return done, json.loads(out.read_text(encoding="utf-8"))


def test_no_figure_below_its_floor(measured: tuple[subprocess.CompletedProcess[str], dict[str, Any]]) -> None:
    done, _ = measured
    assert done.returncode == 0, done.stderr


def test_the_four_tables_are_printed(measured: tuple[subprocess.CompletedProcess[str], dict[str, Any]]) -> None:
    done, _ = measured
    for title in ("#### Facts against the sidecars", "#### False alarms", "#### Line breaks", "#### Mutation score"):
        assert title in done.stdout


def test_the_measures_as_data(corpus: Path, measured: tuple[subprocess.CompletedProcess[str], dict[str, Any]]) -> None:
    _, data = measured
    sidecars = [p for p in corpus.rglob("*.yaml") if any(p.with_suffix(s).is_file() for s in (".txt", ".pdf", ".docx", ".odt", ".doc"))]
    assert data["facts"]["documents"] == len(sidecars)
    assert set(data["mutation"]["families"]) == set(FAMILIES)
    for row in data["mutation"]["families"].values():
        assert 0 <= row["caught"] <= row["made"]
        assert sum(f["made"] for f in row["by_doc_family"].values()) == row["made"]
    every = data["mutation"]["doc_families"]["all"]
    assert every["made"] == sum(r["made"] for r in data["mutation"]["families"].values())
    assert len(data["mutation"]["missed"]) == every["made"] - every["caught"]
    # Every family of documents that delib reads gives mutants: no family is measured on nothing.
    read = {d for d, n in data["run"]["families"].items() if n}
    assert {f for f, r in data["mutation"]["doc_families"].items() if r["made"]} >= read


def test_floors_fail_when_a_rule_is_disabled(corpus: Path, tmp_path: Path) -> None:
    config = tmp_path / "delib.yaml"
    config.write_text("rules:\n  date-consistency: disable\n", encoding="utf-8")
    done = harness(corpus, "--config", str(config), "--families", "weekday", "--floors", str(FLOORS), "--quiet")
    assert done.returncode == 1
    assert "opérateur weekday" in done.stderr


def test_a_new_false_alarm_fails_the_floors() -> None:
    recorded = floors.read(FLOORS)
    results = _results(sure=[*recorded["false_alarms"], "texts/nouveau.txt"], review=recorded["errors_to_review"], structure=recorded["structure_errors"])
    assert floors.check(results, {**recorded, "facts": {}, "mutation": {}, "mutation_documents": {}}) == ["nouvelle fausse alerte : texts/nouveau.txt"]


def test_one_more_not_a_deliberation_fails_the_floors() -> None:
    recorded = floors.read(FLOORS)
    results = _results(sure=recorded["false_alarms"], review=recorded["errors_to_review"], structure=recorded["structure_errors"] + 1)
    assert floors.check(results, {**recorded, "facts": {}, "mutation": {}, "mutation_documents": {}}) == [
        f"erreurs « structure » : {recorded['structure_errors'] + 1} > plancher {recorded['structure_errors']}"
    ]


def test_min_score_and_max_false(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "weekday.json"
    assert harness(corpus, "--families", "weekday", "--no-flatten", "--json", str(out), "--quiet").returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    every = data["mutation"]["doc_families"]["all"]
    score = every["caught"] / every["made"]
    sure = len(data["false_alarms"]["sure"])
    assert harness(corpus, "--families", "weekday", "--no-flatten", "--min-score", f"{100 * score}%", "--max-false", str(sure), "--quiet").returncode == 0
    above = harness(corpus, "--families", "weekday", "--no-flatten", "--min-score", f"{100 * score + 0.1}%", "--quiet")
    assert above.returncode == 1 and "score de mutation" in above.stderr
    if sure:
        below = harness(corpus, "--families", "weekday", "--no-flatten", "--max-false", str(sure - 1), "--quiet")
        assert below.returncode == 1 and "fausses alertes certaines" in below.stderr


def test_usage_errors_exit_2(corpus: Path, tmp_path: Path) -> None:
    assert harness(corpus, "--families", "no-such-operator").returncode == 2
    assert harness(corpus, str(tmp_path / "missing")).returncode == 2


def _results(sure: list[str], review: list[str], structure: int) -> dict[str, Any]:
    return {
        "facts": {"fields": {}},
        "false_alarms": {"sure": [{"doc": d} for d in sure], "review": [{"doc": d} for d in review], "structure_errors": [{}] * structure},
    }
