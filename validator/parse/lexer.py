"""A line lexer for the grammar's line classes: the same terminals, matched faster.

Every token of `deliberation.lark` is a whole line, classified by its terminal definitions in
priority order. Lark's general lexer tries each definition at each line start; this lexer does
the same work line by line, with all line-start definitions in one anchored pattern, and the
definitions that look anywhere in the first N characters of a line (written `[^\\n]{0,N}?` first)
run as searches, which the regular-expression engine skips through quickly. The result is the
token stream Lark's own lexer would give (a test checks the two agree on real documents).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lark import Token
from lark.lexer import Lexer, LexerState

_INLINE = re.compile(r"^\[\^(?:\\n|\n)\]\{0,(\d+)\}\?")
_BLANK = re.compile(r"(?:\n[ \t\f\u00a0\u202f]*)+")


class LineLexer(Lexer):
    __future_interface__ = 2  # receive Lark's LexerState (current interface)

    def __init__(self, lexer_conf: Any) -> None:
        terminals = sorted(lexer_conf.terminals, key=lambda t: (-t.priority, t.name))
        self.fallback = "TEXT"
        anchored = []
        self.inline: list[tuple[int, str, int, re.Pattern[str]]] = []
        self.priority: dict[str, int] = {}
        for term in terminals:
            if term.name in ("TEXT", "_NL"):  # the fallback, and the ignored line breaks
                continue
            regexp = term.pattern.to_regexp()
            self.priority[term.name] = term.priority
            m = _INLINE.match(regexp)
            if m:
                self.inline.append((term.priority, term.name, int(m.group(1)), re.compile(regexp[m.end() :])))
            else:
                anchored.append(f"(?P<{term.name}>{regexp})")
        self.anchored = re.compile("|".join(anchored))

    def classify(self, line: str) -> str:
        """The terminal of one line (without its line break)."""
        m = self.anchored.match(line)
        best = m.lastgroup if m else None
        floor = self.priority[best] if best else -1
        for priority, name, reach, rx in self.inline:
            if priority <= floor:
                break
            found = rx.search(line)
            if found is not None and found.start() <= reach and found.end() == len(line):
                return name
        return best or self.fallback

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        # Lark passes a TextSlice (recent versions) or the text itself.
        source = lexer_state.text
        text: str = source.text if hasattr(source, "text") else source  # type: ignore[assignment]
        classify = self.classify
        blank = _BLANK.match
        pos = 0
        line = 1
        n = len(text)
        # Line breaks and blank lines are ignored by the grammar (`%ignore _NL`): only lines are tokens.
        if text.startswith("\n"):
            m = blank(text)
            assert m is not None
            line += text.count("\n", 0, m.end())
            pos = m.end()
        while pos < n:
            end = text.find("\n", pos)
            if end < 0:
                end = n
            value = text[pos:end]
            if value:
                yield Token(classify(value), value, pos, line, 1, line, len(value) + 1, end)
            if end >= n:
                break
            m = blank(text, end)
            assert m is not None
            pos = m.end()
            line += text.count("\n", end, pos)
