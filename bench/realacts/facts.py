"""The facts `delib extract` reads, against those the sidecar states: one comparison per field.

Each comparison yields `Item`s (one per fact the sidecar states), so agreement is counted per fact
and a disagreement says what was expected and what was read. The extract is `delib extract
--format jsonl` (schema `extract-v1`): the public contract, not delib's internals.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .people import surname_key
from .sidecars import Expected

FIELDS = ["declared_counts", "listed_present", "listed_represented", "listed_absent", "proxies", "articles", "amounts", "vote", "signatory", "session_date", "reference", "title", "body", "organ"]


@dataclass(frozen=True)
class Item:
    field: str
    ok: bool
    detail: str  # what was expected and what was read
    near: bool = False  # within 1 of the hand count (counts of names only)


def same_person(expected: str, read: str) -> bool:
    """Two writings of one name: every word of the shorter in the longer, or the surname nearly equal.

    Coarse on purpose (first names only, "NOM Prénom", OCR letters): the harness asks whether the
    right person was read, not whether the spelling is the clerk's.
    """
    civilities = {"m", "mme", "mr", "monsieur", "madame", "mlle", "mademoiselle"}
    a = [w for w in surname_key(expected).split() if w not in civilities]
    b = [w for w in surname_key(read).split() if w not in civilities]
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if all(w in long_ for w in short):
        return True
    capitals = [w for w in re.findall(r"[^\W\d_][\w'’-]*", expected) if w.isupper() and len(w) > 1]
    surname = surname_key(capitals[0]) if capitals else a[-1]
    return any(difflib.SequenceMatcher(None, surname, w).ratio() >= 0.85 for w in b)


def _first_attendance(acts: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((a["attendance"] for a in acts if a.get("attendance")), None)


def _declared(exp: Expected, acts: list[dict[str, Any]]) -> Iterator[Item]:
    att = _first_attendance(acts) or {}
    keys = {"in_office": "in_office", "present": "declared_present", "voting": "declared_voting", "represented": "declared_represented", "absent": "declared_absent"}
    for kind, value in exp.declared.items():
        got = att.get(keys[kind])
        yield Item("declared_counts", got == value, f"{kind} : {value} attendu, {got} lu")


def _listed(kind: str) -> Callable[[Expected, list[dict[str, Any]]], Iterator[Item]]:
    def compare(exp: Expected, acts: list[dict[str, Any]]) -> Iterator[Item]:
        if kind not in exp.listed:
            return
        value = exp.listed[kind]
        att = _first_attendance(acts) or {}
        got = len(att.get(kind) or [])
        ok = got == value
        if kind == "absent" and not ok:
            # Sidecars count the absents either with or without the members they say are represented.
            ok = got + len(att.get("represented") or []) == value
        yield Item(f"listed_{kind}", ok, f"{value} nom(s) attendu(s), {got} lu(s)", near=abs(got - value) <= 1)

    return compare


def _proxies(exp: Expected, acts: list[dict[str, Any]]) -> Iterator[Item]:
    if exp.proxies is None:
        return
    att = _first_attendance(acts) or {}
    read = [(p.get("member") or "", p.get("proxy_holder")) for p in att.get("represented") or []]
    matched: set[int] = set()
    for giver, holder in exp.proxies:
        hit = next((i for i, (g, _) in enumerate(read) if i not in matched and same_person(giver, g)), None)
        if hit is None:
            yield Item("proxies", False, f"pouvoir de {giver} non lu")
            continue
        matched.add(hit)
        got = read[hit][1]
        ok = holder is None or (got is not None and same_person(holder, got))
        yield Item("proxies", ok, f"{giver} -> {holder} attendu, -> {got} lu")
    for i, (giver, holder) in enumerate(read):
        if i not in matched:
            yield Item("proxies", False, f"pouvoir lu en trop : {giver} -> {holder}")


def _articles(exp: Expected, acts: list[dict[str, Any]]) -> Iterator[Item]:
    if exp.articles is None:
        return
    got = [a["number"] for act in acts for a in act.get("articles") or []]
    yield Item("articles", got == exp.articles, f"{exp.articles} attendus, {got} lus")


def _amounts(exp: Expected, acts: list[dict[str, Any]]) -> Iterator[Item]:
    values = [a.get("value") for act in acts for a in act.get("amounts") or []]
    for value, text in exp.amounts:
        ok = any(v is not None and abs(v - value) < 0.005 for v in values)
        yield Item("amounts", ok, f"{text!r} ({value:g}) {'lu' if ok else 'non lu'}")


def _same(expected: int | None, got: Any) -> bool:
    """A stated figure read as such; a stated zero may be left unwritten ("Contre : néant")."""
    return expected is None or got == expected or (expected == 0 and got is None)


def _votes(exp: Expected, acts: list[dict[str, Any]]) -> Iterator[Item]:
    read = [act["vote"] for act in acts if act.get("vote")]
    for vote in exp.votes:
        if vote.pour is not None:
            ok = any(r.get("for") == vote.pour and _same(vote.contre, r.get("against")) and _same(vote.abstentions, r.get("abstention")) for r in read)
            yield Item("vote", ok, f"pour {vote.pour}, contre {vote.contre}, abstentions {vote.abstentions} attendus ; lus : {_tallies(read)}")
        elif vote.unanimous:
            yield Item("vote", any(r.get("unanimous") for r in read), f"unanimité attendue ; lus : {_tallies(read)}")
        elif vote.adopted:
            yield Item("vote", any(r.get("outcome") == "adopted" for r in read), f"adoption attendue ; lus : {_tallies(read)}")


def _tallies(read: list[dict[str, Any]]) -> str:
    if not read:
        return "aucun vote"
    return ", ".join("unanimité" if r.get("unanimous") else f"{r.get('for')}/{r.get('against')}/{r.get('abstention')} {r.get('outcome')}" for r in read[:4])


def _signatory(exp: Expected, acts: list[dict[str, Any]]) -> Iterator[Item]:
    if exp.signatory is None:
        return
    names = [s.get("name") for act in acts for s in act.get("signatories") or [] if s.get("name")]
    yield Item("signatory", any(same_person(exp.signatory, n) for n in names), f"{exp.signatory} attendu, {names[:3]} lu(s)")


def _first(acts: list[dict[str, Any]], get: Callable[[dict[str, Any]], Any]) -> Any:
    return next((v for v in (get(a) for a in acts) if v), None)


def _session_date(exp: Expected, acts: list[dict[str, Any]]) -> Iterator[Item]:
    if exp.session_date is None:
        return
    got = _first(acts, lambda a: a["session"].get("date"))
    yield Item("session_date", got == exp.session_date, f"{exp.session_date} attendue, {got} lue")


def _reference(exp: Expected, acts: list[dict[str, Any]]) -> Iterator[Item]:
    if exp.reference is None:
        return
    wanted = re.sub(r"\W", "", exp.reference).upper()
    read = [r for act in acts for r in [act.get("number"), *(act.get("references") or [])] if r]
    ok = any(wanted and wanted in re.sub(r"\W", "", r).upper() for r in read)
    yield Item("reference", ok, f"{exp.reference} attendu, {read[:3]} lu(s)")


def _title(exp: Expected, acts: list[dict[str, Any]]) -> Iterator[Item]:
    if exp.title is None:
        return
    wanted = surname_key(exp.title)
    titles = [t for t in (a.get("title") for a in acts) if t]
    ok = any(difflib.SequenceMatcher(None, wanted[:120], surname_key(t)[:120]).ratio() >= 0.8 for t in titles)
    yield Item("title", ok, f"{exp.title[:60]!r} attendu, {titles[0][:60] if titles else None!r} lu")


def _body(exp: Expected, acts: list[dict[str, Any]]) -> Iterator[Item]:
    if exp.body_kind is None:
        return
    got = acts[0]["body"].get("kind") if acts else None
    yield Item("body", got == exp.body_kind, f"{exp.body_kind} attendu, {got} lu")


def _organ(exp: Expected, acts: list[dict[str, Any]]) -> Iterator[Item]:
    if exp.organ is None:
        return
    got = acts[0]["body"].get("organ") if acts else None
    yield Item("organ", got == exp.organ, f"{exp.organ} attendu, {got} lu")


COMPARISONS = [_declared, _listed("present"), _listed("represented"), _listed("absent"), _proxies, _articles, _amounts, _votes, _signatory, _session_date, _reference, _title, _body, _organ]


def compare(exp: Expected, extract: dict[str, Any] | None, error: str | None) -> list[Item]:
    """Every fact the sidecar states, agreed or not; all disagree when the file could not be read."""
    acts = (extract or {}).get("deliberations") or []
    items = [item for comparison in COMPARISONS for item in comparison(exp, acts)]
    if error is not None:
        return [Item(i.field, False, f"non lu : {error}") for i in items]
    return items
