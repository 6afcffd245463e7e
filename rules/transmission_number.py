"""Rule transmission-number: the act's number as the transmission platforms accept it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.diagnostics import Edit, Fix, Remedy, RemedyKind, Severity
from validator.model import Deliberation, platform_number
from validator.rule import Context, Finding, Rule

# S²LOW (ActesTransaction::NUMBER_REGEXP) and Pastell (actes-generique, numero_de_lacte).
_PLATFORMS = re.compile(r"(?:[A-Z0-9][A-Z0-9_]{0,13})?[A-Z0-9]")
MAX_LENGTH = 15


class TransmissionNumber(Rule):
    """Le numéro de l'acte est un numéro que les plateformes de transmission acceptent.

    Paquet `transmission` (désactivé par défaut ; `extends: actes` ou `--select transmission`).
    S²LOW et Pastell, par lesquels passent la plupart des actes envoyés au contrôle de légalité
    (@ctes), refusent un numéro de plus de 15 caractères, ou qui contient autre chose que des
    chiffres, des lettres majuscules sans accent et le tiret bas `_` (ni au début ni à la fin pour
    S²LOW). La règle dit ce qu'il faut écrire : « 2023-041 » devient « 2023_041 », « DE 2016/21 »
    devient « DE_2016_21 » ; le même numéro doit alors figurer sur l'acte, pour que l'identifiant
    @ctes et l'acte s'accordent (règle `transmission-stamp`). Un acte qui porte déjà un
    identifiant @ctes a été transmis : son numéro n'est pas repris ici.

    `warning` : l'acte n'est pas irrégulier, mais son envoi sera refusé tel quel ; le schéma @ctes
    lui-même admet aussi minuscules, tiret et espace, que d'autres plateformes (FAST) transmettent.

    Base légale et technique : CGCT, art. L2131-1 et R2131-1 et suivants (transmission par voie
    électronique) ; S²LOW, classe `ActesTransaction` (numéro : 15 caractères au plus, expression
    `^([A-Z0-9][A-Z0-9_]{0,13})?[A-Z0-9]$`, « ne peut contenir que des chiffres, des lettres en
    majuscules et _ » ; le schéma @ctes, plus large, y est cité) ; Pastell, type de dossier
    `actes-generique` (`numero_de_lacte` : `^[0-9A-Z_]{1,15}$`).

    Exemple conforme ::

        DÉLIBÉRATION N° 2023_041
        Séance du conseil municipal du 12 mai 2023
        Vu le Code général des collectivités territoriales ;
        DÉCIDE
        Article 1 : Le tarif est fixé à 3 €.

    Exemple non conforme ::

        DÉLIBÉRATION N° 2023-041
        Séance du conseil municipal du 12 mai 2023
        Vu le Code général des collectivités territoriales ;
        DÉCIDE
        Article 1 : Le tarif est fixé à 3 €.
    """

    name = "transmission-number"
    pack = "transmission"
    severity = Severity.WARNING
    cases = {"characters": Severity.WARNING, "too-long": Severity.WARNING}
    remedies = {
        None: Remedy(RemedyKind.TRANSCRIPTION, "Écrire le numéro sous la forme que les plateformes acceptent (au plus 15 caractères parmi A-Z, 0-9 et _) dans le registre et à la transmission, sans nouveau vote."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        if not delib.references or (delib.transmission is not None and delib.transmission.acte_id):
            return
        ref = delib.references[0]
        number = ref.text
        if _PLATFORMS.fullmatch(number):
            return
        written = platform_number(number)
        if len(written) > MAX_LENGTH or not written:
            yield Finding(
                ref.span,
                f"numéro « {number} » trop long pour S²LOW et Pastell ({len(written)} caractères une fois écrit « {written} ») :"
                f" choisir un numéro de {MAX_LENGTH} caractères au plus (chiffres, majuscules, _)",
                "too-long",
            )
            return
        yield Finding(
            ref.span,
            f"numéro « {number} » refusé par S²LOW et Pastell (chiffres, majuscules sans accent et _ seulement) : écrire « {written} »",
            "characters",
            Fix(f"Écrire « {written} »", (Edit(ref.span.start, ref.span.end, written),)),
        )
