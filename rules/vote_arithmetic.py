"""Rule vote-arithmetic: the figures of a vote add up."""

from __future__ import annotations

from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import Deliberation, Vote
from validator.people import in_covid_window, members_with_a_voice
from validator.rule import Context, Finding, Rule


class VoteArithmetic(Rule):
    """Les nombres d'un vote s'additionnent : pour + contre + abstentions = votants, sans dépasser les voix présentes.

    Vérifie que pour + contre + abstentions (+ blancs et nuls) donne le nombre de votants quand
    le vote l'indique (certains textes appellent « votants » les suffrages exprimés, pour +
    contre : c'est admis) ; et qu'aucun nombre, augmenté des membres qui ne prennent pas part au
    vote, ne dépasse présents + représentés de la séance (chaque mandataire vote deux fois), ou
    deux fois les présents quand les pouvoirs ne sont pas connus (un pouvoir au plus chacun) :
    `error` quand l'acte déclare ces nombres, `warning` quand ils sont comptés dans les listes
    (cas `above-listed-voices`). Quand des présences varient au cours de la séance (arrivées,
    départs), la seconde vérification n'est pas faite ; restent celles qui valent toujours : aucun
    vote ne compte plus de voix que l'organe n'a de membres en exercice, quand l'acte en donne le
    nombre (cas `above-in-office`), ni plus que de membres nommés présents ou représentés à un
    moment de la séance, chacun une fois (cas `above-listed-members`, `warning`). Un décompte
    écrit mais illisible (« Pour : 2O » où la numérisation a lu une lettre pour un chiffre, un
    tableau dont les nombres ne correspondent pas aux intitulés) reçoit une `info` (cas
    `unread`) : ses nombres ne sont pas vérifiés.

    Base légale : cohérence de l'acte ; le procès-verbal donne le résultat des scrutins (CGCT,
    art. L2121-15) ; chaque pouvoir est une voix de plus pour son porteur (art. L2121-20).

    Exemple conforme ::

        Etaient présents : Anne DURAND, Paul MARTIN, Léa PETIT, Marc ROUX.
        Adopté. Votants : 4 ; Pour : 3 ; Contre : 1 ; Abstention : 0.

    Exemple non conforme ::

        Etaient présents : Anne DURAND, Paul MARTIN, Léa PETIT, Marc ROUX.
        Adopté. Votants : 4 ; Pour : 3 ; Contre : 2 ; Abstention : 0.
    """

    name = "vote-arithmetic"
    severity = Severity.ERROR
    cases = {
        "sum": Severity.ERROR, "above-voices": Severity.ERROR, "above-listed-voices": Severity.WARNING, "above-in-office": Severity.ERROR,
        "above-listed-members": Severity.WARNING, "unread": Severity.INFO,
    }
    remedies = {
        None: Remedy(RemedyKind.TRANSCRIPTION, "Recompter les voix sur le registre et corriger leur transcription ; si le résultat du vote en change, l'acte doit être retiré et soumis de nouveau au vote."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        for vote in delib.votes or ((delib.vote,) if delib.vote else ()):
            for span in vote.unread:
                quoted = " ".join(ctx.quote(span).split())
                quoted = quoted if len(quoted) <= 80 else quoted[:79] + "…"
                yield Finding(span, f"vote illisible : « {quoted} » : ses nombres ne sont pas vérifiés", "unread")
            yield from self._vote(delib, vote)

    def _vote(self, delib: Deliberation, vote: Vote) -> Iterator[Finding]:
        if vote.for_ is None:
            return
        total = vote.for_ + (vote.against or 0) + (vote.abstention or 0)
        expressed = vote.for_ + (vote.against or 0)
        if vote.voting is not None and vote.voting not in (total, expressed):
            parts = f"{vote.for_} pour + {vote.against or 0} contre + {vote.abstention or 0} abstention(s) = {total}"
            yield Finding(vote.span, f"{vote.voting} votants annoncés, mais {parts}", "sum")
            return
        att = delib.attendance
        if att is None:
            return
        tally = att.tally()
        in_office = tally.in_office.value if tally.in_office.declared else None
        if in_office is not None and max(total, vote.voting or 0) > in_office:
            # Whoever arrived or left, a member in office has one voice and holds at most one proxy
            # of another member in office: no vote counts more voices than there are members.
            yield Finding(vote.span, f"{max(total, vote.voting or 0)} voix comptées pour {in_office} membres en exercice", "above-in-office")
            return
        if att.has_time_notes or delib.withdrawn:
            # Arrivals and departures change the voices item by item; none of them gives a member
            # a second voice of his own: no vote counts more than the members listed with a voice.
            with_voice = members_with_a_voice(att)
            if with_voice is not None and max(total, vote.voting or 0) > with_voice:
                yield Finding(vote.span, f"{max(total, vote.voting or 0)} voix comptées pour {with_voice} membres présents ou représentés au cours de la séance", "above-listed-members")
            return
        present, represented = tally.present.value, tally.represented.value
        if present is None:
            return
        biggest = max(total, vote.voting or 0)
        if represented is None:
            # Proxies unknown: each member present holds one at most (L2121-20; two under the
            # COVID-19 derogation), so that many voices each is a bound whatever the proxies were.
            each = 3 if in_covid_window(delib.session.date) or delib.session.date is None else 2
            if biggest > each * present and not vote.not_voting:
                case = "above-voices" if tally.present.declared else "above-listed-voices"
                held = "un pouvoir" if each == 2 else "deux pouvoirs"
                yield Finding(vote.span, f"{biggest} voix comptées pour {present} présents (chacun porte {held} au plus : {each * present} voix au plus)", case)
            return
        # Declared figures are the act's own word; names counted in lists may be misread.
        case = "above-voices" if tally.present.declared and tally.represented.declared else "above-listed-voices"
        voices = present + represented
        if biggest > voices:
            yield Finding(vote.span, f"{biggest} voix comptées pour {present} présents et {represented} représentés ({voices} voix au plus)", case)
        elif vote.not_voting and biggest + vote.not_voting > voices:
            yield Finding(
                vote.span,
                f"{biggest} voix comptées et {vote.not_voting} membre(s) ne prenant pas part au vote, pour {voices} présents et représentés",
                case,
            )
