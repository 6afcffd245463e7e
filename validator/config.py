"""Configuration: one YAML file (`.delib.yaml`), found by walking up from the checked file.

    extends: commune            # a bundled profile, or a path to another YAML file
    plugins: [mon_paquet.regles]
    rules:
      article-sequence: disable
      required-visas:
        severity: error         # every finding of the rule, or per case: {no-visa-block: warning}
        required: {...}         # the rule's own options

Everything merges through `merge`; values are checked against the rules' declared options, and
any unknown key is an error that names the file, the key and what is allowed.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Severity
from .rule import Rule

CONFIG_NAMES = (".delib.yaml", ".delib.yml")
TOP_KEYS = ("extends", "rules", "plugins", "scdl")
RULE_KEYS = ("enabled", "severity")
_ON = ("enable", "enabled", "on", True)
_OFF = ("disable", "disabled", "off", False)


class ConfigError(Exception):
    """A configuration that cannot be used. The message is French and names file and key."""


@dataclass(frozen=True)
class RuleSettings:
    enabled: bool = True
    severity: Severity | None = None
    case_severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    rules: Mapping[str, RuleSettings] = field(default_factory=dict)
    plugins: tuple[str, ...] = ()
    source: str | None = None
    base_dir: Path | None = None
    raw: Mapping[str, Any] = field(default_factory=dict)

    def settings(self, name: str) -> RuleSettings:
        return self.rules.get(name, RuleSettings())

    def severity(self, rule: type[Rule], case: str | None) -> Severity:
        s = self.settings(rule.name)
        if case is not None and case in s.case_severity:
            return s.case_severity[case]
        if s.severity is not None:
            return s.severity
        return rule.default_severity(case)

    def options(self, rule: type[Rule]) -> dict[str, Any]:
        merged = dict(rule.options)
        merged.update(self.settings(rule.name).options)
        return merged


def merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Merge two raw configurations: mappings merge key by key, anything else is replaced."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def find_config(start: Path) -> Path | None:
    """Walk up from `start` (a file or a directory) to the first `.delib.yaml`."""
    directory = start if start.is_dir() else start.parent
    directory = directory.resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} : configuration illisible ({exc})") from None
    return parse_yaml(text, str(path))


def parse_yaml(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (ligne {mark.line + 1}, colonne {mark.column + 1})" if mark else ""
        raise ConfigError(f"{where} : YAML invalide{at}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{where} : la configuration doit être une table de clés (extends, rules, plugins)")
    return data


def profile_names() -> list[str]:
    folder = resources.files("validator") / "profiles"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def _load_raw(path: Path | None, data: Mapping[str, Any] | None, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    """Read a configuration and the chain of what it extends, into one raw mapping."""
    if data is None:
        assert path is not None
        data = read_yaml(path)
    where = str(path) if path else "<configuration>"
    _check_keys(data, TOP_KEYS, where, "")
    parent = data.get("extends")
    if parent is None:
        return dict(data)
    parents = parent if isinstance(parent, list) else [parent]
    merged: dict[str, Any] = {}
    for item in parents:
        if not isinstance(item, str):
            raise ConfigError(f"{where} : « extends » attend un nom de profil ou un chemin")
        if item in seen:
            raise ConfigError(f"{where} : « extends » forme une boucle ({' -> '.join((*seen, item))})")
        if item in profile_names():
            text = (resources.files("validator") / "profiles" / f"{item}.yaml").read_text(encoding="utf-8")
            merged = merge(merged, _load_raw(None, parse_yaml(text, f"profil {item}"), (*seen, item)))
        else:
            target = (path.parent if path else Path.cwd()) / item
            if not target.is_file():
                raise ConfigError(
                    f"{where} : « extends: {item} » n'est ni un profil ({', '.join(profile_names())}) ni un fichier"
                )
            merged = merge(merged, _load_raw(target, None, (*seen, item)))
    own = {k: v for k, v in data.items() if k != "extends"}
    return merge(merged, own)


def load_config(path: Path | None, rules: Mapping[str, type[Rule]], data: Mapping[str, Any] | None = None) -> Config:
    """Load, merge and validate a configuration (no path and no data: the defaults)."""
    if path is None and data is None:
        return Config()
    raw = _load_raw(path, data)
    where = str(path) if path else "<configuration>"
    plugins = raw.get("plugins") or []
    if not isinstance(plugins, list) or not all(isinstance(p, str) for p in plugins):
        raise ConfigError(f"{where} : « plugins » attend une liste de modules")
    return Config(
        rules=_rule_settings(raw.get("rules") or {}, rules, where),
        plugins=tuple(plugins),
        source=str(path) if path else None,
        base_dir=path.parent if path else None,
        raw=raw,
    )


def _rule_settings(section: Any, rules: Mapping[str, type[Rule]], where: str) -> dict[str, RuleSettings]:
    if not isinstance(section, Mapping):
        raise ConfigError(f"{where} : « rules » attend une table règle -> réglage")
    out: dict[str, RuleSettings] = {}
    for name, value in section.items():
        if name not in rules:
            raise ConfigError(f"{where} : règle inconnue « rules.{name} »{_suggest(str(name), rules)}")
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
    _check_keys(value, (*RULE_KEYS, *rule.options), where, "")
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


def _check_keys(data: Mapping[str, Any], allowed: tuple[str, ...] | Any, where: str, prefix: str) -> None:
    allowed = tuple(allowed)
    for key in data:
        if key not in allowed:
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            extra = f" ; vouliez-vous dire « {hint[0]} » ?" if hint else ""
            raise ConfigError(f"{where} : clé inconnue « {prefix}{key} » (clés permises : {', '.join(allowed)}){extra}")


def _suggest(name: str, rules: Mapping[str, type[Rule]]) -> str:
    hint = difflib.get_close_matches(name, list(rules), n=1)
    return f" ; vouliez-vous dire « {hint[0]} » ?" if hint else f" (règles : {', '.join(sorted(rules))})"
