"""Mutation operators on the decision: articles, amounts, votes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .mutant import PER_DOCUMENT, Change, Context, bump_digit, excerpt, operator, replace
from .people import PRESENT_LABEL, labelled_lists
from .textforms import AMOUNT, DISPOSITIF, amount_of, counts, spread, visa_clauses

ARTICLE = re.compile(r"(?:^[ \t]*|(?<=[.;:] )|(?<=[.;:]  ))(?:ARTICLE|Article|Art\.)[ \t]*(?P<n>\d{1,2}|1er|premier)(?:[ \t]*er)?(?=[ \t]*(?:[:.\-–—)]|\r?\n|[ \t]+[A-ZÉÈ]))", re.M)


def _article_runs(text: str) -> list[list[re.Match[str]]]:
    """Article labels grouped into runs 1, 2, 3... (a procès-verbal restarts at 1 for each act)."""
    runs: list[list[re.Match[str]]] = []
    for m in ARTICLE.finditer(text):
        n = 1 if not m["n"].isdigit() else int(m["n"])
        if n == 1:
            runs.append([m])
        elif runs and n == _number(runs[-1][-1]) + 1:
            runs[-1].append(m)
    return [r for r in runs if len(r) >= 2]


def _number(m: re.Match[str]) -> int:
    return int(m["n"]) if m["n"].isdigit() else 1


@operator("article-sequence")
def article_sequence(text: str, ctx: Context) -> Iterator[Change]:
    """An article renumbered: the last one skips a number (1, 2, 4) or the second repeats the first (1, 1, 3).

    Rule: article-sequence.
    """
    made = 0
    for run in _article_runs(text):
        if made >= PER_DOCUMENT:
            return
        last = run[-1]
        mutant, site = replace(text, last.start("n"), last.end("n"), str(_number(last) + 1))
        yield Change(mutant, (site,), f"article {_number(last)} -> {_number(last) + 1}")
        second = run[1]
        mutant, site = replace(text, second.start("n"), second.end("n"), "1")
        yield Change(mutant, (site,), "article 2 -> 1")
        made += 2


def _amounts(text: str, start: int, end: int) -> list[re.Match[str]]:
    return [m for m in AMOUNT.finditer(text, start, end) if amount_of(m) >= 100]


@operator("amount-consistency")
def amount_dispositif(text: str, ctx: Context) -> Iterator[Change]:
    """A sum of the report changed where the dispositif restates it, and only there.

    "une subvention de 148 000 € ... DÉCIDE d'attribuer 148 000 €" becomes "... 248 000 €" in the
    dispositif. Rule: amount-consistency.
    """
    bounds: list[int] = []
    for m in DISPOSITIF.finditer(text):
        if not bounds or m.start() - bounds[-1] > 300:  # "après en avoir délibéré, DÉCIDE" opens one dispositif
            bounds.append(m.start())
    sites = []
    for i, b in enumerate(bounds):
        report_start = max(bounds[i - 1] if i else 0, b - 8000)
        stated = {amount_of(m): m for m in _amounts(text, report_start, b)}
        end = min(bounds[i + 1] if i + 1 < len(bounds) else len(text), b + 4000)
        sites.extend((stated[amount_of(m)], m) for m in _amounts(text, b, end) if amount_of(m) in stated)
    for i in spread(sites, PER_DOCUMENT):
        report, m = sites[i]
        mutant, site = replace(text, m.start("n"), m.end("n"), bump_digit(m["n"]))
        yield Change(mutant, (site, (report.start("n"), report.end("n"))), f"{m['n']} -> {bump_digit(m['n'])} : {excerpt(text, m.start(), m.end())}")


_NUMBER_WORD = r"(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille|millions?)"
_WORDS = rf"(?:{_NUMBER_WORD}(?:[\s\-]+(?:et[\s\-]+)?{_NUMBER_WORD})*[\s\-]+euros?)"
FIGURES_THEN_WORDS = re.compile(rf"{AMOUNT.pattern}\s*\(\s*(?:soit\s+)?{_WORDS}", re.I)
WORDS_THEN_FIGURES = re.compile(rf"{_WORDS}[^()\d]{{0,20}}\(\s*(?:soit\s+)?(?P<n>\d{{1,3}}(?:[ \u00a0\u202f.]\d{{3}})+|\d+)(?P<c>,\d{{1,2}})?\s*(?:€|euros?\b|EUR\b)", re.I)


@operator("amount-consistency")
def amount_words(text: str, ctx: Context) -> Iterator[Change]:
    """An amount's figures changed against its words: "20 000 € (vingt mille euros)" -> "30 000 € (...)".

    Rule: amount-consistency.
    """
    sites = sorted([*FIGURES_THEN_WORDS.finditer(text), *WORDS_THEN_FIGURES.finditer(text)], key=lambda m: m.start("n"))
    for i in spread(sites, PER_DOCUMENT):
        m = sites[i]
        mutant, site = replace(text, m.start("n"), m.end("n"), bump_digit(m["n"]))
        yield Change(mutant, (site,), f"{m['n']} -> {bump_digit(m['n'])} : {excerpt(text, m.start(), m.end())}")


TALLY_FOR = re.compile(r"\bpour\s*:\s*(?P<n>\d{1,3})\b(?!\s*[h/%])|\b(?P<m>\d{1,3})\s+(?:voix|votes?|suffrages?)\s+pour\b|\b(?P<k>\d{1,3})\s+pour\b(?=\s*[,;.]|\s+\d|\s+et\b)", re.I)


@operator("vote-arithmetic")
def tally_above_voters(text: str, ctx: Context) -> Iterator[Change]:
    """The votes for raised above every count of members the act states (or the names it lists).

    "Pour : 20" in an act of 23 members in office becomes "Pour : 26". Made only where the act gives
    a count or a list to compare with; a vote quoted in a visa (a commission's opinion) is another
    body's and is left alone. Rule: vote-arithmetic.
    """
    stated = counts(text)
    first = {kind: next((c.value for c in stated if c.kind == kind), 0) for kind in ("present", "represented")}
    listed = [len(lst.names) for lst in labelled_lists(text, PRESENT_LABEL)]
    if not stated and not listed:
        return
    # Above the members in office, the votants, and the présents with their proxies, however stated.
    ceiling = [c.value for c in stated] + [first["present"] + first["represented"]] + [n + first["represented"] for n in listed]
    quoted = [(start, stop) for start, stop, _ in visa_clauses(text)]
    sites = [m for m in TALLY_FOR.finditer(text) if not any(start <= m.start() < stop for start, stop in quoted)]
    for i in spread(sites, PER_DOCUMENT):
        m = sites[i]
        group = next(g for g in ("n", "m", "k") if m[g])
        new = str(max([*ceiling, int(m[group])]) + 3)
        mutant, site = replace(text, m.start(group), m.end(group), new)
        yield Change(mutant, (site,), f"pour {m[group]} -> {new} : {excerpt(text, m.start(), m.end())}")


UNANIMITY = re.compile(r"\b[àa]\s+l['’ ]\s?unanimit[ée](?:\s+des\s+(?:membres\s+pr[ée]sents(?:\s+et\s+repr[ée]sent[ée]s)?|voix|suffrages\s+exprim[ée]s|pr[ée]sents|votants|membres))?", re.I)
ZERO_AGAINST = re.compile(r"\bcontre\s*:\s*(?P<z>0)\b|\b(?P<y>0)\s+(?:voix\s+)?contre\b", re.I)


@operator("unanimity-contradiction")
def unanimity_against(text: str, ctx: Context) -> Iterator[Change]:
    """Votes against written next to "à l'unanimité": its "Contre : 0" becomes 2, or ", 2 voix contre" is added.

    Rule: unanimity-contradiction.
    """
    sites = list(UNANIMITY.finditer(text))
    for i in spread(sites, PER_DOCUMENT):
        m = sites[i]
        zero = ZERO_AGAINST.search(text, m.end(), min(len(text), m.end() + 200))
        if zero:
            group = "z" if zero["z"] else "y"
            mutant, site = replace(text, zero.start(group), zero.end(group), "2")
        else:
            mutant, site = replace(text, m.end(), m.end(), ", 2 voix contre")
        yield Change(mutant, (site,), excerpt(mutant, site[0], site[1]))


OPERATORS = [article_sequence, amount_dispositif, amount_words, tally_above_voters, unanimity_against]
