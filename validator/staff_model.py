"""The facts of acts about staff that prefectures most often send back: a post created or a
contractual agent recruited, with the mentions the law asks of that deliberation, each with its span."""

from __future__ import annotations

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
