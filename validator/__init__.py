"""delib-validator: a compliance validator and linter for French local-government deliberations."""

from __future__ import annotations

import os as _os
import sys as _sys

# `python -m validator` puts the current folder first on sys.path, so a `csv.py` in the folder being
# checked would be imported by the first `import csv` (audit C27). The command never needs it.
if _sys.argv[:1] == ["-m"] and _sys.path and _sys.path[0] in ("", _os.getcwd()):
    del _sys.path[0]

__version__ = "0.1.0"

from .check.engine import LintResult, RuleSet, lint_document  # noqa: E402
from .config import Config, ConfigError, load_config  # noqa: E402
from .diagnostics import Diagnostic, Edit, Fix, Remedy, RemedyKind, Severity  # noqa: E402
from .document import Document, InputError, Span, decode  # noqa: E402


def lint_text(text: str, path: str = "<texte>", ruleset: RuleSet | None = None) -> LintResult:
    """Check a deliberation given as text."""
    return lint_document(Document(text, path), ruleset)


__all__ = [
    "Config", "ConfigError", "Diagnostic", "Document", "Edit", "Fix", "InputError", "LintResult", "Remedy", "RemedyKind", "RuleSet",
    "Severity", "Span", "decode", "lint_document", "lint_text", "load_config",
]
