"""Path patterns of the configuration ("**/*.pdf", "bureau/*.txt"), matched on "/"-separated paths.

`**` spans folders, `*` and `?` stay within one; a pattern without "/" matches a name anywhere.
Patterns are matched by following every place of the pattern a path may have reached at once
(the states of an automaton), never by backtracking: a translation into a regex made
`*a*a*a*a*a*a*a*a*a*a*a*ab` against a name of 200 "a" run for hours (audit C22). The cost is at most
the path's length times the pattern's.
"""

from __future__ import annotations

import functools
from enum import Enum


class _Kind(Enum):
    CHAR = "c"
    ONE = "?"  # one character of a name
    NAME = "*"  # characters of a name
    ANY = "**"  # any characters but a line break
    FOLDERS = "**/"  # nothing, or folders: characters (not line breaks) ending in "/"


class Glob:
    """A compiled pattern; `fullmatch(path)` says whether the whole path matches."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        tokens: list[tuple[_Kind, str]] = [] if "/" in pattern else [(_Kind.FOLDERS, "")]
        i = 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                tokens.append((_Kind.FOLDERS, ""))
                i += 3
            elif pattern.startswith("**", i):
                tokens.append((_Kind.ANY, ""))
                i += 2
            else:
                kind = {"*": _Kind.NAME, "?": _Kind.ONE}.get(pattern[i], _Kind.CHAR)
                tokens.append((kind, pattern[i]))
                i += 1
        self.tokens = tokens
        # State k: the tokens before k are matched. State -1 - k: inside the folders of token k.
        self.accept = len(tokens)
        self.start = self._closure({0})

    def fullmatch(self, path: str) -> bool:
        states = self.start
        for c in path:
            if not states:
                return False
            states = self._closure(self._step(states, c))
        return self.accept in states

    def _step(self, states: frozenset[int], c: str) -> set[int]:
        out: set[int] = set()
        for s in states:
            if s < 0:
                if c != "\n":
                    out.add(s)
                if c == "/":
                    out.add(-1 - s + 1)
                continue
            if s == self.accept:
                continue
            kind, char = self.tokens[s]
            if kind is _Kind.CHAR and c == char or kind is _Kind.ONE and c != "/":
                out.add(s + 1)
            elif kind is _Kind.NAME and c != "/" or kind is _Kind.ANY and c != "\n":
                out.add(s)
        return out

    def _closure(self, states: set[int]) -> frozenset[int]:
        """The states reached without reading: past stars, into and past a run of folders."""
        todo = list(states)
        while todo:
            s = todo.pop()
            if s < 0 or s == self.accept:
                continue
            kind = self.tokens[s][0]
            reached = [s + 1] if kind in (_Kind.NAME, _Kind.ANY) else [s + 1, -1 - s] if kind is _Kind.FOLDERS else []
            for r in reached:
                if r not in states:
                    states.add(r)
                    todo.append(r)
        return frozenset(states)


@functools.lru_cache(maxsize=512)
def compile_glob(pattern: str) -> Glob:
    return Glob(pattern)


def matches(path: str, patterns: tuple[str, ...]) -> bool:
    path = path.replace("\\", "/").removeprefix("./")
    return any(compile_glob(p).fullmatch(path) for p in patterns)
