"""The typed model of a deliberation: frozen records, each carrying its span in the original text.

Rules read these records, never the Lark tree. A file may hold several deliberations (a
procès-verbal, a recueil): `FileModel.deliberations` is a tuple, and deliberations of one
session share the same `Attendance` object when the text states it once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

# Who attended lives in its own module; the model is still imported from here by rules and plugins.
from .attendance_model import Attendance as Attendance
from .attendance_model import Count as Count
from .attendance_model import Figure as Figure
from .attendance_model import Member as Member
from .attendance_model import NameList as NameList
from .attendance_model import Proxy as Proxy
from .attendance_model import Roster as Roster
from .attendance_model import Source as Source
from .attendance_model import Tally as Tally
from .document import Span

# The facts of transmission and publicity (@ctes stamps, stated nature and matière) too.
from .actes_model import Dated as Dated
from .actes_model import StatedMatiere as StatedMatiere
from .actes_model import StatedNature as StatedNature
from .actes_model import Transmission as Transmission
from .actes_model import platform_number as platform_number

# Money (sums, totals, subsidies) too; imported from here as before.
from .money_model import Amount as Amount
from .money_model import Grant as Grant
from .money_model import Sector as Sector
from .money_model import StatedTotal as StatedTotal
from .money_model import TotalPart as TotalPart


class BodyKind(str, Enum):
    COMMUNE = "commune"
    EPCI = "epci"
    METROPOLE = "metropole"
    DEPARTEMENT = "departement"
    REGION = "region"
    SYNDICAT = "syndicat"
    UNKNOWN = "unknown"


class Organ(str, Enum):
    CONSEIL = "conseil"
    BUREAU = "bureau"
    COMMISSION_PERMANENTE = "commission-permanente"
    COMITE = "comite"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Body:
    name: str | None
    kind: BodyKind
    organ: Organ
    span: Span | None = None

    @property
    def acts_by_delegation(self) -> bool:
        """A bureau or a commission permanente only holds the powers the conseil delegated."""
        return self.organ in (Organ.BUREAU, Organ.COMMISSION_PERMANENTE)


@dataclass(frozen=True, slots=True)
class Session:
    date: dt.date | None = None
    date_span: Span | None = None
    president: str | None = None
    president_role: str | None = None
    president_span: Span | None = None
    second_convocation: bool = False
    # The first date of the header, stated after no séance cue ("réunion du", "séance du"): a guess,
    # which the act's own date (its number line, its @ctes id) replaces when there is one.
    date_guessed: bool = False
    # The date of the convocation the header states ("Date de convocation : 5 mai 2022", "convoqué le ...").
    convocation: Dated | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """A number as written ("EMP 004-6064/19/BM", "2022-041"), with what its form says.

    `year` is the year the number carries, in full ("19" in "MET 19/11402/BM" is 2019;
    `short_year` says it is written in two digits); `organ_code` the organ suffix of an
    Aix-Marseille-Provence number ("BM" the bureau, "CM" the conseil).
    """

    text: str
    span: Span
    year: int | None = None
    year_span: Span | None = None
    short_year: bool = False
    organ_code: str | None = None
    organ_code_span: Span | None = None
    # The order number the form gives ("137" of "2014 / 137", "25" of "DE_2015_025", "12" of a
    # bare "12"), and its series: the number with that place marked ("2014/#"), folded. The acts of
    # a séance numbered in one series follow each other (the séance checks of `validator.seance_model`).
    serial: int | None = None
    serial_span: Span | None = None
    series: str | None = None


@dataclass(frozen=True, slots=True)
class OrganMention:
    """An organ the text names as the one deliberating ("Le Bureau de la Métropole,", "soumet au Conseil")."""

    organ: Organ
    span: Span


@dataclass(frozen=True, slots=True)
class CitedDelegation:
    """A visa citing the delegation of powers the act's organ acts under ("Vu la délibération
    FAG 21-5718/19/CM du Conseil de la Métropole du 28 mars 2019 portant délégation de
    compétences au Bureau"): the delegating act's number and date as cited, and its author when the
    visa names a bureau or a commission permanente ("la délibération du Bureau du ...")."""

    visa: Visa
    number: Reference | None = None
    date: Dated | None = None  # the earliest date the visa writes
    author: Organ | None = None
    author_span: Span | None = None


@dataclass(frozen=True, slots=True)
class ReservedMatter:
    """A matter the assembly cannot delegate (`key`: the `id` of its row in
    rules/data/excluded_matters.yaml) that the act touches: `decided` when its title or its
    dispositif decides it ("Vote du budget primitif 2024", "le budget primitif est adopté"), else
    its title names it ("Décision modificative n° 2")."""

    key: str
    span: Span
    decided: bool


@dataclass(frozen=True, slots=True)
class Visa:
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Citation:
    """A loi, ordonnance or décret the act cites by its number ("la loi n° 2014-58 du 27 janvier 2014 ...").

    `number` is folded ("2014-58": hyphen variants and spaces removed); `span` runs from the kind to
    the end of the date, or of the number when no date follows. `title` is the title a visa gives
    after the date, as written, when what follows starts like one ("relative à ...", "portant ...");
    not "(loi MAPTAM)" nor "et notamment son article 10". The act relies on the text (`relied_on`)
    when a visa cites it (`visa`) or prose grounds the act on it ("conformément à", "en application
    de"); `former` when it is named as a former text ("abrogé", "ancien", "qui a remplacé le ...").
    """

    kind: str  # "loi" | "ordonnance" | "decret"
    number: str
    span: Span
    number_span: Span
    date: dt.date | None = None
    date_span: Span | None = None
    title: str | None = None
    title_span: Span | None = None
    relied_on: bool = False
    visa: Span | None = None
    former: bool = False


@dataclass(frozen=True, slots=True)
class RepealedMention:
    """A repealed text the act names by its name ("le code des marchés publics"), `label` being its
    entry in rules/data/repealed.yaml; `relied_on`, `visa` and `former` as for a `Citation`."""

    label: str
    span: Span
    relied_on: bool = False
    visa: Span | None = None
    former: bool = False


@dataclass(frozen=True, slots=True)
class Considerant:
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Article:
    """A numbered article; `number` is None for "Article unique"; `label` is as written."""

    number: int | None
    label: str
    span: Span
    label_span: Span
    body: str
    body_span: Span | None
    unique: bool = False


@dataclass(frozen=True, slots=True)
class Vote:
    span: Span
    text: str
    outcome: str | None = None  # "adopted" | "rejected" | None
    unanimous: bool = False
    for_: int | None = None
    against: int | None = None
    abstention: int | None = None
    not_voting: int | None = None
    voting: int | None = None
    casting_vote: bool = False
    secret_ballot: bool = False
    # What the statement writes as a tally but gives no figure ("Pour : 2O", a table whose figures
    # do not match its labels): the tallies' grammar could not read it (build/tally.py).
    unread: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Signatory:
    name: str | None
    role: str | None
    span: Span
    name_span: Span | None = None
    certification: str | None = None
    by_delegation: bool = False


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date the act writes: its weekday when one is written, whether it is in words, and the date
    in figures (or in words) that restates it right after, with its span."""

    date: dt.date
    span: Span
    weekday: str | None = None
    in_words: bool = False
    restatement: tuple[dt.date, Span] | None = None


@dataclass(frozen=True, slots=True)
class Authorisation:
    """Who the articles authorise to sign ("Madame la Présidente ... est autorisé(e) à signer")."""

    text: str
    span: Span
    role: str  # "maire" | "president"
    feminine: bool


@dataclass(frozen=True, slots=True)
class Deliberation:
    span: Span
    body: Body
    session: Session
    attendance: Attendance | None
    references: tuple[Reference, ...] = ()
    title: str | None = None
    title_span: Span | None = None
    visas: tuple[Visa, ...] = ()
    visa_block: Span | None = None
    considerants: tuple[Considerant, ...] = ()
    decide_span: Span | None = None
    articles: tuple[Article, ...] = ()
    amounts: tuple[Amount, ...] = ()
    # Every total or balance the act announces, with the amounts it sums.
    totals: tuple[StatedTotal, ...] = ()
    vote: Vote | None = None
    signatories: tuple[Signatory, ...] = ()
    authorisations: tuple[Authorisation, ...] = ()
    transmission: Transmission | None = None
    # Members the text says do not take part in this act ("ne prend pas part au vote", "se retire").
    withdrawn: tuple[Member, ...] = ()
    # Spans of the report (before the visas) and of the dispositif (decision and articles).
    report_spans: tuple[Span, ...] = ()
    # The text runs out inside this deliberation (an excerpt cut mid-way).
    truncated: bool = False
    # A copy certified by the executive ("Extrait du registre...", "Pour extrait conforme").
    is_extract: bool = False
    # Every date the act writes, in order.
    dates: tuple[DateMention, ...] = ()
    # Every outcome the act states (one per item of a procès-verbal), `vote` among them.
    votes: tuple[Vote, ...] = ()
    # The subsidies the act states: in its dispositif when it has one, else anywhere in it.
    grants: tuple[Grant, ...] = ()
    # Organs the text names as the one deliberating ("Le Bureau de la Métropole,", "soumis au Conseil").
    deliberating: tuple[OrganMention, ...] = ()
    # Of a bureau or a commission permanente: the visas that cite the delegation it acts under.
    delegations: tuple[CitedDelegation, ...] = ()
    # Of a bureau or a commission permanente: the first place the act mentions a delegation of powers.
    delegation_mention: Span | None = None
    # Of a bureau or a commission permanente: the matters reserved to the assembly its title or dispositif touch.
    reserved_matters: tuple[ReservedMatter, ...] = ()
    # The lois, ordonnances and décrets the act cites by number, in order.
    citations: tuple[Citation, ...] = ()
    # The repealed texts the act names by their name (a code), in order.
    repealed_mentions: tuple[RepealedMention, ...] = ()
    # Where the act says it concerns a contract or a procedure of before ("avenant", "marché conclu avant").
    prior_contract: Span | None = None
    # The nature and the @ctes matière the text states ("Nature de l'acte : Délibération", "Matière : 7.1").
    nature: StatedNature | None = None
    matiere: StatedMatiere | None = None
    # Where the act mentions its publication ("Publié le", "Mis en ligne le", "Affiché le"), with
    # or without a date that could be read.
    publication_mention: Span | None = None
    # Where the title or the dispositif decides a budget document (budget primitif, décision
    # modificative, compte administratif...), whatever the organ (`reserved_matters` are a bureau's).
    budget_document: Span | None = None

    @property
    def number(self) -> str | None:
        return self.references[0].text if self.references else None

    @property
    def has_dispositif(self) -> bool:
        return self.decide_span is not None or bool(self.articles)


@dataclass(frozen=True, slots=True)
class StructureIssue:
    """A place where the text departs from the recognised structure of a deliberation.

    `case`: "not-a-deliberation" (nothing of an act: the text is not checked further),
    "no-act-part" (a record of a body's decisions whose parts are not recognised: a compte-rendu
    in prose, a list of votes, an annex), "order" (a part out of its usual place).
    """

    message: str
    span: Span
    case: str = "order"

    @property
    def fatal(self) -> bool:
        return self.case == "not-a-deliberation"


@dataclass(frozen=True)
class FileModel:
    """Everything the builder found in one file."""

    deliberations: tuple[Deliberation, ...]
    structure: tuple[StructureIssue, ...] = ()
    # Free-form facts for the JSON extract that are not per deliberation.
    extra: dict[str, object] = field(default_factory=dict)
    # How the file was decoded ("utf-8", or "cp1252" for a Windows file read all the same).
    encoding: str = "utf-8"
