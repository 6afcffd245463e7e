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
