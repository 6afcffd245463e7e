"""Globs of the configuration: the same answers as the regex translation they replace, in time
bounded by the path's length times the pattern's (audit C22)."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from validator.config.globs import compile_glob, matches


def oracle(pattern: str) -> re.Pattern[str]:
    """The translation used before (backtracking: small inputs only)."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile(("" if "/" in pattern else "(?:.*/)?") + "".join(out))


PATTERNS = [
    "*.txt", "**/*.pdf", "bureau/*.txt", "bureau/**", "**/bureau/**/*.txt", "a?c", "**", "*", "?",
    "archives/**/2023-*.txt", "**/", "a/**/b", "a**b", "*/*", ".delib.yaml", "x/**/", "**/**/z", "[a].txt",
    "a.b+c(d)", "é*/ü?.txt",
]
PATHS = [
    "a.txt", "x/a.txt", "x/y/a.pdf", "a.pdf", "bureau/b.txt", "bureau/x/b.txt", "bureau", "bureau/",
    "abc", "x/abc", "a/c", "archives/2023-01.txt", "archives/x/y/2023-02.txt", "archives/2022-01.txt", "a/b",
    "a/x/y/b", "ab", "a/xb", "axyb", "", "/", "x/", "z", "q/r/z", "[a].txt", "a.txt.bak", "a.b+c(d)",
    "éa/üb.txt", "a\nb", "x/\n/z", "\n.txt", "bureau/\n", ".delib.yaml", "d/.delib.yaml",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_same_answers_as_the_regex_translation(pattern: str) -> None:
    glob, regex = compile_glob(pattern), oracle(pattern)
    answers = {path: glob.fullmatch(path) for path in PATHS}
    assert answers == {path: regex.fullmatch(path) is not None for path in PATHS}


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["*", "**", "**/", "?", "/", "a", "b", ".", "\n"]), max_size=7).map("".join),
    st.lists(st.sampled_from(["a", "b", "/", ".", "\n", "ab/"]), max_size=8).map("".join),
)
def test_random_patterns_and_paths_agree_with_the_regex_translation(pattern: str, path: str) -> None:
    assert compile_glob(pattern).fullmatch(path) == (oracle(pattern).fullmatch(path) is not None)


def test_every_short_path_agrees_on_the_configuration_patterns() -> None:
    for pattern in PATTERNS:
        glob, regex = compile_glob(pattern), oracle(pattern)
        for n in range(5):
            for chars in itertools.product("ab/.", repeat=n):
                path = "".join(chars)
                assert glob.fullmatch(path) == (regex.fullmatch(path) is not None), (pattern, path)


def test_matches_takes_windows_and_dot_slash_paths() -> None:
    assert matches(".\\bureau\\b.txt", ("bureau/*.txt",)) and matches("./x/a.pdf", ("**/*.pdf",))
    assert not matches("bureau/x/b.txt", ("bureau/*.txt",))


def seconds(pattern: str, path: str) -> float:
    glob = compile_glob(pattern)
    best = []
    for _ in range(3):
        began = time.perf_counter()
        glob.fullmatch(path)
        best.append(time.perf_counter() - began)
    return min(best)


HOSTILE: dict[str, tuple[str, Callable[[int], str]]] = {
    "stars in a name": ("*a*a*a*a*a*a*a*a*a*a*a*ab", lambda n: "a" * n + ".txt"),
    "runs of folders": ("**/" * 8 + "x", lambda n: "d/" * n),
    "double stars": ("**a**a**a**a**a**ab", lambda n: "a/" * n),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_patterns_cost_linear_time(case: str) -> None:
    # The audit's pattern against 200 "a" hung the regex; here ten times the path costs about ten
    # times the time (12, with room for a busy machine), and a path of 20,000 "a" is answered.
    pattern, path = HOSTILE[case]
    assert not compile_glob(pattern).fullmatch(path(20_000))
    ratio = seconds(pattern, path(20_000)) / seconds(pattern, path(2_000))
    assert ratio <= 16, f"x{ratio:.1f} for 10x the path"
