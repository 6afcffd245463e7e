"""The reference numbers' grammar (grammar/refnum.lark, validator/build/numbering.py): each form of
an act's own number and of a number cited in a visa, with the year, organ and order number it gives."""

from __future__ import annotations

import pytest
from conftest import lint

from validator.build.numbering import parts
from validator.check.engine import build_file_model
from validator.document import Document


def own(number: str) -> tuple[int | None, bool, str | None, int | None, str | None]:
    result = lint(f"DÉLIBÉRATION N° {number}\nLe Conseil municipal, DÉCIDE :\nArticle 1 : Le tarif est fixé.\n", "reference-number")
    ref = result.model.deliberations[0].references[0]
    return ref.year, ref.short_year, ref.organ_code, ref.serial, ref.series


@pytest.mark.parametrize(
    "number,expected",
    [
        ("2011-02-001", (2011, False, None, 1, "2011-02-#")),
        ("DE_2015_025", (2015, False, None, 25, "DE_2015_#")),
        ("2014 / 131", (2014, False, None, 131, "2014/#")),
        ("CP-2023-11-087", (2023, False, None, 87, "CP-2023-11-#")),
        ("181/2022", (2022, False, None, 181, "#/2022")),
        # The text's number (REF_ID) is "17-2023": a prefix is joined by a blank, "_" or "-".
        ("PACU/17-2023", (2023, False, None, 17, "#-2023")),
        ("01/04-2023", (2023, False, None, 4, "01/#-2023")),
        ("EMP 004-6064/19/BM", (2019, True, "BM", 6064, "EMP004-#/19/BM")),
        ("MET 19/11402/BM", (2019, True, "BM", 11402, "MET19/#/BM")),
        ("DCM-2023/03-0145/URBA", (2023, False, None, 145, "DCM-2023/03-#/URBA")),
        ("12", (None, False, None, 12, "#")),
    ],
)
def test_each_form_of_an_acts_own_number(number: str, expected: tuple[int | None, bool, str | None, int | None, str | None]) -> None:
    assert own(number) == expected


CITED = """Séance du Bureau de la Métropole du 27 juin 2021
Le Bureau de la Métropole,
Vu la délibération {number} du Conseil de la Métropole du 28 mars 2021 portant délégation de compétences du Conseil au Bureau ;
Délibère
Article 1 : Le budget primitif 2021 est adopté.
"""


@pytest.mark.parametrize(
    "number,expected",
    [
        ("FAG 21-5718/18/CM", ("FAG 21-5718/18/CM", 2018, "CM", 5718)),
        ("MET 19/11402/CM", ("MET 19/11402/CM", 2019, "CM", 11402)),
        # The whole number, not its first two groups: "2021-07-002", order number 2.
        ("n° 2021-07-002", ("2021-07-002", 2021, None, 2)),
        ("n° DE_2016_021", ("DE_2016_021", 2016, None, 21)),
    ],
)
def test_a_number_cited_in_a_visa(number: str, expected: tuple[str, int, str | None, int]) -> None:
    (delib,) = build_file_model(Document(CITED.format(number=number), "test.txt")).deliberations
    cited = [c.number for c in delib.delegations if c.number is not None]
    assert [(n.text, n.year, n.organ_code, n.serial) for n in cited] == [expected]


@pytest.mark.parametrize("text", ["/", "-12-", "2014 / 131 / ", "ABCDEF 12"])
def test_a_number_the_grammar_cannot_read_gives_no_parts(text: str) -> None:
    assert parts(text) is None
