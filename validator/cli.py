"""The `delib` command: a thin click layer over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .config import ConfigError
from .diagnostics import Severity
from .document import InputError
from .engine import build_file_model
from .export import file_dict
from .formatters import formatters
from .formatters.text_format import render as render_text
from .registry import RegistryError, collect
from .runner import Options, check_paths
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
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
def extract(path: str, fmt: str) -> None:
    """Extraire la structure d'une délibération (présences, visas, articles, montants, vote...)."""
    try:
        document = read_bytes(sys.stdin.buffer.read(), "<stdin>") if path == "-" else read_document(Path(path))
    except InputError as exc:
        _usage_error(f"{path} : {exc}")
        return
    model = build_file_model(document)
    click.echo(json.dumps(file_dict(document, model), ensure_ascii=False, indent=2))


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


@main.command()
@click.option("--stdio", is_flag=True, hidden=True, help="Accepté pour les clients qui l'ajoutent : le serveur parle toujours sur stdin/stdout.")
def lsp(stdio: bool) -> None:
    """Lancer le serveur de langage (LSP) sur l'entrée et la sortie standard, pour un éditeur."""
    try:
        from .lsp.server import serve
    except ImportError as exc:
        _usage_error(f"le serveur de langage demande l'option « lsp » : pip install 'delib-validator[lsp]' (module manquant : {exc.name})")
        return
    serve()
