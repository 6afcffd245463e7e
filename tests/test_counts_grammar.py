"""The declared counts' grammar (grammar/counts.lark, validator/build/counts.py): each phrasing, the
tables shipped with it, prose and other figures read as nothing, and time linear in the text."""

from __future__ import annotations

import time

import pytest
from conftest import lint

from validator.build.counts import find_counts, read_counts
from validator.document import Span


def read(text: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for f in read_counts(text, 0, len(text)):
        found.setdefault(f.kind, f.value)
    return found


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Nombre de conseillers en exercice : 29", {"in_office": 29}),
        ("29 membres en exercice", {"in_office": 29}),
        ("Conseillers en exercice : vingt-neuf", {"in_office": 29}),
        ("Nombre de conseillers composant le conseil : 33", {"in_office": 33}),
        ("En exercice 31 Présents 25 Votants 25", {"in_office": 31, "present": 25, "voting": 25}),
        ("Nombre de conseillers en exercice : 29 Présents : 25 Votants : 27", {"in_office": 29, "present": 25, "voting": 27}),
        ("25 membres présents", {"present": 25}),
        ("Nombre de membres présents : 5", {"present": 5}),
        ("Nombre de présents 33", {"present": 33}),
        ("ont été présents trois membres", {"present": 3}),
        ("présents titulaires : 45 - présents suppléants : 4", {"present": 45, "substitutes": 4}),
        ("qui ont pris part à la délibération : 11", {"voting": 11}),
        ("Nombre de votants : 33", {"voting": 33}),
        ("votants : 11 dont 1 procuration", {"voting": 11, "represented": 1}),
        ("Votants : 27 dont 22 Présents et 05 Procuration", {"voting": 27, "present": 22, "represented": 5}),
        ("Pouvoirs : 2 - Absents excusés : 3", {"represented": 2, "absent": 3}),
        ("19 pouvoirs", {"represented": 19}),
        ("Quorum : 15 - majorité absolue : 14", {"quorum": 15, "majority": 14}),
        # Labels and figures in two columns, flattened label row first.
        ("- présents : - représentés : 30 11", {"present": 30, "represented": 11}),
        ("présents : représentés : votants : 30 11 41", {"present": 30, "represented": 11, "voting": 41}),
        # A dash before a label is glue, not a column.
        (": - en exercice : 82 - procurations : 19 - votants : 68", {"in_office": 82, "represented": 19, "voting": 68}),
    ],
)
def test_each_phrasing_gives_its_counts(text: str, expected: dict[str, int]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "les membres présents ont approuvé le budget de 2023",  # prose, a year
        "présents : 30 11",  # a column of figures: the first is not the label's own
        "13 décembre 2023 En exercice",  # a year before a label without the members' noun
        "n° 1754 Nombre de votants",  # no figure after the label; a number is not a count
        "Présents 19 h 30",  # a time
        "Présents : Jean DUPONT, Marie MARTIN",  # a list, not a count
        "Quorum : vingt",  # words after the quorum: not read
    ],
)
def test_prose_and_other_figures_are_no_count(text: str) -> None:
    assert read(text) == {}


def test_spans_are_offsets_of_the_whole_text_label_and_figure() -> None:
    text = "Séance du 3 mars. Nombre de votants : 33. Fin."
    found = find_counts(text, [(0, len(text))], Span)
    assert [(c.kind, c.value, text[c.span.start : c.span.end], text[c.value_span.start : c.value_span.end] if c.value_span else None) for c in found] == [
        ("voting", 33, "Nombre de votants : 33", "33")
    ]


def test_the_first_statement_of_each_kind_wins() -> None:
    text = "Présents : 12. Plus loin : Présents : 14."
    assert [(c.kind, c.value) for c in find_counts(text, [(0, len(text))], Span)] == [("present", 12)]


def test_a_count_read_by_the_grammar_is_compared_by_attendance_count() -> None:
    result = lint("Nombre de présents : 3\nEtaient présents : Anne DURAND - Paul MARTIN\n", "attendance-count")
    assert [(d.line, d.column, d.severity.value) for d in result.diagnostics] == [(1, 1, "error")]


@pytest.mark.parametrize(
    "piece",
    [
        "Présents : 12 Votants : 14 dont 2 pouvoirs ",  # dense counts: one merged window
        "membres présents absents votants " * 3,  # labels with no figure
        "présents:" * 20,  # no blank at all: windows are widened a bounded amount
    ],
)
def test_header_counts_are_read_in_linear_time(piece: str) -> None:
    def run(n: int) -> float:
        text = piece * n
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            find_counts(text, [(0, len(text))], Span)
            best = min(best, time.perf_counter() - start)
        return best

    small, large = run(500), run(5_000)
    if large / small > 12 * 1.35:
        small, large = run(500), run(5_000)
    assert large / small <= 12 * 1.35, f"{small * 1000:.1f} ms -> {large * 1000:.1f} ms for 10x the text"
