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
    return yaml.safe_load(text)
