"""What the tests of the sub-languages' grammars share: the conflicts Lark reports when it builds
a grammar's LALR tables."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pytest
from lark import Lark, logger


def lalr_conflicts(caplog: pytest.LogCaptureFixture, grammar: str, start: Sequence[str] = ("start",)) -> list[str]:
    """The conflicts Lark logs while building the tables of `grammar` (a reduce/reduce conflict
    raises; each shift/reduce conflict is logged as resolved by a shift)."""
    logger.setLevel(logging.DEBUG)
    try:
        with caplog.at_level(logging.DEBUG, logger="lark"):
            Lark.open_from_package("validator.grammar", grammar, parser="lalr", lexer="contextual", start=list(start), debug=True)
    finally:
        logger.setLevel(logging.WARNING)
    return [r.getMessage() for r in caplog.records if "conflict" in r.getMessage().lower()]
