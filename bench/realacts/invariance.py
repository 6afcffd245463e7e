"""A correct act must read the same with or without its line breaks: the facts of each document
against the facts of the same text flattened on one line (every run of blanks made one space), as
OCR datasets, web copies and copy-pastes give it.

Each field is compared as a whole per document (counts, the number of names of each list, the
proxies' givers, articles, amounts, the vote, signatories, numbers, the séance date, the body):
agreement is the share of documents where the flattened text gives what the text with its line
breaks gives. It measures the reading's dependence on layout, not its accuracy.
"""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from .corpus import Delib, Doc

FIELDS = ["acts", "declared_counts", "present", "represented", "absent", "articles", "amounts", "vote", "signatories", "references", "session_date", "body"]


def flatten(text: str) -> str:
    return " ".join(text.split())


def signature(extract: dict[str, Any] | None) -> dict[str, Any]:
    """The facts of a file that must not depend on its line breaks."""
    acts = (extract or {}).get("deliberations") or []
    att = next((a["attendance"] for a in acts if a.get("attendance")), None) or {}
    first = acts[0] if acts else {}
    keys = ("in_office", "declared_present", "declared_voting", "declared_represented", "declared_absent")
    return {
        "acts": len(acts),
        "declared_counts": tuple(att.get(k) for k in keys),
        "present": len(att.get("present") or []),
        "represented": sorted(_key(p.get("member") or "") for p in att.get("represented") or []),
        "absent": len(att.get("absent") or []),
        "articles": [a["number"] for act in acts for a in act.get("articles") or []],
        "amounts": sorted(a["value"] for act in acts for a in act.get("amounts") or [] if a.get("value") is not None),
        "vote": [tuple((act.get("vote") or {}).get(k) for k in ("for", "against", "abstention", "unanimous", "outcome")) for act in acts if act.get("vote")],
        "signatories": sorted(_key(s.get("name") or "") for act in acts for s in act.get("signatories") or []),
        "references": sorted(re.sub(r"\s", "", r) for act in acts for r in act.get("references") or []),
        "session_date": (first.get("session") or {}).get("date"),
        "body": ((first.get("body") or {}).get("kind"), (first.get("body") or {}).get("organ")),
    }


def _key(name: str) -> str:
    return " ".join(name.upper().split())


def measure(docs: list[Doc], delib: Delib) -> dict[str, Any]:
    """Agreement per field between each multi-line document and its flattened copy."""
    chosen = [d for d in docs if d.text and d.error is None and "\n" in d.text.strip()]
    with tempfile.TemporaryDirectory(prefix="delib-flat-") as tmp:
        paths = []
        for i, doc in enumerate(chosen):
            path = Path(tmp) / f"{i:04d}.txt"
            path.write_text(flatten(doc.text or ""), encoding="utf-8")
            paths.append(path)
        flat = delib.extract([Path(tmp)]) if paths else {}
        keys = [str(p.resolve()) for p in paths]
    table: dict[str, dict[str, dict[str, int]]] = {f: defaultdict(lambda: {"agree": 0, "total": 0}) for f in FIELDS}
    differ = []
    for doc, key in zip(chosen, keys):
        before, after = signature(doc.extract), signature(flat.get(key))
        for name in FIELDS:
            same = before[name] == after[name]
            for family in (doc.family, "all"):
                table[name][family]["total"] += 1
                table[name][family]["agree"] += same
            if not same:
                differ.append({"doc": doc.name, "field": name, "lines": str(before[name])[:120], "flat": str(after[name])[:120]})
    return {"documents": len(chosen), "fields": {f: dict(v) for f, v in table.items()}, "differences": differ}
