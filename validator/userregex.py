"""The regular expressions a configuration declares, matched within a time budget.

A `.delib.yaml` may bring its own expressions: the local rules with `regex: true` and the
`patterns` of the `required-visas` requirements. They are the collectivité's, not reviewed like
the bundled ones (tests/test_regex_backtracking.py), and one catastrophic pattern would make
Python's `re` backtrack for hours while holding the GIL: `delib check` would never end, and the
language server would stop answering, even `shutdown`. So they are compiled with the `regex`
module, which backtracks less, releases the GIL while it matches, and stops a match past a
timeout. Each rule gets BUDGET_SECONDS of matching on a document; past it, the rule stops on that
document with an error that names the expression (the engine reports it, `engine._run`).

The syntax is `re`'s (the `regex` module's version 0 is compatible with it).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator

import regex

BUDGET_SECONDS = 2.0


class PatternError(ValueError):
    """An expression that does not compile; the message is French and quotes it."""


class TooSlow(Exception):
    """A rule used up its matching budget on a document."""


@functools.lru_cache(maxsize=1024)
def compile_user(source: str) -> regex.Pattern[str]:
    """Compile a configuration's expression, case-insensitive as the rules match them."""
    try:
        return regex.compile(source, regex.IGNORECASE | regex.VERSION0)
    except (regex.error, RecursionError, OverflowError, ValueError) as exc:
        raise PatternError(f"expression invalide « {source} » ({exc})") from None


class Budget:
    """The matching time one rule has left on one document (a rule instance checks one document)."""

    def __init__(self, seconds: float = BUDGET_SECONDS) -> None:
        self.seconds = seconds
        self._left = seconds

    def search(self, rx: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        started = time.perf_counter()
        try:
            return rx.search(text, pos, len(text) if endpos is None else endpos, timeout=self._timeout(rx))
        except TimeoutError:
            raise self._too_slow(rx) from None
        finally:
            self._left -= time.perf_counter() - started

    def finditer(self, rx: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
        # The timeout bounds each step of the iteration; the budget is checked between steps.
        matches = rx.finditer(text, pos, len(text) if endpos is None else endpos, timeout=self._timeout(rx))
        while True:
            started = time.perf_counter()
            try:
                match = next(matches, None)
            except TimeoutError:
                raise self._too_slow(rx) from None
            finally:
                self._left -= time.perf_counter() - started
            if match is None:
                return
            yield match
            if self._left <= 0:
                raise self._too_slow(rx)

    def _timeout(self, rx: regex.Pattern[str]) -> float:
        if self._left <= 0:
            raise self._too_slow(rx)
        return self._left

    def _too_slow(self, rx: regex.Pattern[str]) -> TooSlow:
        self._left = 0.0
        return TooSlow(
            f"l'expression « {rx.pattern} » a dépassé {self.seconds:g} s de calcul sur ce document "
            "(elle fait revenir en arrière le moteur sur chaque caractère : la simplifier, par exemple sans "
            "répétition imbriquée comme (\\w+\\s?)+)"
        )
