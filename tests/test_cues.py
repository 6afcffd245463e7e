"""Cues: the cheap first pass that decides where the costly patterns run."""

from __future__ import annotations

import importlib
import pkgutil
import re

from validator.build.cues import Cue, around

_META = set("\\[](){}.*+?^$|")


def _cues() -> list[tuple[str, Cue]]:
    found = []
    # The modules of the stages (not the formatters, readers and language server) and the rules.
    packages = ("validator", "validator.read", "validator.parse", "validator.build", "validator.config", "validator.check", "validator.report", "validator.rules")
    modules = [importlib.import_module("validator.config")] + [
        importlib.import_module(f"{package}.{info.name}")
        for package in packages
        for info in pkgutil.iter_modules(importlib.import_module(package).__path__)
        if not info.ispkg and info.name != "__main__"
    ]
    for module in modules:
        found += [(f"{module.__name__}.{name}", value) for name, value in vars(module).items() if isinstance(value, Cue)]
    return found


def _literal_first(pattern: str) -> bool:
    """The pattern begins with one literal character and is not an alternation at its top level."""
    if pattern.startswith("\\") and pattern[1].isalnum():
        return False  # "\\d", "\\w", "\\b" are classes or assertions; "\\." is a dot
    if not pattern.startswith("\\") and pattern[0] in _META:
        return False
    depth, i = 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1
        elif c == "[":
            i = pattern.index("]", i + 2)  # a class: "]" first inside it is a literal
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            return False
        i += 1
    return True


def test_every_cue_pattern_begins_with_a_literal_character() -> None:
    """A pattern that begins with a class or an alternation is tried at every position of the
    text, twenty to thirty times slower than one the engine can find by its first character."""
    cues = _cues()
    assert len(cues) >= 10
    slow = [f"{name}: {p.pattern!r}" for name, cue in cues for p in cue.patterns if not _literal_first(p.pattern)]
    assert not slow, slow


def test_words_are_found_at_the_start_of_a_word_only() -> None:
    cue = Cue(("présent",))
    text = "Étaient présents : 12. Représentés : 3. PRÉSENTS : 12"
    assert [text[s:e] for s, e in cue.hits(text, 0, len(text))] == ["présent", "PRÉSENT"]


def test_whole_words_do_not_touch_a_letter_on_either_side() -> None:
    cue = Cue(("mai",), whole=True)
    text = "Le Maire, le 3 mai 2024, Mai 68"
    assert [s for s, _ in cue.hits(text, 0, len(text))] == [text.index("mai 2024"), text.index("Mai 68")]


def test_hits_are_limited_to_the_range_asked() -> None:
    cue = Cue(("vu",), (r"/(?<=\d/)(?=\d)",), whole=True)
    text = "Vu le code ; le 12/03/2024, vu l'avis"
    assert len(cue.hits(text, 0, len(text))) == 4
    assert [text[s:e] for s, e in cue.hits(text, 10, len(text))] == ["/", "/", "vu"]


def test_positions_stay_exact_when_lower_casing_changes_the_length() -> None:
    # "İ" lower-cases to two characters: the cue falls back to a case-insensitive search.
    cue = Cue(("quorum",))
    text = "İİİ Quorum : 12"
    assert [text[s:e] for s, e in cue.hits(text, 0, len(text))] == ["Quorum"]


def test_around_finds_what_finditer_finds_near_the_hits() -> None:
    rx = re.compile(r"(?:lundi\s+)?\d{1,2}\s+mars\s+\d{4}")
    cue = Cue(("mars",), whole=True)
    text = "Séance du lundi 4 mars 2024. " + "x " * 200 + "Courrier du 12 mars 2024 et du 112 mars 2024."
    everywhere = [m.group() for m in rx.finditer(text)]
    assert [m.group() for m in around(rx, cue, text, 0, len(text), 50, 50)] == everywhere
    # Tried only where a word or a number begins: "112 mars" is not read as "12 mars".
    starts = re.compile(r"(?<!\d)\d|(?<![^\W\d_])[^\W\d_]")
    assert [m.group() for m in around(rx, cue, text, 0, len(text), 50, 50, at=starts)] == ["lundi 4 mars 2024", "12 mars 2024"]
