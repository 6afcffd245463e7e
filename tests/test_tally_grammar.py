"""The vote tallies' grammar (grammar/tally.lark, validator/build/tally.py): each phrasing of issue 15,
the tables shipped with it, a tally it cannot read reported (never dropped), and time linear in
the statement's length."""

from __future__ import annotations

import pytest
from conftest import LINEAR_LIMIT as LIMIT
from conftest import best_seconds, lint
from lark.exceptions import LarkError

from validator.build import tally
from validator.build.outcome import read_vote
from validator.build.tally import read_tally
from validator.check.engine import RuleSet, lint_document
from validator.document import Document, Span


def counts(text: str) -> dict[str, int]:
    found = read_tally(text, 0, len(text))
    assert found.unread == (), found.unread
    return dict(found.counts)


@pytest.mark.parametrize(
    "text,expected",
    [
        # The forms of the issue.
        ("Pour : 20 - Contre : 2", {"for_": 20, "against": 2}),
        ("POUR : 32", {"for_": 32}),
        ("Pour :\n20", {"for_": 20}),
        ("Pour :\n20\nContre :\n2\nAbstention :\n0", {"for_": 20, "against": 2, "abstention": 0}),
        ("20 voix favorables et 2 abstentions", {"for_": 20, "abstention": 2}),
        ("adopté par 25 voix pour, 3 contre et 1 abstention", {"for_": 25, "against": 3, "abstention": 1}),
        ("Votants : 18 ; Pour : 16 ; Contre : 2", {"voting": 18, "for_": 16, "against": 2}),
        ("adoptée par : 46 voix Pour, 1 abstention et 5 ne prenant pas part au vote", {"for_": 46, "abstention": 1, "not_voting": 5}),
        ("Ne prend pas part au vote : 2 ; Pour : 12", {"not_voting": 2, "for_": 12}),
        ("par vingt voix pour et deux abstentions", {"for_": 20, "abstention": 2}),
        ("adoptée par vingt-deux voix pour, une voix contre et trois abstentions", {"for_": 22, "against": 1, "abstention": 3}),
        # One-line forms inside a sentence.
        ("Le Conseil, après en avoir délibéré, par 15 voix pour, 10 voix contre et 6 abstentions, vu la nécessité", {"for_": 15, "against": 10, "abstention": 6}),
        ("Adopté à la majorité (5 voix pour, 2 contre).", {"for_": 5, "against": 2}),
        ("Adoptée à l'unanimité (Pour : 12 ; Contre : 1).", {"for_": 12, "against": 1}),
        ("Vote : Pour : 13 - Contre : 0 - Abstentions : 1", {"for_": 13, "against": 0, "abstention": 1}),
        ("28 VOIX POUR et 2 ABSTENTIONS", {"for_": 28, "abstention": 2}),
        ("29 VOIX POUR/1 ABSTENTION pour les accès", {"for_": 29, "abstention": 1}),
        ("à l'unanimité des suffrages exprimés 38 votes pour, dont 3 procurations", {"for_": 38}),
        ("Adoptée à l'unanimité des votants (14 voix pour).", {"for_": 14}),
        ("Par 39 voix pour : M. DUPONT, Mme DURAND", {"for_": 39}),
        ("18 votants, 16 pour et 2 contre", {"voting": 18, "for_": 16, "against": 2}),
        ("Votants : 12 ; Pour : 12 ; Ne prend pas part au vote : 1.", {"voting": 12, "for_": 12, "not_voting": 1}),
        # Each item reads left to right and takes the next token when it can.
        ("20 pour 2 contre", {"for_": 20, "against": 2}),
        ("Pour 20 contre 2", {"for_": 20, "against": 2}),
        # A label with a colon takes the figure after it, not the one before.
        ("Présents : 12 Votants : 14 Pour : 10 Contre : 4", {"voting": 14, "for_": 10, "against": 4}),
        ("En exercice : 21 Présents : 18 Votants : 21", {"voting": 21}),
        # A table on one line: its labels, then its figures.
        ("Votes pour : Votes contre : Abstentions : 41 0 0", {"for_": 41, "against": 0, "abstention": 0}),
        ("Pour : Contre : 28", {"against": 28}),
        ("Exprimés 40 voix Pour 40 voix Contre Abstention NPPV", {"for_": 40}),
        # "néant" and "aucune" after a colon.
        ("Pour : 18 - Contre : néant - Abstention : aucune", {"for_": 18, "against": 0, "abstention": 0}),
    ],
)
def test_each_phrasing_gives_its_figures(text: str, expected: dict[str, int]) -> None:
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "pour une durée de deux ans",
        "une subvention de 20 000 euros pour l'année 2019 pour son projet",
        "la répartition pour 15 % des crédits",
        "de 14h à 15h30 pour discuter",
        "la commune pour siéger",
        "Le Conseil Municipal vote : Pour Contre Abstention",
        "à l'unanimité des membres présents, autorise le Maire",
        "Pour : M. DUPONT, Mme DURAND",
        "Contre : 2,5 %",
    ],
)
def test_prose_and_other_figures_are_no_vote(text: str) -> None:
    assert counts(text) == {}


@pytest.mark.parametrize(
    "text,unread",
    [
        ("Adopté. Pour : 2O ; Contre : 1.", "Pour : 2O"),  # a scan that read the letter O for a zero
        ("Contre : l2", "Contre : l2"),
        ("Votants Pour Contre Abstentions\n18 16 2", "Votants Pour Contre Abstentions\n18 16 2"),  # four labels, three figures
        ("adopté par deux trois voix pour", "deux trois voix pour"),  # words that are not one number
    ],
)
def test_a_tally_it_cannot_read_is_returned_unread(text: str, unread: str) -> None:
    found = read_tally(text, 0, len(text))
    assert [text[a:b] for a, b in found.unread] == [unread]


def test_unread_spans_are_offsets_of_the_whole_text() -> None:
    text = "Présents : 10\nAdopté. Pour : 1O ; Contre : 0.\n"
    start = text.index("Adopté")
    found = read_tally(text, start, len(text))
    assert [text[a:b] for a, b in found.unread] == ["Pour : 1O"]
    assert found.counts == {"against": 0}


def test_a_failed_parse_is_the_whole_statement_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    class Failing:
        def parse(self, text: str) -> object:
            raise LarkError("grammaire")

    monkeypatch.setattr(tally, "parser", lambda: Failing())
    text = "Adopté. Pour : 12 ; Contre : 0."
    assert read_tally(text, 8, len(text)).unread == ((8, len(text)),)
    vote = read_vote(text, 8, len(text), lambda a, b: Span(a, b))
    assert vote.for_ is None and vote.unread == (Span(8, len(text)),)


def test_the_vote_keeps_what_it_could_not_read_and_vote_arithmetic_says_so() -> None:
    result = lint("Présents : 10\nAdopté. Pour : 1O ; Contre : 0.\n", "vote-arithmetic")
    assert [(d.line, d.column, d.severity.value, d.message) for d in result.diagnostics] == [
        (2, 9, "info", "vote illisible : « Pour : 1O » : ses nombres ne sont pas vérifiés")
    ]
    votes = result.model.deliberations[0].votes
    assert [v.unread for v in votes] == [(Span(22, 31),)]


def test_a_statement_of_many_items_is_read_in_linear_time() -> None:
    def read(n: int) -> float:
        text = "Pour : 12 - Contre : 3 - 1 abstention ; " * n
        return best_seconds(lambda: read_tally(text, 0, len(text)), 2)

    small, large = read(1_000), read(10_000)
    if large / small > LIMIT:
        small, large = read(1_000), read(10_000)
    assert large / small <= LIMIT, f"{small * 1000:.0f} ms -> {large * 1000:.0f} ms for 10x the items"


def test_a_document_with_20000_votes_on_one_line_is_checked_in_linear_time() -> None:
    act = "Etaient présents : Alain ROBERT, Chantal MICHEL. Le Conseil, après en avoir délibéré, DÉCIDE : Article 1 : Le tarif est fixé. "
    rules = RuleSet.build()

    def check(n: int) -> float:
        document = Document(act + "Adopté par 12 voix pour, 3 contre et 1 abstention ; " * n)
        return best_seconds(lambda: lint_document(document, rules))

    small, large = check(2_000), check(20_000)
    if large / small > LIMIT:
        small, large = check(2_000), check(20_000)
    assert large / small <= LIMIT, f"{small * 1000:.0f} ms -> {large * 1000:.0f} ms for 10x the votes"
