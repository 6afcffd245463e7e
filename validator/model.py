"""The typed model of a deliberation: frozen records, each carrying its span in the original text.

Rules read these records, never the Lark tree. A file may hold several deliberations (a
procès-verbal, a recueil): `FileModel.deliberations` is a tuple, and deliberations of one
session share the same `Attendance` object when the text states it once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from .document import Span


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
class Member:
    """A person named in an attendance list, as written (`name`), with its annotations."""

    name: str
    span: Span
    civility: str | None = None
    role: str | None = None
    # "(à partir de 11 h 50)", "(jusqu'à ...)", "arrivée à ...", "quitte la séance": the person
    # may rightly appear in two lists.
    time_note: str | None = None
    substitute_for: str | None = None
    replaced_by: str | None = None


@dataclass(frozen=True, slots=True)
class Proxy:
    """An absent member (`giver`) represented by `holder` (None when the text does not say).

    `since` and `until` bound the proxy in time when the text does, in minutes after midnight
    ("pouvoir à M. X jusqu'à 10 h 25", "à M. Y à partir de 11 h 20").
    """

    giver: Member
    holder: Member | None
    span: Span
    since: int | None = None
    until: int | None = None


@dataclass(frozen=True, slots=True)
class Count:
    """A number the text declares: `kind` is one of COUNT_KINDS."""

    kind: str
    value: int
    span: Span
    value_span: Span | None = None


COUNT_KINDS = ("in_office", "present", "substitutes", "represented", "absent", "voting", "quorum", "majority")


@dataclass(frozen=True, slots=True)
class NameList:
    """One attendance list as written: its heading span, its members, and whether it may be cut."""

    span: Span
    members: tuple[Member, ...]
    # The list runs into the end of the text or into unreadable text: its size is a lower bound.
    open_ended: bool = False


class Source(str, Enum):
    """Where a figure of the attendance comes from."""

    DECLARED = "declared"  # the text states the number ("Présents : 27")
    LISTED = "listed"  # counted from lists that are complete and do not vary during the séance
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Figure:
    value: int | None = None
    source: Source = Source.UNKNOWN

    @property
    def declared(self) -> bool:
        return self.source is Source.DECLARED


@dataclass(frozen=True, slots=True)
class Tally:
    """The attendance in figures, each with its source: the one policy every rule and export uses."""

    in_office: Figure
    present: Figure
    represented: Figure
    absent: Figure
    voting: Figure


def _weakest(*figures: Figure) -> Source:
    if any(f.source is Source.UNKNOWN for f in figures):
        return Source.UNKNOWN
    return Source.DECLARED if all(f.declared for f in figures) else Source.LISTED


@dataclass(frozen=True, slots=True)
class Attendance:
    span: Span
    counts: tuple[Count, ...] = ()
    present: NameList | None = None
    represented: tuple[Proxy, ...] = ()
    represented_list: NameList | None = None
    absent: NameList | None = None
    non_voting: tuple[Member, ...] = ()
    secretary: Member | None = None
    # "PRESENTS : Tous les membres en exercice sauf : ..." (presence stated by exception).
    all_present_except: bool = False
    # The list of the absent is headed "Excusés" only: it names those who sent word, not every absent member.
    absent_excused_only: bool = False
    # Whether the president of the séance is named in the lists (None: no president known). An
    # unnamed president presides, so is present: counted lists then miss one member.
    chair_listed: bool | None = None

    def count(self, kind: str) -> Count | None:
        for c in self.counts:
            if c.kind == kind:
                return c
        return None

    @property
    def lists_reliable(self) -> bool:
        """Counting names is sound: no list is cut off, stated by exception, or varies in time."""
        lists = (self.present, self.absent, self.represented_list)
        return not self.all_present_except and not self.has_time_notes and not any(lst and lst.open_ended for lst in lists)

    def tally(self) -> Tally:
        """Présents, représentés, absents and votants: declared when the text states them, else
        counted from reliable lists (an unnamed president counted present), else unknown."""
        reliable = self.lists_reliable

        def declared(kind: str) -> Figure | None:
            c = self.count(kind)
            return Figure(c.value, Source.DECLARED) if c is not None else None

        present = declared("present")
        if present is None and reliable and self.present is not None:
            present = Figure(len(self.present.members) + (self.chair_listed is False), Source.LISTED)
        represented = declared("represented")
        if represented is None and reliable and (self.represented or self.represented_list is not None or (self.present is not None and self.absent is not None)):
            represented = Figure(len(self.represented), Source.LISTED)
        absent = declared("absent")
        if absent is None and reliable and self.absent is not None:
            absent = Figure(len(self.absent.members), Source.LISTED)
        present, represented, absent = (f or Figure() for f in (present, represented, absent))
        voting = declared("voting")
        if voting is None and present.value is not None and represented.value is not None:
            voting = Figure(present.value + represented.value, _weakest(present, represented))
        return Tally(declared("in_office") or Figure(), present, represented, absent, voting or Figure())

    @property
    def has_time_notes(self) -> bool:
        lists = [self.present, self.absent, self.represented_list]
        members = [m for lst in lists if lst for m in lst.members]
        members += [p.giver for p in self.represented]
        return any(m.time_note for m in members)


@dataclass(frozen=True, slots=True)
class Session:
    date: dt.date | None = None
    date_span: Span | None = None
    president: str | None = None
    president_role: str | None = None
    president_span: Span | None = None
    second_convocation: bool = False


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
class Dated:
    """A date the text states, with where it states it."""

    date: dt.date
    span: Span


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
class Transmission:
    """Publicity and transmission of the act: the @ctes acknowledgement and the dates stated."""

    acte_id: str | None = None  # "034-213401722-20140424-0000071216-DE"
    acte_id_span: Span | None = None
    sent: Dated | None = None  # "Envoi préfecture", "Transmis en préfecture le"
    received: Dated | None = None  # "Reçu en préfecture le", "Réception en préfecture"
    published: Dated | None = None  # "Publiée le", "Affiché le", "Mise en ligne le"
    executory: Dated | None = None  # "Rendu exécutoire le", "Certifié exécutoire le"
    # Every stamp read, in order, as (kind, date): a stamp repeated on each page is read each time.
    stamps: tuple[tuple[str, Dated], ...] = ()

    @property
    def act_date(self) -> dt.date | None:
        """The date of the act that its @ctes id carries ("034-213401722-20140424-..." -> 24/04/2014)."""
        if not self.acte_id:
            return None
        digits = self.acte_id.split("-")[2]
        try:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        except ValueError:
            return None

    @property
    def department(self) -> str | None:
        """The département number at the head of an @ctes id ("034" -> "034")."""
        return self.acte_id.split("-")[0] if self.acte_id else None


@dataclass(frozen=True, slots=True)
class Authorisation:
    """Who the articles authorise to sign ("Madame la Présidente ... est autorisé(e) à signer")."""

    text: str
    span: Span
    role: str  # "maire" | "president"
    feminine: bool


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


@dataclass(frozen=True, slots=True)
class Roster:
    """The members in office of a body, from the configuration (`roster:`)."""

    members: tuple[str, ...]
    in_office: int | None = None


@dataclass(frozen=True)
class FileModel:
    """Everything the builder found in one file."""

    deliberations: tuple[Deliberation, ...]
    structure: tuple[StructureIssue, ...] = ()
    # Free-form facts for the JSON extract that are not per deliberation.
    extra: dict[str, object] = field(default_factory=dict)
    # How the file was decoded ("utf-8", or "cp1252" for a Windows file read all the same).
    encoding: str = "utf-8"
