"""Every regular expression of the tool against adversarial strings: time grows linearly.

The patterns are collected, not listed by hand: the compiled patterns of every module (and of
the classes in them), the line lexer's patterns built from the grammar, and the patterns that
functions pass to `re.search` & co., read back from `re`'s cache after checking the samples. Each
one runs over long repetitions of short "pump" strings (a run of figures, of blanks, of capitalised
words...), the inputs that make a backtracking engine rescan the same characters from every
starting point; 8 times the input must cost about 8 times the time, not 64.

A few patterns are only ever matched at one position (a line start, a whole field): they are
timed with `match`, as they are used; `ANCHORED` says why for each.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
import time
from collections.abc import Iterator

import pytest
from conftest import ROOT, SAMPLES, lint_file

from validator.build import effects, outcome, posts, presence, rows
from validator.parse.lexer import LineLexer
from validator.parse.parsing import parser
from validator.read import layout

PUMPS = [
    "9", "a", "A", "é", " ", "\u00a0", "\t", "-", "'", ".", ",", ":", "\n", "x ", "A ", "Ab ", "AB ", "9 ", "9.",
    "a-", "A-", "et ", "vingt ", "de ", "M. ", "A, ", "9/", "le ", "à ", "\n ", " \n", "Ab\n", "1er ", "A'",
]
SMALL, FACTOR = 400, 8
# Below this the clock measures noise, not the pattern.
FLOOR = 0.01


def anchored() -> dict[str, str]:
    lexer = LineLexer(parser().lexer_conf)
    return {
        lexer.anchored.pattern: "the line lexer matches it once at the start of each line",
        layout._TWO_CELLS.pattern: "matched once at the start of each line",
        presence._COUNT_ONLY.pattern: "fullmatch of a list's content",
        presence._SUBHEADING.pattern: "matched once, right after a list heading's colon",
        presence._COUNT_FIRST.pattern: "matched once, right after a list heading's colon",
        rows._ROW_NAME.pattern: "matched at a row start; its search is bounded to _ROW_REACH characters",
        r"[\s\W]*V[uU][\s:,]*": "fullmatch of a visa heading (dispositif.py)",
        r"\s*-\s+(?=[A-ZÀ-Ý])|(?<=[A-ZÀ-Ý])\s+-\s*": "names.display runs it after blanks are collapsed to single spaces",
        outcome._tally_after().pattern: "matched once at the end of the clause that states a vote (outcome.find_vote_statement)",
        posts._NOT_A_POST_AFTER.pattern: "matched once, right after the words that create a post",
        effects._GROUND.pattern: "matched once, at the start of the sentence that holds an effect date",
    }


# The modules of the package, stage by stage (docs/architecture.md), and the bundled rules; not the language server.
STAGE_PACKAGES = (
    "validator", "validator.read", "validator.read.readers", "validator.parse", "validator.build", "validator.config",
    "validator.check", "validator.report", "validator.report.formatters", "validator.rules",
)


def modules() -> Iterator[object]:
    yield importlib.import_module("validator.config")  # a package whose own module is the configuration
    for package in STAGE_PACKAGES:
        pkg = importlib.import_module(package)
        for info in pkgutil.iter_modules(pkg.__path__):
            if not info.ispkg and info.name != "__main__":
                yield importlib.import_module(f"{package}.{info.name}")


def gather(value: object, out: dict[tuple[str, int], re.Pattern[str]], depth: int = 0) -> None:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        out[(value.pattern, value.flags)] = value
    elif depth < 3 and isinstance(value, (list, tuple, set, frozenset, dict)):
        for item in (*value.values(), *value.keys()) if isinstance(value, dict) else value:
            gather(item, out, depth + 1)
    elif depth < 3 and isinstance(value, type) and value.__module__.startswith("validator"):
        for item in vars(value).values():
            gather(item, out, depth + 1)
    elif depth < 3 and dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            gather(getattr(value, field.name), out, depth + 1)
    elif depth < 3 and hasattr(value, "cache_info") and not inspect.signature(value).parameters:
        # Patterns compiled on first use (functools.cache): the table they belong to.
        gather(value(), out, depth + 1)


def patterns() -> dict[tuple[str, int], re.Pattern[str]]:
    found: dict[tuple[str, int], re.Pattern[str]] = {}
    for module in modules():
        gather(list(vars(module).values()), found)
    lexer = LineLexer(parser().lexer_conf)
    gather([lexer.anchored, *(rx for *_, rx in lexer.inline)], found)
    for sample in sorted(SAMPLES.rglob("*.txt")):
        lint_file(sample)
    source = "".join(p.read_text(encoding="utf-8") for folder in ("validator", "rules") for p in (ROOT / folder).rglob("*.py"))
    for rx in list(getattr(re, "_cache", {}).values()) + list(getattr(re, "_cache2", {}).values()):
        if isinstance(rx, re.Pattern) and isinstance(rx.pattern, str) and rx.pattern in source:
            found.setdefault((rx.pattern, rx.flags), rx)
    return found


PATTERNS = patterns()


def best(run, text: str, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(text)
        times.append(time.perf_counter() - start)
    return min(times)


def test_the_collection_sees_the_patterns_of_every_layer() -> None:
    assert len(PATTERNS) > 150
    names = {p for p, _ in PATTERNS}
    assert any("respectivement" in p for p in names) and any("ARTICLE" in p for p in names)


@pytest.mark.parametrize("key", sorted(PATTERNS, key=str), ids=lambda k: k[0][:40])
def test_time_grows_linearly_on_pumped_strings(key: tuple[str, int]) -> None:
    rx = PATTERNS[key]
    mode = "match" if key[0] in anchored() else "search"
    run = (lambda s: rx.match(s)) if mode == "match" else (lambda s: sum(1 for _ in rx.finditer(s)))
    slow = []
    for pump in PUMPS:
        small = best(run, pump * SMALL)
        large = best(run, pump * SMALL * FACTOR, 1)
        if large > FLOOR and large > 2.5 * FACTOR * max(small, FLOOR / FACTOR):
            large = best(run, pump * SMALL * FACTOR)  # once more, best of three, before judging
            if large > FLOOR and large > 2.5 * FACTOR * max(small, FLOOR / FACTOR):
                slow.append(f"{pump!r}: {small * 1000:.1f} ms -> {large * 1000:.1f} ms for {FACTOR}x")
    assert not slow, f"{mode} of {key[0][:120]!r} is superlinear: {slow}"


def test_each_anchored_pattern_is_still_in_the_code() -> None:
    """An entry of ANCHORED whose pattern changed would silently stop being tested."""
    missing = [p for p in anchored() if (p, re.IGNORECASE) not in PATTERNS and not any(k[0] == p for k in PATTERNS)]
    assert not missing, missing


def test_source_files_compile_no_pattern_from_user_text() -> None:
    """Patterns built at run time come from the rules' data and the configuration, never from a
    checked document (which could then choose its own catastrophic pattern)."""
    offenders = []
    for path in sorted((ROOT / "validator").rglob("*.py")) + sorted((ROOT / "rules").glob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"re\.compile\((?:text|document|content|line|chunk)\b", line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert not offenders
