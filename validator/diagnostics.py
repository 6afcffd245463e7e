"""The records a check produces: severities, text edits, fixes and diagnostics (all frozen)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label(self) -> str:
        """The French word shown to clerks."""
        return _LABEL[self]


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}
_LABEL = {Severity.INFO: "info", Severity.WARNING: "avertissement", Severity.ERROR: "erreur"}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace original[start:end] by `text` (offsets in the original text)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Location:
    """Another place a finding concerns, maybe in another file: a finding about a séance names
    every act involved (SARIF `relatedLocations`). `note` says what is there ("acte n° 2024-12")."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    note: str = ""
class RemedyKind(str, Enum):
    """What the clerk does about a finding, from the lightest to the heaviest (case law: CAA
    Bordeaux, 16 mars 2010, n° 09BX00950; CE, 22 mars 1993, n° 112595)."""

    # An error of the written record only: the register or the transcription is corrected, no new vote.
    TRANSCRIPTION = "transcription"
    # The decision stands but an element of it is wrong or missing: the assembly votes a
    # délibération rectificative (or complétive) at its next séance.
    RECTIFICATIVE = "rectificative"
    # The act is illegal as voted: the assembly withdraws it (retrait) and decides again, regularly.
    RETRAIT = "retrait"

    @property
    def label(self) -> str:
        """The French name shown to clerks."""
        return _REMEDY_LABEL[self]

    @property
    def explanation(self) -> str:
        """The long form, for `delib explain`."""
        return _REMEDY_LONG[self]


_REMEDY_LONG = {
    RemedyKind.TRANSCRIPTION: (
        "l'erreur tient à l'écrit seul (erreur de plume, de frappe, de transcription) : la décision votée n'en est pas "
        "changée. On corrige le registre ou l'extrait, sans nouveau vote, et l'on transmet de nouveau l'acte corrigé "
        "s'il l'a déjà été. Une erreur de la liste de présence qui ne change ni le quorum ni le vote est de cette nature "
        "(CAA Bordeaux, 16 mars 2010, n° 09BX00950)."
    ),
    RemedyKind.RECTIFICATIVE: (
        "l'erreur touche la décision elle-même (un montant, une mention obligatoire, un élément de fond) sans la rendre "
        "autre : l'assemblée vote à sa prochaine séance une délibération rectificative (ou complétive) qui vise l'acte "
        "d'origine et le corrige, puis la transmet au contrôle de légalité."
    ),
    RemedyKind.RETRAIT: (
        "l'acte est irrégulier tel qu'il a été voté (quorum non atteint, majorité non acquise, vote faussé, organe "
        "incompétent) : l'assemblée le retire par une nouvelle délibération et, s'il y a lieu, décide de nouveau "
        "régulièrement ; le retrait d'un acte créateur de droits n'est possible que s'il est illégal et dans les quatre "
        "mois qui suivent son adoption (code des relations entre le public et l'administration, art. L. 242-1)."
    ),
}


_REMEDY_LABEL = {
    RemedyKind.TRANSCRIPTION: "correction de la transcription",
    RemedyKind.RECTIFICATIVE: "délibération rectificative",
    RemedyKind.RETRAIT: "retrait",
}


@dataclass(frozen=True, slots=True)
class Remedy:
    """What to do about a finding: its kind and one French sentence for the clerk."""

    kind: RemedyKind
    text: str


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One finding, positioned on the original text (1-based, end exclusive)."""

    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    message: str
    severity: Severity = field(compare=False)
    start: int = field(compare=False, default=0)
    end: int = field(compare=False, default=0)
    page: int | None = field(compare=False, default=None)
    fix: Fix | None = field(compare=False, default=None)
    # Where in the file: the deliberation's number and the article, when known.
    context: tuple[tuple[str, str], ...] = field(compare=False, default=())
    # The other places the finding concerns (the other acts of a séance), in their files.
    related: tuple[Location, ...] = field(compare=False, default=())
    # What the clerk does about it (stamped by the engine from the rule's case), when anything.
    remedy: Remedy | None = field(compare=False, default=None)
