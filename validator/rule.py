"""The contract every rule follows, bundled or from a plugin.

A rule is a class with a `name`, a default `severity` (and, when its findings differ in gravity,
per-case defaults in `cases`), typed `options` given as defaults, and a French docstring that is
its user documentation. It reads the model and yields `Finding`s; the engine, not the rule,
stamps the rule name and the severity that the configuration resolves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from .diagnostics import Fix, Severity
from .document import Document, Span
from .model import Deliberation, FileModel, Roster
from .seance_model import Place, Seance


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports: where, what (in French), which of its cases, and an optional fix."""

    span: Span
    message: str
    case: str | None = None
    fix: Fix | None = None


@dataclass(frozen=True)
class Context:
    """What a rule may read besides the deliberation: the whole file's model, its options, the roster.

    Rules read facts, not text: the build stage is the only reader of the document. `quote` gives
    the text of a span as the clerk wrote it, for a message or a fix, and `line` the line of an
    offset; neither is a way to read the act again (tests/test_layering.py checks the bundled rules).
    `document` stays for plugins written against the first contract.
    """

    document: Document
    model: FileModel
    options: Mapping[str, Any]
    # The members in office, when the configuration gives them (`roster:`).
    roster: Roster | None = None

    def quote(self, span: Span) -> str:
        """The original text of a span, for messages and fixes."""
        return self.document.text[span.start : span.end]

    def line(self, offset: int) -> int:
        """The 1-based line of an offset of the original text, for messages ("ligne 12")."""
        return self.document.position(offset).line

    def text(self, span: Span) -> str:
        """Former name of `quote`, kept for plugins."""
        return self.quote(span)


@dataclass(frozen=True, slots=True)
class SeanceFinding:
    """What a séance rule reports: where (in one act's file), what, which case, and the other
    places involved, each with a note (the other acts: `Diagnostic.related`)."""

    place: Place
    message: str
    case: str | None = None
    related: tuple[tuple[Place, str], ...] = ()


@dataclass(frozen=True)
class SeanceContext:
    """What a séance rule may read besides the séance: its options and the roster."""

    options: Mapping[str, Any]
    roster: Roster | None = None


class Rule:
    """Base class of rules. Subclasses set the class attributes and implement `check`."""

    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    cases: ClassVar[Mapping[str, Severity]] = {}
    options: ClassVar[Mapping[str, Any]] = {}
    # "deliberation": `check` runs once per act; "file": `check_file` runs once per file;
    # "config": findings about the configuration itself, reported by the runner; "session":
    # `check_session` runs once per séance of a run (`validator.seance_model`), after every file.
    scope: ClassVar[str] = "deliberation"
    # A pack is a group of rules off by default ("transmission": what the transmission platforms
    # check): the configuration enables each (`rules: {name: enable}`, a profile such as
    # `extends: actes`), or `--select <pack>` runs the whole pack.
    pack: ClassVar[str | None] = None

    def check(self, delib: Deliberation, ctx: Context) -> Iterable[Finding]:
        return ()

    def check_file(self, model: FileModel, ctx: Context) -> Iterable[Finding]:
        return ()

    def check_session(self, seance: Seance, ctx: SeanceContext) -> Iterable[SeanceFinding]:
        return ()

    @classmethod
    def summary(cls) -> str:
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0].strip() if doc else cls.name

    @classmethod
    def documentation(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def enabled_by_default(cls) -> bool:
        return cls.pack is None

    @classmethod
    def default_severity(cls, case: str | None) -> Severity:
        if case is not None and case in cls.cases:
            return cls.cases[case]
        return cls.severity
