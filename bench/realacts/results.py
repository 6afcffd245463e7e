"""The measures as data: facts, false alarms, mutation score (the `--json` output; the one-line
comparison is in `invariance`)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .corpus import FAMILIES, Doc
from .facts import FIELDS, compare
from .mutation import Outcome, rule_of


def _tally() -> dict[str, int]:
    return {"agree": 0, "total": 0}


def facts(docs: list[Doc]) -> dict[str, Any]:
    """Agreement per field and document family, the members present within one, the disagreements."""
    fields: dict[str, dict[str, dict[str, int]]] = {f: defaultdict(_tally) for f in FIELDS}
    within: dict[str, dict[str, int]] = defaultdict(_tally)
    disagreements = []
    with_sidecar = 0
    for doc in docs:
        if doc.sidecar is None:
            continue
        with_sidecar += 1
        for item in compare(doc.sidecar, doc.extract, doc.error):
            for family in (doc.family, "all"):
                fields[item.field][family]["total"] += 1
                fields[item.field][family]["agree"] += item.ok
                if item.field == "listed_present":
                    within[family]["total"] += 1
                    within[family]["agree"] += item.near and doc.error is None
            if not item.ok:
                disagreements.append({"doc": doc.name, "field": item.field, "detail": item.detail})
    return {
        "documents": with_sidecar,
        "fields": {f: dict(v) for f, v in fields.items() if v},
        "present_within_1": dict(within),
        "disagreements": disagreements,
    }


def _errors(doc: Doc) -> list[str]:
    return [f"{d['line']}:{d['column']} [{d['rule']}] {d['message']}" for d in doc.diagnostics if d["severity"] == "error"]


def false_alarms(docs: list[Doc]) -> dict[str, Any]:
    """Documents with an error: a false alarm for sure when the sidecar records no defect."""
    per_family: dict[str, dict[str, int]] = defaultdict(lambda: {"documents": 0, "with_error": 0, "sure": 0, "review": 0, "unreadable": 0})
    sure, review, structure, unreadable, internal = [], [], [], [], []
    for doc in docs:
        row = per_family[doc.family]
        row["documents"] += 1
        if doc.error is not None:
            row["unreadable"] += 1
            unreadable.append({"doc": doc.name, "error": doc.error})
            continue
        errors = _errors(doc)
        for d in doc.diagnostics:
            if d["rule"] == "structure" and d["severity"] == "error":
                structure.append({"doc": doc.name, "message": d["message"]})
            if "erreur interne" in d["message"] or "a échoué sur ce document" in d["message"]:
                internal.append({"doc": doc.name, "message": d["message"]})
        if not errors:
            continue
        row["with_error"] += 1
        entry = {"doc": doc.name, "errors": errors, "sidecar": doc.sidecar.defects if doc.sidecar else "absente"}
        if doc.sidecar is not None and doc.sidecar.defects == "none":
            row["sure"] += 1
            sure.append(entry)
        else:
            row["review"] += 1
            review.append(entry)
    total = {k: sum(r[k] for r in per_family.values()) for k in ("documents", "with_error", "sure", "review", "unreadable")}
    return {"families": {**dict(per_family), "all": total}, "sure": sure, "review": review, "structure_errors": structure, "unreadable": unreadable, "internal_errors": internal}


def mutation(outcomes: list[Outcome], families: list[str]) -> dict[str, Any]:
    """Mutants made and caught per operator and per document family, and the missed ones."""
    table: dict[str, dict[str, Any]] = {}
    for name in families:
        table[name] = {"rule": rule_of(name), "made": 0, "caught": 0, "by_doc_family": {f: {"made": 0, "caught": 0} for f in FAMILIES}}
    by_doc: dict[str, dict[str, int]] = {f: {"made": 0, "caught": 0} for f in [*FAMILIES, "all"]}
    missed = []
    for o in outcomes:
        row = table[o.mutant.family]
        for target in (row, row["by_doc_family"][o.doc.family], by_doc[o.doc.family], by_doc["all"]):
            target["made"] += 1
            target["caught"] += o.caught
        if not o.caught:
            missed.append({"doc": o.doc.name, "family": o.mutant.family, "line": o.line, "what": o.mutant.what, "seen": o.seen})
    return {"families": table, "doc_families": by_doc, "missed": missed}
