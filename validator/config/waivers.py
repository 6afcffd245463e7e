"""Waivers: a rule silenced for a file (and optionally some lines), with a reason and an expiry.

A deliberation cannot carry linter comments, so waivers live in `.delib.yaml`:

    waivers:
      - rule: attendance-count
        file: "2023/acte-12.txt"
        lines: [10, 12]
        reason: "liste tronquée lors de la numérisation"
        until: 2025-06-30

A waiver past its date no longer silences anything and says so; a waiver that matched nothing in a
run that checked its files is reported, so stale waivers do not pile up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Diagnostic
from .configbase import ConfigError, check_keys, string_list
from .globs import matches

WAIVER_KEYS = ("rule", "file", "files", "lines", "reason", "until")


@dataclass(frozen=True)
class Waiver:
    rule: str
    files: tuple[str, ...]
    reason: str
    lines: tuple[int, int] | None = None
    until: dt.date | None = None
    source: str = ""
    line: int = 1
    column: int = 1

    def covers(self, relpath: str) -> bool:
        return matches(relpath, self.files)

    def silences(self, diagnostic: Diagnostic, relpath: str, today: dt.date) -> bool:
        if diagnostic.rule != self.rule or not self.covers(relpath) or self.expired(today):
            return False
        return self.lines is None or self.lines[0] <= diagnostic.line <= self.lines[1]

    def expired(self, today: dt.date) -> bool:
        return self.until is not None and today > self.until


def parse_waivers(value: Any, rules: Iterable[str], where: str, text: str | None) -> tuple[Waiver, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ConfigError(f"{where} : « waivers » attend une liste de dérogations")
    places = _item_places(text, "waivers") if text else []
    known = set(rules)
    out = []
    for i, item in enumerate(value):
        at = f"{where} : waivers[{i + 1}]"
        if not isinstance(item, Mapping):
            raise ConfigError(f"{at} : attendu une table (rule, file, reason...)")
        check_keys(item, WAIVER_KEYS, at)
        rule = item.get("rule")
        if rule not in known:
            raise ConfigError(f"{at}.rule : règle inconnue « {rule} »")
        files = item.get("files", item.get("file"))
        if files is None:
            raise ConfigError(f"{at} : « file » est obligatoire (le fichier concerné, ou un motif)")
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise ConfigError(f"{at} : « reason » est obligatoire : une dérogation dit pourquoi")
        out.append(
            Waiver(
                rule=str(rule),
                files=string_list(files, f"{at}.file"),
                reason=reason.strip(),
                lines=_lines(item.get("lines"), f"{at}.lines"),
                until=_date(item.get("until"), f"{at}.until"),
                source=where,
                line=places[i][0] if i < len(places) else 1,
                column=places[i][1] if i < len(places) else 1,
            )
        )
    return tuple(out)


def _lines(value: Any, where: str) -> tuple[int, int] | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return (value, value)
    if isinstance(value, str) and "-" in value:
        a, _, b = value.partition("-")
        if a.strip().isdigit() and b.strip().isdigit() and len(a.strip()) <= 9 and len(b.strip()) <= 9:
            return (int(a), int(b))
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return (value[0], value[1])
    raise ConfigError(f"{where} : attendu une ligne (12), un intervalle [10, 12] ou « 10-12 »")


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):  # `2024-01-01 10:00:00`: YAML gives a datetime
        raise ConfigError(f"{where} : date attendue au format AAAA-MM-JJ, sans heure")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{where} : date attendue au format AAAA-MM-JJ") from None


def _item_places(text: str, key: str) -> list[tuple[int, int]]:
    """1-based (line, column) of the items of a top-level list, to report a stale waiver where it is."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(node, yaml.MappingNode):
        return []
    for k, v in node.value:
        if getattr(k, "value", None) == key and isinstance(v, yaml.SequenceNode):
            return [(item.start_mark.line + 1, item.start_mark.column + 1) for item in v.value]
    return []


def relative(path: Path, base: Path | None) -> str:
    """The path as waivers and overrides see it: relative to the configuration's folder."""
    if base is None:
        return path.as_posix()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
