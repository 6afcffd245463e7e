"""The dates' grammar (grammar/date.lark, validator/build/datereader.py): each form with its value and
its exact span, the restatements, the phrase that puts the year first, the tables shipped with it,
and time linear in the text."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from validator.build import datereader
from validator.build.datereader import find_dates
from validator.build.dates import date_mentions
from validator.document import Span


def read(text: str) -> list[tuple[dt.date, str, str | None, bool]]:
    return [(d.date, text[d.start : d.end], d.weekday, d.in_words) for d in find_dates(text)]


@pytest.mark.parametrize(
    "text,date,written,weekday,in_words",
    [
        ("Séance du 12 juin 2015 à 18 h", dt.date(2015, 6, 12), "12 juin 2015", None, False),
        ("le jeudi 1er octobre 2020", dt.date(2020, 10, 1), "jeudi 1er octobre 2020", "jeudi", False),
        ("le premier avril 2020", dt.date(2020, 4, 1), "premier avril 2020", None, False),
        ("MARDI 14 FEVRIER 2023", dt.date(2023, 2, 14), "MARDI 14 FEVRIER 2023", "MARDI", False),
        ("le 3 août 2019", dt.date(2019, 8, 3), "3 août 2019", None, False),
        ("le 3 aout 2019", dt.date(2019, 8, 3), "3 aout 2019", None, False),
        ("le 5 décembre 2022", dt.date(2022, 12, 5), "5 décembre 2022", None, False),
        ("le 12\u00a0juin\u00a02015", dt.date(2015, 6, 12), "12\u00a0juin\u00a02015", None, False),
        # In words: the day, the year, both; "mil" and "mille"; "vingt et un".
        ("le dix-neuf juin deux mil quinze,", dt.date(2015, 6, 19), "dix-neuf juin deux mil quinze", None, True),
        ("le 19 juin deux mille quinze", dt.date(2015, 6, 19), "19 juin deux mille quinze", None, True),
        ("le vingt et un octobre deux mil seize à", dt.date(2016, 10, 21), "vingt et un octobre deux mil seize", None, True),
        ("le sept juin deux mille vingt et un, le Conseil", dt.date(2021, 6, 7), "sept juin deux mille vingt et un", None, True),
        ("le mardi quatorze février deux mil vingt-trois", dt.date(2023, 2, 14), "mardi quatorze février deux mil vingt-trois", "mardi", True),
        # Of "douze et treize mai", the day is the last that makes one, with no weekday before it.
        ("mardi douze et treize mai 2015", dt.date(2015, 5, 13), "treize mai 2015", None, False),
        # Of a year in words followed by more number words, the first that make a year.
        ("le 4 mai deux mille quinze trois", dt.date(2015, 5, 4), "4 mai deux mille quinze", None, True),
        # In figures.
        ("Envoi Préfecture : 26/05/2014", dt.date(2014, 5, 26), "26/05/2014", None, False),
        ("reçu le 26.05.14.", dt.date(2014, 5, 26), "26.05.14", None, False),
        ("publié le 2015-06-19 à 10:00", dt.date(2015, 6, 19), "2015-06-19", None, False),
        # A weekday before figures is not the date's: "lundi 12/06/2015" gives the figures only.
        ("lundi 12/06/2015", dt.date(2015, 6, 12), "12/06/2015", None, False),
        # The year first: the date ends at its month.
        ("L'an deux mil onze, le jeudi douze du mois de mai, le conseil", dt.date(2011, 5, 12), "L'an deux mil onze, le jeudi douze du mois de mai", "jeudi", True),
        ("L’an 2011 et le 12 mai à 20 h", dt.date(2011, 5, 12), "L’an 2011 et le 12 mai", None, False),
        ("L'an deux mille vingt-trois, le trente et un janvier à 18h00", dt.date(2023, 1, 31), "L'an deux mille vingt-trois, le trente et un janvier", None, True),
        ("L'an deux mil vingt, le 1er d'octobre", dt.date(2020, 10, 1), "L'an deux mil vingt, le 1er d'octobre", None, True),
    ],
)
def test_each_form_gives_its_date_and_its_span(text: str, date: dt.date, written: str, weekday: str | None, in_words: bool) -> None:
    assert read(text)[0] == (date, written, weekday, in_words)


@pytest.mark.parametrize(
    "text",
    [
        "le 31 février 2015",  # no such day
        "le 12 mai un conseiller",  # no year
        "le 12 juin 20155",
        "123/06/2015",
        "12 juin, 2015",
        "pour une durée de deux ans",
        "le mois de mai",
        "32/01/2015",
        "l'an dernier, le conseil",
    ],
)
def test_what_is_no_date_gives_none(text: str) -> None:
    assert read(text) == []


def test_the_year_first_phrase_and_the_date_after_it_are_both_found() -> None:
    text = "L'an deux mil onze, le jeudi 12 mai 2011 à vingt heures"
    assert read(text) == [
        (dt.date(2011, 5, 12), "L'an deux mil onze, le jeudi 12 mai", "jeudi", True),
        (dt.date(2011, 5, 12), "jeudi 12 mai 2011", "jeudi", False),
    ]


@pytest.mark.parametrize(
    "text,first,second",
    [
        ("le dix-neuf juin deux mil quinze (19/06/2015)", "dix-neuf juin deux mil quinze", "19/06/2015"),
        ("le 19/06/2015 [dix-neuf juin deux mil quinze]", "19/06/2015", "dix-neuf juin deux mil quinze"),
        ("le 19 juin 2015, soit le dix-neuf juin deux mille quinze", "19 juin 2015", "dix-neuf juin deux mille quinze"),
        ("le dix-neuf juin deux mil quinze soit (19/06/2015)", "dix-neuf juin deux mil quinze", "19/06/2015"),
    ],
)
def test_a_restatement_is_the_next_date_written_the_other_way(text: str, first: str, second: str) -> None:
    found = list(find_dates(text))
    assert [text[d.start : d.end] for d in found] == [first, second]
    again = found[0].restatement
    assert again is not None and (again.start, again.end) == (found[1].start, found[1].end)
    assert found[1].restatement is None


@pytest.mark.parametrize(
    "text",
    [
        "le 19 juin 2015 (19/06/2015)",  # both in figures: two dates, no restatement
        "le 19 juin 2015 et le dix-neuf juin deux mil quinze",  # no bracket, no "soit"
        "le dix-neuf juin deux mil quinze (voir la délibération du 19/06/2015)",
    ],
)
def test_no_restatement_without_its_sign_or_the_other_way(text: str) -> None:
    found = list(find_dates(text))
    assert len(found) == 2 and all(d.restatement is None for d in found)


def test_mentions_keep_spans_and_restatements_of_the_range() -> None:
    text = "Vu la séance du dix-neuf juin deux mil quinze (19/06/2015) ; puis le 3 mai 2016"

    mentions = date_mentions(text, 0, len(text), Span)
    assert [(m.date, text[m.span.start : m.span.end], m.in_words) for m in mentions] == [
        (dt.date(2015, 6, 19), "dix-neuf juin deux mil quinze", True),
        (dt.date(2015, 6, 19), "19/06/2015", False),
        (dt.date(2016, 5, 3), "3 mai 2016", False),
    ]
    assert mentions[0].restatement == (dt.date(2015, 6, 19), Span(47, 57))
    # A restatement beyond the range asked about is not the range's.
    assert date_mentions(text, 0, 50, Span)[0].restatement is None


def test_a_range_gives_the_dates_wholly_inside_it() -> None:
    text = "du 12 juin 2015 au 3 juillet 2015"
    assert [(d.start, d.end) for d in find_dates(text, 3, 15)] == [(3, 15)]
    assert list(find_dates(text, 4, len(text))) == list(find_dates(text, 16, len(text)))
    assert [text[d.start : d.end] for d in find_dates(text, 16)] == ["3 juillet 2015"]


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        datereader._memo = ()
        start = time.perf_counter()
        sum(1 for _ in find_dates(text))
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize(
    "unit",
    [
        "le lundi 12 juin 2015 (douze juin deux mille quinze) ",
        "L'an deux mil onze, le douze mai ",
        "12/06/2015 ",
        "vingt et un vingt et un mai ",
    ],
)
def test_dense_dates_on_one_line_are_read_in_linear_time(unit: str) -> None:
    small, large = unit * 500, unit * 5_000
    assert sum(1 for _ in find_dates(small)) >= 500 if "vingt" not in unit else True
    # Ten times the text costs about ten times the time (a margin for a busy machine; once more before judging).
    assert any(_seconds(large) < 12 * 1.35 * max(_seconds(small), 0.002) for _ in range(2))
