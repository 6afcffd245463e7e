"""Check many paths: find each file's configuration, read it, lint it, apply waivers, collect reports.

This is the library behind `delib check`; it prints nothing. With `jobs > 1` files are checked by
worker processes; reports come back in the order of the paths, whatever the number of workers.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..check.engine import LintResult, RuleSet
from ..check.lint import RuleSets, lint, waive
from ..check.registry import RegistryError, collect
from ..check.seance import acts_of
from ..config import Config, ConfigError, find_config, load_config
from ..config.waivers import relative
from ..diagnostics import Diagnostic, Severity
from ..document import Document, InputError
from ..read.readers import PageProgress, ReadOptions
from ..read.sources import read_bytes, read_document, read_file, walk
from ..seance_model import SeanceAct
from .formatters import FileReport

if TYPE_CHECKING:
    from ..check.resultcache import ResultCache
    from ..rule import Rule


@dataclass(frozen=True)
class Options:
    config: Path | None = None
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    stdin_name: str = "<stdin>"
    jobs: int = 1
    today: dt.date = field(default_factory=dt.date.today)
    # --profile: the kind of body, forced over `profile:` of the configuration and the detection.
    profile: str | None = None
    # --cache: findings kept by content under the user cache directory (validator.check.resultcache).
    cache: bool = False
    # --allow-plugins: the plugins of a configuration found by walking up may run (validator.config.trust).
    allow_plugins: bool = False
    # --ocr: scanned PDF pages read by OCR when they have no text (auto), always, or never.
    ocr: str = "auto"
    # Pages the OCR reads at once: the run's jobs when files are not spread over workers.
    ocr_jobs: int = 1
    # --session: the acts of one séance, across the files of the run, are checked together
    # (the rules of scope "session", after every file: validator.report.sessions).
    session: bool = False


@dataclass(frozen=True)
class Checked:
    """One file's report, and what it tells about the waivers of its configuration."""

    report: FileReport
    config: str | None = None
    used: frozenset[int] = frozenset()
    covered: frozenset[int] = frozenset()
    # The file's acts as the séance checks see them (with --session only).
    acts: tuple[SeanceAct, ...] = ()


@dataclass
class Runner:
    """Resolves configurations and rule sets (once each) and checks documents."""

    options: Options
    # Told of the pages of a scan as the OCR reads them (a terminal's bar); only in the parent
    # process: workers checking files in parallel would draw over each other.
    pages: PageProgress | None = None
    _configs: dict[str | None, Config] = field(default_factory=dict)
    _rulesets: RuleSets | None = None
    _cache: ResultCache | None = None

    def config_for(self, path: Path | None) -> Config:
        config_path = self.options.config or find_config(path if path is not None else Path.cwd())
        key = str(config_path) if config_path else None
        if key not in self._configs:
            trusted = self.options.config is not None or self.options.allow_plugins
            config = load_config(config_path, collect(), None, trusted) if config_path else Config()
            self._configs[key] = replace(config, profile=self.options.profile) if self.options.profile else config
        return self._configs[key]

    @property
    def rulesets(self) -> RuleSets:
        if self._rulesets is None:
            self._rulesets = RuleSets(self.options.select, self.options.ignore)
        return self._rulesets

    @property
    def reading(self) -> ReadOptions:
        return ReadOptions(self.options.ocr, self.options.ocr_jobs, self.pages)

    def ruleset_for(self, config: Config, relpath: str) -> RuleSet:
        return self.rulesets.for_path(config, relpath)

    def check_document(self, document: Document, path: Path | None) -> tuple[LintResult, Checked]:
        config = self.config_for(path)
        relpath = relative(path, config.base_dir) if path is not None else document.path
        linted = lint(document, config, relpath, self.rulesets, self.options.today)
        report = FileReport(document.path, linted.diagnostics, text=document.text)
        acts = acts_of(document, linted.result.model, document.path) if self.options.session else ()
        return linted.result, Checked(report, config.source, linted.used, linted.covered, acts)

    def check_file(self, path: Path) -> Checked:
        """A file on disk; with --cache its findings come from the result cache when it has them."""
        if not self.options.cache:
            return self.check_document(read_document(path, self.reading), path)[1]
        if self._cache is None:
            # Imported only when asked for: start-up time.
            from ..check.resultcache import open_cache
            from ..parse.parsing import cache_dir

            self._cache = open_cache(cache_dir())
        config = self.config_for(path)
        relpath = relative(path, config.base_dir)
        diagnostics, text, acts = self._cache.lint_acts(read_file(path), str(path), self.ruleset_for(config, relpath), self.reading)
        kept, used, covered = waive(diagnostics, config.waivers, relpath, self.options.today)
        return Checked(FileReport(str(path), tuple(kept), text=text), config.source, used, covered, acts if self.options.session else ())


def expand(paths: Sequence[str], options: Options) -> Iterator[str]:
    """Directories become the files they hold that their configuration includes; files stay as given."""
    runner = Runner(options)
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            config = runner.config_for(path)
            for item in walk(path):
                if config.wants(relative(item, config.base_dir or path)):
                    yield str(item)
        else:
            yield raw


# One runner per worker process, built from the options the parent sends once.
_WORKER: Runner | None = None


def _init_worker(options: Options) -> None:
    global _WORKER
    _WORKER = Runner(options)


def _check_one(raw: str) -> Checked:
    assert _WORKER is not None
    return check_one(_WORKER, raw)


def check_one(runner: Runner, raw: str) -> Checked:
    try:
        if raw == "-":
            name = runner.options.stdin_name
            document = read_bytes(sys.stdin.buffer.read(), name, runner.reading)
            path = Path(name) if name != "<stdin>" else None
            return runner.check_document(document, path)[1]
        return runner.check_file(Path(raw))
    except InputError as exc:
        return Checked(FileReport(raw, error=str(exc)))
    except (ConfigError, RegistryError):
        raise  # the run's error (exit 2 with its message), not one file's
    except Exception as exc:  # a bug in a reader or a rule costs one file, never the run
        if os.environ.get("DELIB_DEBUG"):
            raise
        return Checked(FileReport(raw, error=f"erreur interne ({type(exc).__name__}) ; merci de la signaler"))


def check_paths(paths: Sequence[str], options: Options, progress: Callable[[int], None] | None = None, pages: PageProgress | None = None) -> list[FileReport]:
    """A report per file in the order given (with the findings of its séances, --session), then
    one per configuration whose waivers are stale."""
    checked = list(iter_checked(paths, options, progress, pages))
    reports = [c.report for c in checked]
    if options.session:
        from .sessions import merge, session_reports

        more = session_reports(checked, options)
        reports, checked = merge(reports, more), checked + more
    return reports + config_reports(checked, options)


def iter_checked(paths: Sequence[str], options: Options, progress: Callable[[int], None] | None = None, pages: PageProgress | None = None) -> Iterator[Checked]:
    """Each file's result in the order given, as soon as it is known; nothing is kept here.
    `progress` is told of each file done, `pages` of the pages of a scan read in this process."""
    files = list(expand(paths, options))
    jobs = max(1, min(options.jobs, len(files) // 4 or 1)) if "-" not in files else 1
    if jobs == 1:
        # One worker for the files: the processors go to the pages of a scan instead.
        runner = Runner(replace(options, ocr_jobs=max(1, options.jobs)), pages)
        for raw in files:
            yield check_one(runner, raw)
            if progress:
                progress(1)
        return
    # Imported here: a run over one file never needs it (start-up time).
    from concurrent.futures import ProcessPoolExecutor

    # Chunks amortise the hand-over to workers, but a worker's results come back a chunk at a time:
    # bounded, they keep memory flat however many files there are.
    chunk = max(1, min(16, len(files) // (jobs * 8)))
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(options,)) as pool:
        for item in pool.map(_check_one, files, chunksize=chunk):
            yield item
            if progress:
                progress(1)


def config_reports(checked: Iterable[Checked], options: Options) -> list[FileReport]:
    """What the run says of each configuration it used: plugins not loaded, stale waivers.

    Only the `config`, `used` and `covered` of each result are read: a caller that streams the
    reports may pass results stripped of them.
    """
    checked = [c for c in checked if c.config]
    runner = Runner(options)
    reports = []
    for source in sorted({c.config for c in checked if c.config}):
        config = runner.config_for(Path(source))
        text = Path(source).read_text(encoding="utf-8")
        diags = _blocked_plugins(config, text) + _stale_waivers(config, [c for c in checked if c.config == source], options.today)
        if diags:
            reports.append(FileReport(source, tuple(sorted(diags)), text=text))
    return reports


def _blocked_plugins(config: Config, text: str) -> list[Diagnostic]:
    """Plugins of a configuration nobody trusted: one finding each, on the `plugins:` line."""
    rule = _config_rule("plugin-trust")
    if not config.blocked_plugins or rule is None or not config.settings(rule.name).enabled:
        return []
    line = next((n for n, row in enumerate(text.splitlines(), 1) if row.lstrip().startswith("plugins")), 1)
    severity = config.severity(rule, None)
    return [
        Diagnostic(line, 1, line, 1, rule.name, f"extension « {name} » non chargée : cette configuration a été trouvée en remontant les dossiers ; "
                   "pour l'exécuter : --config, --allow-plugins ou un dossier approuvé (trusted-folders)", severity)
        for name in config.blocked_plugins
    ]


def _stale_waivers(config: Config, checked: Sequence[Checked], today: dt.date) -> list[Diagnostic]:
    """Waivers that silenced nothing in files they cover, or that have expired (info)."""
    info = _config_rule("waiver")
    used = set().union(*(c.used for c in checked))
    covered = set().union(*(c.covered for c in checked))
    found = []
    for i, waiver in enumerate(config.waivers):
        if waiver.expired(today) and i in covered:
            found.append((waiver, "expired", f"dérogation expirée le {waiver.until:%d/%m/%Y} : « {waiver.rule} » est de nouveau vérifiée ({waiver.reason})"))
        elif i in covered and i not in used:
            found.append((waiver, "unused", f"dérogation sans effet : aucune remarque « {waiver.rule} » à taire dans {', '.join(waiver.files)} ; la retirer ?"))
    if not found or (info is not None and not config.settings("waiver").enabled):
        return []
    severity = {case: (config.severity(info, case) if info else Severity.INFO) for case in ("expired", "unused")}
    return [Diagnostic(w.line, w.column, w.line, w.column, "waiver", msg, severity[case]) for w, case, msg in found]


def _config_rule(name: str) -> type[Rule] | None:
    return collect().get(name)


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


__all__ = ["ConfigError", "Options", "RegistryError", "Runner", "check_paths", "cpu_count", "expand", "iter_checked", "config_reports"]
