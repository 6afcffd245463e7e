"""Rule article-sequence: articles numbered 1, 2, 3... without gap, duplicate or disorder."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from validator.diagnostics import Edit, Fix, Remedy, RemedyKind, Severity
from validator.model import Article, Deliberation
from validator.rule import Context, Finding, Rule


class ArticleSequence(Rule):
    """Les articles sont numérotés dans l'ordre, de 1 (ou « 1er », « premier ») à n, sans saut ni doublon.

    Signale l'article fautif : numéro sauté (1, 2, 4), répété (1, 2, 2), ou hors d'ordre
    (1, 3, 2), ainsi qu'un « Article unique » accompagné d'autres articles. Un « Article unique »
    seul est conforme. Le correctif proposé renumérote les articles dans l'ordre du texte.

    Base légale : « Les articles sont numérotés dans l'ordre » (circulaire du 30 janvier 1997
    relative aux règles d'élaboration des textes, 1.1.3.3 ; Guide de légistique).

    Exemple conforme ::

        DÉCIDE
        Article 1er : La convention est approuvée.
        Article 2 : Le Maire est autorisé à la signer.
        Article 3 : Les crédits sont inscrits au budget.

    Exemple non conforme ::

        DÉCIDE
        Article 1er : La convention est approuvée.
        Article 2 : Le Maire est autorisé à la signer.
        Article 4 : Les crédits sont inscrits au budget.
    """

    name = "article-sequence"
    severity = Severity.WARNING
    cases = {"gap": Severity.WARNING, "duplicate": Severity.WARNING, "disorder": Severity.WARNING, "unique": Severity.WARNING}
    remedies = {
        None: Remedy(RemedyKind.TRANSCRIPTION, "Renuméroter les articles dans le registre et l'extrait : la numérotation n'est pas la décision et se corrige sans nouveau vote."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        # Every finding offers the same renumbering of all the articles: past a few findings only
        # the first ones carry it, or a report on thousands of articles grows as their square.
        for i, finding in enumerate(self._findings(delib, ctx)):
            yield finding if i < _FIX_ON_EACH or finding.fix is None else replace(finding, fix=None)

    def _findings(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        articles = delib.articles
        if len(articles) < 2 and not (articles and articles[0].number not in (None, 1) and not articles[0].unique):
            return
        fix = _renumber(articles, ctx)
        expected = 1
        seen: set[int] = set()
        for article in articles:
            if article.unique:
                yield Finding(article.label_span, "« Article unique » alors que l'acte compte plusieurs articles", "unique", fix)
                expected += 1
                continue
            number = article.number
            if number is None:
                continue
            if number in seen:
                yield Finding(article.label_span, f"article {number} en double", "duplicate", fix)
            elif number < expected:
                yield Finding(article.label_span, f"article {number} hors d'ordre (article {expected} attendu)", "disorder", fix)
            elif number > expected and expected == 1:
                yield Finding(article.label_span, f"le premier article porte le numéro {number} (article 1 attendu)", "gap", fix)
            elif number > expected:
                missing = ", ".join(str(n) for n in range(expected, number)) if number - expected <= 5 else f"{expected} à {number - 1}"
                yield Finding(article.label_span, f"numérotation sautée : article {number} après l'article {expected - 1} (manque {missing})", "gap", fix)
            seen.add(number)
            # Continue from the number written, so that one mistake is reported once.
            expected = max(expected, number + 1)


_FIX_ON_EACH = 20


def _renumber(articles: tuple[Article, ...], ctx: Context) -> Fix | None:
    edits = []
    for index, article in enumerate(articles, start=1):
        if article.number == index and not article.unique:
            continue
        keyword = article.label.split()[0] if article.label.split() else "Article"
        new = f"{keyword} {'1er' if index == 1 and _uses_premier(articles, ctx) else index}"
        edits.append(Edit(article.label_span.start, article.label_span.end, new))
    if not edits:
        return None
    return Fix("Renuméroter les articles dans l'ordre", tuple(edits))


def _uses_premier(articles: tuple[Article, ...], ctx: Context) -> bool:
    first = articles[0].label.lower()
    return first.endswith(("1er", "premier"))
