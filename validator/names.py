"""Personal names as attendance lists write them, and how to tell that two spellings are one person.

Lists write "Prénom NOM", "NOM Prénom", "NOM I.", "I. NOM", with civilities (M., Mme, Monsieur,
Maître...), particles (de, du, van...), hyphens lost or spaced by extraction. A person is
identified by their surname tokens (upper-case words) and, when both sides give one, a
compatible given name or initial.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Generic, TypeVar

T = TypeVar("T")

CIVILITY_RE = re.compile(
    r"^(?:Monsieur|Madame|Mademoiselle|Messieurs|Mesdames|MM\.?|Mmes\.?|Mme\.?|Mlle\.?|Mr\.?|M\.(?!-)|M(?=\s+[A-ZÀ-Ý])"
    r"|Ma[îi]tre|Me\.|Docteur|Dr\.?|Pr\.?|Professeur)"
    # A whole word, or one that ends with its dot ("M.Dupont"): "Drouet" and "Prevost" are names.
    r"(?:(?<=\.)|(?![^\W\d_]))\s*",
)
PARTICLES = frozenset(
    "de du des d' d’ la le les van von der den ten el al di da dos das del della y et".split()
)
# Words that name a function, not a person, inside lists ("Vices présidents", "Adjoints").
ROLE_WORDS = frozenset(
    """maire maires adjoint adjoints adjointe adjointes président présidente présidents vice vices
    vice-président vice-présidente vice-présidents conseiller conseillers conseillère conseillères
    municipal municipaux municipale communautaire communautaires délégué délégués déléguée
    membre membres commission permanente titulaire titulaires suppléant suppléants suppléante
    mesdames messieurs et les mmes mm conseil assemblée secrétaire doyen questeur questeurs
    rapporteur départemental départementaux régional régionaux général généraux""".split()
)
ROLE_HOLDER_RE = re.compile(
    r"^(?:(?:M\.|Mme|Monsieur|Madame)\s+)?(?:le|la|l['’])\s*(?P<role>maire|pr[ée]sidente?|vice[\s-]*pr[ée]sidente?"
    r"|adjointe?|premi(?:er|[èe]re)\s+adjointe?|doyen(?:ne)?(?:\s+d['’]\s*[âa]ge)?)\b",
    re.IGNORECASE,
)
_UPPER_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞŒ][A-ZÀ-ÖØ-ÞŒ'’\-]+$")
# "Anne", "Jean-Pierre", and "JeanPierre" (a hyphen lost by extraction).
_CAP_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞŒ][a-zß-öø-ÿœ'’\-]+(?:-?[A-ZÀ-ÖØ-ÞŒ][a-zß-öø-ÿœ'’\-]+)*$")
_INITIAL = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ]\.?-?){1,3}$|^(?:[A-ZÀ-ÖØ-Þ]\.){1,3}[A-ZÀ-ÖØ-Þ]?$")
# "BARRABES.M", "B.CANAL": a surname with an initial glued on.
_GLUED_INITIAL = re.compile(r"\.[A-ZÀ-Ý]\.?$|^[A-ZÀ-Ý]\.(?=[A-ZÀ-Ý]{2})")
_TOKEN_SPLIT = re.compile(r"[\s\u00a0\u202f]+")


def split_civility(text: str) -> tuple[str | None, str]:
    """Return (civility, rest) of a name as written."""
    m = CIVILITY_RE.match(text)
    if not m:
        return None, text
    return m.group(0).strip(), text[m.end() :]


def tokens(text: str) -> list[str]:
    return [t for t in _TOKEN_SPLIT.split(text.strip()) if t]


def is_upper_token(tok: str) -> bool:
    core = _GLUED_INITIAL.sub("", tok.strip(".,;:()"))
    return len(core) >= 2 and bool(_UPPER_TOKEN.match(core))


def is_capitalised_token(tok: str) -> bool:
    """A title-case word of a name: "Anne", "Jean-Pierre", "JeanPierre"."""
    return bool(_CAP_TOKEN.match(tok.strip(".,")))


def is_initial(tok: str) -> bool:
    return bool(_INITIAL.match(tok.strip(",;:()")))


# "M. Alban SAUVAGET de Corcoué sur Logne": a member of an intercommunal body named with the
# commune he sits for; the commune's name joins its words with these.
_PLACE_LINKS = frozenset("sur sous en lès lez les la le de du des d' d’ et aux au l' l’ st ste".split())
_OF_PLACE = re.compile(r"\s(?:de|d['’])\s*(?=[A-ZÀ-Ý])")


def _without_commune(rest: str) -> str:
    """The name without the commune after it, when what follows "de" is a place's name."""
    for m in _OF_PLACE.finditer(rest):
        head, place = rest[: m.start()], tokens(rest[m.end() :])
        if not any(is_upper_token(t) for t in tokens(head)):
            continue
        if place and all(t.lower() in _PLACE_LINKS or t[:1].isupper() for t in place) and not any(is_upper_token(t) for t in place):
            return head
    return rest


_LOWER_GIVEN = re.compile(r"^[a-zß-öø-ÿœ]{3,}(?:-[a-zß-öø-ÿœ]{3,})?$")
# Lower-case words that stand before a surname in lists without being a given name.
_NOT_GIVEN = frozenset("""par pour avec dont les des aux sans chez elle lui leurs excusé excusée absent absente
    représenté représentée remplacé remplacée suppléant suppléante madame monsieur mesdames messieurs
    ayant donné donne pouvoir procuration""".split())


@lru_cache(maxsize=8192)
def looks_like_name(text: str) -> bool:
    """Tell a person's name from a role label, a place or prose, inside an attendance list."""
    civility, rest = split_civility(display(text))
    rest = _without_commune(rest)
    toks = tokens(rest)
    if len(toks) == 2 and _LOWER_GIVEN.match(toks[0]) and toks[0] not in _NOT_GIVEN and toks[0] not in ROLE_WORDS and is_upper_token(toks[1]):
        return True  # "jocelyne PETIT": a given name whose capital the OCR lost
    if not toks or len(toks) > 7 or any(ch in rest for ch in ",:;"):
        return False
    if any(CIVILITY_RE.fullmatch(t) for t in toks):
        return False  # "Florent OLIVIER Monsieur Youssef": two names run together
    if any(ch.isdigit() for ch in rest):
        return False
    has_upper = False
    capitalised = 0
    initials = 0
    for tok in toks:
        low = tok.lower().strip(".,")
        if is_upper_token(tok):
            has_upper = True
        elif low in PARTICLES:
            continue
        elif is_initial(tok):
            initials += 1
            continue
        elif _CAP_TOKEN.match(tok.strip(".,")):
            if low in ROLE_WORDS:
                return False
            capitalised += 1
        else:
            return False
    if has_upper:
        return not all(t.lower().strip(".,") in ROLE_WORDS for t in toks)
    # Title-case names ("Christiaan Van Zuck") need a civility, an initial ("J.-P. Marcenac") or two
    # capitalised words.
    return capitalised >= 2 or ((civility is not None or initials > 0) and capitalised >= 1)


def role_of_holder(text: str) -> str | None:
    """Return "maire", "president"... when a proxy holder is named by function ("M. le Maire")."""
    m = ROLE_HOLDER_RE.match(text.strip())
    if not m:
        return None
    role = fold(m.group("role"))
    if role.startswith("vice"):
        return "vice-president"
    if role.startswith("president"):
        return "president"
    if "adjoint" in role:
        return "adjoint"
    if role.startswith("doyen"):
        return "doyen"
    return role


def fold(text: str) -> str:
    """Case-fold and strip accents: 'Élisabeth' -> 'elisabeth'."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=4096)
def name_parts(name: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Split a written name into (surname keys, given-name keys), both folded.

    Surnames are the upper-case words; without any, the last capitalised word. Hyphenated and
    spaced forms of one surname ("LEVELEUX TEIXEIRA", "LEVELEUX-TEIXEIRA") give the same keys.
    """
    _, rest = split_civility(name.strip())
    toks = [t.strip(".,;:()") for t in tokens(rest)]
    kept = [t for t in toks if t and t.lower() not in PARTICLES]
    # "Armelle LE DU": a surname made only of particles is still the surname.
    toks = kept if any(is_upper_token(t) for t in kept) else [t for t in toks if t]
    upper = [t for t in toks if is_upper_token(t)]
    if upper:
        given = [t for t in toks if t not in upper]
    elif toks:
        upper, given = [toks[-1]], toks[:-1]
    else:
        return frozenset(), ()
    surname: set[str] = set()
    for tok in upper:
        surname.update(p for p in re.split(r"[-'’]", fold(tok)) if p)
    given_keys = tuple(fold(g).replace("-", "") for g in given if not is_role_word(g))
    return frozenset(surname), given_keys


def is_role_word(tok: str) -> bool:
    return tok.lower().strip(".,") in ROLE_WORDS


def same_person(a: str, b: str) -> bool:
    """True when two written names designate the same person (surname match, given names compatible)."""
    sa, ga = name_parts(a)
    sb, gb = name_parts(b)
    if not sa or not sb or sa != sb:
        # "LEVELEUX TEIXEIRA" vs "LEVELEUX": one surname contained in the other counts only when
        # the given names agree.
        if not (sa and sb and (sa < sb or sb < sa) and ga and gb and given_compatible(ga, gb)):
            return False
    if not ga or not gb:
        return True
    return given_compatible(ga, gb)


def given_compatible(ga: tuple[str, ...], gb: tuple[str, ...]) -> bool:
    """Given-name keys (of `name_parts`) of one person: equal, or initials of the other's names."""
    a, b = "".join(ga), "".join(gb)
    if a == b:
        return True
    # Initials: "J.P." vs "Jean-Pierre", "M.J." vs "Marie-José".
    ia = "".join(ch for ch in a if ch.isalpha())
    ib = "".join(ch for ch in b if ch.isalpha())
    if len(ia) <= 3 and ga and all(len(g.replace(".", "")) <= 3 for g in ga):
        return _initials_match(ia, gb)
    if len(ib) <= 3 and gb and all(len(g.replace(".", "")) <= 3 for g in gb):
        return _initials_match(ib, ga)
    return False


def _initials_match(initials: str, given: tuple[str, ...]) -> bool:
    words = [w for g in given for w in re.split(r"[-\s]", g) if w]
    # "jeanpierre" lost its hyphen: compare with the first letters we have.
    first_letters = "".join(w[0] for w in words)
    return first_letters.startswith(initials) or (len(initials) == 1 and first_letters[:1] == initials)


def display(name: str) -> str:
    """Collapse the whitespace of a name as written (line breaks inside a name)."""
    text = " ".join(tokens(name))
    text = re.sub(r"\s*-\s+(?=[A-ZÀ-Ý])|(?<=[A-ZÀ-Ý])\s+-\s*", "-", text)
    return text.strip(" .,;:")


class NameIndex(Generic[T]):
    """Items by the surname keys of their names.

    `find` compares a written name only with the items that share a surname key with it (two
    names of one person always do), not with every item: matching two lists of hundreds of names
    stays linear.
    """

    def __init__(self, items: Iterable[T], name_of: Callable[[T], str]) -> None:
        self._items: list[T] = []
        self._name_of = name_of
        self._by_key: dict[str, list[int]] = {}
        for item in items:
            self.add(item)

    def add(self, item: T) -> None:
        for key in name_parts(self._name_of(item))[0]:
            self._by_key.setdefault(key, []).append(len(self._items))
        self._items.append(item)

    def find(self, name: str) -> T | None:
        """The first item (in the order given) that designates the same person as `name`."""
        candidates = sorted({i for key in name_parts(name)[0] for i in self._by_key.get(key, ())})
        return next((self._items[i] for i in candidates if same_person(name, self._name_of(self._items[i]))), None)
