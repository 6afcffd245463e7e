"""Names the OCR read with one wrong letter, matched to the attendance lists by similarity.

A scan read "Paul MARTTN" as the proxy holder and "Paul MARTIN" among the present: to the rules
these are two people, and the proxy is given to someone absent. In an act read by OCR, a name
that refers to a member (a proxy holder, the secrétaire de séance, a signatory, the president,
a member who withdraws) and matches no one in the lists takes the spelling of the one listed
member it is one letter away from (one letter changed, lost or added: a Levenshtein distance of
1, rapidfuzz). Only there, and only then:

- text that was not read by OCR is never respelled: a typed "MARTEN" beside "MARTIN" is a real
  defect, or two people, and the rules must see it;
- the lists themselves are not matched with each other: two names one letter apart in the
  present and the absent lists may well be two people, and making them one would raise the
  very alarm ("noted present and absent") this module is here to avoid;
- a short surname (under 4 letters) is not matched, nor a name close to two members.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import replace

from ..document import Span
from ..model import Attendance, Deliberation, Member, Session, Signatory
from ..names import given_compatible, name_parts, same_person


_MIN_LETTERS = 4  # "LI" and "LU" are one letter apart and two families

IsOcr = Callable[[Span], bool]


@functools.cache
def _distance() -> Callable[..., int] | None:
    """rapidfuzz's Levenshtein distance; None without the `ocr` extra (then no text was read by OCR)."""
    try:
        from rapidfuzz.distance import Levenshtein
    except ImportError:  # pragma: no cover - installed with pytesseract
        return None
    return Levenshtein.distance


def respelled(delib: Deliberation, is_ocr: IsOcr) -> Deliberation:
    """The act with its references to members read by OCR matched to the lists' spelling."""
    att = delib.attendance
    if att is None or _distance() is None:
        return delib
    listed = [*(att.present.members if att.present else ()), *(att.absent.members if att.absent else ()), *(p.giver for p in att.represented)]
    if not listed:
        return delib

    def spelling(name: str, span: Span | None) -> str:
        if span is None or not is_ocr(span):
            return name
        return _closest(name, listed) or name

    def member(m: Member | None) -> Member | None:
        if m is None:
            return None
        name = spelling(m.name, m.span)
        return m if name == m.name else replace(m, name=name)

    proxies = tuple(p if p.holder is None else replace(p, holder=member(p.holder)) for p in att.represented)
    attendance: Attendance = replace(att, represented=proxies, secretary=member(att.secretary))
    session: Session = delib.session
    if session.president:
        president = spelling(session.president, session.president_span)
        if president != session.president:
            session = replace(session, president=president)
            attendance = replace(attendance, chair_listed=True)  # respelled: the name of a listed member
    signatories = tuple(_signatory(s, spelling) for s in delib.signatories)
    withdrawn = tuple(w for m in delib.withdrawn for w in [member(m)] if w is not None)
    return replace(delib, attendance=attendance, session=session, signatories=signatories, withdrawn=withdrawn)


def _signatory(sig: Signatory, spelling: Callable[[str, Span | None], str]) -> Signatory:
    if sig.name is None:
        return sig
    name = spelling(sig.name, sig.name_span)
    return sig if name == sig.name else replace(sig, name=name)


def _closest(name: str, listed: Iterable[Member]) -> str | None:
    """The spelling of the one listed member `name` is one letter away from; None when `name`
    already designates a listed member, or is close to none or to several."""
    members = list(listed)
    if any(same_person(name, m.name) for m in members):
        return None
    close = {m.name for m in members if one_letter_away(name, m.name)}
    # One person may be listed under two spellings of the same keys ("Anne DURAND", "DURAND Anne").
    return next(iter(close)) if len({name_parts(n) for n in close}) == 1 else None


def one_letter_away(a: str, b: str) -> bool:
    """Two written names of one person but for one letter of the surname or of the given name."""
    distance = _distance()
    assert distance is not None
    sa, ga = name_parts(a)
    sb, gb = name_parts(b)
    if not sa or not sb:
        return False
    surname_a, surname_b = "-".join(sorted(sa)), "-".join(sorted(sb))
    given_a, given_b = "".join(ga), "".join(gb)
    if surname_a == surname_b:
        # Same surname, given names not compatible: one letter of a full given name may be wrong.
        return min(len(given_a), len(given_b)) >= _MIN_LETTERS and distance(given_a, given_b, score_cutoff=1) == 1
    if min(len(surname_a), len(surname_b)) < _MIN_LETTERS or distance(surname_a, surname_b, score_cutoff=1) != 1:
        return False
    return not ga or not gb or given_compatible(ga, gb)
