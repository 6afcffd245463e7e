"""One pass over one document: read, parse, build the model, run the rules, stamp, sort.

`lint_document` does no I/O beyond what it is given; the CLI, CI formats and the language server
all call it.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..build.builder import build_model
from ..build.cancel import checkpoint
from ..config import KINDS, Config
from ..diagnostics import Diagnostic, Severity
from ..document import Document, Span
from ..model import BodyKind, Deliberation, FileModel, StructureIssue
from ..read.reading import reading_view
from ..rule import Context, Finding, Rule
from .registry import collect, load_module
from ..userregex import TooSlow


UNCERTAIN = "(lecture OCR incertaine)"


@dataclass(frozen=True)
class LintResult:
    document: Document
    model: FileModel
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class RuleSet:
    """The rules a run uses, resolved once from the registry and the configuration."""

    config: Config
    rules: Mapping[str, type[Rule]]
    active: tuple[type[Rule], ...]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    _by_kind: dict[str, RuleSet] = field(default_factory=dict, compare=False, repr=False)

    def for_kind(self, kind: str) -> RuleSet:
        """The rule set with the profile of a kind of body under the configuration (cached)."""
        if self.config.profile is not None or kind not in KINDS:
            return self
        if kind not in self._by_kind:
            config = self.config.with_profile(kind, self.rules)
            self._by_kind[kind] = RuleSet(config, self.rules, _active(config, self.rules, self.select, self.ignore), self.select, self.ignore)
        return self._by_kind[kind]

    @classmethod
    def build(cls, config: Config | None = None, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> RuleSet:
        config = config or Config()
        extra = [r for module in config.loadable_plugins for r in load_module(module, config.base_dir)]
        extra += config.local_rules
        rules = collect(extra)
        if config.profile is not None:
            config = config.with_profile(config.profile, rules)
        return cls(config, rules, _active(config, rules, tuple(select), tuple(ignore)), tuple(select), tuple(ignore))


def _active(config: Config, rules: Mapping[str, type[Rule]], select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[type[Rule], ...]:
    # A rule of a pack that is selected by its name or its pack's runs unless the configuration disables it.
    return tuple(
        r
        for _, r in sorted(rules.items())
        if not named(r, ignore) and (not select or named(r, select)) and config.enabled(r, True if select and r.pack else None)
    )


def named(rule: type[Rule], names: Sequence[str]) -> bool:
    """Whether `names` (of --select or --ignore) names the rule or its pack."""
    return rule.name in names or (rule.pack is not None and rule.pack in names)


def build_file_model(document: Document) -> FileModel:
    try:
        return build_model(reading_view(document.text), _ocr_spans(document))
    except Exception as exc:  # a reading bug must cost one document, not the run
        if os.environ.get("DELIB_DEBUG"):
            raise
        message = f"lecture de la structure impossible (erreur interne {type(exc).__name__} ; merci de la signaler)"
        return FileModel((), (StructureIssue(message, Span(0, 0), case="not-a-deliberation"),))


def _ocr_spans(document: Document) -> Callable[[Span], bool] | None:
    """Whether a span lies on a page read by OCR; None for a document with no such page."""
    if not document.ocr_pages:
        return None
    pages = frozenset(document.ocr_pages)
    return lambda span: document.page(span.start) in pages


def lint_document(document: Document, ruleset: RuleSet | None = None) -> LintResult:
    """Check one document with the given rules (default: every rule, default configuration)."""
    ruleset = ruleset or RuleSet.build()
    model = replace(build_file_model(document), encoding=document.encoding)
    if document.notices:
        # What the reading could not do (a page the OCR could not read) is said once, where it happened.
        notes = tuple(StructureIssue(message, Span(at, at), case="unread-page") for at, message in document.notices)
        model = replace(model, structure=model.structure + notes)
    model, kind = _kind(model, ruleset.config.profile)
    ruleset = ruleset.for_kind(kind)
    diagnostics: dict[tuple[str, int, int, str], Diagnostic] = {}
    starts: dict[int, list[int]] = {}  # article starts per deliberation, to place findings in them
    for rule_cls in ruleset.active:
        checkpoint()
        ctx = Context(document, model, ruleset.config.options(rule_cls), ruleset.config.roster)
        for delib, finding in _run(rule_cls(), model, ctx):
            diag = _stamp(document, ruleset.config, rule_cls, finding, delib, starts)
            diagnostics.setdefault((diag.rule, diag.start, diag.end, diag.message), diag)
    return LintResult(document, model, tuple(sorted(diagnostics.values())))


def _kind(model: FileModel, forced: str | None) -> tuple[FileModel, str]:
    """The kind of body: forced by the configuration, or as the text names it."""
    if forced is None:
        kinds = [d.body.kind.value for d in model.deliberations if d.body.kind is not BodyKind.UNKNOWN]
        return model, kinds[0] if kinds else BodyKind.UNKNOWN.value
    bodies = tuple(replace(d, body=replace(d.body, kind=BodyKind(forced))) for d in model.deliberations)
    return replace(model, deliberations=bodies), forced


def _run(rule: Rule, model: FileModel, ctx: Context) -> Iterable[tuple[Deliberation | None, Finding]]:
    try:
        if rule.scope == "file":
            yield from ((None, f) for f in rule.check_file(model, ctx))
        else:
            for delib in model.deliberations:
                yield from ((delib, f) for f in rule.check(delib, ctx))
    except TooSlow as exc:
        # An expression of the configuration (validator.userregex): the rule stops on this document.
        yield None, Finding(Span(0, 0), f"la règle « {rule.name} » est arrêtée sur ce document : {exc}", "crash")
    except Exception as exc:
        if os.environ.get("DELIB_DEBUG"):
            raise
        # A faulty rule (often a plugin) must not take the whole run down with it.
        yield None, Finding(Span(0, 0), f"la règle « {rule.name} » a échoué sur ce document ({type(exc).__name__} : {exc})", "crash")


def _stamp(document: Document, config: Config, rule: type[Rule], finding: Finding, delib: Deliberation | None, starts: dict[int, list[int]]) -> Diagnostic:
    span = finding.span
    start, end = document.position(span.start), document.position(span.end)
    severity = Severity.ERROR if finding.case == "crash" else config.severity(rule, finding.case)
    message = finding.message
    if severity is not Severity.INFO and finding.case != "crash" and document.is_uncertain(span):
        # Every rule alike: a finding that rests on words the OCR was unsure of is a hint, never an alarm.
        severity, message = Severity.INFO, f"{message} {UNCERTAIN}"
    return Diagnostic(
        line=start.line,
        column=start.column,
        end_line=end.line,
        end_column=end.column,
        rule=rule.name,
        message=message,
        severity=severity,
        start=span.start,
        end=span.end,
        page=document.page(span.start),
        fix=finding.fix,
        context=_context(delib, span, starts),
        remedy=None if finding.case == "crash" else finding.remedy or rule.remedy_for(finding.case),
    )


def _context(delib: Deliberation | None, span: Span, starts: dict[int, list[int]]) -> tuple[tuple[str, str], ...]:
    if delib is None:
        return ()
    out = []
    if delib.number:
        out.append(("deliberation", delib.number))
    # Articles follow each other: the one holding the finding is the last to start before it.
    # (A scan of all articles per finding was quadratic on an act of thousands of articles.)
    if id(delib) not in starts:
        starts[id(delib)] = [a.span.start for a in delib.articles]
    keys = starts[id(delib)]
    i = bisect_right(keys, span.start) - 1
    if i >= 0:
        article = delib.articles[i]
        if span.start < max(article.span.end, article.span.start + 1):
            out.append(("article", article.label))
    return tuple(out)
