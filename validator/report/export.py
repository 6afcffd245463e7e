"""The model as plain data, for `delib extract --format json|jsonl` (schema: schemas/extract-v1.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from ..document import Document, Span
from ..model import Attendance, Deliberation, FileModel, Member
from .formatters.escape import json_text

VERSION = 1


def file_dict(document: Document, model: FileModel) -> dict[str, Any]:
    return {
        "version": VERSION,
        "path": document.path,
        "deliberations": [deliberation_dict(document, d) for d in model.deliberations],
    }


def render(files: list[dict[str, Any]], fmt: str, single: bool) -> str:
    """`json`: one file's object, or an array of them for several files; `jsonl`: one object a line."""
    # json_text: a file name that is not UTF-8 keeps its bytes as \udcXX escapes (audit I32).
    if fmt == "jsonl":
        return "".join(json_text(json.dumps(f, ensure_ascii=False)) + "\n" for f in files)
    if single:
        return "".join(json_text(json.dumps(f, ensure_ascii=False, indent=2)) + "\n" for f in files[:1])
    return json_text(json.dumps(files, ensure_ascii=False, indent=2)) + "\n"


def _line(document: Document, span: Span | None) -> int | None:
    return document.position(span.start).line if span is not None else None


def deliberation_dict(document: Document, d: Deliberation) -> dict[str, Any]:
    vote = d.vote
    return {
        "number": d.number,
        "line": _line(document, d.span),
        "body": {"name": d.body.name, "kind": d.body.kind.value, "organ": d.body.organ.value},
        "session": {
            "date": d.session.date.isoformat() if d.session.date else None,
            "president": d.session.president,
            "president_role": d.session.president_role,
            "convocation": d.session.convocation.date.isoformat() if d.session.convocation else None,
        },
        "references": [r.text for r in d.references],
        "title": d.title,
        "attendance": _attendance(d.attendance),
        "visas": [{"text": v.text, "line": _line(document, v.span)} for v in d.visas],
        "considerants": len(d.considerants),
        "articles": [{"number": a.number, "label": a.label, "line": _line(document, a.span)} for a in d.articles],
        "amounts": [
            {
                "value": float(a.value),
                "text": a.text.strip(),
                "line": _line(document, a.span),
                "in_words": float(a.words_value) if a.words_value is not None else None,
                "in_dispositif": a.in_dispositif,
            }
            for a in d.amounts
        ],
        "vote": None
        if vote is None
        else {
            "for": vote.for_,
            "against": vote.against,
            "abstention": vote.abstention,
            "outcome": vote.outcome,
            "unanimous": vote.unanimous,
            "line": _line(document, vote.span),
        },
        "signatories": [
            {"name": s.name, "role": s.role, "line": _line(document, s.span), "certification": s.certification}
            for s in d.signatories
        ],
        "transmission": _transmission(d),
        "truncated": d.truncated,
        # What the text states of its classification for @ctes, and whether it mentions its publication.
        "nature": d.nature.code if d.nature else None,
        "matiere": d.matiere.code if d.matiere else None,
        "publication_mention": _line(document, d.publication_mention),
    }


def _transmission(d: Deliberation) -> dict[str, Any] | None:
    t = d.transmission
    if t is None:
        return None
    return {
        "acte_id": t.acte_id,
        "sent": t.sent.date.isoformat() if t.sent else None,
        "received": t.received.date.isoformat() if t.received else None,
        "published": t.published.date.isoformat() if t.published else None,
        "executory": t.executory.date.isoformat() if t.executory else None,
    }


def _member(m: Member) -> dict[str, Any]:
    out: dict[str, Any] = {"name": m.name}
    if m.time_note:
        out["time_note"] = m.time_note
    if m.substitute_for:
        out["substitute_for"] = m.substitute_for
    if m.replaced_by:
        out["replaced_by"] = m.replaced_by
    return out


def _names(members: Any) -> list[str]:
    return [m.name for m in members]


def _attendance(a: Attendance | None) -> dict[str, Any] | None:
    if a is None:
        return None
    count = {c.kind: c.value for c in a.counts}
    return {
        "in_office": count.get("in_office"),
        "declared_present": count.get("present"),
        "declared_voting": count.get("voting"),
        "declared_represented": count.get("represented"),
        "declared_absent": count.get("absent"),
        "present": _names(a.present.members) if a.present else [],
        "represented": [
            {"member": p.giver.name, "proxy_holder": p.holder.name if p.holder else None} for p in a.represented
        ],
        "absent": _names(a.absent.members) if a.absent else [],
        "non_voting": _names(a.non_voting),
        "secretary": a.secretary.name if a.secretary else None,
        "notes": [_member(m) for lst in (a.present, a.absent) if lst for m in lst.members if m.time_note or m.substitute_for or m.replaced_by],
    }
