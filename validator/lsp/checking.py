"""One check of one version of a document, as a worker thread runs it: never raises."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from pygls.workspace import PositionCodec

from ..check.lint import lint
from ..config.waivers import relative
from ..diagnostics import Diagnostic, Severity
from ..document import Document
from ..read.readers import size_error
from .convert import to_lsp_diagnostic
from .docs import DocsFiles
from .features import Checked
from .settings import Resolved

log = logging.getLogger(__name__)


def check(text: str, path: str, version: int | None, resolved: Resolved, codec: PositionCodec, docs: DocsFiles) -> Checked:
    """Lint the text as `delib check` would (the configuration's overrides and waivers applied) and
    convert the findings for the client."""
    document = Document(text, path)
    try:
        too_long = size_error(text)
        if too_long:
            diagnostics: tuple[Diagnostic, ...] = (top_diagnostic(document, "input", too_long, Severity.ERROR),)
        else:
            relpath = relative(Path(path), resolved.config.base_dir)
            linted = lint(document, resolved.config, relpath, resolved.rulesets)
            diagnostics = linted.diagnostics + stale_waivers(document, resolved, relpath, linted.used, linted.covered)
    except Exception as exc:  # the server outlives any bug in a reading or a rule
        log.exception("checking %s failed", path)
        message = f"vérification impossible (erreur interne {type(exc).__name__} ; merci de la signaler)"
        diagnostics = (top_diagnostic(document, "internal", message, Severity.ERROR),)
    if resolved.error:
        message = f"configuration ignorée : {resolved.error}"
        diagnostics = (top_diagnostic(document, "configuration", message, Severity.WARNING), *diagnostics)
    for name in resolved.config.blocked_plugins:
        # Opening a file must never run a folder's code: the plugin is named, not loaded (validator.config.trust).
        message = (f"extension « {name} » de {resolved.config.source} non chargée : dossier non approuvé "
                   "(DELIB_TRUSTED_FOLDERS ou trusted-folders: dans ~/.config/delib-validator/config.yaml)")
        diagnostics = (top_diagnostic(document, "plugin-trust", message, Severity.WARNING), *diagnostics)
    rules = resolved.ruleset.rules
    lsp = []
    for d in diagnostics:
        rule = rules.get(d.rule)
        lsp.append(to_lsp_diagnostic(d, document, codec, docs.uri(rule) if rule is not None else None))
    return Checked(version, document, diagnostics, rules, tuple(lsp))


def stale_waivers(document: Document, resolved: Resolved, relpath: str, used: frozenset[int], covered: frozenset[int]) -> tuple[Diagnostic, ...]:
    """The waivers `delib check` would call stale, as far as one open document tells: an expired one
    that covers it, and one written for this file alone that silenced nothing in it (a waiver of a
    pattern may serve another file: only the whole run can say, `delib check`)."""
    config = resolved.config
    rule = resolved.ruleset.rules.get("waiver")
    if rule is None or not config.settings("waiver").enabled:
        return ()
    today = dt.date.today()
    out = []
    for i, waiver in enumerate(config.waivers):
        if i not in covered:
            continue
        if waiver.expired(today):
            message = f"dérogation expirée le {waiver.until:%d/%m/%Y} ({config.source}, ligne {waiver.line}) : « {waiver.rule} » est de nouveau vérifiée"
            case = "expired"
        elif i not in used and waiver.files == (relpath,):
            message = f"dérogation sans effet ({config.source}, ligne {waiver.line}) : aucune remarque « {waiver.rule} » à taire dans ce fichier ; la retirer ?"
            case = "unused"
        else:
            continue
        out.append(top_diagnostic(document, "waiver", message, config.severity(rule, case)))
    return tuple(out)


def top_diagnostic(document: Document, code: str, message: str, severity: Severity) -> Diagnostic:
    """A finding about the whole document (not from a rule), drawn on its first line."""
    end = len(document.line_text(1)) if document.text else 0
    return Diagnostic(1, 1, 1, end + 1, code, message, severity, 0, end)
