"""One pass over one document: read, parse, build the model, run the rules, stamp, sort.

`lint_document` does no I/O beyond what it is given; the CLI, CI formats and the language server
all call it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .builder import build_model
from .config import Config
from .diagnostics import Diagnostic, Severity
from .document import Document, Span
from .model import Deliberation, FileModel, StructureIssue
from .reading import reading_view
from .registry import collect, load_module
from .rule import Context, Finding, Rule


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

    @classmethod
    def build(cls, config: Config | None = None, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> RuleSet:
        config = config or Config()
        extra = [r for module in config.plugins for r in load_module(module, config.base_dir)]
        extra += config.local_rules
        rules = collect(extra)
        active = [
            r
            for name, r in sorted(rules.items())
            if config.settings(name).enabled and (not select or name in select) and name not in ignore
        ]
        return cls(config, rules, tuple(active))


def build_file_model(document: Document) -> FileModel:
    try:
        return build_model(reading_view(document.text))
    except Exception as exc:  # a reading bug must cost one document, not the run
        if os.environ.get("DELIB_DEBUG"):
            raise
        message = f"lecture de la structure impossible (erreur interne {type(exc).__name__} ; merci de la signaler)"
        return FileModel((), (StructureIssue(message, Span(0, 0), fatal=True),))


def lint_document(document: Document, ruleset: RuleSet | None = None) -> LintResult:
    """Check one document with the given rules (default: every rule, default configuration)."""
    ruleset = ruleset or RuleSet.build()
    model = build_file_model(document)
    diagnostics: dict[tuple[str, int, int, str], Diagnostic] = {}
    for rule_cls in ruleset.active:
        ctx = Context(document, model, ruleset.config.options(rule_cls))
        for delib, finding in _run(rule_cls(), model, ctx):
            diag = _stamp(document, ruleset.config, rule_cls, finding, delib)
            diagnostics.setdefault((diag.rule, diag.start, diag.end, diag.message), diag)
    return LintResult(document, model, tuple(sorted(diagnostics.values())))


def _run(rule: Rule, model: FileModel, ctx: Context) -> Iterable[tuple[Deliberation | None, Finding]]:
    try:
        if rule.scope == "file":
            yield from ((None, f) for f in rule.check_file(model, ctx))
        else:
            for delib in model.deliberations:
                yield from ((delib, f) for f in rule.check(delib, ctx))
    except Exception as exc:
        if os.environ.get("DELIB_DEBUG"):
            raise
        # A faulty rule (often a plugin) must not take the whole run down with it.
        yield None, Finding(Span(0, 0), f"la règle « {rule.name} » a échoué sur ce document ({type(exc).__name__} : {exc})", "crash")


def _stamp(document: Document, config: Config, rule: type[Rule], finding: Finding, delib: Deliberation | None) -> Diagnostic:
    span = finding.span
    start, end = document.position(span.start), document.position(span.end)
    severity = Severity.ERROR if finding.case == "crash" else config.severity(rule, finding.case)
    return Diagnostic(
        line=start.line,
        column=start.column,
        end_line=end.line,
        end_column=end.column,
        rule=rule.name,
        message=finding.message,
        severity=severity,
        start=span.start,
        end=span.end,
        page=document.page(span.start),
        fix=finding.fix,
        context=_context(delib, span),
    )


def _context(delib: Deliberation | None, span: Span) -> tuple[tuple[str, str], ...]:
    if delib is None:
        return ()
    out = []
    if delib.number:
        out.append(("deliberation", delib.number))
    for article in delib.articles:
        if article.span.start <= span.start < max(article.span.end, article.span.start + 1):
            out.append(("article", article.label))
            break
    return tuple(out)
