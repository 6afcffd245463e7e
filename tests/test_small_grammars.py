"""The small grammars of the sub-languages (grammar/tally.lark, counts.lark, entry.lark, date.lark, citation.lark): each ships
tables that match it, is built once per process, and has no conflict but the shifts it documents."""

from __future__ import annotations

import logging
from types import ModuleType

import pytest
from lark import Lark, logger

from validator.build import citations, counts, datereader, entry, numbering, tally
from validator.parse import grammartables

# Each reader, with texts whose parses from the shipped tables and from the grammar must agree.
READERS: list[tuple[ModuleType, tuple[str, ...]]] = [
    (tally, ("Pour : 20 - Contre : 2", "par vingt voix pour et deux abstentions", "Votes pour : Votes contre : Abstentions : 41 0 0", "Pour : 2O")),
    (entry, ("pouvoir à M. Paul MARTIN jusqu'à 10 h, à Mme DURAND à partir de 10 h", "Marc ROUX a donné pouvoir à Anne DURAND", "Pr*", "arrivée à 19h")),
    (counts, ("En exercice 31 Présents 25 Votants 25", "- présents : - représentés : 30 11", "présents : 30 11", "votants : 11 dont 1 procuration")),
    (datereader, ("le dix-neuf juin deux mil quinze (19/06/2015)", "lundi 1er juin 2015, soit le 01/06/2015", "L'an deux mil onze, le jeudi douze du mois de mai", "pour une durée de deux ans")),
    (citations, ("loi n° 2014-58 du 27 janvier 2014", "décret en Conseil d'État n° 2016-360, modifié, en date du", "la loi du 12 juillet")),
    (numbering, ("EMP 004-6064/19/BM", "DE_2015_025", "2014 / 131", "181/2022")),
]


def _starts(reader: ModuleType) -> tuple[str, ...]:
    start: tuple[str, ...] = getattr(reader, "START", ("start",))
    return start


@pytest.mark.parametrize("reader,texts", READERS, ids=lambda r: getattr(r, "GRAMMAR_FILE", ""))
def test_the_parser_is_built_once_from_the_shipped_tables(reader: ModuleType, texts: tuple[str, ...]) -> None:
    assert reader.parser() is reader.parser()
    transformer = reader.parser().options.transformer
    shipped = grammartables.load(transformer, reader.TABLES_FILE)
    assert shipped is not None, f"grammar/{reader.TABLES_FILE} ne correspond pas à la grammaire : lancer `python -m validator.grammar`"
    built = reader.build_parser()
    for text in texts:
        for start in _starts(reader):
            assert shipped.parse(text, start=start) == built.parse(text, start=start)


@pytest.mark.parametrize("reader", [r for r, _ in READERS], ids=lambda r: r.GRAMMAR_FILE)
def test_the_grammar_has_no_reduce_reduce_conflict_and_only_shifts(reader: ModuleType, caplog: pytest.LogCaptureFixture) -> None:
    """Lark refuses a reduce/reduce conflict; every shift/reduce conflict is resolved as a shift,
    which is the reading rule each grammar documents (an item takes the next token when it can)."""
    logger.setLevel(logging.DEBUG)
    try:
        with caplog.at_level(logging.DEBUG, logger="lark"):
            Lark.open_from_package("validator.grammar", reader.GRAMMAR_FILE, parser="lalr", lexer="contextual", start=list(_starts(reader)), debug=True)
    finally:
        logger.setLevel(logging.WARNING)
    conflicts = [r.getMessage() for r in caplog.records if "conflict" in r.getMessage().lower()]
    assert all("Shift/Reduce" in c and "resolving as shift" in c for c in conflicts)
    # The tallies' grammar has shifts it documents: the log is seen, the check is not blind.
    assert conflicts or reader is not tally


def test_every_grammar_file_has_its_reader_or_is_the_document_grammar() -> None:
    """A new sub-language grammar is added here (and to grammar/__main__.py), so that its tables are checked."""
    from importlib import resources

    files = {e.name for e in resources.files("validator.grammar").iterdir() if e.name.endswith(".lark")}
    assert files == {"deliberation.lark", "terms.lark"} | {r.GRAMMAR_FILE for r, _ in READERS}
