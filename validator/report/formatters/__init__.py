"""Output formats: pure functions from results to text, one module per family.

Each formatter takes the `FileReport`s of a run and a `FormatContext` (the rules, the failure
threshold) and returns the whole output as a string.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ...diagnostics import Diagnostic, Severity
from ...rule import Rule


@dataclass(frozen=True)
class FileReport:
    """What one checked file gave: its diagnostics, or the error that kept it from being checked."""

    path: str
    diagnostics: tuple[Diagnostic, ...] = ()
    error: str | None = None
    # The checked text (for snippets, fingerprints and byte columns); None when unreadable.
    text: str | None = None


@dataclass(frozen=True)
class FormatContext:
    rules: Mapping[str, type[Rule]] = field(default_factory=dict)
    fail_on: Severity | None = Severity.ERROR
    colour: bool = False
    elapsed: float | None = None


Formatter = Callable[[Sequence[FileReport], FormatContext], str]


def formatters() -> dict[str, Formatter]:
    from . import github, gitlab, json_format, junit, rdjson, sarif, text_format

    return {
        "text": text_format.render,
        "json": json_format.render,
        "sarif": sarif.render,
        "github": github.render,
        "gitlab": gitlab.render,
        "junit": junit.render,
        "rdjson": rdjson.render,
    }


def counts(reports: Sequence[FileReport]) -> dict[Severity, int]:
    out = {s: 0 for s in Severity}
    for r in reports:
        for d in r.diagnostics:
            out[d.severity] += 1
    return out


def see_also(d: Diagnostic) -> str:
    """The other places of a finding in one line ("voir aussi : b.txt:4:1 (acte n° 12) ; ..."), or ""."""
    if not d.related:
        return ""
    places = [f"{uri(r.path)}:{r.line}:{r.column}" + (f" ({r.note})" if r.note else "") for r in d.related]
    return "voir aussi : " + " ; ".join(places)


def uri(path: str) -> str:
    """A path as CI tools want it: relative to the working directory when it is inside, "/"-separated."""
    p = Path(path)
    if p.is_absolute():
        try:
            return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return p.as_posix()
    return p.as_posix().removeprefix("./")
