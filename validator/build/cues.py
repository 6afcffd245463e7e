"""Cues: cheap signs that a costly pattern may match nearby, and the search around them.

Python's regular-expression engine tries an alternation at every position of a text; most
patterns of this package (dates, counts, totals, citations) contain a word that is rare in a
deliberation. Those words are found with `str.find`, and the costly pattern runs only in small
windows around them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

_last_lowered: tuple[str, str] | None = None


def _lowered(text: str) -> str:
    """`text.lower()`, remembered for the last text: every cue of a document scans the same one."""
    global _last_lowered
    memo = _last_lowered
    if memo is None or memo[0] is not text:
        memo = (text, text.lower())
        _last_lowered = memo  # one assignment of a pair: safe for the language server's threads
    return memo[1]


class Cue:
    """A cheap sign that a costly pattern may match nearby: lower-case words, and/or patterns.

    Words are found with `str.find` on the lower-cased text (many times faster than a regex
    alternation, which Python's engine tries at every position); `whole` words must not touch a
    letter on either side, other words (stems: "présent", "votant") only on their left.
    Each pattern begins with a literal character, which the engine finds as fast as `str.find`
    (a pattern beginning with a class such as `\\d` or `[Ll]`, or an alternation, is tried at every
    position: twenty to thirty times slower); lookbehinds check what comes before it.
    """

    def __init__(self, words: tuple[str, ...] = (), patterns: tuple[str, ...] = (), whole: bool = False) -> None:
        self.words = words
        self.patterns = tuple(re.compile(p) for p in patterns)
        self.whole = whole
        # Used when lower-casing would change the length of the text (a handful of characters
        # such as "İ"), so that offsets stay exact.
        self.fallback = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
        self._memo: tuple[str, list[tuple[int, int]], list[int]] | None = None

    def hits(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The hits lying inside text[start:end], in order.

        The whole text is scanned once and remembered (the last text only): the builder and the
        rules ask about many ranges of the same text, and each range is then a bisection.
        """
        memo = self._memo
        if memo is None or memo[0] is not text:
            found = self._scan(text)
            memo = (text, found, [h[0] for h in found])
            self._memo = memo
        found, starts = memo[1], memo[2]
        out = []
        for i in range(bisect_left(starts, start), len(found)):
            hit = found[i]
            if hit[0] >= end:
                break
            if hit[1] <= end:
                out.append(hit)
        return out

    def _scan(self, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        if self.words:
            lowered = _lowered(text)
            if len(lowered) == len(text):
                for word in self.words:
                    i = lowered.find(word)
                    while i != -1:
                        out.append((i, i + len(word)))
                        i = lowered.find(word, i + 1)
            else:
                assert self.fallback is not None
                out.extend(m.span() for m in self.fallback.finditer(text))
            out = [h for h in out if self._bounded(text, *h)]
        for pattern in self.patterns:
            out.extend(m.span() for m in pattern.finditer(text))
        out.sort()
        return out

    def _bounded(self, text: str, s: int, e: int) -> bool:
        if s > 0 and text[s - 1].isalpha():
            return False
        return not (self.whole and e < len(text) and text[e].isalpha())


def around(
    rx: re.Pattern[str],
    cue: Cue,
    text: str,
    start: int,
    end: int,
    before: int = 80,
    after: int = 120,
    at: re.Pattern[str] | None = None,
) -> Iterator[re.Match[str]]:
    """Matches of `rx` that contain or touch a hit of `cue`, searched only in windows around the hits.

    Windows of neighbouring hits are merged, so that each character is scanned by `rx` at most
    once: the cost is linear in the text whatever the density of hits. With `at`, a pattern of
    the only places where a match may begin (the start of a word or a number, say), `rx` is tried
    there and nowhere else, and only up to the last hit: a pattern made of long alternations of
    words then costs a few tries per window instead of one per character.
    """
    for w_start, w_end, hits in _merged(cue, text, start, end, before, after):
        touches = _Touches(hits)
        matches = rx.finditer(text, w_start, w_end) if at is None else _tried_at(rx, at, text, w_start, w_end, hits[-1][1])
        for m in matches:
            if touches(m.start(), m.end()):
                yield m


# A window is widened to whole words by this much at most: a text may have no blank at all.
WIDEN = 30


def windows(cue: Cue, text: str, start: int, end: int, before: int, after: int) -> Iterator[tuple[int, int]]:
    """The windows of text[start:end] around the hits of `cue`, neighbouring windows merged and
    widened to whole words (a window never cuts a word in two, within `WIDEN` characters): what a
    small grammar reads instead of the whole text, each character about once."""
    last = start
    for w_start, w_end, _ in _merged(cue, text, start, end, before, after):
        low, high = max(last, w_start - WIDEN), min(end, w_end + WIDEN)
        while w_start > low and not text[w_start - 1].isspace():
            w_start -= 1
        while w_end < high and not text[w_end].isspace():
            w_end += 1
        last = w_end
        yield w_start, w_end


def _merged(cue: Cue, text: str, start: int, end: int, before: int, after: int) -> Iterator[tuple[int, int, list[tuple[int, int]]]]:
    hits = cue.hits(text, start, end)
    i = 0
    while i < len(hits):
        w_start, w_end = max(start, hits[i][0] - before), min(end, hits[i][1] + after)
        j = i + 1
        while j < len(hits) and hits[j][0] - before <= w_end:
            w_end = min(end, max(w_end, hits[j][1] + after))
            j += 1
        yield w_start, w_end, hits[i:j]
        i = j


class _Touches:
    """Whether a span touches one of the hits of a window, in O(log hits).

    A merged window of a dense text holds thousands of hits; testing each match against each of
    them made dated texts quadratic. A span [s, e] touches a hit when some hit begins at or
    before e and ends at or after s: the hits beginning at or before e are a prefix of the hits
    sorted by start, and the largest end of that prefix decides.
    """

    def __init__(self, hits: list[tuple[int, int]]) -> None:
        self.starts = [h[0] for h in hits]
        self.reach: list[int] = []
        furthest = -1
        for h in hits:
            furthest = max(furthest, h[1])
            self.reach.append(furthest)

    def __call__(self, s: int, e: int) -> bool:
        k = bisect_right(self.starts, e)
        return k > 0 and self.reach[k - 1] >= s


def _tried_at(rx: re.Pattern[str], at: re.Pattern[str], text: str, start: int, end: int, last: int) -> Iterator[re.Match[str]]:
    """Like `rx.finditer(text, start, end)`, for matches beginning where `at` matches, up to `last`."""
    resume = start
    for place in at.finditer(text, start, min(end, last + 1)):
        if place.start() < resume:
            continue  # inside the previous match: finditer does not overlap either
        m = rx.match(text, place.start(), end)
        if m is not None:
            yield m
            resume = max(m.end(), m.start() + 1)
