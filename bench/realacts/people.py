"""The harness's own reading of the people of an act: names, and the lists that hold them.

Independent of `validator`, like `textforms`: coarse forms of real lists ("M. Michel GRIGNON,
Mme Claire MAHE", "BOUSQUET Audrey", "Prénom NOM" wrapped across two lines, OCR gluing the next
label to the last name).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

CIVILITY = re.compile(r"(?:Monsieur|Madame|Mademoiselle|MM\.|Mmes|Mme|Mlle|Mrne|Mmc|M\.|M)(?=[\s.])\.?[ \t\u00a0]*")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*\.?")
_GAP = re.compile(r"[ \t\u00a0]+(?:\r?\n[ \t\u00a0]*)?|\r?\n[ \t\u00a0]*")
PARTICLES = {"de", "du", "des", "le", "la", "van", "von", "der", "di", "da", "dos", "del", "d'", "d’"}
# Words that end a name: civilities (the next name's), roles, and the labels of attendance lists
# that OCR glues to the last name ("Mme OUCHARD ABSENTS NON REPRÉSENTÉS :").
STOP = {
    "m", "mme", "mmes", "mlle", "mm", "mr", "mrne", "mmc", "monsieur", "madame", "mademoiselle", "messieurs", "mesdames",
    "pouvoir", "pouvoirs", "procuration", "procurations", "maire", "president", "presidente", "adjoint", "adjointe",
    "conseiller", "conseillere", "conseillers", "absent", "absents", "absente", "absentes", "excuse", "excuses", "excusee",
    "excusees", "present", "presents", "presente", "presentes", "represente", "representes", "representee", "representees",
    "non", "secretaire", "votant", "votants", "membres", "etaient", "ont", "donne", "vice-president", "vice-presidente",
}
# Forms of a person's name, over the kinds of its words: c Capitalised, C CAPITALS, p particle,
# i initial; "|" marks a line break between two words, allowed only inside "Prénom NOM".
_FORMS = [re.compile(f) for f in (r"c{1,3}\|?(?:p?C)(?:\|?p?C){0,3}", r"C(?:p?C){0,3}[ci]{0,2}", r"cc")]
_AFTER_CIVILITY = re.compile(r"[cC]")


def _plain(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))


def _kind(word: str) -> str | None:
    core = word.rstrip(".")
    letters = [ch for ch in core if ch.isalpha()]
    if not letters or _plain(core) in STOP:
        return None
    if core.lower() in PARTICLES:
        return "p"
    if len(letters) == 1:
        return "i" if letters[0].isupper() else None
    if all(ch.isupper() for ch in letters):
        return "C"
    if letters[0].isupper() and any(ch.islower() for ch in letters[1:]):
        return "c"
    return None


@dataclass(frozen=True)
class NameAt:
    start: int
    end: int
    surname: str  # the word in capitals, or the last word: what a clerk compares


def name_at(text: str, pos: int) -> NameAt | None:
    """The person's name that begins at `pos` (blanks and a civility skipped), if one does."""
    while pos < len(text) and text[pos] in " \t\u00a0":
        pos += 1
    start = pos
    civility = CIVILITY.match(text, pos)
    if civility and civility.end() > pos and (civility.group().rstrip() != "M" or text[civility.end():civility.end() + 1].isupper()):
        pos = civility.end()
    else:
        civility = None
    words: list[tuple[int, int, str]] = []
    kinds = ""
    while len(words) < 7:
        word = _WORD.match(text, pos)
        if not word:
            break
        kind = _kind(word.group())
        if kind is None:
            break
        words.append((word.start(), word.end(), word.group()))
        kinds += kind
        gap = _GAP.match(text, word.end())
        if not gap:
            break
        if "\n" in gap.group():
            kinds += "|"
        pos = gap.end()
    best = 0
    for form in _FORMS + ([_AFTER_CIVILITY] if civility else []):
        for cut in range(len(kinds), 0, -1):
            if kinds[cut - 1] != "|" and form.fullmatch(kinds[:cut]):
                best = max(best, cut - kinds[:cut].count("|"))
                break
    if not best:
        return None
    chosen = words[:best]
    last_start, last_end, last = chosen[-1]
    if last.endswith(".") and _kind(last) in ("c", "C"):
        chosen[-1] = (last_start, last_end - 1, last[:-1])  # the full stop ends the sentence
    capitals = [w for _, _, w in chosen if _kind(w) == "C"]
    surname = (capitals[0] if capitals else chosen[-1][2]).rstrip(".")
    return NameAt(start if civility else chosen[0][0], chosen[-1][1], surname)


def surname_key(name: str) -> str:
    """A name reduced to what identifies it across forms: lower case, no accents, no civility."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z]+", " ", plain).strip()


_LIST_WORDS = r"(?:\s+(?:les|des|conseillers|membres|[ée]lus|titulaires|suppl[ée]ants|mesdames|messieurs|et|MM\.?|Mmes|municipaux|communautaires|d[ée]l[ée]gu[ée]s|au\s+moment\s+du\s+vote|[àa]\s+la\s+s[ée]ance)){0,4}"
PRESENT_LABEL = re.compile(rf"\b(?:[ée]taient\s+|sont\s+)?pr[ée]sents?(?:\s*\(e?s?\))?{_LIST_WORDS}\s*:", re.I)
ABSENT_LABEL = re.compile(r"\b(?:[ée]taient\s+|[ée]tait\s+)?(?:absents?|excus[ée]s?)(?:\s*\(e?s?\))?(?:\s+(?:excus[ée]s?|non\s+repr[ée]sent[ée]s?))?\s*:", re.I)
PROXY_LABEL = re.compile(r"\b(?:pouvoirs?|procurations?|absents?\s+(?:excus[ée]s?\s+)?(?:ayant|avec|qui\s+ont)\s+donn[ée]\s+(?:pouvoir|procuration)|absents?\s+repr[ée]sent[ée]s?|repr[ée]sent[ée]s?)\s*:", re.I)
ANY_LABEL = re.compile(r"\b(?:[ée]taient|absents?|excus[ée]s?|pr[ée]sents?|pouvoirs?|procurations?|repr[ée]sent[ée]s?|secr[ée]taire|votants?|nombre|assistaient|ordre\s+du\s+jour|objet)\b[^:\n]{0,50}:", re.I)
_SEPARATOR = re.compile(r"\s*(?:[,;]|\s[-–—]\s|\bet\b|\n)\s*|\s*\n\s*[-–—•·]?\s*")
_ITEM_END = re.compile(r"[,;\n]")
PROXY_WORDS = re.compile(r"pouvoir|procuration|repr[ée]sent", re.I)


@dataclass(frozen=True)
class ListAt:
    label_start: int
    start: int
    end: int
    names: tuple[NameAt, ...]


def list_after(text: str, start: int, max_chars: int = 3000) -> ListAt | None:
    """The names listed after a label ending at `start`, up to the next label or a blank line."""
    limit = min(len(text), start + max_chars)
    stop = ANY_LABEL.search(text, start, limit)
    end = stop.start() if stop else limit
    blank = re.compile(r"\n[ \t]*\n").search(text, start, end)
    if blank:
        if not text[start:blank.start()].strip():
            return None  # "Absents :" then a blank line: the list is empty
        end = blank.start()
    names: list[NameAt] = []
    pos = start
    while pos < end:
        name = name_at(text, pos)
        if name is None or name.end > end:
            nxt = _ITEM_END.search(text, pos, end)  # not a name: go to the next item
            if not nxt:
                break
            pos = nxt.end()
            continue
        names.append(name)
        pos = name.end
        sep = _SEPARATOR.match(text, pos)
        if sep:
            pos = max(pos, sep.end())
    if not names:
        return None
    return ListAt(start, start, end, tuple(names))


def labelled_lists(text: str, label: re.Pattern[str]) -> list[ListAt]:
    found = []
    for m in label.finditer(text):
        listed = list_after(text, m.end())
        if listed:
            found.append(ListAt(m.start(), listed.start, listed.end, listed.names))
    return found
