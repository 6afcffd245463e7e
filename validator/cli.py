"""The `delib` command: a thin click layer over the library.

What only one command or option needs (the SCDL export, baselines, YAML output) is imported where it
is used: `delib check one.txt` on every save should not pay for it at start-up.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from . import __version__
from .config import CONFIG_NAMES, KINDS, Config, ConfigError, find_config, load_config, load_raw
from .diagnostics import Severity
from .document import InputError
from .check.engine import RuleSet, build_file_model
from .report.formatters import FileReport, FormatContext, formatters
from .report.formatters.escape import printable
from .report.formatters.text_format import TextStream
from .report.progress import FileBar, PageBars
from .check.registry import RegistryError, collect
from .report.runner import Options, check_paths, config_reports, cpu_count, expand, iter_checked
from .read.readers import ReadOptions
from .read.sources import read_bytes, read_document, suffixes

T = TypeVar("T")

if TYPE_CHECKING:
    from .rule import Rule
    from .report.scdl import Table

FAIL_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "never": None}
FORMATS = ["text", "json", "sarif", "github", "gitlab", "junit", "rdjson"]


def _names(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def _usage_error(message: str) -> None:
    # Messages name files and quote configurations: their controls are shown escaped, never obeyed.
    click.echo(f"delib : {printable(message)}", err=True)
    sys.exit(2)


def _refuse_to_overwrite(target: Path, flag: str, reports: list[FileReport], paths: tuple[str, ...], config: Path | None) -> None:
    """A report written over a checked act or a configuration would destroy it (audit K18-K20)."""
    where = target.resolve()
    kept = {Path(r.path).resolve() for r in reports if r.path != "-"} | {Path(p).resolve() for p in paths if p != "-"}
    configs = {c.resolve() for c in (config, *(find_config(Path(p)) for p in paths if p != "-")) if c is not None}
    if where in kept or where in configs or target.name in CONFIG_NAMES:
        _usage_error(f"{flag} {target} : ce fichier est vérifié ou configure la vérification ; il ne sera pas écrasé")


def _written(target: Path, write: Callable[[], T]) -> T:
    """Write a report file; a missing folder or a full disk is a clear error (exit 2), not a traceback."""
    try:
        return write()
    except OSError as exc:
        _usage_error(f"{target} : écriture impossible ({exc.strerror or exc})")
        raise


def _rules(config: Config | None = None) -> Mapping[str, type[Rule]]:
    try:
        return RuleSet.build(config).rules if config is not None else collect()
    except RegistryError as exc:
        _usage_error(str(exc))
        raise


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="delib")
def main() -> None:
    """Vérifie les délibérations des collectivités territoriales (présences, visas, articles, montants, vote, signature)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Format du rapport.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Écrire le rapport dans ce fichier ; le texte s'affiche au terminal.")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), help="Fichier de configuration (sinon .delib.yaml trouvé en remontant).")
@click.option("--select", help="Ne vérifier que ces règles ou paquets de règles (séparés par des virgules ; « transmission » : le paquet @ctes).")
@click.option("--ignore", help="Ne pas vérifier ces règles (séparées par des virgules).")
@click.option("--fail-on", type=click.Choice(list(FAIL_LEVELS)), default="error", show_default=True, help="Niveau qui fait échouer (code 1).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Processus en parallèle (par défaut : nombre de processeurs).")
@click.option("--baseline", type=click.Path(dir_okay=False, exists=True, path_type=Path), help="Ne signaler que les remarques absentes de cette base de référence.")
@click.option("--write-baseline", "baseline_out", type=click.Path(dir_okay=False, path_type=Path), help="Enregistrer les remarques actuelles comme base de référence.")
@click.option("--stdin-filename", default="<stdin>", help="Nom du texte lu sur l'entrée standard (« - »).")
@click.option("--color/--no-color", default=None, help="Couleurs (par défaut : seulement sur un terminal).")
@click.option("--profile", type=click.Choice(KINDS), help="Type de collectivité imposé (sinon « profile: » de la configuration, ou détecté dans le texte).")
@click.option("--cache/--no-cache", default=False, show_default=True, help="Garder les résultats par contenu : un fichier inchangé, avec la même configuration, n'est pas relu.")
@click.option("--allow-plugins", is_flag=True, help="Charger les extensions (plugins:) d'une configuration trouvée en remontant les dossiers.")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="OCR des pages numérisées d'un PDF : auto (pages sans texte), always, never.")
@click.option("--session/--no-session", default=None, help="Vérifier ensemble les actes d'une même séance, d'un fichier à l'autre (par défaut : oui pour un dossier ou plusieurs fichiers).")
def check(paths: tuple[str, ...], fmt: str, output: Path | None, config: Path | None, select: str | None, ignore: str | None, fail_on: str, jobs: int | None, baseline: Path | None, baseline_out: Path | None, stdin_filename: str, color: bool | None, profile: str | None, cache: bool, allow_plugins: bool, ocr: str, session: bool | None) -> None:
    """Vérifier des délibérations (fichiers, répertoires, ou « - » pour l'entrée standard)."""
    packs = {r.pack for r in _rules().values() if r.pack}
    for name in (*_names(select), *_names(ignore)):
        if name not in _rules() and name not in packs:
            _usage_error(f"règle inconnue « {name} » (voir « delib rules »)")
    started = time.perf_counter()
    if session is None:
        # One document is checked alone, as in the editor; a folder or several files are a run of séances.
        session = len(paths) > 1 or any(p != "-" and Path(p).is_dir() for p in paths)
    options = Options(config, _names(select), _names(ignore), stdin_filename, jobs or cpu_count(), profile=profile, cache=cache, allow_plugins=allow_plugins, ocr=ocr, session=session)
    colour = sys.stdout.isatty() if color is None else color
    if fmt == "text" and output is None and baseline is None and baseline_out is None:
        # Printed file by file as results arrive: memory stays flat however many files are checked.
        sys.exit(_stream_text(paths, options, colour, FAIL_LEVELS[fail_on], started))
    try:
        with FileBar(len(paths)) as tick:
            reports = check_paths(paths, options, tick, PageBars.on_terminal())
        if baseline is not None:
            from .report.baseline import only_new, read_baseline

            reports = only_new(reports, read_baseline(baseline), baseline)
    except (ConfigError, RegistryError) as exc:
        _usage_error(str(exc))
        return
    for target, flag in ((output, "--output"), (baseline_out, "--write-baseline")):
        if target is not None:
            _refuse_to_overwrite(target, flag, reports, paths, config)
    if baseline_out is not None:
        from .report.baseline import write_baseline

        count = _written(baseline_out, lambda: write_baseline(reports, baseline_out))
        click.echo(f"base de référence écrite : {printable(str(baseline_out))} ({count} remarque{'s' if count > 1 else ''})", err=True)
    if not reports:
        _nothing_found(paths)
    rules = _rules(load_config(config, collect(), trusted=True) if config else None)
    ctx = FormatContext(rules, FAIL_LEVELS[fail_on], colour, time.perf_counter() - started)
    rendered = formatters()[fmt](reports, ctx)
    if output is not None:
        _written(output, lambda: output.write_text(rendered, encoding="utf-8", errors="surrogateescape"))
        click.echo(formatters()["text"](reports, ctx), nl=False, color=colour)
    else:
        # color: click strips ANSI codes from a pipe, and so --color's own; the formatters have
        # already escaped every control of the data, so only ours are left (audit O9).
        click.echo(rendered, nl=False, color=colour)
    sys.exit(_exit_code(reports, FAIL_LEVELS[fail_on]))


def _stream_text(paths: tuple[str, ...], options: Options, colour: bool, threshold: Severity | None, started: float) -> int:
    """`check` in the text format, each file's findings printed as soon as they are known."""
    out = TextStream(lambda text: click.echo(text, nl=False, color=colour), colour)
    waiver_use = []  # what the stale-waiver report needs, without texts or findings
    try:
        # On a terminal the findings scrolling by are the progress; a bar would interleave with them.
        with FileBar(0 if sys.stdout.isatty() else len(paths)) as tick:
            for item in iter_checked(paths, options, tick, PageBars.on_terminal()):
                out.add(item.report)
                if item.config or item.acts:
                    waiver_use.append(replace(item, report=FileReport(item.report.path)))
        if options.session:
            # The séance findings come once every file is read, under the files they lie in.
            from .report.sessions import session_reports

            for more in session_reports(waiver_use, options):
                out.add(more.report, again=True)
                waiver_use.append(replace(more, report=FileReport(more.report.path)))
        for report in config_reports(waiver_use, options):
            out.add(report)
    except (ConfigError, RegistryError) as exc:
        _usage_error(str(exc))
    out.close(time.perf_counter() - started)
    if out.files == 0:
        _nothing_found(paths)
    return _code(out.failed > 0, out.worst, threshold)


def _nothing_found(paths: tuple[str, ...]) -> None:
    # A CI job whose path points at the wrong folder would otherwise pass in silence.
    formats = ", ".join(suffixes())
    click.echo(f"delib : attention : aucun fichier à vérifier dans {printable(', '.join(paths))} (fichiers lus : {formats})", err=True)


def _exit_code(reports: list[FileReport], threshold: Severity | None) -> int:
    worst = max((d.severity.rank for r in reports for d in r.diagnostics), default=0)
    return _code(any(r.error is not None for r in reports), worst, threshold)


def _code(failed: bool, worst: int, threshold: Severity | None) -> int:
    if failed:
        return 2
    return 1 if threshold is not None and worst >= threshold.rank else 0


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "scdl"]), default="json", show_default=True, help="json : le modèle ; jsonl : un fichier par ligne ; scdl : la table open data (CSV).")
@click.option("--collectivite", help="SCDL : nom de la collectivité (COLL_NOM).")
@click.option("--siret", help="SCDL : SIRET de la collectivité, 14 chiffres (COLL_SIRET).")
@click.option("--matieres", type=click.Path(dir_okay=False, path_type=Path), help="SCDL : correspondance YAML mots-clés -> matières @ctes.")
@click.option("--validate", is_flag=True, help="SCDL : valider la table avec son schéma (code 1 si elle s'en écarte).")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), help="Fichier de configuration (sinon .delib.yaml trouvé en remontant).")
@click.option("--text", "as_text", is_flag=True, help="Afficher le texte vérifié (celui extrait d'un PDF, d'un .docx, d'un .doc ou d'un .odt, ou lu par OCR).")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="OCR des pages numérisées d'un PDF : auto (pages sans texte), always, never.")
def extract(paths: tuple[str, ...], fmt: str, collectivite: str | None, siret: str | None, matieres: Path | None, validate: bool, config: Path | None, as_text: bool, ocr: str) -> None:
    """Extraire la structure des délibérations (JSON) ou leur table open data SCDL (CSV)."""
    reading = ReadOptions(ocr, cpu_count(), PageBars.on_terminal())
    if as_text:
        _print_text(paths, reading)
        return
    from .report.export import file_dict, render
    from .report.scdl import Resolver, Table
    from .report.scdl_validation import ValidationUnavailable, require_frictionless

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
    for raw in expand(paths, Options(config)):
        try:
            document = read_bytes(sys.stdin.buffer.read(), "<stdin>", reading) if raw == "-" else read_document(Path(raw), reading)
            model = build_file_model(document)
            if resolver is None:
                files.append(file_dict(document, model))
                continue
            for warning in table.add(document.path, model, resolver.settings(None if raw == "-" else Path(raw))):
                click.echo(printable(f"{document.path} : avertissement : {warning}"), err=True)
        except InputError as exc:
            click.echo(printable(f"delib : {raw} : {exc}"), err=True)
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
    from .report.scdl_validation import validate as validate_table

    violations = validate_table(table)
    for violation in violations:
        click.echo(printable(str(violation)), err=True)
    rows = len(table.rows)
    if violations:
        click.echo(f"validation SCDL : {len(violations)} écart(s) au schéma dans une table de {rows} ligne(s)", err=True)
    else:
        click.echo(f"validation SCDL : {rows} ligne(s) conforme(s) au schéma", err=True)
    return bool(violations)


def _print_text(paths: tuple[str, ...], reading: ReadOptions) -> None:
    """Exactly the text whose lines and columns the diagnostics give."""
    for raw in paths:
        try:
            document = read_bytes(sys.stdin.buffer.read(), "<stdin>", reading) if raw == "-" else read_document(Path(raw), reading)
        except InputError as exc:
            _usage_error(f"{raw} : {exc}")
            return
        click.echo(document.text, nl=not document.text.endswith("\n"))


@main.command(name="rules")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), help="Inclure les règles locales de cette configuration.")
@click.option("--allow-plugins", is_flag=True, help="Charger les extensions (plugins:) d'une configuration trouvée en remontant les dossiers.")
def list_rules(config: Path | None, allow_plugins: bool) -> None:
    """Lister les règles, leur niveau par défaut et leur objet."""
    try:
        cfg = load_config(config or find_config(Path.cwd()), collect(), trusted=config is not None or allow_plugins)
        for name in cfg.blocked_plugins:
            click.echo(f"delib : extension « {name} » de {cfg.source} non chargée (configuration trouvée en remontant ; --config ou --allow-plugins)", err=True)
    except ConfigError as exc:
        _usage_error(str(exc))
        return
    for name, rule in sorted(_rules(cfg).items()):
        pack = f" (paquet « {rule.pack} », désactivé par défaut)" if rule.pack else ""
        pack += " (sur la séance entière)" if rule.scope == "session" else ""
        click.echo(f"{name:<28} {rule.severity.value:<8} {rule.summary()}{pack}")


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Afficher la documentation d'une règle (objet, base légale, exemples)."""
    rules = _rules()
    if rule not in rules:
        _usage_error(f"règle inconnue « {rule} » (voir « delib rules »)")
    from .report.explain import explanation

    click.echo(explanation(rules[rule]))


@main.command()
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535), help="Port d'écoute.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Adresse d'écoute (une autre que 127.0.0.1 sert l'intranet : docs/web.md).")
@click.option("--open", "open_browser", is_flag=True, help="Ouvrir la page dans le navigateur.")
@click.option("--origin", "origins", multiple=True, help="Adresse de la page derrière un mandataire inverse (https://delib.mairie.fr), acceptée en plus de la sienne.")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="OCR des pages scannées.")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
def serve(port: int, host: str, open_browser: bool, origins: tuple[str, ...], ocr: str, folder: Path | None) -> None:
    """Page web locale : déposer ou saisir un acte et voir ses problèmes (FOLDER : dossier dont le .delib.yaml s'applique)."""
    try:
        from .web.serve import serve as run
    except ImportError as exc:
        _usage_error(f"la page web demande l'option « web » : pip install 'delib-validator[web]' (module manquant : {exc.name})")
        return
    try:
        run(host, port, folder, ocr, open_browser, origins)
    except OSError as exc:
        _usage_error(f"impossible d'écouter sur {host}:{port} ({exc.strerror or exc}) : port déjà pris ? essayez --port")


@main.command(name="config")
@click.option("--show", is_flag=True, required=True, help="Afficher la configuration fusionnée (profils et fichiers étendus compris).")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), help="Fichier de configuration (sinon .delib.yaml trouvé en remontant).")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def show_config(show: bool, config: Path | None, path: Path | None) -> None:
    """Afficher la configuration qui s'applique (à un fichier, ou au répertoire courant)."""
    source = config or find_config(path or Path.cwd())
    try:
        load_config(source, collect())  # validate, with the errors of a real run
        raw = load_raw(source, None) if source else {}
    except ConfigError as exc:
        _usage_error(str(exc))
        return
    import yaml

    click.echo(f"# configuration : {source or 'aucune (valeurs par défaut)'}")
    if source is not None:
        from .config import merged_files, shadowed_configs

        for name in merged_files(source):
            click.echo(f"#   fusionne : {name}")
        for above in shadowed_configs(source):
            # The nearest file replaces those above it, whole: say so, it is how a sub-folder drops rules.
            click.echo(f"#   remplace : {above} (non lu ; « extends: » pour en hériter)")
    click.echo(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, default_flow_style=False) if raw else "{}", nl=False)


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
