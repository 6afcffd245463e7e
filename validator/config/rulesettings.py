"""The `rules:` table of the configuration: enable, disable, severity (whole rule or per case), options."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..diagnostics import Severity
from ..rule import Rule
from .configbase import ConfigError, RuleSettings, check_keys, suggest

RULE_KEYS = ("enabled", "severity")
_ON = ("enable", "enabled", "on", True)
_OFF = ("disable", "disabled", "off", False)


def rule_settings(section: Any, rules: Mapping[str, type[Rule]], where: str) -> dict[str, RuleSettings]:
    if not isinstance(section, Mapping):
        raise ConfigError(f"{where} : « rules » attend une table règle -> réglage")
    out: dict[str, RuleSettings] = {}
    for name, value in section.items():
        if name not in rules:
            raise ConfigError(f"{where} : règle inconnue « rules.{name} »{suggest(str(name), rules)}")
        out[name] = _one_rule(rules[name], value, f"{where} : rules.{name}")
    return out


def _one_rule(rule: type[Rule], value: Any, where: str) -> RuleSettings:
    if value in _ON or value is None:
        return RuleSettings(True)
    if value in _OFF:
        return RuleSettings(False)
    if isinstance(value, str) and value in {s.value for s in Severity}:
        return RuleSettings(True, Severity(value))
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where} : attendu enable, disable, un niveau (error, warning, info) ou une table")
    check_keys(value, (*RULE_KEYS, *rule.options), where, "")
    enabled = value.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(f"{where}.enabled : attendu true ou false")
    severity, cases = _severity(rule, value.get("severity"), where)
    options = {k: _option(rule, k, v, where) for k, v in value.items() if k not in RULE_KEYS}
    return RuleSettings(enabled, severity, cases, options)


def _severity(rule: type[Rule], value: Any, where: str) -> tuple[Severity | None, dict[str, Severity]]:
    levels = ", ".join(s.value for s in Severity)
    if value is None:
        return None, {}
    if isinstance(value, str):
        try:
            return Severity(value), {}
        except ValueError:
            raise ConfigError(f"{where}.severity : niveau « {value} » inconnu ({levels})") from None
    if isinstance(value, Mapping):
        cases: dict[str, Severity] = {}
        for case, level in value.items():
            if case not in rule.cases:
                allowed = ", ".join(rule.cases) or "aucun cas nommé"
                raise ConfigError(f"{where}.severity.{case} : cas inconnu (cas de la règle : {allowed})")
            try:
                cases[case] = Severity(level)
            except ValueError:
                raise ConfigError(f"{where}.severity.{case} : niveau « {level} » inconnu ({levels})") from None
        return None, cases
    raise ConfigError(f"{where}.severity : attendu un niveau ({levels}) ou une table cas -> niveau")


def _option(rule: type[Rule], key: str, value: Any, where: str) -> Any:
    default = rule.options[key]
    if default is None:
        return value
    if isinstance(default, bool) or isinstance(value, bool):
        ok = isinstance(default, bool) and isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float))
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise ConfigError(f"{where}.{key} : attendu {_type_fr(type(default))}, reçu {_type_fr(type(value))}")
    return float(value) if isinstance(default, float) else value


def _type_fr(t: type) -> str:
    return {bool: "un booléen", int: "un entier", float: "un nombre", str: "un texte", list: "une liste", dict: "une table"}.get(
        t, t.__name__
    )
