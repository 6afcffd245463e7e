"""delib-validator: a compliance validator and linter for French local-government deliberations."""

from __future__ import annotations

__version__ = "0.1.0"

from .config import Config, ConfigError, load_config  # noqa: E402
from .diagnostics import Diagnostic, Edit, Fix, Severity  # noqa: E402
from .document import Document, InputError, Span, decode  # noqa: E402
from .engine import LintResult, RuleSet, lint_document  # noqa: E402


def lint_text(text: str, path: str = "<texte>", ruleset: RuleSet | None = None) -> LintResult:
    """Check a deliberation given as text."""
    return lint_document(Document(text, path), ruleset)


__all__ = [
    "Config", "ConfigError", "Diagnostic", "Document", "Edit", "Fix", "InputError", "LintResult", "RuleSet",
    "Severity", "Span", "decode", "lint_document", "lint_text", "load_config",
]
