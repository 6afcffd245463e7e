"""Rule transmission-stamp: the @ctes id agrees with the act (SIREN, département, date, number, nature)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.french import format_date
from validator.model import Deliberation, Transmission, platform_number
from validator.rule import Context, Finding, Rule

_DEPARTMENT = re.compile(r"0(?:[0-9][0-9]|2[AB])|97[1-6]|98[78]")


def luhn(digits: str) -> bool:
    """The check of a SIREN: the Luhn sum of its nine figures is a multiple of 10."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        n = int(c) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def siren_department(siren: str) -> str | None:
    """The département a commune's (21...) or a département's (22...) SIREN carries, as @ctes writes it."""
    if siren[:2] not in ("21", "22"):
        return None  # EPCI, syndicats, régions: SIRENs of their own series
    if siren[2:4] == "97":
        return siren[2:5]
    return "02A/02B" if siren[2:4] == "20" else "0" + siren[2:4]


class TransmissionStamp(Rule):
    """L'identifiant @ctes de l'acte s'accorde avec l'acte : collectivité, date, numéro, nature.

    Paquet `transmission` (désactivé par défaut ; `extends: actes` ou `--select transmission`).
    L'identifiant que porte le tampon ou l'accusé de réception
    (« 034-213401722-20140522-0000072058-DE ») s'écrit département - SIREN - date de la décision
    (aaaammjj) - numéro de l'acte - nature. La règle vérifie :

    - le SIREN (clé de contrôle de Luhn) et, pour une commune ou un département, le département
      qu'il porte (« 21 34 0 172 2 » : Hérault, 034) ; avec l'option `siren`, qu'il est celui de la
      collectivité ;
    - la date : celle de la séance, que les plateformes appellent date de la décision (une date
      antérieure à la séance relève de la règle `executoire-dates`) ;
    - la nature : DE (délibérations) ou BF (documents budgétaires et financiers) pour un acte voté ;
    - le numéro : celui de l'acte, tel que les plateformes l'écrivent (« 2023/009 » et « 2023009 »,
      « 2023-041 » et « 2023_041 » s'accordent) ; beaucoup de logiciels transmettent un numéro
      interne qui n'est pas celui de l'acte : c'est une `info`.

    Un SIREN invalide ou un département qui ne s'accorde pas sont des `warning` : l'identifiant
    enregistré en préfecture ne décrit pas l'acte (erreur de saisie à la transmission, chiffre mal
    lu d'un tampon numérisé). Une date ou une nature qui diffèrent sont des `info` : la date de
    séance lue dans un procès-verbal peut être celle d'une autre séance qu'il cite, et certains
    actes votés se transmettent sous une autre nature.

    Base légale et technique : CGCT, art. L2131-1, L2131-2 et R2131-1 et suivants ; S²LOW,
    `ActesTransaction::getStdFileName` (département, SIREN, date de la décision `Ymd`, numéro
    interne, code de nature) et sa table `actes_natures` (1 DE, 2 AR, 3 AI, 4 CC, 5 BF, 6 AU) ;
    répertoire SIRENE (clé de Luhn du SIREN).

    Exemple conforme ::

        DÉLIBÉRATION N° 2014_209
        Séance du conseil municipal du 22 mai 2014
        Le Conseil adopte.
        Accusé de réception – Ministère de l'intérieur
        034-213401722-20140522-2014_209-DE

    Exemple non conforme ::

        DÉLIBÉRATION N° 2014_209
        Séance du conseil municipal du 22 mai 2014
        Le Conseil adopte.
        Accusé de réception – Ministère de l'intérieur
        034-213401723-20140526-2014_209-AR
    """

    name = "transmission-stamp"
    pack = "transmission"
    severity = Severity.WARNING
    cases = {
        "siren": Severity.WARNING,
        "department": Severity.WARNING,
        "date": Severity.INFO,
        "nature": Severity.INFO,
        "number": Severity.INFO,
    }
    remedies = {
        None: Remedy(RemedyKind.TRANSCRIPTION, "Vérifier l'accusé de réception : un acte transmis sous un autre identifiant que celui de la collectivité doit être transmis de nouveau depuis son propre compte."),
    }
    options = {"siren": ""}

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        t = delib.transmission
        if t is None or not t.acte_id:
            return
        yield from _body(t, str(ctx.options.get("siren") or ""))
        session, act_date, where = delib.session, t.act_date, t.act_date_span
        if session.date is not None and not session.date_guessed and act_date is not None and where is not None and act_date > session.date:
            yield Finding(
                where,
                f"l'identifiant @ctes date la décision du {format_date(act_date)}, la séance est du {format_date(session.date)} :"
                " la date de l'acte transmise est celle de la séance",
                "date",
            )
        nature = t.nature
        if nature is not None and delib.vote is not None and nature[0] not in ("DE", "BF"):
            yield Finding(nature[1], f"nature « {nature[0]} » dans l'identifiant @ctes : une délibération se transmet en nature DE (1, délibérations)", "nature")
        number = t.number
        if number is not None and delib.number is not None and _plain(number[0]) != _plain(delib.number):
            yield Finding(
                number[1],
                f"numéro « {number[0]} » dans l'identifiant @ctes, l'acte porte le numéro « {delib.number} » (« {platform_number(delib.number)} »)",
                "number",
            )


def _body(t: Transmission, configured: str) -> Iterator[Finding]:
    """The SIREN and the département of the id."""
    siren, department = t.siren, t.department_field
    if siren is None or department is None:
        return
    if configured and siren[0] != configured:
        yield Finding(siren[1], f"SIREN {siren[0]} dans l'identifiant @ctes, celui de la collectivité est {configured} (option « siren »)", "siren")
    elif not luhn(siren[0]):
        yield Finding(siren[1], f"SIREN {siren[0]} invalide (clé de contrôle) dans l'identifiant @ctes", "siren")
        return
    expected = siren_department(siren[0])
    if not _DEPARTMENT.fullmatch(department[0]):
        yield Finding(department[1], f"département « {department[0]} » inconnu dans l'identifiant @ctes (trois caractères : 034, 02A, 971)", "department")
    elif expected is not None and department[0] not in expected.split("/"):
        yield Finding(department[1], f"département {department[0]} dans l'identifiant @ctes, le SIREN {siren[0]} est d'une collectivité du {expected}", "department")


def _plain(number: str) -> str:
    """A number reduced to its letters and figures, leading zeros dropped ("2023/009" -> "2023009")."""
    return platform_number(number).replace("_", "").lstrip("0")
