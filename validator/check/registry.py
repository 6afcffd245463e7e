"""Find the rules: the bundled ones in `validator.rules`, those installed packages declare in the
entry-point group `validator.rules`, and modules the configuration names explicitly.

A plugin is loaded only when installed as a package or named in the configuration; nothing is
imported from the current directory by surprise.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import importlib.util
import inspect
import pkgutil
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from ..rule import Rule

ENTRY_POINT_GROUP = "validator.rules"
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class RegistryError(Exception):
    """A rule that breaks the contract (duplicate name, missing documentation...). French message."""


def _rules_in(module: ModuleType) -> list[type[Rule]]:
    return [
        obj
        for _, obj in inspect.getmembers(module, inspect.isclass)
        if issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__ and "name" in vars(obj)
    ]


@functools.cache
def bundled_rules() -> tuple[type[Rule], ...]:
    # Imported by name: setuptools maps the top-level rules/ directory to this package.
    package = importlib.import_module("validator.rules")

    found: list[type[Rule]] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        found.extend(_rules_in(importlib.import_module(f"{package.__name__}.{info.name}")))
    return tuple(found)


@functools.cache
def entry_point_rules() -> tuple[type[Rule], ...]:
    found: list[type[Rule]] = []
    for ep in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not break the run
            raise RegistryError(f"extension « {ep.name} » ({ep.value}) impossible à charger : {exc}") from None
        found.extend(_from_object(obj, ep.value))
    return tuple(found)


def _from_object(obj: object, origin: str) -> list[type[Rule]]:
    if inspect.ismodule(obj):
        return _rules_in(obj)
    if inspect.isclass(obj) and issubclass(obj, Rule):
        return [obj]
    raise RegistryError(f"« {origin} » n'est ni un module de règles ni une classe Rule")


def load_module(name: str, base: Path | None = None) -> list[type[Rule]]:
    """Load rules from a module named by the configuration: a dotted name or a path to a .py file."""
    if name.endswith(".py"):
        path = Path(name) if base is None else (base / name)
        spec = importlib.util.spec_from_file_location(f"delib_plugin_{path.stem}", path)
        if spec is None or spec.loader is None or not path.is_file():
            raise RegistryError(f"module de règles introuvable : {path}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            raise RegistryError(f"module de règles « {path} » impossible à charger : {exc}") from None
        return _rules_in(module)
    try:
        return _from_object(importlib.import_module(name), name)
    except ImportError as exc:
        raise RegistryError(f"module de règles « {name} » introuvable : {exc}") from None


def collect(extra: Iterable[type[Rule]] = ()) -> dict[str, type[Rule]]:
    """All rules by name, bundled first; fails on a rule that breaks the contract."""
    rules: dict[str, type[Rule]] = {}
    for cls in (*bundled_rules(), *entry_point_rules(), *extra):
        check_contract(cls)
        if cls.name in rules and rules[cls.name] is not cls:
            raise RegistryError(f"deux règles portent le nom « {cls.name} » ({rules[cls.name].__module__}, {cls.__module__})")
        rules[cls.name] = cls
    return rules


def check_contract(cls: type[Rule]) -> None:
    name = getattr(cls, "name", None)
    if not isinstance(name, str) or not _NAME.match(name):
        raise RegistryError(f"{cls.__module__}.{cls.__name__} : nom de règle invalide {name!r} (minuscules-et-tirets)")
    if not (cls.__doc__ or "").strip():
        raise RegistryError(f"règle « {name} » : documentation (docstring) manquante")
    if cls.scope not in ("deliberation", "file", "config", "session"):
        raise RegistryError(f"règle « {name} » : portée {cls.scope!r} inconnue (deliberation, file, config ou session)")
