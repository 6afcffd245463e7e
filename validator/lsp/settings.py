"""What the editor and the workspace configure: editor settings, and the `.delib.yaml` files.

Editor settings arrive as `initializationOptions` or in `workspace/didChangeConfiguration`,
either as `{"delib": {...}}` or as the inner mapping:

    profile: commune     # a bundled profile, applied as `extends: commune` under .delib.yaml
    debounce: 200        # milliseconds of quiet typing before a document is checked again

A `.delib.yaml` is found by walking up from each document, as `delib check` does. A broken one
never stops the server, whatever it raises: the document is checked with the profile (or the
defaults), and the French error is shown to the clerk, on the act and on the open `.delib.yaml`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..check.engine import RuleSet
from ..check.lint import RuleSets
from ..check.registry import RegistryError, collect
from ..config import (
    CONFIG_NAMES,
    Config,
    ConfigError,
    find_config,
    load_config,
    profile_names,
)
from ..config.configbase import read_yaml

log = logging.getLogger(__name__)
SECTION = "delib"
MAX_DEBOUNCE_MS = 5000


@dataclass(frozen=True)
class Settings:
    profile: str | None = None
    debounce: float = 0.2  # seconds

    def update(self, raw: Any) -> tuple[Settings, list[str]]:
        """Apply the keys present in `raw`; return the new settings and French error messages."""
        if isinstance(raw, Mapping) and isinstance(raw.get(SECTION), Mapping):
            raw = raw[SECTION]
        if not isinstance(raw, Mapping):
            return self, []
        new, errors = self, []
        if "profile" in raw:
            profile = raw["profile"] or None
            if profile is None or (isinstance(profile, str) and profile in profile_names()):
                new = replace(new, profile=profile)
            else:
                errors.append(f"réglage delib.profile : profil « {profile} » inconnu (profils : {', '.join(profile_names())})")
        if "debounce" in raw:
            value = raw["debounce"]
            if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= MAX_DEBOUNCE_MS:
                new = replace(new, debounce=value / 1000)
            else:
                errors.append(f"réglage delib.debounce : attendu un nombre de millisecondes de 0 à {MAX_DEBOUNCE_MS}, reçu {value!r}")
        return new, errors


def is_config_file(path: Path | None) -> bool:
    return path is not None and path.name in CONFIG_NAMES


@dataclass(frozen=True)
class Resolved:
    """The rules for a document, and why the configuration could not be used, if it could not.

    `config` is the configuration the document is checked under: its overrides and waivers apply
    in the editor as in `delib check` (validator.check.lint); `rulesets` keeps the rule sets its
    overrides give each path.
    """

    ruleset: RuleSet
    error: str | None = None
    config: Config = field(default_factory=Config)
    rulesets: RuleSets = field(default_factory=RuleSets)


class Configs:
    """Rule sets per (configuration file, profile), rebuilt when the file changes on disk.

    The file's size and modification time are part of the key, so an edit is seen at the next
    check even when the client does not report file changes; `clear()` covers what the key cannot
    see (a file it extends, a plugin module).
    """

    def __init__(self) -> None:
        self._cache: dict[tuple[object, ...], Resolved] = {}

    def clear(self) -> None:
        self._cache.clear()

    def resolve(self, start: Path | None, profile: str | None) -> Resolved:
        """The rules for a document at `start` (its path, or the workspace folder)."""
        try:
            path = find_config(start) if start is not None else None
        except (OSError, RuntimeError, ValueError):  # unreadable folders, symlink loops: no configuration
            path = None
        return self._cached(path, profile)

    def check_file(self, path: Path, profile: str | None) -> str | None:
        """The French error of a configuration file, or None when it is usable: the same resolution
        as the acts it applies to, so that the file shows the error the acts show."""
        return self._cached(path, profile).error

    def _cached(self, path: Path | None, profile: str | None) -> Resolved:
        try:
            stat = path.stat() if path is not None else None
        except (OSError, ValueError):
            stat = None  # gone or unreadable: `_build` says so
        key = (str(path), stat and (stat.st_mtime_ns, stat.st_size), profile)
        if key not in self._cache:
            self._cache[key] = self._build(path, profile)
        return self._cache[key]

    def _build(self, path: Path | None, profile: str | None) -> Resolved:
        try:
            if path is None:
                config = load_config(None, collect(), {"extends": profile}) if profile else Config()
            else:
                config = load_config(path, collect(), with_profile(read_yaml(path), profile))
            return Resolved(RuleSet.build(config), config=config)
        except (ConfigError, RegistryError) as exc:
            error = str(exc)
        except Exception as exc:  # noqa: BLE001
            # Whatever a configuration (or a plugin it names) raises, the acts are still checked.
            error = internal_error(path, exc)
        if path is not None and profile is not None:
            fallback = self._build(None, profile)
            if fallback.error is None:
                return Resolved(fallback.ruleset, error, fallback.config)
        try:
            return Resolved(RuleSet.build(Config()), error)
        except Exception as exc:  # noqa: BLE001
            # An installed plugin that breaks the contract: nothing can be checked until it is fixed.
            problem = str(exc) if isinstance(exc, RegistryError) else internal_error(None, exc)
            return Resolved(RuleSet(Config(), {}, ()), f"{error} ; {problem}" if error else problem)


def internal_error(path: Path | None, exc: Exception) -> str:
    """An unexpected exception while preparing the rules, logged with its traceback, said in French."""
    log.error("preparing the rules for %s failed", path or "the defaults", exc_info=exc)
    where = f"{path} : " if path is not None else ""
    return f"{where}erreur interne en préparant les règles ({type(exc).__name__} : {exc}) ; merci de la signaler"


def with_profile(data: dict[str, Any], profile: str | None) -> dict[str, Any]:
    """Put the editor's profile first in the file's `extends`, so that the file overrides it."""
    if profile is None:
        return data
    extends = data.get("extends")
    chain = extends if isinstance(extends, list) else ([] if extends is None else [extends])
    return {**data, "extends": [profile, *chain]}
