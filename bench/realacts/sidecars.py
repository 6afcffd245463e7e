"""What a hand-counted sidecar states, in a form the comparison can use.

Sidecars are written by people for people: a field is a number, a list, or a sentence that starts
with a number and explains it ("27 (26 names under 'Présents :' + the Président given apart)"), or
that says it cannot be told ("cannot be determined"). A fact is taken only where the sidecar
states it; notes and doubts are left out, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .textforms import first_amount

DECLARED = {"en_exercice": "in_office", "presents": "present", "votants": "voting", "pouvoirs": "represented", "absents": "absent"}
LISTED = {"present": ("presents",), "represented": ("representes", "pouvoirs", "procurations"), "absent": ("absents", "excuses", "absents_excuses")}
_LEADING_INT = re.compile(r"\s*(\d+)\b(?!\s*[:/h.,]\d)")
_KINDS = {"commune": "commune", "epci": "epci", "metropole": "metropole", "departement": "departement", "region": "region", "syndicat": "syndicat"}


@dataclass(frozen=True)
class Vote:
    pour: int | None
    contre: int | None
    abstentions: int | None
    unanimous: bool
    adopted: bool


@dataclass
class Expected:
    """The facts of one document as its sidecar states them (None: not stated)."""

    declared: dict[str, int] = field(default_factory=dict)
    listed: dict[str, int] = field(default_factory=dict)
    proxies: list[tuple[str, str | None]] | None = None
    articles: list[int] | None = None
    amounts: list[tuple[float, str]] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    signatory: str | None = None
    session_date: str | None = None
    reference: str | None = None
    title: str | None = None
    body_kind: str | None = None
    organ: str | None = None
    defects: str = "unknown"  # "none" (the sidecar checked and found none), "named", "unknown"


def leading_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        m = _LEADING_INT.match(value)
        return int(m.group(1)) if m else None
    return None


def _plain(value: Any) -> str | None:
    """A sidecar string without its annotations: '(…)' asides, 'null', 'not stated'."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or text.lower().startswith(("null", "none", "not ", "cannot", "unknown")):
        return None
    return text


def _name(value: Any) -> str | None:
    text = _plain(value)
    if text is None:
        return None
    return re.sub(r"\s*\(.*$", "", text).split(",")[0].strip() or None


def _defects(items: Any) -> str:
    texts = [str(x).strip().lower() for x in items or []]
    if texts and all(t.startswith("none") for t in texts):
        return "none"
    if not texts or all(t.startswith(("cannot", "unsure")) for t in texts):
        return "unknown"
    return "named"


def _articles(items: Any) -> list[int] | None:
    if not isinstance(items, list):
        return None
    numbers = []
    for item in items:
        m = re.search(r"\d+", str(item))
        if m is None:
            return None
        numbers.append(int(m.group()))
    return numbers


def _votes(items: Any) -> list[Vote]:
    votes = []
    for item in items or []:
        if isinstance(item, str):
            text = item.lower()
            votes.append(Vote(None, None, None, "unanim" in text, bool(re.search(r"adopt|approuv", text))))
            continue
        if not isinstance(item, dict) or "cited as" in str(item.get("item", "")):
            continue  # a vote quoted from another body (a commission's opinion) is not the act's
        result = str(item.get("result", "")).lower()
        pour, contre, abst = (leading_int(item.get(k)) for k in ("pour", "contre", "abstentions"))
        if pour is None and "unanim" not in result:
            continue
        votes.append(Vote(pour, contre, abst, "unanim" in result, bool(re.search(r"adopt|approuv|unanim", result))))
    return votes


def _kind(body_type: Any) -> str | None:
    import unicodedata

    if not isinstance(body_type, str):
        return None
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", body_type.lower()) if not unicodedata.combining(ch))
    first = re.split(r"[\s(\-]", plain, maxsplit=1)[0]
    return _KINDS.get(first)


def _organ(facts: dict[str, Any]) -> str | None:
    organ = facts.get("organ")
    if isinstance(organ, str) and organ in ("conseil", "bureau", "commission-permanente", "comite"):
        return organ
    body_type = str(facts.get("body_type", "")).lower()
    for words, name in (("commission permanente", "commission-permanente"), ("bureau", "bureau"), ("comité", "comite"), ("conseil", "conseil")):
        if words in body_type:
            return name
    return None


def read_sidecar(path: Path) -> Expected | None:
    """The sidecar next to `path` (same stem, .yaml), or None when there is none."""
    side = path.with_suffix(".yaml")
    if not side.is_file():
        return None
    facts = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
    expected = Expected()
    declared = facts.get("declared_counts") or {}
    for key, kind in DECLARED.items():
        value = leading_int(declared.get(key)) if isinstance(declared, dict) else None
        if value is not None:
            expected.declared[kind] = value
    listed = facts.get("listed_counts") or {}
    for kind, keys in LISTED.items():
        for key in keys:
            value = leading_int(listed.get(key)) if isinstance(listed, dict) else None
            if value is not None:
                expected.listed[kind] = value
                break
    # A sidecar written without being able to read the document (a scan before any OCR: its counts
    # "cannot be determined") lists no proxies or articles because it saw none, not because there are none.
    unread = isinstance(declared, dict) and not expected.declared and str(declared.get("note", "")).startswith("cannot")
    proxies = facts.get("proxies")
    if isinstance(proxies, list) and not (unread and not proxies):
        expected.proxies = [(str(_name(p.get("giver")) or p.get("giver")), _name(p.get("holder"))) for p in proxies if isinstance(p, dict) and p.get("giver")]
    expected.articles = None if unread and not facts.get("articles") else _articles(facts.get("articles"))
    for item in facts.get("amounts") or []:
        text = str(item.get("text", "")) if isinstance(item, dict) else str(item)
        value = first_amount(text)
        if value is not None:
            expected.amounts.append((value, text))
    expected.votes = _votes(facts.get("votes"))
    signatory = facts.get("signatory")
    expected.signatory = _name(signatory.get("name")) if isinstance(signatory, dict) else _name(signatory)
    date = facts.get("session_date")
    expected.session_date = str(date) if date and re.fullmatch(r"\d{4}-\d\d-\d\d", str(date)) else None
    expected.reference = _reference(facts.get("reference"))
    title = _plain(facts.get("title"))
    expected.title = title
    expected.body_kind = _kind(facts.get("body_type"))
    expected.organ = _organ(facts)
    expected.defects = _defects(facts.get("defects"))
    return expected


def _reference(value: Any) -> str | None:
    """The act's number as the sidecar gives it, without its label or aside: 'DELIBERATION n° 2023/021' -> '2023/021'."""
    text = _plain(value)
    if text is None:
        return None
    text = re.sub(r"^(?:d[ée]lib[ée]rations?\s+)?(?:n°|n°|no\.?)?\s*", "", text, flags=re.I)
    text = re.split(r"\s+\(|\s+to\s+|\s+à\s+", text)[0].strip()
    return text or None
