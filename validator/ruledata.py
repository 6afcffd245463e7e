"""Data files shipped with the bundled rules (rules/data/*.yaml), read once."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml


@functools.cache
def load(name: str) -> Any:
    """Return the parsed YAML file `rules/data/<name>` (safe_load only)."""
    text = (resources.files("validator.rules") / "data" / name).read_text(encoding="utf-8")
    # libyaml's safe loader when PyYAML has it (its wheels do): the same data, parsed about 8x
    # faster, which every start of `delib check` pays. Bundled files only: user configurations keep
    # the pure-Python loader, whose error messages they rely on.
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
