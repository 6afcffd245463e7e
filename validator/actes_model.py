"""The facts of transmission and publicity: the @ctes stamps and id, the nature and the matière an act states.

A contract module, re-exported by `validator.model` (rules import them from there).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from .document import Span


_NOT_ACCEPTED = re.compile(r"[^A-Z0-9]+")


def platform_number(number: str) -> str:
    """An act's number as S²LOW and Pastell accept it: capitals without accents, figures, and "_"
    for every other run of characters ("2023-041" -> "2023_041", "DE 2016/21" -> "DE_2016_21")."""
    plain = unicodedata.normalize("NFKD", number).encode("ascii", "ignore").decode("ascii")
    return _NOT_ACCEPTED.sub("_", plain.upper()).strip("_")


@dataclass(frozen=True, slots=True)
class Dated:
    """A date the text states, with where it states it."""

    date: dt.date
    span: Span


@dataclass(frozen=True, slots=True)
class Transmission:
    """Publicity and transmission of the act: the @ctes acknowledgement and the dates stated.

    The @ctes id is `DDD-SIREN-AAAAMMJJ-NUMERO-NN`: département (3 characters), SIREN of the body
    (9 figures), date of the decision, the act's number as transmitted (which may hold hyphens:
    "065-200070787-20230216-2023-021-DE") and the nature's short code (DE, AR, AI, CC, BF, AU).
    """

    acte_id: str | None = None  # "034-213401722-20140424-0000071216-DE"
    acte_id_span: Span | None = None
    sent: Dated | None = None  # "Envoi préfecture", "Transmis en préfecture le"
    received: Dated | None = None  # "Reçu en préfecture le", "Réception en préfecture"
    published: Dated | None = None  # "Publiée le", "Affiché le", "Mise en ligne le"
    executory: Dated | None = None  # "Rendu exécutoire le", "Certifié exécutoire le"
    # Every stamp read, in order, as (kind, date): a stamp repeated on each page is read each time.
    stamps: tuple[tuple[str, Dated], ...] = ()

    def _field(self, index: int) -> tuple[str, Span] | None:
        """A field of the id (0 département, 1 SIREN, 2 date, 3 number, 4 nature) and where it stands."""
        if not self.acte_id or self.acte_id_span is None:
            return None
        parts = self.acte_id.split("-")
        fields = [*parts[:3], "-".join(parts[3:-1]), parts[-1]]
        start = self.acte_id_span.start + sum(len(f) + 1 for f in fields[:index])  # ASCII: offsets carry over
        return fields[index], Span(start, start + len(fields[index]))

    @property
    def act_date(self) -> dt.date | None:
        """The date of the act that its @ctes id carries ("034-213401722-20140424-..." -> 24/04/2014)."""
        found = self._field(2)
        if found is None:
            return None
        digits = found[0]
        try:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        except ValueError:
            return None

    @property
    def act_date_span(self) -> Span | None:
        """Where the id writes the act's date (its third field, eight figures)."""
        found = self._field(2)
        return found[1] if found is not None and self.act_date is not None else None

    @property
    def department(self) -> str | None:
        """The département number at the head of an @ctes id ("034" -> "034")."""
        return self.acte_id.split("-")[0] if self.acte_id else None

    @property
    def siren(self) -> tuple[str, Span] | None:
        """The SIREN of the id, with its span."""
        return self._field(1)

    @property
    def department_field(self) -> tuple[str, Span] | None:
        return self._field(0)

    @property
    def number(self) -> tuple[str, Span] | None:
        """The act's number as the platform transmitted it ("0000071216", "2023-021")."""
        return self._field(3)

    @property
    def nature(self) -> tuple[str, Span] | None:
        """The nature's short code ("DE" for a délibération)."""
        return self._field(4)


@dataclass(frozen=True, slots=True)
class StatedNature:
    """The nature of the act as the text states it ("Nature de l'acte : Délibération"), as its
    @ctes code: 1 délibérations, 2 actes réglementaires, 3 actes individuels, 4 contrats,
    conventions et avenants, 5 documents budgétaires et financiers, 6 autres."""

    code: int
    span: Span


@dataclass(frozen=True, slots=True)
class StatedMatiere:
    """The matière of the @ctes classification the text states ("Matière de l'acte : 7.1
    Décisions budgétaires", "Classification : 5.3"): the code as written, and its span."""

    code: str
    span: Span
