"""Money in an act: the sums it writes, the totals it announces, the subsidies it grants."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from .document import Span


@dataclass(frozen=True, slots=True)
class Amount:
    """A sum of money. `words_value` is set when the same sum is also written in words."""

    value: Decimal
    text: str
    span: Span
    words_value: Decimal | None = None
    words_text: str | None = None
    words_span: Span | None = None
    in_dispositif: bool = False
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class TotalPart:
    """One of the amounts a stated total sums, with the sign the clerk wrote ("-176.514,06 €")."""

    value: Decimal  # negative when a minus is written before the figures
    span: Span
    signed: bool = False  # a minus is written (a list dash opening the line is not one)


@dataclass(frozen=True, slots=True)
class StatedTotal:
    """A total or balance the act announces ("soit un total de 4 500 €", "Total : 100 000 €",
    "d'où un excédent de 4 450 €") and the amounts stated before it that it sums: the list above
    it, one amount a line, or the amounts of its own sentence.

    `parts` is empty when they cannot be told (a list inside a larger one, two amounts on a line).
    """

    value: Decimal  # with its written sign
    span: Span
    parts: tuple[TotalPart, ...] = ()
    # Announced as a result, balance, surplus or deficit: it may be a difference of its parts.
    balance: bool = False
    # The lines summed speak of reductions, expenses, refunds, deficits: some part may be subtracted.
    subtractions: bool = False
    # "environ", "près de", "plus de", or sums in k€ or M€: not exact euros.
    approximate: bool = False
    # The parts are not simply added: sub-items ("dont"), rates, periods, units, shares, HT and TTC mixed.
    not_a_sum: bool = False


class Sector(str, Enum):
    """Which side of the law a beneficiary stands on, as the text names it."""

    PRIVATE = "private"  # association, fondation, fonds de dotation, société, entreprise, club, SARL...
    # A public person (commune, CCAS, EPCI, département, établissement public, GIP...) or a body of
    # the public sector under a private form (SEM, SPL, association syndicale ou foncière).
    PUBLIC = "public"
    UNKNOWN = "unknown"  # no beneficiary named, or several without one on the amount's line


@dataclass(frozen=True, slots=True)
class Grant:
    """A subsidy the act states: a sum of money in a sentence or list item that names a subsidy
    ("Une subvention de 45 000 € est attribuée à l'association Lire en Fête"), and what the text
    says of it."""

    amount: Decimal
    amount_span: Span
    # The kind and first words of the name, as written: "association Lire en Fête", "commune de Lanvénégen".
    beneficiary: str | None = None
    beneficiary_span: Span | None = None
    beneficiary_kind: str | None = None  # folded: "association", "fonds de dotation", "sas", "commune"
    sector: Sector = Sector.UNKNOWN
    # The act awards it: a grant of its dispositif, or a sentence that attributes it ("attribuée",
    # "allouée", "accordée", "versée"), not one that asks for it or recalls a past one.
    awarded: bool = False
    # What takes it out of the convention requirement, with where the text says so: "social-housing"
    # ("logements sociaux", "HLM", "bailleur social"), "in-kind" ("en nature", "mise à disposition").
    excepted: tuple[tuple[str, Span], ...] = ()
    # Where the act mentions a convention that covers its grants (approved, to be signed, referred
    # to: "convention d'objectifs", "contrat d'objectifs", "avenant"); None when it mentions none.
    convention: Span | None = None
