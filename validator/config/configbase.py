"""Pieces every part of the configuration shares: its error, YAML reading, key checks, the merge."""

from __future__ import annotations

import difflib
import stat
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


# A configuration is a few kB; a file far past this is not one (`/dev/zero`, a log named by mistake).
MAX_CONFIG_BYTES = 1_000_000


def read_small(path: Path, what: str, limit: int = MAX_CONFIG_BYTES) -> str:
    """The UTF-8 text of a small regular file, or a French ConfigError naming it.

    A FIFO, a device or a file past `limit` is refused before it is read whole: `--config
    /dev/zero` must not fill the memory, nor a named pipe hang the run."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise ConfigError(f"{path} : {what} illisible : ce n'est pas un fichier ordinaire")
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise ConfigError(f"{path} : {what} illisible ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise ConfigError(f"{path} : {what} trop volumineux (plus de {limit // 1000} ko)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path} : {what} illisible (encodage UTF-8 attendu)") from None


def read_yaml(path: Path) -> dict[str, Any]:
    return parse_yaml(read_small(path, "configuration"), str(path))


# Nodes of a configuration once its aliases are expanded. Real ones hold a few hundred; nine
# levels of nine aliased lists (a 700-byte file, audit C1/C2) hold 9^9, which every `repr`,
# f-string or `json.dumps` of the settings then spends minutes and gigabytes writing out.
MAX_NODES = 100_000


class _TooManyNodes(Exception):
    pass


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, whose scalar constructors report a bad value where it stands, and
    which refuses a document whose aliases expand past `MAX_NODES` nodes or into themselves.

    `until: 2025-06-31` and a 5,000-digit integer raise a bare ValueError in PyYAML, with no line;
    here they become a YAML error with the value's place, which the configuration error names."""

    def get_single_node(self) -> yaml.Node | None:
        node = super().get_single_node()
        if node is not None:
            _expanded_size(node)
        return node


def _expanded_size(root: yaml.Node) -> int:
    """The nodes of the document with every alias written out, counted once per distinct node."""
    size: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        children = _children(node)
        if done:
            open_.discard(id(node))
            size[id(node)] = total = 1 + sum(size[id(c)] for c in children)
            if total > MAX_NODES:
                raise _TooManyNodes
            continue
        if id(node) in size:
            continue
        if id(node) in open_:
            raise _TooManyNodes  # an alias inside its own anchor: a structure without end
        open_.add(id(node))
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in size)
    return size[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _guarded(tag: str) -> None:
    construct = _Loader.yaml_constructors[tag]

    def guarded(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError):
            raise yaml.constructor.ConstructorError(None, None, f"valeur invalide « {str(node.value)[:40]} »", node.start_mark) from None

    _Loader.add_constructor(tag, guarded)


for _tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"):
    _guarded(_tag)


def parse_yaml(text: str, where: str) -> dict[str, Any]:
    """Parse with a safe loader only: a configuration never runs code."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (ligne {mark.line + 1}, colonne {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None)
        key = _key_at(text, mark.line) if mark else None
        detail = f" : {problem}" if problem and problem.startswith("valeur invalide") else ""
        raise ConfigError(f"{where} : YAML invalide{at}{f', clé « {key} »' if key else ''}{detail}") from None
    except RecursionError:
        raise ConfigError(f"{where} : YAML invalide : imbrication trop profonde") from None
    except _TooManyNodes:
        raise ConfigError(f"{where} : YAML refusé : une fois ses alias (*) développés, il compterait plus de {MAX_NODES:,} valeurs, ou des valeurs sans fin".replace(",", " ")) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{where} : la configuration doit être une table de clés")
    return data


def _key_at(text: str, line: int) -> str | None:
    """The key written on a line of YAML ("  until: 2025-06-31" -> "until"), to name it in a message."""
    rows = text.splitlines()
    if not 0 <= line < len(rows):
        return None
    head = rows[line].strip().lstrip("- ").split(":", 1)
    return head[0].strip()[:40] or None if len(head) == 2 else None


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
