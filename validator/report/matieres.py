"""The @ctes nomenclature of matières (level 2) and the keyword mapping from a title to a matière.

The SCDL export needs DELIB_MATIERE_CODE and DELIB_MATIERE_NOM, which a deliberation almost never
states. They come from a mapping of title keywords to codes: a small default one, or the
collectivité's own (`--matieres FILE` or `scdl.matieres` in `.delib.yaml`):

    "7.5": [subvention]
    "5.3": [désignation des représentants, désignation d'un délégué]

Entries are tried in order and the first whose keyword occurs in the title wins; no match leaves
the matière empty (the export then warns). Keywords match whole words, accents, case and a final
plural s or x ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config.configbase import ConfigError, parse_yaml, read_small
from ..names import fold
from ..ruledata import load

# Level-1 and level-2 labels, shipped with the rules (rules/data/actes.yaml, from domain-rules §8.2).
# Written labels keep their capitals; the SCDL name is derived from them by `matiere_nom`.
THEMES: dict[str, str] = dict(load("actes.yaml")["themes"])
NOMENCLATURE: dict[str, str] = dict(load("actes.yaml")["matieres"])

# The default mapping: only keywords that name one matière without doubt in a title, the more
# specific first ("subvention ... convention" is a subsidy, a bare "convention" a contract).
DEFAULT_MAPPING: dict[str, list[str]] = {
    "7.5": ["subvention"],
    "7.1": ["budget primitif", "budget supplémentaire", "décision modificative", "compte administratif", "compte de gestion", "compte financier unique", "affectation du résultat"],
    "7.2": ["taux d'imposition", "taux des taxes", "fiscalité"],
    "7.3": ["emprunt"],
    "4.5": ["régime indemnitaire", "RIFSEEP"],
    "4.1": ["tableau des effectifs"],
    "5.3": ["désignation des représentants", "désignation d'un représentant", "désignation du représentant", "désignation des délégués", "désignation d'un délégué"],
    "5.5": ["délégation de signature"],
    "5.4": ["délégation d'attributions", "délégation de fonctions"],
    "5.8": ["ester en justice", "action en justice"],
    "1.2": ["délégation de service public"],
    "1.1": ["marché public", "appel d'offres", "accord-cadre"],
    "2.3": ["droit de préemption"],
    "2.1": ["plan local d'urbanisme", "PLU", "PLUi", "carte communale", "schéma de cohérence territoriale"],
    "3.2": ["cession de terrain", "cession d'un terrain", "cession de parcelle", "cession d'une parcelle", "aliénation"],
    "3.1": ["acquisition foncière"],
    "8.3": ["voirie"],
    "9.4": ["vœu", "motion"],
    "1.3": ["convention de mandat"],
    "1.4": ["convention", "avenant"],
}


def matiere_nom(code: str) -> str:
    """The SCDL DELIB_MATIERE_NOM of a code: "7.5" -> "finances locales/subventions".

    Lowercase with accents, no commas or parentheses, "/" only between the two levels.
    """
    parts = []
    for label in (THEMES[code.split(".")[0]], NOMENCLATURE[code]):
        label = re.sub(r"\s*\([^)]*\)", "", label).replace(",", "")
        parts.append(re.sub(r"\s*/\s*", "-", label).lower())
    return "/".join(parts)


def _words(text: str) -> tuple[str, ...]:
    folded = fold(text).replace("œ", "oe").replace("æ", "ae")
    return tuple(w[:-1] if len(w) > 3 and w[-1] in "sx" else w for w in re.findall(r"[a-z0-9]+", folded))


@dataclass(frozen=True)
class Matieres:
    """An ordered mapping of keywords to @ctes codes; `source` says where it comes from."""

    entries: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    source: str = "correspondance par défaut"

    @classmethod
    def from_mapping(cls, data: Any, where: str) -> Matieres:
        """Check a mapping code -> keyword(s); raise ConfigError with a French message naming `where`."""
        if data is None:
            data = {}
        if not isinstance(data, Mapping):
            raise ConfigError(f"{where} : attendu une table code de matière -> mots-clés (« \"7.5\": [subvention] »)")
        entries = []
        for code, keywords in data.items():
            if not isinstance(code, str):
                raise ConfigError(f"{where} : le code {code!r} doit être écrit entre guillemets (« \"7.10\" » se lirait 7.1)")
            if code not in NOMENCLATURE:
                raise ConfigError(f"{where} : code de matière inconnu « {code} » (codes @ctes de niveau 2, de 1.1 à 9.4)")
            keywords = [keywords] if isinstance(keywords, str) else keywords
            if not isinstance(keywords, list) or not all(isinstance(k, str) and _words(k) for k in keywords):
                raise ConfigError(f"{where} : « {code} » attend un mot-clé ou une liste de mots-clés")
            entries.append((code, tuple(_words(k) for k in keywords)))
        return cls(tuple(entries), where)

    def classify(self, title: str | None) -> str | None:
        """The code of the first entry with a keyword in `title`, or None."""
        if not title:
            return None
        words = _words(title)
        for code, keywords in self.entries:
            if any(_contains(words, k) for k in keywords):
                return code
        return None


def _contains(words: tuple[str, ...], keyword: tuple[str, ...]) -> bool:
    n = len(keyword)
    return any(words[i : i + n] == keyword for i in range(len(words) - n + 1))


def default_matieres() -> Matieres:
    return Matieres.from_mapping(DEFAULT_MAPPING, "correspondance par défaut")


def load_matieres(path: Path) -> Matieres:
    """Read a YAML mapping file; raise ConfigError with a French message when it cannot be used."""
    text = read_small(path, "correspondance des matières")
    data: Any
    try:
        data = parse_yaml(text, str(path))
    except ConfigError as exc:
        if "YAML invalide" in str(exc):
            raise
        # parse_yaml's word for a YAML that is not a mapping names the configuration's keys:
        # let from_mapping say what a mapping of matières looks like instead.
        data = []
    return Matieres.from_mapping(data, str(path))
