"""The `delib` command: a thin click layer over the library."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .config import ConfigError
from .diagnostics import Severity
from .document import InputError
from .engine import build_file_model
from .export import file_dict, render
from .formatters import formatters
from .formatters.text_format import render as render_text
from .registry import RegistryError, collect
from .runner import Options, check_paths, expand
from .scdl import Resolver, Table
from .scdl_validation import ValidationUnavailable, require_frictionless
from .scdl_validation import validate as validate_table
from .sources import read_bytes, read_document

FAIL_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "never": None}


def _names(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def _usage_error(message: str) -> None:
    click.echo(f"delib : {message}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="delib")
def main() -> None:
    """Vérifie les délibérations des collectivités territoriales (présences, visas, articles, montants, vote, signature)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Format du rapport.")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), help="Fichier de configuration (sinon .delib.yaml trouvé en remontant).")
@click.option("--select", help="Ne vérifier que ces règles (séparées par des virgules).")
@click.option("--ignore", help="Ne pas vérifier ces règles (séparées par des virgules).")
@click.option("--fail-on", type=click.Choice(list(FAIL_LEVELS)), default="error", show_default=True, help="Niveau qui fait échouer (code 1).")
@click.option("--stdin-filename", default="<stdin>", help="Nom du texte lu sur l'entrée standard (« - »).")
@click.option("--color/--no-color", default=None, help="Couleurs (par défaut : seulement sur un terminal).")
def check(paths: tuple[str, ...], fmt: str, config: Path | None, select: str | None, ignore: str | None, fail_on: str, stdin_filename: str, color: bool | None) -> None:
    """Vérifier des délibérations (fichiers, répertoires, ou « - » pour l'entrée standard)."""
    known = _known_rules()
    for name in (*_names(select), *_names(ignore)):
        if name not in known:
            _usage_error(f"règle inconnue « {name} » (voir « delib rules »)")
    options = Options(config, _names(select), _names(ignore), stdin_filename)
    try:
        reports = [report for report, _ in check_paths(paths, options)]
    except (ConfigError, RegistryError) as exc:
        _usage_error(str(exc))
        return
    if fmt == "text":
        use_colour = sys.stdout.isatty() if color is None else color
        click.echo(render_text(reports, colour=use_colour), nl=False)
    else:
        click.echo(formatters()[fmt](reports), nl=False)
    sys.exit(_exit_code(reports, FAIL_LEVELS[fail_on]))


def _exit_code(reports: list, threshold: Severity | None) -> int:
    if any(r.error is not None for r in reports):
        return 2
    if threshold is None:
        return 0
    worst = max((d.severity.rank for r in reports for d in r.diagnostics), default=0)
    return 1 if worst >= threshold.rank else 0


def _known_rules() -> dict:
    try:
        return collect()
    except RegistryError as exc:
        _usage_error(str(exc))
        raise


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "scdl"]), default="json", show_default=True, help="json : le modèle ; jsonl : un fichier par ligne ; scdl : la table open data (CSV).")
@click.option("--collectivite", help="SCDL : nom de la collectivité (COLL_NOM).")
@click.option("--siret", help="SCDL : SIRET de la collectivité, 14 chiffres (COLL_SIRET).")
@click.option("--matieres", type=click.Path(dir_okay=False, path_type=Path), help="SCDL : correspondance YAML mots-clés -> matières @ctes.")
@click.option("--validate", is_flag=True, help="SCDL : valider la table avec son schéma (code 1 si elle s'en écarte).")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), help="Fichier de configuration (sinon .delib.yaml trouvé en remontant).")
def extract(paths: tuple[str, ...], fmt: str, collectivite: str | None, siret: str | None, matieres: Path | None, validate: bool, config: Path | None) -> None:
    """Extraire la structure des délibérations (JSON) ou leur table open data SCDL (CSV)."""
    scdl_only = {"--collectivite": collectivite, "--siret": siret, "--matieres": matieres, "--validate": validate}
    if fmt != "scdl" and any(scdl_only.values()):
        _usage_error(f"{', '.join(k for k, v in scdl_only.items() if v)} : seulement avec --format scdl")
    try:
        resolver = Resolver(collectivite, siret, matieres, config) if fmt == "scdl" else None
        if validate:
            require_frictionless()
    except (ConfigError, ValidationUnavailable) as exc:
        _usage_error(str(exc))
        return
    files: list[dict[str, object]] = []
    table, failed = Table(), False
    for raw in expand(paths):
        try:
            document = read_bytes(sys.stdin.buffer.read(), "<stdin>") if raw == "-" else read_document(Path(raw))
            model = build_file_model(document)
            if resolver is None:
                files.append(file_dict(document, model))
                continue
            for warning in table.add(document.path, model, resolver.settings(None if raw == "-" else Path(raw))):
                click.echo(f"{document.path} : avertissement : {warning}", err=True)
        except InputError as exc:
            click.echo(f"delib : {raw} : {exc}", err=True)
            failed = True
        except ConfigError as exc:
            _usage_error(str(exc))
    if resolver is None:
        click.echo(render(files, fmt, single=len(paths) == 1 and not Path(paths[0]).is_dir()), nl=False)
    else:
        click.echo(table.csv(), nl=False)
    found = _report_violations(table) if validate else False
    sys.exit(2 if failed else 1 if found else 0)


def _report_violations(table: Table) -> bool:
    violations = validate_table(table)
    for violation in violations:
        click.echo(str(violation), err=True)
    rows = len(table.rows)
    if violations:
        click.echo(f"validation SCDL : {len(violations)} écart(s) au schéma dans une table de {rows} ligne(s)", err=True)
    else:
        click.echo(f"validation SCDL : {rows} ligne(s) conforme(s) au schéma", err=True)
    return bool(violations)


@main.command(name="rules")
def list_rules() -> None:
    """Lister les règles, leur niveau par défaut et leur objet."""
    for name, rule in sorted(_known_rules().items()):
        click.echo(f"{name:<22} {rule.severity.value:<8} {rule.summary()}")


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Afficher la documentation d'une règle (objet, base légale, exemples)."""
    rules = _known_rules()
    if rule not in rules:
        _usage_error(f"règle inconnue « {rule} » (voir « delib rules »)")
    cls = rules[rule]
    click.echo(f"{rule} (niveau par défaut : {cls.severity.value})\n")
    click.echo(cls.documentation())
    if cls.cases:
        click.echo("\nCas et niveaux par défaut :")
        for case, level in cls.cases.items():
            click.echo(f"  {case:<28} {level.value}")
    if cls.options:
        click.echo("\nOptions : " + ", ".join(sorted(cls.options)))
