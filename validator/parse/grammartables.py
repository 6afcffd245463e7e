"""The LALR tables of the grammar, shipped in the package as JSON: no pickle is ever read.

Lark's own cache (`cache=`) pickles the parser into a folder a user or a job can write, and
unpickles it before it checks the grammar's hash: a file planted there ran code on every start
(audit K1), and a symlink there had its target overwritten (K2). The tables are data, so they are
shipped as data: `grammar/deliberation-lalr.json` for the document grammar and
`<grammar>-lalr.json` for each small grammar of a sub-language (`tally-lalr.json`, `counts-lalr.json`, `date-lalr.json`, `citation-lalr.json`), written by `python -m
validator.grammar` when a grammar file changes (a test fails until it is), read with `json` and
handed to Lark's deserialiser. Nothing is written at run time. When the shipped tables do not
match the grammar files or the installed Lark (a grammar being edited, another Lark release), the
parser is built in memory.

JSON has no integer keys and no tuples, which the tables use; they are tagged (`{"~int": [[k, v]]}`,
`{"~tuple": [...]}`) and restored. Classes are not data: the one class the tables name, the line
lexer, is put back by the loader, never looked up by a name read from the file; Lark's own lexers
are named by a string Lark knows ("contextual").
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import lark
from lark import Lark, Transformer
from lark.grammar import Rule
from lark.lexer import TerminalDef

from ..read.terms import GRAMMAR_PACKAGE
from .lexer import LineLexer

TABLES_FILE = "deliberation-lalr.json"
# Lark's lexers, which the tables name by a string: the tallies' grammar uses the contextual one.
_LARK_LEXERS = ("contextual", "basic")
# Options that are objects of this process, not data: given again when the tables are loaded.
_RUNTIME_OPTIONS = ("transformer", "import_paths", "source_path", "lexer")
_LEXER_MARK = "LineLexer"


def tables_file(grammar_file: str) -> str:
    """The file of a grammar's tables: `tally.lark` -> `tally-lalr.json`."""
    return grammar_file.removesuffix(".lark") + "-lalr.json"


def grammar_hash() -> str:
    """The hash of every grammar file of the package, in name order."""
    digest = hashlib.sha256()
    for entry in sorted(resources.files(GRAMMAR_PACKAGE).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".lark"):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    return digest.hexdigest()


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {k: _encode(v) for k, v in value.items()}
        return {"~int": [[k, _encode(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {"~tuple": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"les tables de la grammaire contiennent un objet non sérialisable : {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "~int" in value:
            return {int(k): _decode(v) for k, v in value["~int"]}
        if "~tuple" in value:
            return tuple(_decode(v) for v in value["~tuple"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def serialise(parser: Lark) -> dict[str, Any]:
    """The tables of a parser built from the grammar, as JSON-ready data."""
    data, memo = parser.memo_serialize([TerminalDef, Rule])
    for name in _RUNTIME_OPTIONS:
        data["options"].pop(name, None)
    lexer_conf = data["parser"]["lexer_conf"]
    if lexer_conf.get("lexer_type") is LineLexer:
        lexer_conf["lexer_type"] = _LEXER_MARK
    elif lexer_conf.get("lexer_type") not in _LARK_LEXERS:
        raise TypeError("les tables de la grammaire supposent le lexeur par lignes ou un lexeur de Lark")
    return {"grammar": grammar_hash(), "lark": lark.__version__, "tables": _encode({"data": data, "memo": memo})}


def load(transformer: Transformer[Any, Any], tables: str = TABLES_FILE) -> Lark | None:
    """The parser from the shipped tables, or None when they are missing or do not match."""
    try:
        raw = resources.files(GRAMMAR_PACKAGE).joinpath(tables).read_text(encoding="utf-8")
        shipped = json.loads(raw)
    except (OSError, ValueError):
        return None
    if not isinstance(shipped, dict) or shipped.get("grammar") != grammar_hash() or shipped.get("lark") != lark.__version__:
        return None
    decoded = _decode(shipped["tables"])
    data, memo = decoded["data"], decoded["memo"]
    lexer_type = data["parser"]["lexer_conf"].get("lexer_type")
    if lexer_type == _LEXER_MARK:
        data["parser"]["lexer_conf"]["lexer_type"] = LineLexer
        data["options"]["lexer"] = LineLexer
    elif lexer_type in _LARK_LEXERS:
        data["options"]["lexer"] = lexer_type
    else:
        return None
    # Lark's loader for data it serialised (what its standalone generator uses), untyped upstream.
    loaded: Lark = Lark._load_from_dict(data, memo, transformer=transformer)  # type: ignore[no-untyped-call]
    return loaded


def write(parser: Lark, folder: Path, tables: str = TABLES_FILE) -> Path:
    """Write the tables of `parser` into the grammar folder (a development step, never at run time)."""
    path = folder / tables
    path.write_text(json.dumps(serialise(parser), separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    return path



def build_small(grammar_file: str, transformer: Transformer[Any, Any], start: Sequence[str] = ("start",)) -> Lark:
    """A sub-language's LALR parser (contextual lexer) built from its grammar file, its
    transformer run as the parser reduces: what its shipped tables save at each start. `start`:
    its start rules (the dates' grammar has two)."""
    return Lark.open_from_package(
        GRAMMAR_PACKAGE, grammar_file, parser="lalr", lexer="contextual", start=list(start), transformer=transformer, maybe_placeholders=False
    )


def small_parser(grammar_file: str, transformer: Transformer[Any, Any], start: Sequence[str] = ("start",)) -> Lark:
    """A sub-language's parser: from the tables shipped in the package, else built in memory
    (`DELIB_NO_GRAMMAR_CACHE` set, or tables that do not match the grammar)."""
    if os.environ.get("DELIB_NO_GRAMMAR_CACHE") is None:
        shipped = load(transformer, tables_file(grammar_file))
        if shipped is not None:
            return shipped
    return build_small(grammar_file, transformer, start)


def terminal_patterns(parser: Lark) -> tuple[re.Pattern[str], ...]:
    """A parser's terminals as compiled patterns (what tests/test_regex_backtracking.py times)."""
    return tuple(re.compile(t.pattern.to_regexp()) for t in parser.terminals)


def readers(
    grammar_file: str, transformer: Callable[[], Transformer[Any, Any]], start: Sequence[str] = ("start",)
) -> tuple[Callable[[], Lark], Callable[[], Lark], Callable[[], tuple[re.Pattern[str], ...]]]:
    """The three functions of a small grammar's reader: `build_parser` (from the grammar file, what
    `python -m validator.grammar` writes the tables of), `parser` (once per process, from the
    shipped tables) and `patterns` (its terminals, which tests/test_regex_backtracking.py times)."""

    def build_parser() -> Lark:
        return build_small(grammar_file, transformer(), start)

    @functools.cache
    def parser() -> Lark:
        return small_parser(grammar_file, transformer(), start)

    @functools.cache
    def patterns() -> tuple[re.Pattern[str], ...]:
        return terminal_patterns(parser())

    return build_parser, parser, patterns
