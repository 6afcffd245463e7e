"""The citations' grammar (grammar/citation.lark, validator/build/citations.py): each form with its
kind, number and date and their exact spans, what is no citation, the tables shipped with it, and
time linear in the text."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from validator.build.citations import _find


def read(text: str) -> list[tuple[str, str, str, str, dt.date | None, str | None]]:
    """Each citation: kind, number, its text, its number's text, its date and the date's text."""
    return [
        (f.kind, f.number, text[f.start : f.end], text[f.number_start : f.number_end], f.date, text[f.date_start : f.date_end] if f.date else None)
        for f in _find(text, 0, len(text))
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Vu la loi n° 2014-58 du 27 janvier 2014 de modernisation de l'action publique",
            ("loi", "2014-58", "loi n° 2014-58 du 27 janvier 2014", "2014-58", dt.date(2014, 1, 27), "27 janvier 2014"),
        ),
        ("Vu le décret n°2001-495 du 6 juin 2001 ;", ("decret", "2001-495", "décret n°2001-495 du 6 juin 2001", "2001-495", dt.date(2001, 6, 6), "6 juin 2001")),
        (
            "l'ordonnance n° 2020-391 du 1er avril 2020 visant à",
            ("ordonnance", "2020-391", "ordonnance n° 2020-391 du 1er avril 2020", "2020-391", dt.date(2020, 4, 1), "1er avril 2020"),
        ),
        ("VU LE DECRET N° 2016-360 DU 25 MARS 2016", ("decret", "2016-360", "DECRET N° 2016-360 DU 25 MARS 2016", "2016-360", dt.date(2016, 3, 25), "25 MARS 2016")),
        # Qualifiers between the kind and the number.
        ("la loi organique n° 2021-1310 du 21 octobre 2021", ("loi", "2021-1310", "loi organique n° 2021-1310 du 21 octobre 2021", "2021-1310", dt.date(2021, 10, 21), "21 octobre 2021")),
        ("le décret modifié n° 85-565 du 30 mai 1985", ("decret", "85-565", "décret modifié n° 85-565 du 30 mai 1985", "85-565", dt.date(1985, 5, 30), "30 mai 1985")),
        ("le décret en Conseil d'État n° 2016-360, relatif", ("decret", "2016-360", "décret en Conseil d'État n° 2016-360", "2016-360", None, None)),
        # The number's variants: spaces, dashes, "No.", "numéro", a colon.
        ("la loi No. 2014 - 58 relative", ("loi", "2014-58", "loi No. 2014 - 58", "2014 - 58", None, None)),
        ("la loi nº 2014–58", ("loi", "2014-58", "loi nº 2014–58", "2014–58", None, None)),
        ("le décret numéro : 2010-12", ("decret", "2010-12", "décret numéro : 2010-12", "2010-12", None, None)),
        ("la loi, n° 82-213 du 2 mars 1982", ("loi", "82-213", "loi, n° 82-213 du 2 mars 1982", "82-213", dt.date(1982, 3, 2), "2 mars 1982")),
        # The lead of the date.
        ("la loi n° 2014-58, modifiée, du 27 janvier 2014", ("loi", "2014-58", "loi n° 2014-58, modifiée, du 27 janvier 2014", "2014-58", dt.date(2014, 1, 27), "27 janvier 2014")),
        ("la loi n° 2014-58 en date du 27 janvier 2014", ("loi", "2014-58", "loi n° 2014-58 en date du 27 janvier 2014", "2014-58", dt.date(2014, 1, 27), "27 janvier 2014")),
        ("la loi n° 2014-58 modifiée du 27 janvier 2014", ("loi", "2014-58", "loi n° 2014-58 modifiée du 27 janvier 2014", "2014-58", dt.date(2014, 1, 27), "27 janvier 2014")),
        # A lead without a date, a date with a weekday (of something else): the citation ends at its number.
        ("la loi n° 2014-58 du code", ("loi", "2014-58", "loi n° 2014-58", "2014-58", None, None)),
        ("le décret n° 85-1 du lundi 3 mai 1985", ("decret", "85-1", "décret n° 85-1", "85-1", None, None)),
        ("la loi n° 2014-58, modifiée, relative", ("loi", "2014-58", "loi n° 2014-58", "2014-58", None, None)),
    ],
)
def test_each_form_gives_its_kind_number_and_date(text: str, expected: tuple[str, str, str, str, dt.date | None, str | None]) -> None:
    assert read(text) == [expected]


def test_a_kind_that_names_no_number_gives_way_to_the_next() -> None:
    text = "la loi du 12 juillet 1985 et le décret n° 85-1 ; la loi et le décret numéro 2010-12"
    assert [(k, n, written) for k, n, written, *_ in read(text)] == [("decret", "85-1", "décret n° 85-1"), ("decret", "2010-12", "décret numéro 2010-12")]


@pytest.mark.parametrize(
    "text",
    [
        "la loi du 12 juillet 1985",
        "la loi de finances pour 2024",
        "les lois n° 2014-58",  # not a kind
        "la loi dont le numéro est 2014-58",
        "le décret n° 2014",  # no second part
        "la loi n° 2014-58/3",  # not a number of a text
        "au loin, n° 12-3",
    ],
)
def test_what_is_no_citation_gives_none(text: str) -> None:
    assert read(text) == []


def test_spans_are_offsets_of_the_range_asked_about() -> None:
    text = "Préambule. Vu la loi n° 2014-58 du 27 janvier 2014 ; vu le décret n° 2016-360."
    found = list(_find(text, 11, len(text)))
    assert [(text[f.start : f.end], f.number) for f in found] == [("loi n° 2014-58 du 27 janvier 2014", "2014-58"), ("décret n° 2016-360", "2016-360")]
    # A citation cut by the end of the range keeps what lies inside it.
    cut = text.index(" du 27")
    assert [(text[f.start : f.end], f.date) for f in _find(text, 0, cut)] == [("loi n° 2014-58", None)]


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        sum(1 for _ in _find(text, 0, len(text)))
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("unit", ["Vu la loi n° 2014-58 du 27 janvier 2014 ; ", "loi loi loi ", "la loi organique modifiée en "])
def test_dense_citations_on_one_line_are_read_in_linear_time(unit: str) -> None:
    small, large = unit * 500, unit * 5_000
    # Ten times the text costs about ten times the time (a margin for a busy machine; once more before judging).
    assert any(_seconds(large) < 12 * 1.35 * max(_seconds(small), 0.002) for _ in range(2))
