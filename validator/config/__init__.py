"""Configuration: one YAML file (`.delib.yaml`), found by walking up from the checked file.

    extends: commune                 # bundled profile(s) or path(s) to other YAML files
    include: ["**/*.txt", "**/*.pdf"]
    exclude: ["brouillons/**"]
    plugins: [mon_paquet.regles]     # rule modules, loaded only because they are named here
    rules:
      article-sequence: disable
      required-visas:
        severity: {no-visa-block: warning}
        required: {commune: [cgct]}
    overrides:
      - files: ["bureau/**"]
        rules: {required-visas: error}
    waivers: [...]                   # see validator.config.waivers
    local-rules: {...}               # see validator.config.localrules

Everything merges through `merge`; values are checked against the rules' declared options, and
any unknown key is an error that names the file, the key and what is allowed. `safe_load` only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from ..diagnostics import Severity
from ..model import Roster
from ..rule import Rule
from .configbase import (
    ConfigError,
    RuleSettings,
    check_keys,
    merge,
    parse_yaml,
    read_small,
    read_yaml,
    string_list,
)
from .globs import matches
from .localrules import build_local_rules
from .rulesettings import rule_settings
from .trust import is_trusted
from .waivers import Waiver, parse_waivers

CONFIG_NAMES = (".delib.yaml", ".delib.yml")
TOP_KEYS = ("extends", "profile", "rules", "plugins", "include", "exclude", "overrides", "waivers", "local-rules", "roster", "scdl")
KINDS = ("commune", "epci", "metropole", "departement", "region", "syndicat")
OVERRIDE_KEYS = ("files", "rules")
DEFAULT_INCLUDE = ("**/*.txt", "**/*.text", "**/*.pdf", "**/*.docx", "**/*.odt")

__all__ = ["Config", "ConfigError", "Override", "RuleSettings", "find_config", "load_config", "merge", "profile_names"]


@dataclass(frozen=True)
class Override:
    files: tuple[str, ...]
    rules: Mapping[str, RuleSettings]


@dataclass(frozen=True)
class Config:
    rules: Mapping[str, RuleSettings] = field(default_factory=dict)
    plugins: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    overrides: tuple[Override, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    local_rules: tuple[type[Rule], ...] = ()
    # The kind of body, when the configuration forces it (`profile:` or --profile); otherwise
    # each file's kind is detected from its text and its profile applied.
    profile: str | None = None
    roster: Roster | None = None
    source: str | None = None
    base_dir: Path | None = None
    raw: Mapping[str, Any] = field(default_factory=dict)
    # Whether its `plugins:` may run: given on the command line, allowed, or in a trusted folder (trust.py).
    trusted: bool = True

    @property
    def loadable_plugins(self) -> tuple[str, ...]:
        return self.plugins if self.trusted else ()

    @property
    def blocked_plugins(self) -> tuple[str, ...]:
        """Plugins named by a configuration the user did not trust: reported, not loaded."""
        return () if self.trusted else self.plugins

    def settings(self, name: str) -> RuleSettings:
        return self.rules.get(name, RuleSettings())

    def enabled(self, rule: type[Rule], default: bool | None = None) -> bool:
        """Whether a rule runs: as the configuration says, else its default (a pack's rules are off)."""
        if rule.name in self.rules:
            return self.rules[rule.name].enabled
        return rule.enabled_by_default() if default is None else default

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

    def for_path(self, relpath: str) -> Config:
        """The configuration of one file: the overrides whose patterns match it, in order."""
        matching = [o for o in self.overrides if matches(relpath, o.files)]
        if not matching:
            return self
        rules = dict(self.rules)
        for override in matching:
            rules = _layer(rules, override.rules)
        return replace(self, rules=rules, overrides=())

    def with_profile(self, kind: str, rules: Mapping[str, type[Rule]]) -> Config:
        """This configuration over the bundled profile of a kind of body (the user's settings win)."""
        text = (resources.files("validator.config") / "profiles" / f"{kind}.yaml").read_text(encoding="utf-8")
        profile = rule_settings(load_raw(None, parse_yaml(text, f"profil {kind}")).get("rules") or {}, rules, f"profil {kind}")
        return replace(self, rules=_layer(profile, self.rules))

    def wants(self, relpath: str) -> bool:
        """Whether a file found by walking a directory is checked (include, then exclude)."""
        return matches(relpath, self.include) and not matches(relpath, self.exclude)


def find_config(start: Path) -> Path | None:
    """Walk up from `start` (a file or a directory) to the first `.delib.yaml`."""
    directory = start if start.is_dir() else start.parent
    directory = directory.resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            # Anything by that name is the configuration: a symlink to a FIFO or a folder is an
            # error to report (read_small), not a file to skip in silence (audit C30).
            if candidate.is_file() or candidate.is_symlink() or candidate.exists():
                return candidate
    return None


def shadowed_configs(path: Path) -> list[Path]:
    """The configurations above `path`'s folder that it replaces (the nearest file wins, whole)."""
    found, folder = [], path.resolve().parent.parent
    for above in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (above / name).is_file():
                found.append(above / name)
                break
    return found


def merged_files(path: Path) -> list[str]:
    """Every file a configuration merges, in order: the `extends` chain, then the file itself."""
    out: list[str] = []
    data = read_yaml(path)
    parent = data.get("extends")
    for item in parent if isinstance(parent, list) else [] if parent is None else [parent]:
        if isinstance(item, str) and item in profile_names():
            out.append(f"profil {item}")
        elif isinstance(item, str):
            out.extend(f for f in merged_files(path.parent / item) if f not in out)
    out.append(str(path))
    return out


def profile_names() -> list[str]:
    folder = resources.files("validator.config") / "profiles"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


# Deeper than any real chain of shared configurations; a longer one is a mistake (or a loop of copies).
MAX_EXTENDS_DEPTH = 32


def load_raw(path: Path | None, data: Mapping[str, Any] | None, seen: tuple[str, ...] = (), _done: dict[Path, dict[str, Any]] | None = None) -> dict[str, Any]:
    """Read a configuration and the chain of what it extends, into one raw mapping.

    Each file is read once per load however often the chain names it (a diamond of `extends`
    would otherwise cost 2^depth readings)."""
    done = {} if _done is None else _done
    if data is None:
        assert path is not None
        data = read_yaml(path)
    where = str(path) if path else "<configuration>"
    check_keys(data, TOP_KEYS, where)
    parent = data.get("extends")
    if parent is None:
        return dict(data)
    if len(seen) >= MAX_EXTENDS_DEPTH:
        raise ConfigError(f"{where} : chaîne « extends » trop longue (plus de {MAX_EXTENDS_DEPTH} fichiers)")
    merged: dict[str, Any] = {}
    for item in parent if isinstance(parent, list) else [parent]:
        if not isinstance(item, str):
            raise ConfigError(f"{where} : « extends » attend un nom de profil ou un chemin")
        if item in seen:
            raise ConfigError(f"{where} : « extends » forme une boucle ({' -> '.join((*seen, item))})")
        if item in profile_names():
            text = (resources.files("validator.config") / "profiles" / f"{item}.yaml").read_text(encoding="utf-8")
            merged = merge(merged, load_raw(None, parse_yaml(text, f"profil {item}"), (*seen, item), done))
            continue
        if not item.endswith((".yaml", ".yml")):
            # Never read (and quote in an error) a file that is not a configuration: `extends: /etc/shadow` (audit C15).
            raise ConfigError(f"{where} : « extends: {item[:80]} » n'est ni un profil ({', '.join(profile_names())}) ni un fichier .yaml")
        target = (path.parent if path else Path.cwd()) / item
        if not target.is_file():
            raise ConfigError(f"{where} : « extends: {item} » n'est ni un profil ({', '.join(profile_names())}) ni un fichier")
        key = target.resolve()
        if key not in done:
            done[key] = load_raw(target, None, (*seen, item), done)
        merged = merge(merged, done[key])
    return merge(merged, {k: v for k, v in data.items() if k != "extends"})


def load_config(path: Path | None, rules: Mapping[str, type[Rule]], data: Mapping[str, Any] | None = None, trusted: bool = False) -> Config:
    """Load, merge and validate a configuration (no path and no data: the defaults).

    A file's plugins may run only when the caller says the user asked for it (`trusted`: given on
    the command line, `--allow-plugins`) or when the file lies in a trusted folder; data given by
    the caller without a file is the caller's own."""
    if path is None and data is None:
        return Config()
    raw = load_raw(path, data)
    where = str(path) if path else "<configuration>"
    plugins = raw.get("plugins") or []
    if not isinstance(plugins, list) or not all(isinstance(p, str) for p in plugins):
        raise ConfigError(f"{where} : « plugins » attend une liste de modules")
    local = build_local_rules(raw.get("local-rules"), where)
    known = {**rules, **{r.name: r for r in local}}
    clash = [r.name for r in local if r.name in rules]
    if clash:
        raise ConfigError(f"{where} : la règle locale « {clash[0]} » porte le nom d'une règle existante")
    text = read_small(path, "configuration") if path is not None else None
    return Config(
        rules=rule_settings(raw.get("rules") or {}, known, where),
        plugins=tuple(plugins),
        include=string_list(raw["include"], f"{where} : include") if "include" in raw else DEFAULT_INCLUDE,
        exclude=string_list(raw["exclude"], f"{where} : exclude") if "exclude" in raw else (),
        overrides=_overrides(raw.get("overrides"), known, where),
        waivers=parse_waivers(raw.get("waivers"), known, where, text),
        local_rules=tuple(local),
        profile=_profile(raw.get("profile"), where),
        roster=_roster(raw.get("roster"), where),
        source=str(path) if path else None,
        base_dir=path.parent if path else None,
        raw=raw,
        trusted=trusted or path is None or not plugins or is_trusted(path),
    )


def _layer(base: Mapping[str, RuleSettings], top: Mapping[str, RuleSettings]) -> dict[str, RuleSettings]:
    """Rule settings of `top` over those of `base`: what `top` states wins, the rest is kept."""
    out = dict(base)
    for name, settings in top.items():
        below = out.get(name, RuleSettings())
        out[name] = RuleSettings(
            enabled=settings.enabled,
            severity=settings.severity if settings.severity is not None else below.severity,
            case_severity={**below.case_severity, **settings.case_severity},
            options={**below.options, **settings.options},
        )
    return out


def _profile(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if value not in KINDS:
        raise ConfigError(f"{where} : « profile: {value} » inconnu (profils de collectivité : {', '.join(KINDS)})")
    return str(value)


def _roster(value: Any, where: str) -> Roster | None:
    """`roster: [names]`, or `roster: {members: [names], in_office: 33}`."""
    if value is None:
        return None
    in_office = None
    if isinstance(value, Mapping):
        check_keys(value, ("members", "in_office"), f"{where} : roster")
        in_office = value.get("in_office")
        if in_office is not None and (not isinstance(in_office, int) or isinstance(in_office, bool) or in_office <= 0):
            raise ConfigError(f"{where} : roster.in_office attend un nombre entier de membres")
        value = value.get("members", [])
    members = string_list(value, f"{where} : roster") if value else ()
    return Roster(tuple(m.strip() for m in members if m.strip()), in_office or (len(members) or None))


def _overrides(value: Any, rules: Mapping[str, type[Rule]], where: str) -> tuple[Override, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ConfigError(f"{where} : « overrides » attend une liste de tables {{files, rules}}")
    out = []
    for i, item in enumerate(value):
        at = f"{where} : overrides[{i + 1}]"
        if not isinstance(item, Mapping) or "files" not in item:
            raise ConfigError(f"{at} : attendu une table avec « files » et « rules »")
        check_keys(item, OVERRIDE_KEYS, at)
        out.append(Override(string_list(item["files"], f"{at}.files"), rule_settings(item.get("rules") or {}, rules, at)))
    return tuple(out)
