"""The shared terminals of `grammar/terms.lark`, compiled once for the readers written in Python.

The grammar imports the same file, so a phrasing is written in one place whether a line class or
a Python reader looks for it. The vocabulary comes first in the pipeline: the reading view cuts a
text without line breaks before the heads it defines, the grammar classifies lines with them.
"""

from __future__ import annotations

import functools
import re

from lark import Lark

# The package that holds the grammars (grammar/ installed as validator.grammar).
GRAMMAR_PACKAGE = "validator.grammar"
TERMS_FILE = "terms.lark"


@functools.cache
def patterns() -> dict[str, str]:
    """Every terminal of the shared file, as a regular expression."""
    grammar = Lark.open_from_package(GRAMMAR_PACKAGE, TERMS_FILE, parser="lalr", lexer="basic")
    return {t.name: t.pattern.to_regexp() for t in grammar.terminals if not t.name.startswith("_")}


def term(name: str) -> str:
    """One terminal's regular expression (KeyError for a name the file does not define)."""
    return patterns()[name]


def compiled(*names: str, flags: int = 0) -> re.Pattern[str]:
    """The alternation of some terminals, each in its own named group."""
    return re.compile("|".join(f"(?P<{n}>{term(n)})" for n in names), flags)
