"""The facts behind what prefectures most often send back (issue 18 §3): a post created or a
contractual agent recruited, with the mentions the law asks of that deliberation; the dates from
which an act says it takes effect. Each with its span."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .document import Span


@dataclass(frozen=True, slots=True)
class PostCreation:
    """An act that creates a post ("création d'un poste d'adjoint technique", "un emploi ... est
    créé") or recruits a contractual agent ("recrutement d'un agent contractuel"), and where it
    states each mention code général de la fonction publique, art. L. 313-1, asks of it: None when
    the act does not state it.

    `span` is the words that create or recruit (in the title or the dispositif); `contractual`
    where the act recruits a contractual agent or opens the post to one ("pourvu par un agent
    contractuel", "par voie contractuelle"); `annex` where it refers to a table or an annex that
    may hold the mentions ("tableau ci-annexé").
    """

    span: Span
    # False when the act recruits a contractual agent without creating a post (an accroissement
    # temporaire d'activité, L. 332-23): no weekly hours of a post are then asked.
    creates: bool = True
    contractual: Span | None = None
    reason: Span | None = None
    function: Span | None = None
    grade: Span | None = None
    hours: Span | None = None
    pay: Span | None = None
    legal_basis: Span | None = None
    annex: Span | None = None
    # The text runs out inside the act after these words (an extract cut mid-sentence): the
    # mentions may be in what is cut off.
    runs_out: bool = False


@dataclass(frozen=True, slots=True)
class EffectDate:
    """A date from which the dispositif says the act applies ("à compter du 1er janvier 2024",
    "avec effet au", "prend effet le", "applicable au"): `span` covers the words and the date.

    `subject` is what applies from it, as far as the law treats a date before the séance
    differently: "allowances" (indemnités de fonction des élus), "tariffs", "indemnity-regime"
    (régime indemnitaire of the staff), "budget" (a budget document, tax rates) or "other"; read
    from the act's title, else from the words before the date in its item, at `subject_span`.
    """

    date: dt.date
    span: Span
    subject: str = "other"
    subject_span: Span | None = None
    # "avec effet rétroactif", "rétroactivement": the act says it reaches back.
    stated_retroactive: bool = False


@dataclass(frozen=True, slots=True)
class Effects:
    """The dates from which the act says it applies, and `installation`: where it refers to the
    installation or the election of the council or the executive ("à compter de la date
    d'installation", "suite au renouvellement général")."""

    dates: tuple[EffectDate, ...]
    installation: Span | None = None


@dataclass(frozen=True, slots=True)
class OpinionMatter:
    """A matter on which the law asks the opinion of the comité social territorial (formerly the
    comité technique) before the vote, that the act's title or dispositif decides: `key` is
    "post-suppression", "indemnity-regime" or "working-time". `opinion` is where the act mentions
    the comité's opinion as given (a visa, a considérant, its report); `pending` where it says that opinion
    is still to come ("sous réserve de l'avis du comité social territorial"); `runs_out` as for
    `PostCreation`."""

    key: str
    span: Span
    opinion: Span | None = None
    pending: Span | None = None
    runs_out: bool = False
