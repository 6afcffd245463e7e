"""Rules a collectivité declares in `.delib.yaml`, without Python (as Vale's existence rules).

    local-rules:
      mention-voies-recours:
        message: "la mention des voies et délais de recours manque"
        severity: warning
        section: document
        require: ["voies et délais de recours", "recours pour excès de pouvoir"]
      code-marches-publics:
        section: visas
        forbid: ["code des marchés publics"]
        message: "le Code des marchés publics est abrogé depuis le 1er avril 2019"
      article-premier:
        section: articles
        prefer: {"Article 1 :": "Article 1er :"}
        message: "écrire « {preferred} » plutôt que « {found} »"

Each becomes a Rule class: it runs like a bundled rule, is listed by `delib rules`, and takes its
severity and enablement from the same `rules:` table. With `regex: true` the phrases are regular
expressions, matched within a time budget (validator.userregex).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import regex

from ..diagnostics import Edit, Fix, Severity
from ..document import Span
from ..model import Deliberation
from ..rule import Context, Finding, Rule
from .configbase import ConfigError, check_keys
from ..userregex import Budget, PatternError, compile_user

LOCAL_KEYS = ("message", "severity", "section", "require", "forbid", "prefer", "regex", "description")
SECTIONS = ("document", "title", "report", "visas", "considerants", "dispositif", "articles", "vote", "signature")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class LocalRule(Rule):
    """Base of the rules declared in the configuration."""

    section: ClassVar[str] = "document"
    require: ClassVar[tuple[regex.Pattern[str], ...]] = ()
    forbid: ClassVar[tuple[regex.Pattern[str], ...]] = ()
    prefer: ClassVar[tuple[tuple[regex.Pattern[str], str], ...]] = ()
    message: ClassVar[str] = ""

    def __init__(self) -> None:
        # One instance per document: its expressions share one matching budget on it.
        self.budget = Budget()

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        spans = _section_spans(delib, self.section)
        text = ctx.document.text
        budget = self.budget
        if self.require and (delib.has_dispositif or delib.vote is not None) and not delib.truncated:
            if not any(budget.search(rx, text, s.start, s.end) for rx in self.require for s in spans):
                where = spans[0] if spans else Span(delib.span.start, delib.span.start)
                yield Finding(Span(where.start, where.start), self.message.format(found="", preferred=""))
        for s in spans:
            for rx in self.forbid:
                for m in budget.finditer(rx, text, s.start, s.end):
                    yield Finding(Span(m.start(), m.end()), self.message.format(found=m.group(0), preferred=""))
            for rx, preferred in self.prefer:
                for m in budget.finditer(rx, text, s.start, s.end):
                    fix = Fix(f"Remplacer par « {preferred} »", (Edit(m.start(), m.end(), preferred),))
                    yield Finding(Span(m.start(), m.end()), self.message.format(found=m.group(0), preferred=preferred), fix=fix)


def build_local_rules(value: Any, where: str) -> list[type[Rule]]:
    if value is None:
        return []
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where} : « local-rules » attend une table nom -> définition")
    return [_one(name, spec, f"{where} : local-rules.{name}", where) for name, spec in value.items()]


def _one(name: str, spec: Any, at: str, source: str) -> type[Rule]:
    if not isinstance(name, str) or not _NAME.match(name):
        raise ConfigError(f"{at} : nom invalide (minuscules-et-tirets)")
    if not isinstance(spec, Mapping):
        raise ConfigError(f"{at} : attendu une table (message, section, require / forbid / prefer)")
    check_keys(spec, LOCAL_KEYS, at)
    message = spec.get("message")
    if not isinstance(message, str) or not message.strip():
        raise ConfigError(f"{at}.message : le message (en français) est obligatoire")
    _check_placeholders(message, f"{at}.message")
    section = spec.get("section", "document")
    if section not in SECTIONS:
        raise ConfigError(f"{at}.section : « {section} » inconnue (sections : {', '.join(SECTIONS)})")
    try:
        severity = Severity(spec.get("severity", "warning"))
    except ValueError:
        raise ConfigError(f"{at}.severity : niveau inconnu (error, warning, info)") from None
    as_regex = bool(spec.get("regex", False))
    require = tuple(_pattern(p, as_regex, f"{at}.require") for p in _strings(spec.get("require"), f"{at}.require"))
    forbid = tuple(_pattern(p, as_regex, f"{at}.forbid") for p in _strings(spec.get("forbid"), f"{at}.forbid"))
    prefer_raw = spec.get("prefer") or {}
    if not isinstance(prefer_raw, Mapping):
        raise ConfigError(f"{at}.prefer : attendu une table « forme à éviter » -> « forme préférée »")
    prefer = tuple((_pattern(k, as_regex, f"{at}.prefer"), str(v)) for k, v in prefer_raw.items())
    if not (require or forbid or prefer):
        raise ConfigError(f"{at} : indiquer au moins « require », « forbid » ou « prefer »")
    doc = _documentation(spec, message, section, source)
    attrs = {
        "__doc__": doc,
        "__module__": "validator.config.localrules",
        "name": name,
        "severity": severity,
        "section": section,
        "require": require,
        "forbid": forbid,
        "prefer": prefer,
        "message": message.strip(),
    }
    return type(f"Local_{name.replace('-', '_')}", (LocalRule,), attrs)


def _check_placeholders(message: str, at: str) -> None:
    """Only a plain {found} or {preferred}: an index ("{0}") would fail at check time, and an
    attribute ("{found.__class__}") would print Python's internals into the report."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(message) if f is not None]
    except ValueError:
        raise ConfigError(f"{at} : accolade seule (écrire {{{{ ou }}}} pour une accolade)") from None
    bad = [f for f in fields if f not in ("found", "preferred")]
    if bad:
        raise ConfigError(f"{at} : « {{{bad[0]}}} » inconnu (seuls {{found}} et {{preferred}} sont remplacés)")


def _strings(value: Any, at: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ConfigError(f"{at} : attendu une expression ou une liste d'expressions")


def _pattern(text: str, as_regex: bool, at: str) -> regex.Pattern[str]:
    if as_regex:
        source = text
    else:
        # A phrase: case, accents as written, and any run of spaces or line breaks between words.
        source = r"\s+".join(regex.escape(w) for w in text.split())
    try:
        return compile_user(source)
    except PatternError as exc:
        raise ConfigError(f"{at} : {exc}") from None


def _documentation(spec: Mapping[str, Any], message: str, section: str, source: str) -> str:
    what = spec.get("description") or message
    return f"{what}\n\nRègle locale déclarée dans {source} (section « {section} »).\n\nBase légale : règle propre à la collectivité."


def _section_spans(delib: Deliberation, section: str) -> list[Span]:
    if section == "document":
        return [delib.span]
    if section == "title":
        return [delib.title_span] if delib.title_span else []
    if section == "report":
        return list(delib.report_spans)
    if section == "visas":
        return [v.span for v in delib.visas]
    if section == "considerants":
        return [c.span for c in delib.considerants]
    if section == "articles":
        return [a.span for a in delib.articles]
    if section == "dispositif":
        spans = ([delib.decide_span] if delib.decide_span else []) + [a.span for a in delib.articles]
        return [spans[0].cover(spans[-1])] if spans else []
    if section == "vote":
        return [delib.vote.span] if delib.vote else []
    return [s.span for s in delib.signatories]
