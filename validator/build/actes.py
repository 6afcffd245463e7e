"""Facts of the act's transmission besides its stamps: the nature and the @ctes matière it states,
and whether it mentions its publication (with or without a date that could be read)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from ..document import Span
from ..model import ReservedMatter, StatedMatiere, StatedNature
from ..read.terms import term
from .outcome import after_convocation

SpanOf = Callable[[int, int], Span]

# The matters of rules/data/excluded_matters.yaml that are budget documents (budget primitif or
# supplémentaire, décision modificative, compte administratif, compte financier unique).
BUDGET_MATTERS = ("budget", "compte-administratif")

_BLANKS = re.compile(r"[ \t]*+")
# What follows "Nature de l'acte :": a code (1 to 6), a short code (DE...), or the nature's words.
_NATURE_VALUE = re.compile(
    r"(?:(?P<code>[1-6])(?![\d.,])|(?-i:(?P<short>DE|AR|AI|CC|BF|AU))\b"
    r"|(?P<words>d[ée]lib[ée]rations?|(?:actes?|arr[êe]t[ée]s?)\s+(?:r[ée]glementaires?|individuels?)|contrats?|conventions?"
    r"|documents?\s+budg[ée]taires?|autres?)\b)",
    re.IGNORECASE,
)
_SHORT = {"DE": 1, "AR": 2, "AI": 3, "CC": 4, "BF": 5, "AU": 6}
_WORDS = (("lib", 1), ("gle", 2), ("indiv", 3), ("contrat", 4), ("convention", 4), ("budg", 5), ("autre", 6))
# What follows "Matière :": a code of the classification, of one to five levels ("7", "7.1", "7.5.1").
_MATIERE_VALUE = re.compile(r"(?P<code>\d{1,2}(?:\.\d{1,2}){0,4})(?![\d])")


@functools.cache
def _labels() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return re.compile(term("NATURE_LABEL")), re.compile(term("MATIERE_LABEL")), re.compile(term("PUBLISHED_LABEL"))


def _skip_blanks(text: str, at: int) -> int:
    found = _BLANKS.match(text, at)
    return found.end() if found else at


def stated_nature(text: str, start: int, end: int, span: SpanOf) -> StatedNature | None:
    """The nature the act states after "Nature de l'acte :", as its @ctes code."""
    for label in _labels()[0].finditer(text, start, end):
        value = _NATURE_VALUE.match(text, _skip_blanks(text, label.end()), end)
        if value is None:
            continue
        if value.group("code"):
            code = int(value.group("code"))
        elif value.group("short"):
            code = _SHORT[value.group("short")]
        else:
            words = value.group("words").lower()
            code = next(c for key, c in _WORDS if key in words)
        return StatedNature(code, span(value.start(value.lastgroup or 0), value.end()))
    return None


def stated_matiere(text: str, start: int, end: int, span: SpanOf) -> StatedMatiere | None:
    """The matière code the act states after "Matière de l'acte :", "Classification :"."""
    for label in _labels()[1].finditer(text, start, end):
        value = _MATIERE_VALUE.match(text, _skip_blanks(text, label.end()), end)
        if value is not None:
            return StatedMatiere(value.group("code"), span(value.start("code"), value.end("code")))
    return None


def publication_mention(text: str, parts: Iterable[tuple[int, int]], span: SpanOf) -> Span | None:
    """The first mention of the act's publication ("Publié le", "Affiché le", "Date de mise en
    ligne"), whether its date was read or not; the convocation's posting is not one. Read in the
    whole act: a mention taken for another (a text "publié le") only silences an `info`."""
    for start, end in parts:
        for label in _labels()[2].finditer(text, start, end):
            if not after_convocation(text, label.start()):
                return span(label.start(), label.end())
    return None


def budget_document(matters: Iterable[ReservedMatter], title: Span | None) -> Span | None:
    """Where the act decides a budget document: a matter of BUDGET_MATTERS its dispositif decides,
    or that opens its title ("Budget primitif 2023", "Vote du compte administratif"); not one the
    title names further on ("Ouverture de crédits avant le vote du budget primitif")."""
    for matter in matters:
        if matter.key not in BUDGET_MATTERS:
            continue
        inside = title is not None and title.start <= matter.span.start < title.end
        if not inside or (title is not None and matter.span.start - title.start <= 2):
            return matter.span
    return None
