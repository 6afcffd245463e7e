"""Worst-case inputs stay linear: ten times the input costs about ten times the time (at most 12,
with a margin for a busy machine), whatever repeats in it.

No absolute time is asserted: each case is timed at two sizes on the same machine, best of three.
"""

from __future__ import annotations

import itertools
import string
import time
from collections.abc import Callable

import pytest
from conftest import LINEAR_LIMIT as LIMIT
from conftest import SAMPLES

from validator.check.engine import RuleSet, lint_document
from validator.document import Document

ACT = (SAMPLES / "non_conformes" / "presents-annonces-faux.txt").read_text(encoding="utf-8")
RULES = RuleSet.build()


def names(n: int) -> list[str]:
    return ["Jean " + "".join(p) for p in itertools.islice(itertools.product(string.ascii_uppercase, repeat=4), n)]


def in_present_list(extra: str) -> str:
    return ACT.replace("Présents : Alain", "Présents : " + extra + " Alain", 1)


CASES: dict[str, tuple[Callable[[int], str], int]] = {
    "a line of figures": (lambda n: ACT + "9" * n, 20_000),
    "a line of prose": (lambda n: ("Le conseil délibère et approuve le projet " * n)[: n * 10], 3_000),
    "the act on one line": (lambda n: (ACT.replace("\n", " ") * n)[: n * 400], 2),
    "blanks inside a list": (lambda n: in_present_list(" " * n + ","), 20_000),
    "capitals inside a list": (lambda n: in_present_list("A" * n + ","), 20_000),
    "names in one list": (lambda n: in_present_list(", ".join(names(n)) + ","), 300),
    "names one per line": (lambda n: ACT.replace("Présents : Alain", "Présents :\n" + "\n".join(names(n)) + "\nAlain", 1), 300),
    "repeated attendance headings": (lambda n: "Présents : 9\n" * n + ACT, 300),
    "repeated article numbers": (lambda n: ACT + "Article 1 : texte.\n" * n, 200),
    "repeated visas": (lambda n: "Vu le code ;\n" * n + ACT, 300),
    "acts of a procès-verbal": (lambda n: "\n".join([ACT] * n), 3),
    "a vote count of many figures": (lambda n: ACT.replace("Adoptée à l'unanimité.", "Pour : " + "9" * n + " voix pour.", 1), 20_000),
    "a withdrawn member's long name": (lambda n: ACT + "\nM. " + "A" * n + " ne prend pas part au vote.\n", 20_000),
    "separators only": (lambda n: ", - ; . :" * n, 2_000),
}
# Dense dates (audit I22-I24): the windows around their cues merge into one, in which every match
# was tested against every hit. Each case also flattened on one line, as pdftotext may give it.
DENSE: dict[str, tuple[Callable[[int], str], int]] = {
    "dated visas": (lambda n: "".join(f"Vu la délibération n° {i} du 12 mars 2021 ;\n" for i in range(n)), 1_000),
    "a date on every line": (lambda n: "Le lundi 1 janvier 1990\n" * n, 1_000),
    "figures and words of a date": (lambda n: "01/01/1990 reçu en préfecture le 1 janvier 1990\n" * n, 500),
    "amounts": (lambda n: ACT.replace("Article 2 :", "1 000 €\n" * n + "Article 2 :", 1), 1_000),
    "grants to associations": (
        lambda n: ACT.replace("Article 2 :", "".join(f"Une subvention de 500 € à l'association X{i} ;\n" for i in range(n)) + "Article 2 :", 1),
        300,
    ),
    "announced totals": (lambda n: ACT.replace("Article 2 :", "".join(f"Le montant total de {i} 000 € ;\n" for i in range(n)) + "Article 2 :", 1), 300),
}


def on_one_line(build: Callable[[int], str]) -> Callable[[int], str]:
    return lambda n: " ".join(build(n).splitlines())


for name, (build, n) in DENSE.items():
    CASES[name] = (build, n)
    CASES[name + " on one line"] = (on_one_line(build), n)


def seconds(text: str) -> float:
    document = Document(text)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        lint_document(document, RULES)
        times.append(time.perf_counter() - start)
    return min(times)


def ratio(build: Callable[[int], str], n: int) -> tuple[float, float, float]:
    small, large = seconds(build(n)), seconds(build(10 * n))
    return large / small, small, large


@pytest.mark.parametrize("case", CASES)
def test_ten_times_the_input_costs_about_ten_times_the_time(case: str) -> None:
    build, n = CASES[case]
    r, small, large = ratio(build, n)
    if r > LIMIT:  # a busy machine: measure once more before judging
        r, small, large = ratio(build, n)
    assert r <= LIMIT, f"{case}: {small * 1000:.0f} ms -> {large * 1000:.0f} ms for 10x the input (x{r:.1f})"


def test_two_long_lists_of_different_names() -> None:
    # Names are looked up through an index by surname (validator.names.NameIndex), not compared
    # pair by pair: two lists of 1,500 names cost ten times two lists of 150.
    def build(n: int) -> str:
        people = names(2 * n)
        text = in_present_list(", ".join(people[:n]) + ",")
        return text.replace("Absente excusée :", "Absents excusés : " + ", ".join(people[n:]) + ",", 1)

    assert "Absente excusée :" in ACT
    r, small, large = ratio(build, 150)
    assert r <= LIMIT, f"{small * 1000:.0f} ms -> {large * 1000:.0f} ms (x{r:.1f})"
