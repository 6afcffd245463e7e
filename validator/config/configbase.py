"""Pieces every part of the configuration shares: its error, YAML reading, key checks, the merge."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Severity


class ConfigError(Exception):
    """A configuration that cannot be used. The message is French and names file and key."""


@dataclass(frozen=True)
class RuleSettings:
    enabled: bool = True
    severity: Severity | None = None
    case_severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)


def merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Merge two raw configurations: mappings merge key by key, anything else is replaced."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} : configuration illisible ({exc})") from None
    return parse_yaml(text, str(path))


def parse_yaml(text: str, where: str) -> dict[str, Any]:
    """Parse with yaml.safe_load only: a configuration never runs code."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (ligne {mark.line + 1}, colonne {mark.column + 1})" if mark else ""
        raise ConfigError(f"{where} : YAML invalide{at}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{where} : la configuration doit être une table de clés")
    return data


def check_keys(data: Mapping[str, Any], allowed: Iterable[str], where: str, prefix: str = "") -> None:
    allowed = tuple(allowed)
    for key in data:
        if key not in allowed:
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            extra = f" ; vouliez-vous dire « {hint[0]} » ?" if hint else ""
            raise ConfigError(f"{where} : clé inconnue « {prefix}{key} » (clés permises : {', '.join(allowed)}){extra}")


def suggest(name: str, known: Iterable[str]) -> str:
    names = sorted(known)
    hint = difflib.get_close_matches(name, names, n=1)
    return f" ; vouliez-vous dire « {hint[0]} » ?" if hint else f" (règles : {', '.join(names)})"


def string_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where} : attendu un motif ou une liste de motifs")
