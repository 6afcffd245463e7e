"""The SCDL "Délibérations" open-data table, filled from the model (`delib extract --format scdl`).

One row per deliberation, in the column order of `schemas/scdl-deliberations.json`. Nothing is
invented: what the text does not state and the user did not supply stays empty, and a required
column left empty gives one warning per file (`--validate` then reports it). The choices made for
values the text states only indirectly are listed in docs/scdl.md.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..check.registry import collect
from ..config import Config, ConfigError, find_config, load_config
from ..config.configbase import check_keys
from ..model import Deliberation, FileModel, Transmission
from .matieres import Matieres, default_matieres, load_matieres, matiere_nom

SCHEMA_FILE = "scdl-deliberations.json"
# The columns of free text, from the act or the user: the only ones a spreadsheet formula can come
# through. The others are dates, integers, codes and patterns the schema checks, and a SIRET.
TEXT_COLUMNS = ("COLL_NOM", "DELIB_ID", "DELIB_MATIERE_NOM", "DELIB_OBJET", "BUDGET_NOM")
# What makes a spreadsheet read a cell as a formula (OWASP "CSV Injection"; ASVS 1.2.10 adds NUL).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
# The `scdl:` section of .delib.yaml.
CONFIG_KEYS = ("collectivite", "siret", "matieres")

Row = dict[str, str]


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The bundled Table Schema (a frictionless descriptor)."""
    data: dict[str, Any] = json.loads((resources.files("validator.report") / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8"))
    return data


FIELDS: tuple[str, ...] = tuple(f["name"] for f in schema()["fields"])
REQUIRED: tuple[str, ...] = tuple(f["name"] for f in schema()["fields"] if f.get("constraints", {}).get("required"))


@dataclass(frozen=True)
class Settings:
    """What the text does not state: the collectivité and the keyword mapping of matières."""

    collectivite: str | None = None
    siret: str | None = None
    matieres: Matieres = field(default_factory=default_matieres)


def normalise_siret(value: Any, where: str) -> str:
    """Accept "213 401 722 00017" or an integer; raise ConfigError unless 14 digits remain."""
    text = re.sub(r"[\s.\u00a0]", "", str(value)) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if not re.fullmatch(r"\d{14}", text):
        raise ConfigError(f"{where} : SIRET « {value} » invalide : 14 chiffres attendus (SIREN 9 + NIC 5)")
    return text


class Resolver:
    """Settings per file: command-line values over the `scdl:` section of the file's configuration."""

    def __init__(self, collectivite: str | None, siret: str | None, matieres: Path | None, config: Path | None) -> None:
        self.collectivite = collectivite.strip() if collectivite and collectivite.strip() else None
        self.siret = normalise_siret(siret, "--siret") if siret is not None else None
        self.matieres = load_matieres(matieres) if matieres is not None else None
        self.config = config
        self._cache: dict[str | None, Settings] = {}

    def settings(self, path: Path | None) -> Settings:
        config_path = self.config or find_config(path if path is not None else Path.cwd())
        key = str(config_path) if config_path else None
        if key not in self._cache:
            own = _from_config(load_config(config_path, collect())) if config_path else {}
            self._cache[key] = Settings(
                self.collectivite or own.get("collectivite"),
                self.siret or own.get("siret"),
                self.matieres or own.get("matieres") or default_matieres(),
            )
        return self._cache[key]


def _from_config(config: Config) -> dict[str, Any]:
    """Read and check the `scdl:` section of a configuration (collectivite, siret, matieres)."""
    section = config.raw.get("scdl")
    source = config.source or "<configuration>"
    where = f"{source} : scdl"
    if section is None:
        return {}
    if not isinstance(section, Mapping):
        raise ConfigError(f"{where} : attendu une table ({', '.join(CONFIG_KEYS)})")
    check_keys(section, CONFIG_KEYS, source, "scdl.")
    out: dict[str, Any] = {}
    for key, value in section.items():
        if key == "collectivite":
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{where}.collectivite : attendu le nom de la collectivité")
            out[key] = value.strip()
        elif key == "siret":
            out[key] = normalise_siret(value, f"{where}.siret")
        elif isinstance(value, str):
            base = config.base_dir or Path.cwd()
            out[key] = load_matieres(base / value)
        else:
            out[key] = Matieres.from_mapping(value, f"{where}.matieres")
    return out


# ---------------------------------------------------------------------------------------------
# Model -> row


def deliberation_row(d: Deliberation, settings: Settings) -> Row:
    """The SCDL row of one deliberation; every value a string, "" when unknown."""
    code = settings.matieres.classify(d.title)
    t = d.transmission
    row = dict.fromkeys(FIELDS, "")
    row.update(
        COLL_NOM=settings.collectivite or "",
        COLL_SIRET=settings.siret or "",
        DELIB_ID=d.number or "",
        DELIB_DATE=d.session.date.isoformat() if d.session.date else "",
        DELIB_MATIERE_CODE=code or "",
        DELIB_MATIERE_NOM=matiere_nom(code) if code else "",
        DELIB_OBJET=clean_text(d.title),
        PREF_ID=pref_id(t),
        PREF_DATE=t.received.date.isoformat() if t and t.received else "",
    )
    row.update({k: "" if v is None else str(v) for k, v in vote_figures(d).items()})
    return row


def clean_text(text: str | None) -> str:
    """One line of text: whitespace collapsed, symbol-font bullets (private use) and controls dropped."""
    if not text:
        return ""
    kept = "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) not in ("Co", "Cc"))
    return " ".join(kept.split())


def pref_id(t: Transmission | None) -> str:
    """PREFNNN from the département at the head of the @ctes id ("034" -> "PREF034", "02A" -> "PREF02A").

    The id does not say whether a sous-préfecture (SPREFNNNM) received the act: the préfecture of
    the département is what @ctes routes it to by default.
    """
    dept = t.department if t else None
    if dept and re.fullmatch(r"\d{3}", dept):
        return f"PREF{dept}"
    if dept and re.fullmatch(r"0?2[AB]", dept, re.IGNORECASE):
        return f"PREF02{dept[-1].upper()}"
    return ""


def vote_figures(d: Deliberation) -> dict[str, int | None]:
    """VOTE_EFFECTIF, VOTE_REEL, VOTE_POUR, VOTE_CONTRE, VOTE_ABSTENTION as far as the text states them.

    "À l'unanimité": nobody voted against (CONTRE 0). Without figures, POUR is the number of voters
    less the abstentions stated (none when none is stated), and only when that number is known;
    otherwise POUR stays empty. Other figures are never derived from one another (blank ballots).
    """
    vote = d.vote
    in_office = d.attendance.count("in_office") if d.attendance else None
    voters = voting(d)
    pour, contre, abstention = (vote.for_, vote.against, vote.abstention) if vote else (None, None, None)
    if vote is not None and vote.unanimous and not contre:
        contre = 0
        if voters is not None and pour is None:
            abstention = abstention or 0
            pour = voters - abstention if voters >= abstention else None
        elif voters is not None and pour == voters and abstention is None:
            abstention = 0
    return {
        "VOTE_EFFECTIF": in_office.value if in_office else None,
        "VOTE_REEL": voters,
        "VOTE_POUR": pour,
        "VOTE_CONTRE": contre,
        "VOTE_ABSTENTION": abstention,
    }


def voting(d: Deliberation) -> int | None:
    """Votants: stated with the vote, else the attendance's (stated, or présents + représentés,
    less the members who do not take part)."""
    vote, att = d.vote, d.attendance
    if vote is not None and vote.voting is not None:
        return vote.voting
    if att is None:
        return None
    tally = att.tally()
    if tally.voting.value is None:
        return None
    if tally.voting.declared and att.count("voting") is not None:
        return tally.voting.value
    not_voting = vote.not_voting if vote is not None and vote.not_voting else 0
    total = tally.voting.value - not_voting
    return total if total >= 0 else None


# ---------------------------------------------------------------------------------------------
# Files -> table


@dataclass
class Table:
    """The rows of a run, with where each comes from (path, DELIB_ID) for messages."""

    rows: list[Row] = field(default_factory=list)
    origins: list[tuple[str, str]] = field(default_factory=list)

    def add(self, path: str, model: FileModel, settings: Settings) -> list[str]:
        """Add the rows of one file; return its warnings (French, without the path)."""
        # A text that does not read as a deliberation at all has no act to publish.
        acts = () if any(issue.fatal for issue in model.structure) else model.deliberations
        rows = [deliberation_row(d, settings) for d in acts]
        self.rows.extend(rows)
        self.origins.extend((path, r["DELIB_ID"]) for r in rows)
        if not rows:
            return ["aucune délibération reconnue : aucune ligne SCDL pour ce fichier"]
        warnings = []
        missing = _missing(rows, settings, model)
        if missing:
            warnings.append("champs SCDL obligatoires laissés vides : " + " ; ".join(missing))
        warnings.extend(_siren_mismatch(settings, model))
        return warnings

    def csv(self) -> str:
        """UTF-8 text (no BOM), comma-separated, header first, "\\n" line ends; text cells safe to
        open in a spreadsheet (`neutralise`)."""
        out = io.StringIO()
        writer = csv.DictWriter(out, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({**row, **{name: neutralise(row[name]) for name in TEXT_COLUMNS}} for row in self.rows)
        return out.getvalue()


def neutralise(value: str) -> str:
    """A text cell a spreadsheet will not run: an apostrophe before a leading "=", "+", "-", "@", tab,
    carriage return or NUL, the OWASP treatment, which spreadsheets read as "this is text" (audit O6).
    The table's rows keep the value as the act states it; only the CSV carries the apostrophe."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _missing(rows: list[Row], settings: Settings, model: FileModel) -> list[str]:
    siren = next((t.acte_id.split("-")[1] for d in model.deliberations if (t := d.transmission) and t.acte_id), None)
    hints = {
        "COLL_NOM": "à fournir par --collectivite ou la clé scdl.collectivite de .delib.yaml",
        "COLL_SIRET": "à fournir par --siret ou la clé scdl.siret"
        + (f" ; l'accusé @ctes donne le SIREN {siren}, pas le NIC" if siren else ""),
        "DELIB_MATIERE_CODE": f"aucun mot-clé de la {settings.matieres.source} dans l'objet ; voir --matieres",
    }
    out = []
    for name in REQUIRED:
        if name == "DELIB_MATIERE_NOM":
            continue  # empty exactly when the code is: reported with it
        empty = sum(1 for r in rows if not r[name])
        if not empty:
            continue
        label = "DELIB_MATIERE_CODE et DELIB_MATIERE_NOM" if name == "DELIB_MATIERE_CODE" else name
        hint = hints.get(name, "non trouvé dans le texte")
        scope = f", {empty} délibération(s) sur {len(rows)}" if empty < len(rows) else ""
        out.append(f"{label} ({hint}{scope})")
    return out


def _siren_mismatch(settings: Settings, model: FileModel) -> list[str]:
    if not settings.siret:
        return []
    for d in model.deliberations:
        t = d.transmission
        if t and t.acte_id and len(parts := t.acte_id.split("-")) > 1 and re.fullmatch(r"\d{9}", parts[1]):
            if parts[1] != settings.siret[:9]:
                return [f"le SIRET {settings.siret} ne commence pas par le SIREN {parts[1]} de l'accusé @ctes {t.acte_id}"]
    return []
