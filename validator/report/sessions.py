"""The séance checks of a run (`--session`): after every file is checked, the acts of each séance
are gathered from all of them (`validator.check.seance`) and the rules of scope "session" run on
each séance. A finding lies in one act's file, with the other acts involved as its related places.

The rules, severities and waivers are those of the configuration of the file each finding lies
in; which rules run on a séance is what the configuration of its first act's file enables.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..check.lint import waive
from ..check.seance import seances
from ..config.waivers import relative
from ..diagnostics import Diagnostic, Location, Severity
from ..rule import Rule, SeanceContext, SeanceFinding
from ..seance_model import Place, Seance, SeanceAct
from .formatters import FileReport
from .runner import Checked, Options, Runner


def session_reports(checked: Iterable[Checked], options: Options) -> list[Checked]:
    """One result per file holding a séance finding: those findings only, after its waivers."""
    runner = Runner(options)
    found: dict[str, list[Diagnostic]] = {}
    for seance in seances(a for c in checked for a in c.acts):
        for path, diag in _check(runner, seance):
            found.setdefault(path, []).append(diag)
    out = []
    for path, diags in found.items():
        disk = _disk(path)
        config = runner.config_for(disk)
        relpath = relative(disk, config.base_dir) if disk is not None else path
        kept, used, covered = waive(sorted(set(diags)), config.waivers, relpath, options.today)
        out.append(Checked(FileReport(path, tuple(kept)), config.source, used, covered))
    return out


def merge(reports: Sequence[FileReport], extra: Sequence[Checked]) -> list[FileReport]:
    """Each file's report with its séance findings added, in the order of positions."""
    more = {c.report.path: c.report.diagnostics for c in extra}
    return [FileReport(r.path, tuple(sorted(r.diagnostics + more[r.path])), r.error, r.text) if r.path in more else r for r in reports]


def _check(runner: Runner, seance: Seance) -> Iterable[tuple[str, Diagnostic]]:
    first = _disk(seance.acts[0].path)
    config = runner.config_for(first)
    relpath = relative(first, config.base_dir) if first is not None else seance.acts[0].path
    ruleset = runner.ruleset_for(config, relpath)
    by_path: dict[str, list[SeanceAct]] = {}
    for act in seance.acts:
        by_path.setdefault(act.path, []).append(act)
    for rule in (r for r in ruleset.active if r.scope == "session"):
        ctx = SeanceContext(ruleset.config.options(rule), ruleset.config.roster)
        for finding in _run(rule, seance, ctx):
            yield finding.place.path, _stamp(runner, rule, finding, _act_at(by_path.get(finding.place.path, []), finding.place))


def _run(rule: type[Rule], seance: Seance, ctx: SeanceContext) -> Iterable[SeanceFinding]:
    try:
        return list(rule().check_session(seance, ctx))
    except Exception as exc:
        if os.environ.get("DELIB_DEBUG"):
            raise
        # A faulty rule (often a plugin) must not take the whole run down with it.
        first = seance.acts[0].place
        return [SeanceFinding(first, f"la règle « {rule.name} » a échoué sur la séance ({type(exc).__name__} : {exc})", "crash")]


def _stamp(runner: Runner, rule: type[Rule], finding: SeanceFinding, act: SeanceAct | None) -> Diagnostic:
    p = finding.place
    disk = _disk(p.path)
    base = runner.config_for(disk)
    # The severities of the file the finding lies in, its overrides applied.
    config = runner.ruleset_for(base, relative(disk, base.base_dir) if disk is not None else p.path).config
    severity = Severity.ERROR if finding.case == "crash" else config.severity(rule, finding.case)
    context = (("deliberation", act.number),) if act is not None and act.number else ()
    related = tuple(Location(r.path, r.line, r.column, r.end_line, r.end_column, note) for r, note in finding.related)
    return Diagnostic(p.line, p.column, p.end_line, p.end_column, rule.name, finding.message, severity, p.start, p.end, context=context, related=related)


def _act_at(acts: list[SeanceAct], place: Place) -> SeanceAct | None:
    """The act of its file a place lies in: the last to begin before it (acts are in file order)."""
    found = acts[0] if acts else None
    for act in acts:
        if act.place.start > place.start:
            break
        found = act
    return found


def _disk(path: str) -> Path | None:
    return Path(path) if path != "-" and not path.startswith("<") else None
