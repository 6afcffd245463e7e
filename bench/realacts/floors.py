"""Floors: the figures a run reached, kept in a file, that no later run may fall below.

The CI test (`tests/test_accuracy.py`) runs the harness on the shared corpus and compares: a
mutation operator or a document family caught less often, a fact read right less often, a new
false alarm, a new error on a document nobody reviewed, or one more act called "not a
deliberation" fails the build. When a change makes the figures better, record them again with
`bench/accuracy.py --write-floors` (the diff shows what improved).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

EPSILON = 1e-9


def _ratio(row: dict[str, int], num: str, den: str) -> float | None:
    return row[num] / row[den] if row.get(den) else None


def floors_of(results: dict[str, Any]) -> dict[str, Any]:
    """The floors a run sets: its own figures."""
    out: dict[str, Any] = {
        "facts": {f: _ratio(v["all"], "agree", "total") for f, v in results["facts"]["fields"].items() if "all" in v},
        "false_alarms": sorted(e["doc"] for e in results["false_alarms"]["sure"]),
        "errors_to_review": sorted(e["doc"] for e in results["false_alarms"]["review"]),
        "structure_errors": len(results["false_alarms"]["structure_errors"]),
    }
    flat = results.get("invariance")
    if flat is not None:
        out["invariance"] = {f: _ratio(v["all"], "agree", "total") for f, v in flat["fields"].items() if "all" in v}
    mutation = results.get("mutation")
    if mutation is not None:
        out["mutation"] = {n: _ratio(r, "caught", "made") for n, r in mutation["families"].items() if r["made"]}
        out["mutation_documents"] = {f: _ratio(r, "caught", "made") for f, r in mutation["doc_families"].items() if r["made"]}
    return out


def check(results: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    """What fell below its floor (an empty list when nothing did)."""
    now = floors_of(results)
    failures = []
    sections = [("facts", "fait"), ("invariance", "fait sur une ligne"), ("mutation", "opérateur")]
    run = set((results.get("mutation") or {}).get("families", {}))
    if run >= set(floors.get("mutation") or {}):
        sections.append(("mutation_documents", "famille de documents"))  # totals compare only over every operator
    for section, label in sections:
        for name, floor in (floors.get(section) or {}).items():
            value = (now.get(section) or {}).get(name)
            if floor is not None and value is not None and value < floor - EPSILON:
                failures.append(f"{label} {name} : {100 * value:.1f} % < plancher {100 * floor:.1f} %")
    for section, label in (("false_alarms", "nouvelle fausse alerte"), ("errors_to_review", "nouvelle erreur à revoir")):
        for doc in sorted(set(now[section]) - set(floors.get(section) or [])):
            failures.append(f"{label} : {doc}")
    if now["structure_errors"] > floors.get("structure_errors", now["structure_errors"]):
        failures.append(f"erreurs « structure » : {now['structure_errors']} > plancher {floors['structure_errors']}")
    return failures


def read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def write(path: Path, results: dict[str, Any]) -> None:
    path.write_text(json.dumps(floors_of(results), indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
