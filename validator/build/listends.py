"""Where a list of names ends, and where its names are cut, when the text lost its separators.

A list ends at a line break or a sentence; once the breaks are lost (OCR, a web copy, a PDF
extracted without layout), the names run on into the next sentence ("Yannick BLANCHARD Bernadette
LIARD Le Conseil de communauté, ...") and into each other. Only sure shapes are cut here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..names import PARTICLES, is_capitalised_token, is_initial, is_upper_token, looks_like_name, split_civility

PAREN = re.compile(r"\([^()]{0,300}\)")
_NAME_TOKEN = re.compile(r"\S+")

# A missing separator between two "NOM I." entries: "ROUANET B MARCOUIRE G.".
_TWO_NOM_INITIAL = re.compile(r"^(\S+\s+[A-Z](?:\.[A-Z])*\.?)\s+([A-ZÀ-Ý][A-ZÀ-Ý'\-]+\s+[A-Z](?:\.[A-Z])*\.?)$")


@dataclass(frozen=True, slots=True)
class Entry:
    """One list item: the name part and its bracketed notes, as view offsets."""

    start: int
    end: int
    text: str
    notes: tuple[tuple[str, int, int], ...]


# Where a list without a closing separator may end: a line break, or the end of a sentence
# ("Béatrice POULAIN. Monsieur le Président a proposé ..." once the line breaks are lost).
# A name's note closes it too ("Maryline (pouvoir donné à Jean-Pierre) Ordre du jour ...").
_LIST_BREAK = re.compile(r"\n|(?:(?<=[A-ZÀ-Ý]{2})|(?<=[a-zà-ÿ]{2})|(?<=\)))\.[ \t]+(?=[^\sa-zà-ÿ])|(?<=\))(?=[ \t]+[A-ZÀ-Ý])")


def name_before_break(entry: Entry, is_name: Callable[[str], bool] = looks_like_name) -> Entry | None:
    """ "PHILIPPOT.\n\nSecrétariat de séance : ..." ends a list that had no closing separator."""
    # Brackets kept, their content blanked: "David (Pr*). Ordre du jour" ends after the note.
    bracketed = PAREN.sub(lambda p: "(" + " " * (len(p.group(0)) - 2) + ")", entry.text)
    masked = PAREN.sub(lambda p: " " * len(p.group(0)), entry.text)
    for m in _LIST_BREAK.finditer(bracketed):
        head = masked[: m.start()].rstrip(" .,;")
        name = head
        tail = PAREN.sub(" ", entry.text[m.end() :]).strip()
        if head and is_name(name) and not is_name(tail):
            end = entry.start + len(head)
            notes = tuple(n for n in entry.notes if n[1] < entry.start + m.start())
            return Entry(entry.start, end, entry.text[: len(head)], notes)
    return None


_TOKEN_END = re.compile(r"(?<=\S)(?=\s)|$")


def leading_name(entry: Entry) -> Entry | None:
    """The name that opens an entry the text runs on after ("Monsieur Jack BOULARD n° 13-02-2023 -
    Approbation du plan ..."), when the entry opens with a civility and the words after the name
    are not part of it."""
    if split_civility(entry.text)[0] is None:
        return None  # only a civility says for sure that a person's name opens the entry
    masked = PAREN.sub(lambda p: " " * len(p.group(0)), entry.text)
    best = None
    for count, m in enumerate(_TOKEN_END.finditer(masked, 0, min(len(masked), 120))):
        if count >= 7:
            break
        head = masked[: m.start()].rstrip(" .,;:")
        if head and looks_like_name(head):
            best = head
    if best is None or looks_like_name(masked.strip(" .,;:")):
        return None
    # The notes right after the name are its own ("Monsieur X (pouvoir à M. Y) ...").
    pos = len(best)
    while pos < len(masked) and (masked[pos].isspace() or masked[pos] == "("):
        pos = masked.find(")", pos) + 1 if masked[pos] == "(" and ")" in masked[pos:] else pos + 1
    notes = tuple(n for n in entry.notes if n[1] < entry.start + pos)
    return Entry(entry.start, entry.start + len(best), entry.text[: len(best)], notes)


# Words that open a sentence of the act, in title case: never a given name or a surname.
_SENTENCE_OPENERS = frozenset("le la les l' l’ il elle ils ce cette ces après vu considérant un une".split())


def names_before_sentence(entry: Entry) -> Entry | None:
    """The names that open an entry running on into a sentence ("A B C D Le Conseil de ..."),
    when the words before a sentence opener are names and the words after it are not."""
    if looks_like_name(entry.text):
        return None
    masked = PAREN.sub(lambda p: " " * len(p.group(0)), entry.text)
    for count, m in enumerate(_NAME_TOKEN.finditer(masked)):
        if count > 12:
            return None
        word = m.group(0)
        if count == 0 or word.lower() not in _SENTENCE_OPENERS or not word[0].isupper() or word.isupper():
            continue
        head = masked[: m.start()].rstrip(" \t\n\u00a0.,;:")
        if not head or looks_like_name(masked[m.start():].strip(" \t\n\u00a0.,;:")):
            return None
        pieces = _split_name_runs(head) or [(0, len(head))]
        if all(looks_like_name(head[a:b]) for a, b in pieces):
            notes = tuple(n for n in entry.notes if n[1] < entry.start + m.start())
            return Entry(entry.start, entry.start + len(head), entry.text[: len(head)], notes)
        return None
    return None


def split_missing_separator(text: str) -> list[tuple[int, int]]:
    """Offsets of the names of an entry whose separators extraction lost: "ROUANET B MARCOUIRE G.",
    "Yannick BLANCHARD Bernadette LIARD", "BLANCHARD Yannick LIARD Bernadette"."""
    m = _TWO_NOM_INITIAL.match(text)
    if m and all(is_upper_token(m.group(i).split()[0]) for i in (1, 2)) and is_initial(m.group(1).split()[-1]):
        return [(m.start(1), m.end(1)), (m.start(2), m.end(2))]
    return _split_name_runs(text) or [(0, len(text))]


def _split_name_runs(text: str) -> list[tuple[int, int]] | None:
    """Cut a run of names written all in one order, given names in title case and surnames in
    capitals: each name starts where the case flips back to the case its first name starts with.
    Any other word (a particle, a note, a role) leaves the entry whole: only this shape is sure."""
    toks = list(_NAME_TOKEN.finditer(text))
    if len(toks) < 4 or len(toks) > 12:
        return None
    kinds = "".join("U" if is_upper_token(t.group(0)) else "C" if is_capitalised_token(t.group(0)) else "?" for t in toks)
    if "?" in kinds:
        return None
    first = kinds[0]
    starts = [0] + [i for i in range(1, len(kinds)) if kinds[i] == first and kinds[i - 1] != first]
    if len(starts) < 2:
        return None
    bounds = list(zip(starts, starts[1:] + [len(toks)]))
    # Each piece holds both cases: one given name and one surname at least.
    if not all(len(set(kinds[a:b])) == 2 for a, b in bounds):
        return None
    return [(toks[a].start(), toks[b - 1].end()) for a, b in bounds]


_HOLDER_WORDS = 6
_HOLDER_WORD = re.compile(r"[^\s()]+")
_RESUME = 3
# A page's header or footer carries the page's number or the séance's date.
_PAGE_MARK = re.compile(r"\d")


def proxy_before_prose(entry: Entry, connector: re.Pattern[str], is_name: Callable[[str], bool]) -> Entry | None:
    """A proxy that opens an entry running on into prose: the giver, the connector, and the
    longest run of words after it that is a name (its trailing particles left out)."""
    m = connector.search(entry.text)
    if m is None or not is_name(PAREN.sub(" ", entry.text[: m.start()]).strip(" \t\n\u00a0.,;:")):
        return None
    words = list(_HOLDER_WORD.finditer(entry.text, m.end()))[:_HOLDER_WORDS]
    best = None
    for i in range(len(words)):
        if words[i].group().lower() in PARTICLES:
            continue
        if is_name(entry.text[m.end() : words[i].end()].strip()):
            best = words[i].end()
    if best is None:
        return None
    notes = tuple(n for n in entry.notes if n[1] < entry.start + best)
    return Entry(entry.start, entry.start + best, entry.text[:best], notes)


_RESUME = 3
# A page's header or footer carries the page's number or the séance's date.
_PAGE_MARK = re.compile(r"\d")


def list_resumes(content: str, following: list[tuple[int, int]], is_name: Callable[[str], bool]) -> bool:
    """Whether the pieces after a piece of prose are names again (the next three at least)."""
    following = following[:_RESUME]
    if len(following) < _RESUME:
        return False
    return all(is_name(PAREN.sub(" ", content[a:b]).strip(" \t\n\u00a0.,;:-–—•*+")) for a, b in following)


def page_mark(text: str) -> bool:
    return _PAGE_MARK.search(text) is not None
