"""Grants are facts of the model (validator/build/grants.py): to whom, how much, and what the text says of them."""

from __future__ import annotations

import unicodedata

from validator.check.engine import build_file_model
from validator.document import decode
from validator.model import Grant, Sector


def grants(text: str) -> tuple[Grant, ...]:
    model = build_file_model(decode(text.encode(), "acte.txt"))
    return model.deliberations[0].grants


def test_a_grant_of_the_dispositif_to_an_association() -> None:
    text = "DÉCIDE\nArticle 1 : Une subvention de 45 000 € est attribuée à l'association Lire en Fête pour l'année 2024.\n"
    (g,) = grants(text)
    assert (g.amount, text[g.amount_span.start : g.amount_span.end]) == (45000, "45 000 €")
    assert g.beneficiary == "association Lire en Fête" and g.beneficiary_span is not None
    assert text[g.beneficiary_span.start : g.beneficiary_span.end] == "association Lire en Fête"
    assert (g.beneficiary_kind, g.sector, g.awarded, g.excepted, g.convention) == ("association", Sector.PRIVATE, True, (), None)


def test_public_beneficiaries_exceptions_and_the_convention() -> None:
    text = (
        "DÉCIDE\n"
        "Article 1 : Une subvention de 50 000 € est attribuée au CCAS pour l'aide alimentaire.\n"
        "Article 2 : Une subvention de 60 000 € est attribuée à la société Habitat du Val pour 12 logements sociaux.\n"
        "Article 3 : La convention d'objectifs ci-annexée est approuvée.\n"
    )
    public, housing = grants(text)
    assert (public.sector, public.beneficiary_kind) == (Sector.PUBLIC, "ccas")
    assert housing.sector is Sector.PRIVATE and [k for k, _ in housing.excepted] == ["social-housing"]
    assert housing.convention is not None and text[housing.convention.start : housing.convention.end] == "convention"


def test_outside_a_dispositif_what_is_asked_for_is_not_awarded() -> None:
    text = "L'association Lire en Fête sollicite une subvention de 75 000 € pour son festival.\n"
    (g,) = grants(text)
    assert g.sector is Sector.PRIVATE and not g.awarded


def test_the_cost_of_the_project_is_not_a_grant() -> None:
    text = "DÉCIDE\nArticle 1 : Une subvention de 10 000 € est attribuée à l'association Lire en Fête, dont le budget total est de 80 000 €.\n"
    assert [g.amount for g in grants(text)] == [10000]


def test_decomposed_accents_are_read_and_spans_point_into_the_original() -> None:
    text = unicodedata.normalize("NFD", "DÉCIDE\nArticle 1 : Une subvention de 45 000 € est attribuée à la société Édition Sévérité.\n")
    (g,) = grants(text)
    assert g.sector is Sector.PRIVATE and g.beneficiary == "société Édition Sévérité"
    assert g.beneficiary_span is not None and text[g.beneficiary_span.start : g.beneficiary_span.end] == unicodedata.normalize("NFD", "société Édition Sévérité")
