"""Check many paths: find each file's configuration, read it, lint it, collect reports.

This is the library behind `delib check`; it prints nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, ConfigError, find_config, load_config
from .document import Document, InputError
from .engine import LintResult, RuleSet, lint_document
from .formatters import FileReport
from .registry import collect
from .sources import read_bytes, read_document, walk


@dataclass
class Options:
    config: Path | None = None
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    stdin_name: str = "<stdin>"


@dataclass
class Runner:
    """Resolves rule sets per configuration file (once each) and checks documents."""

    options: Options
    _rulesets: dict[str | None, RuleSet] = field(default_factory=dict)

    def ruleset_for(self, path: Path | None) -> RuleSet:
        config_path = self.options.config or (find_config(path) if path is not None else find_config(Path.cwd()))
        key = str(config_path) if config_path else None
        if key not in self._rulesets:
            config = load_config(config_path, collect(), None) if config_path else Config()
            self._rulesets[key] = RuleSet.build(config, self.options.select, self.options.ignore)
        return self._rulesets[key]

    def check_document(self, document: Document, path: Path | None) -> LintResult:
        return lint_document(document, self.ruleset_for(path))


def expand(paths: Sequence[str]) -> Iterator[str]:
    """Expand directories into the files they hold; keep files and "-" as given."""
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = False
            for item in walk(path):
                found = True
                yield str(item)
            if not found:
                yield from ()
        else:
            yield raw


def check_paths(paths: Sequence[str], options: Options) -> Iterator[tuple[FileReport, LintResult | None]]:
    """Yield a report per file, in the order given; unreadable files yield an error report."""
    runner = Runner(options)
    for raw in expand(paths):
        try:
            if raw == "-":
                document = read_bytes(sys.stdin.buffer.read(), options.stdin_name)
                path = Path(options.stdin_name) if options.stdin_name != "<stdin>" else None
            else:
                path = Path(raw)
                document = read_document(path)
            result = runner.check_document(document, path)
        except InputError as exc:
            yield FileReport(raw, error=str(exc)), None
            continue
        yield FileReport(document.path, result.diagnostics, text=document.text), result


__all__ = ["ConfigError", "Options", "Runner", "check_paths", "expand"]
