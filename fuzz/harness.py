"""What every fuzz run and property test checks: any input gets a report or a clean error.

`check_bytes` is the whole path of `delib check` for one file's bytes (sniffing, decoding or the
PDF / Word / OpenDocument reader, the model, the rules, the formatters); `check_text` starts from
decoded text, as the language server does. Both raise only on a real defect: an exception other
than `InputError`, a span outside the text, a line or column that does not match its offset, or a
JSON / SARIF output that does not parse. `Mutator`s turn valid deliberations into the damaged
files clerks and tools produce (lines lost, doubled or swapped, digits changed, stray NUL or
bidirectional controls...).
"""

from __future__ import annotations

import json
import os
import random
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

# Internal errors must surface, not become a "lecture impossible" diagnostic.
os.environ["DELIB_DEBUG"] = "1"

from validator.document import Document, InputError  # noqa: E402
from validator.check.engine import RuleSet, lint_document  # noqa: E402
from validator.report.formatters import FileReport, FormatContext, json_format, sarif, text_format  # noqa: E402  # noqa: E402
from validator.read.readers import read_bytes  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@cache
def ruleset() -> RuleSet:
    return RuleSet.build()


@cache
def seeds() -> tuple[str, ...]:
    """The bundled samples: valid and faulty deliberations of every kind of body and layout."""
    paths = sorted((ROOT / "samples").rglob("*.txt"))
    return tuple(p.read_bytes().decode("utf-8", "replace") for p in paths)


class Defect(AssertionError):
    """An invariant the tool must keep was broken (the input is kept by the caller)."""


def check_bytes(data: bytes, name: str = "fuzz.txt") -> FileReport:
    """Read and check a file's bytes; an unreadable file is a report with a French error."""
    try:
        document = read_bytes(data, name)
    except InputError as exc:
        if not str(exc).strip():
            raise Defect("InputError without a message") from exc
        return FileReport(name, error=str(exc))
    return check_document(document)


def check_text(text: str) -> FileReport:
    return check_document(Document(text, "fuzz.txt"))


def check_document(document: Document) -> FileReport:
    result = lint_document(document, ruleset())
    text = document.text
    for d in result.diagnostics:
        if not 0 <= d.start <= d.end <= len(text):
            raise Defect(f"span {d.start}..{d.end} outside a text of {len(text)} characters: {d}")
        start, end = document.position(d.start), document.position(d.end)
        if (d.line, d.column, d.end_line, d.end_column) != (start.line, start.column, end.line, end.column):
            raise Defect(f"line and column do not match the offsets: {d}")
        if not d.message.strip():
            raise Defect(f"empty message: {d}")
        for edit in d.fix.edits if d.fix else ():
            if not 0 <= edit.start <= edit.end <= len(text):
                raise Defect(f"fix edit {edit} outside the text")
    report = FileReport(document.path, result.diagnostics, text=text)
    render_all([report])
    return report


def render_all(reports: Sequence[FileReport]) -> dict[str, str]:
    """Every format that must stay machine-readable, parsed back; the text format rendered too."""
    ctx = FormatContext(rules=ruleset().rules)
    out = {"json": json_format.render(reports, ctx), "sarif": sarif.render(reports, ctx), "text": text_format.render(reports, ctx)}
    for name in ("json", "sarif"):
        try:
            json.loads(out[name])
        except ValueError as exc:
            raise Defect(f"{name} output is not JSON: {exc}") from exc
    return out


# --- Mutations of valid deliberations ----------------------------------------------------------

Mutator = Callable[[random.Random, str], str]
# Characters that break naive text handling: NUL, bidirectional controls (RLO, RLM, ALM, LRI,
# PDI), zero-width joiners, a BOM in the middle, a lone surrogate, a non-BMP character, line and
# paragraph separators, a combining accent with nothing to combine with.
ODD = ["\x00", "\u202e", "\u200f", "\u061c", "\u2066", "\u2069", "\u200d", "\ufeff", "\ud800", "\U0001f4c4", "\u2028", "\u2029", "\u0301", "\x0c", "\r", "\t"]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def delete_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


def duplicate_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    lines[i:i] = [lines[i]] * rng.choice((1, 2, 50))
    return "\n".join(lines)


def swap_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def change_digits(rng: random.Random, text: str) -> str:
    chars = list(text)
    digits = [i for i, c in enumerate(chars) if c.isdigit()]
    for i in rng.sample(digits, min(len(digits), rng.randint(1, 5))):
        chars[i] = rng.choice("0123456789" * 3 + "٣" + "²")
    return "".join(chars)


def long_number(rng: random.Random, text: str) -> str:
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    if not digits:
        return text
    i = rng.choice(digits)
    return text[:i] + "9" * rng.choice((20, 400, 5000)) + text[i:]


def insert_odd(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(text) + 1)
        text = text[:i] + rng.choice(ODD) + text[i:]
    return text


def newlines(rng: random.Random, text: str) -> str:
    style = rng.choice(("\r\n", "\r", "\n\r", "\u2028"))
    if rng.random() < 0.5:
        return text.replace("\n", style)
    lines = _lines(text)
    return "".join(line + rng.choice(("\n", style)) for line in lines)


def decompose(rng: random.Random, text: str) -> str:
    return unicodedata.normalize(rng.choice(("NFD", "NFKD", "NFKC")), text)


def splice(rng: random.Random, text: str) -> str:
    other = rng.choice(seeds())
    i, j = rng.randrange(len(text) + 1), rng.randrange(len(other) + 1)
    return text[:i] + other[j:]


def truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


def spaces(rng: random.Random, text: str) -> str:
    i = rng.randrange(len(text) + 1)
    return text[:i] + rng.choice((" ", "\u00a0", "\t", "  ")) * rng.choice((3, 40, 300)) + text[i:]


def case(rng: random.Random, text: str) -> str:
    return text.upper() if rng.random() < 0.5 else text.lower()


MUTATORS: tuple[Mutator, ...] = (
    delete_line, duplicate_line, swap_lines, change_digits, long_number, insert_odd, newlines, decompose, splice, truncate, spaces, case,
)


def mutate(rng: random.Random, text: str, rounds: int | None = None) -> str:
    for _ in range(rounds if rounds is not None else rng.randint(1, 4)):
        if not text:
            text = rng.choice(seeds())
        text = rng.choice(MUTATORS)(rng, text)
    return text
