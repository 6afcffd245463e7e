"""Read one attendance list ("Etaient présents : A - B - C") into entries with exact offsets.

Separators vary ("-", "–", "--", ",", "•", ";", "et", a new line, or none at all); names wrap
across lines; annotations sit in brackets ("(à partir de 11 h 50)", "(remplace X)", "(pouvoir à
M. Y)"). Entries are cut on the strong separators first; dashes only separate where the list is
dash-separated, or where both sides are whole names (a spaced hyphen inside "DESCAMPS- MARQUILLY"
is extraction damage, not a separator).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..names import PARTICLES, is_role_word, is_upper_token, looks_like_name, split_civility, tokens
from .listends import PAREN as _PAREN
from .listends import Entry, leading_name, list_resumes, name_before_break, names_before_sentence, page_mark, proxy_before_prose
from ..read.terms import term

# A civility that opens a name, after a word or a closing bracket ("... TOMASZEWSKI (Pouvoir à X) Madame Y").
# Not after a proxy's connector: in "Mme A à M. B", M. B is A's holder, not a new entry.
_CIVILITY_START = re.compile(r"(?<=[\w)])(?<![\s(][àaÀA])(?<!\spar)(?<!\sde)(?<!\sdu)[ \t]+(?=(?:Monsieur|Madame|Mademoiselle|MONSIEUR|MADAME|Mme|M\.)[ \t]+[A-ZÀ-Ý])")
# A comma before "qui a donné pouvoir à" or "pouvoir à" continues its entry ("M. A, qui a donné
# procuration à M. B", "CLAUDINE AUVRAY, POUVOIR A PIERRE BARROS"). A blank line separates before a
# civility (elsewhere, web pages cut names with blank lines: "Jacques\n\nMARISSIAUX"), a colon
# between two names stands for a dash the OCR misread ("Michel VAILLIES : Catherine VINAS"), and so does a
# name after a note ("Monsieur A (pouvoir à M. B) Madame C", "Meriem ABKOUI (aux points 3, 4) Delphine ROSSARD").
_STRONG = re.compile(r"(?:,(?![ \t]*(?i:qui[ \t]+(?:a|ont|avait|avaient|donne)\b|pouvoir[ \t]+[àa]\b|procuration[ \t]+[àa]\b|repr[ée]sent[ée]e?[ \t]+par\b))|[;•\u2022\uf0b7\uf0a7])(?:[ \t]*[-–—]{1,2}(?=[ \t]*[A-ZÀ-Ý]))?|(?<!\s)\s+et\s+(?=[A-ZÀ-ÝM])|\n[ \t]*[-–—•*:]{1,2}(?=[ \t]*[A-ZÀ-Ý])|(?<=[A-ZÀ-Ý]{2})[ \t]+:[ \t]+(?=[A-ZÀ-Ý][a-zà-ÿ])|\n[ \t]*\n[ \t]*+(?=(?:Monsieur|Madame|Mademoiselle|M\.|Mme)\s)|(?<=\))[ \t]++(?=(?:(?:Monsieur|Madame|Mademoiselle|M\.|Mme)[ \t]+)?[A-ZÀ-Ý][\w'’\-]*+[ \t]+[A-ZÀ-Ý])")
# (?<!...): no attempt from inside a run of blanks (quadratic in its length).
_DASH = re.compile(r"(?<![ \t\u00a0])[ \t\u00a0]+[-–—]{1,2}[ \t\u00a0]*|(?<=[\w.])[-–—]{1,2}[ \t\u00a0]+")
_SPACED_DASH_COUNT = re.compile(r"\s[-–—]{1,2}\s")
# A sentence ending inside an entry ("... récapitulées ci-après : No du dossier"), not "M. le Maire".
# Words that annotate a name in a list without making it a sentence.
_ATTENDANCE_WORDS = frozenset(
    """ayant donné donnée pouvoir procuration mandat représenté représentée représentés représentées
    délégation vote remplacé remplacée remplace suppléé suppléée suppléant suppléante partir
    arrivée arrivé séance absent absente excusé excusée excusés respectivement""".split()
)
_PROSE_END = re.compile(r"(?<=[a-zà-ÿ]{3})[.!?:]\s+[A-ZÀ-Ý]?[a-zà-ÿ]{2,}")
# A member stepping out of a vote: a statement about the vote, never a list entry.
NOT_TAKING_PART = (
    r"ne\s+pren(?:d|nent)\s+pas\s+part|ne\s+participe(?:nt)?\s+pas|n['’]\s*(?:a|ont)\s+pas\s+pris\s+part"
    r"|se\s+retire(?:nt)?|quitte(?:nt)?\s+la\s+(?:salle|s[ée]ance)"
)
_STATEMENT_LINE = re.compile(rf"\n[^\n]*?(?:{NOT_TAKING_PART})")


@dataclass(frozen=True, slots=True)
class ListRead:
    entries: tuple[Entry, ...]
    # Offset where the list stopped (prose began), or None when it ran to its end.
    stopped_at: int | None
    # Prose inside the list was skipped (a page's header): a name may be lost in it.
    interrupted: bool = False
    # Prose right after the heading, before any name: the list could not be read.
    unreadable: bool = False


def _mask_parens(text: str) -> str:
    """Blank out bracketed notes so that separators inside them are ignored."""
    return _PAREN.sub(lambda m: "(" + " " * (len(m.group(0)) - 2) + ")", text)


def read_list(
    content: str, base: int, is_name: Callable[[str], bool] = looks_like_name, connector: re.Pattern[str] | None = None
) -> ListRead:
    """Split `content` (which starts at view offset `base`) into name entries; `is_name` tells
    where a list that runs on into prose ends; `connector` is what joins a giver to a holder
    (under "Pouvoirs :", a bare "à")."""
    masked = _mask_parens(content)
    statement = _STATEMENT_LINE.search(masked)
    if statement:
        content, masked = content[: statement.start()], masked[: statement.start()]
    dash_list = len(_SPACED_DASH_COUNT.findall(masked)) > masked.count(",")
    pieces = _cut(masked, _STRONG, 0, len(masked))
    if not _STRONG.search(masked):
        if not dash_list and masked.strip().count("\n") >= 1:
            pieces = _cut(masked, re.compile(r"\n"), 0, len(masked))
        elif "\n" not in masked.strip() and len(_CIVILITY_START.findall(masked)) >= 2:
            # "Monsieur A (Pouvoir à Madame B) Madame C ...": each civility opens an entry.
            pieces = _cut(masked, _CIVILITY_START, 0, len(masked))
    pieces = [unit for piece in pieces for unit in _proxy_units(masked, *piece, connector or _connector())]
    entries: list[Entry] = []
    stopped_at: int | None = None
    interrupted = unreadable = False
    for index, (start, end) in enumerate(pieces):
        parts = _split_dashes(content, masked, start, end, dash_list)
        if connector is not None:
            parts = _join_givers(masked, parts, connector)
        for s, e in parts:
            entry = _entry(content, masked, s, e, base)
            if entry is None:
                continue
            rest = _after_group_label(content, s, e)
            if rest is not None:
                # "membres de la Commission permanente.\nMonsieur Guillaume PELTIER": a group's label
                # closes a line of the list; the names go on after it.
                entry = _entry(content, masked, rest, e, base)
                if entry is None:
                    continue
            if _only_role_words(entry.text):
                continue  # "conseillers municipaux délégués": the label of the names before it
            sentence = names_before_sentence(entry)
            if sentence is not None:
                # "Yannick BLANCHARD Bernadette LIARD Le Conseil de communauté, ...": a list whose
                # line break was lost ends where a sentence opens.
                entries.append(sentence)
                stopped_at = sentence.end
                break
            prose = _is_prose(entry.text)
            if prose and len(entries) >= 2 and page_mark(entry.text) and list_resumes(content, pieces[index + 1 :], is_name):
                # "Mme Rosa 1 Ville de Villiers-le-Bel Procès-verbal ... MACEIRA, M. Maurice MAQUIN, ...":
                # a page's header inside the list; the names go on after it (one may be lost in it).
                interrupted = True
                break
            if prose:
                # "Raymond DOUARE à Eric DODET Secrétaire auxiliaire : ...": the last proxy, then prose.
                head = proxy_before_prose(entry, connector or _connector(), is_name) or name_before_break(entry, is_name) or leading_name(entry)
                stopped_at = base + s
                if head is not None:
                    # The prose starts after the name and its notes: on its next line, or after the name.
                    entries.append(head)
                    stopped_at = max([head.end, *(n[2] for n in head.notes)])
                    break
                unreadable = not entries
                # "CREPS - Comité régional d'éducation populaire ...": a lone word on the line
                # where prose starts belongs to that prose (a title), not to the list.
                while entries and "\n" not in content[entries[-1].end - base : s] and _lone_word(entries[-1].text):
                    entries.pop()
                break
            if _BREAK_CUE.search(entry.text) and not is_name(entry.text) and (head := name_before_break(entry, is_name)) is not None:
                # "Serge MILOCHAU. #k*k Le quorum atteint": the last name, then what is not a list.
                entries.append(head)
                stopped_at = max([head.end, *(n[2] for n in head.notes)])
                break
            entries.append(entry)
        if stopped_at is not None:
            break
    if stopped_at is None and statement:
        stopped_at = base + statement.start() + 1
    return ListRead(tuple(entries), stopped_at, interrupted, unreadable)


# Where name_before_break may find a break: without one of these, it finds none.
_BREAK_CUE = re.compile(r"[\n.)]")


def _join_givers(masked: str, parts: list[tuple[int, int]], connector: re.Pattern[str]) -> list[tuple[int, int]]:
    """Under "Procurations :", a dash before the proxy's connector is inside the giver's name
    ("Philippe ROUVIER - COROUGE donne procuration à Denis JUVIN"): the piece without a
    connector joins the next one."""
    out: list[tuple[int, int]] = []
    pending: int | None = None
    for i, (s, e) in enumerate(parts):
        if connector.search(masked, s, e) is None and i + 1 < len(parts) and connector.search(masked, *parts[i + 1]) is not None:
            pending = s if pending is None else pending
            continue
        out.append((s if pending is None else pending, e))
        pending = None
    return out


@functools.cache
def _connector() -> re.Pattern[str]:
    return re.compile(term("PROXY_CONNECTOR"))


def _proxy_units(masked: str, start: int, end: int, connector: re.Pattern[str]) -> list[tuple[int, int]]:
    """One piece holding several proxies without separators ("A procuration à B C procuration à
    D"), cut into one unit per proxy: between two connectors, the holder's name ends where the
    next giver's begins."""
    connectors = list(connector.finditer(masked, start, end))
    if len(connectors) < 2:
        return [(start, end)]
    cuts = []
    for a, b in zip(connectors, connectors[1:]):
        boundary = _name_boundary(masked, a.end(), b.start())
        if boundary is None:
            return [(start, end)]
        cuts.append(boundary)
    bounds = [start, *cuts, end]
    return list(zip(bounds, bounds[1:]))


def _name_boundary(masked: str, start: int, end: int) -> int | None:
    """Where a second name starts in masked[start:end] holding two: at a civility, or after the
    surname of "Prénom NOM" where a given name follows, or after "NOM Prénom"."""
    civilities = [m.end() for m in _CIVILITY_START.finditer(masked, start, end)]
    if civilities:
        return civilities[-1]
    words = [(m.start(), m.group()) for m in _WORD.finditer(masked[start:end])]
    for i in range(1, len(words)):
        prev, word = words[i - 1][1], words[i][1]
        if is_upper_token(prev) and word[:1].isupper() and not is_upper_token(word):
            if i > 1:
                return start + words[i][0]  # "Jérémie LANDREAU | Isabelle DULAURENS"
            # "GIROU Bernard | MARQUIS Laurence": in "NOM Prénom", the given name ends the first.
            return start + words[2][0] if len(words) > 2 and is_upper_token(words[2][1]) else None
    return None


_WORD = re.compile(r"[^\s()]+")


def _cut(masked: str, sep: re.Pattern[str], start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for m in sep.finditer(masked, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def _split_dashes(content: str, masked: str, start: int, end: int, dash_list: bool) -> list[tuple[int, int]]:
    parts = _cut(masked, _DASH, start, end)
    if len(parts) == 1:
        return parts
    if dash_list:
        # "... - Muriel NIGGEL\nJean-Pierre PLUS - ...": the line break between two whole names
        # stands for the dash.
        return [piece for s, e in parts for piece in _split_line_between_names(content, masked, s, e)]
    # In a comma list, keep a dash only where both sides are whole names.
    merged = [parts[0]]
    for s, e in parts[1:]:
        ps, pe = merged[-1]
        if _whole_name(content[ps:pe]) and _whole_name(content[s:e]):
            merged.append((s, e))
        else:
            merged[-1] = (ps, e)
    return merged


def _split_line_between_names(content: str, masked: str, start: int, end: int) -> list[tuple[int, int]]:
    brk = masked.find("\n", start, end)
    if brk < 0 or masked.find("\n", brk + 1, end) >= 0:
        return [(start, end)]
    if _whole_name(content[start:brk]) and _whole_name(content[brk + 1 : end]) and looks_like_name(content[start:brk].strip()) and looks_like_name(content[brk + 1 : end].strip()):
        return [(start, brk), (brk + 1, end)]
    return [(start, end)]


def _whole_name(text: str) -> bool:
    _, rest = split_civility(_PAREN.sub("", text).strip())
    toks = tokens(rest)
    return len(toks) >= 2 and any(is_upper_token(t) for t in toks)


def _entry(content: str, masked: str, s: int, e: int, base: int) -> Entry | None:
    notes = tuple((m.group(0)[1:-1], base + m.start(), base + m.end()) for m in _PAREN.finditer(content, s, e))
    # The name part is what precedes the first note (notes may also sit in the middle).
    name_text = _PAREN.sub(lambda m: " " * len(m.group(0)), content[s:e])
    # Bullets on either side: a one-line text keeps the next line's bullet ("Yves. + Absents :").
    lead = len(name_text) - len(name_text.lstrip(" \t\n\u00a0-–—•*+.:"))
    trail = len(name_text.rstrip(" \t\n\u00a0.,;:-–—*+•"))
    if trail <= lead:
        return None if not notes else Entry(base + s, base + s, "", notes)
    return Entry(base + s + lead, base + s + trail, content[s + lead : s + trail], notes)


# (?<![ \t]): a search never starts inside a run of blanks, which would scan to the run's end
# from each of its characters (quadratic in its length); the leftmost match starts where the run does.
_LABEL_BREAK = re.compile(r"[.:][ \t]*\n\s*|(?<![ \t])[ \t]*\n\s*|\.[ \t]+(?=[A-ZÀ-Ý])")
_LABEL_WORDS = frozenset("de du des la le les l' l’ au aux et à".split())


def _after_group_label(content: str, start: int, end: int) -> int | None:
    """Where the names resume after a group's label that opens the piece ("membres de la
    Commission permanente.\nMonsieur X"), or None when the piece opens otherwise."""
    brk = _LABEL_BREAK.search(content, start, end)
    if brk is None or brk.end() >= end:
        return None
    words = [w.strip(".,;:()").lower() for w in tokens(content[start : brk.start()])]
    if not words or not all(is_role_word(w) or w in _LABEL_WORDS or w in PARTICLES for w in words):
        return None
    return brk.end()


def _only_role_words(text: str) -> bool:
    words = [w.strip(".,;:()").lower() for w in tokens(text)]
    return bool(words) and all(is_role_word(w) or w in _LABEL_WORDS or w in PARTICLES for w in words)


def _lone_word(text: str) -> bool:
    civility, rest = split_civility(text)
    return civility is None and len(tokens(rest)) == 1


def _is_prose(text: str) -> bool:
    """An entry that is a sentence, not a name: the list has ended."""
    toks = tokens(text)
    if len(toks) > 9 + 4 * bool(_ATTENDANCE_WORDS.intersection(t.lower() for t in toks)):
        return True
    lower_words = sum(1 for t in toks if t[:1].islower() and len(t) > 3 and t.lower() not in _ATTENDANCE_WORDS)
    return lower_words >= 3 or bool(_PROSE_END.search(text))
