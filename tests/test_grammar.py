"""The grammar: built once, accepts every text, and the line lexer is only a faster driver of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES

from validator.document import decode
from validator.parse.parsing import parse_sections, parser, reference_parser
from validator.read.reading import reading_view


def _texts(corpus_root: Path | None) -> list[Path]:
    files = sorted(SAMPLES.rglob("*.txt"))
    if corpus_root is not None:
        files += sorted((corpus_root / "texts").glob("*.txt"))
    return files


def test_parser_is_built_once() -> None:
    assert parser() is parser()


def test_line_lexer_gives_the_tokens_of_larks_own_lexer(corpus: Path) -> None:
    for path in _texts(corpus):
        text = reading_view(decode(path.read_bytes(), str(path)).text).text + "\n"
        ours = [(t.type, t.start_pos, t.end_pos) for t in parser().lex(text)]
        lark = [(t.type, t.start_pos, t.end_pos) for t in reference_parser().lex(text)]
        assert ours and ours == lark, path.name
        # The line breaks are ignored, never tokens, and each token is one whole line.
        assert all(t.value and "\n" not in t.value for t in parser().lex(text)), path.name


@pytest.mark.parametrize(
    "line,kind",
    [
        ("Article 1er : La convention est approuvée.", "article"),
        ("ARTICLE UNIQUE - Le règlement est adopté.", "article"),
        ("article 10 de la loi du 12 avril 2000 prévoit", "paragraph"),
        ("Vu le Code général des collectivités territoriales ;", "visa"),
        ("Vue sur la mer", "paragraph"),
        ("Considérant que la commune", "considerant"),
        ("Etaient présents Mesdames et Messieurs :", "present"),
        ("Présentation du rapport d'activité", "paragraph"),
        ("Etaient absents et représentés :", "represented"),
        ("Absents ayant voté par procuration :", "represented"),
        ("Etaient absents et excusés :", "absent"),
        ("S'ÉTAIENT FAIT EXCUSER : Élisabeth DOINEAU", "absent"),
        ("Nombre de membres en exercice : 19", "count"),
        ("Secrétaire de séance : Mme Mireille MEISSONNIER", "secretary"),
        ("Mme Eliane BORDIGONI a été désignée secrétaire de séance.", "secretary"),
        ("Délibère", "decide"),
        ("Le Conseil Municipal, après en avoir délibéré, DÉCIDE :", "decide"),
        ("Cette proposition mise aux voix est adoptée.", "vote"),
        ("VOTE : Unanimité", "vote"),
        ("Pour : 25 Contre : 2 Abstentions : 1", "vote"),
        ("Est adoptée la convention de financement", "paragraph"),
        ("Certifié Conforme,", "certification"),
        ("Publiée le : 25 avril 2014", "publication"),
        ("Le Vice-Président Délégué", "signature"),
        ("Le Maire est autorisé à signer la convention.", "paragraph"),
        ("Monsieur le Maire rapporte :", "report"),
        ("EMP 004-6064/19/BM", "reference"),
        ("Délibération n° 2023-014", "reference"),
        ("Subvention - Chemin de Combemaury ( DE_2015_025)", "reference"),
        ("25/04/2014", "paragraph"),
        ("2019-2021", "paragraph"),
        ("Objet : Tarifs de la cantine", "objet"),
    ],
)
def test_line_classes(line: str, kind: str) -> None:
    (section,) = parse_sections(reading_view(line))
    assert section.kind == kind


@pytest.mark.parametrize("text", ["Article 1 : La convention est approuvée.\nVotants : 12\n", "Votants : 12\n"])
def test_counts_without_any_list_give_an_attendance(text: str) -> None:
    # Regression: counts stated outside the header (no attendance list at all) used to crash.
    from validator.check.engine import build_file_model

    model = build_file_model(decode(text.encode(), "acte.txt"))
    att = model.deliberations[0].attendance
    assert att is not None and att.count("voting") is not None and att.count("voting").value == 12


_ITEMS = (
    "Procès-verbal du conseil communautaire du 8 février 2024\n"
    "Point n°1 : APPROBATION DU PROCES-VERBAL\n"
    "Il est proposé d'approuver le procès-verbal. Le Conseil Communautaire, à l'unanimité, approuve le procès-verbal.\n"
    "Point n°2 : TARIFS DE LA PISCINE\n"
    "Il est proposé de fixer les tarifs. Le Conseil Communautaire, à l'unanimité, fixe les tarifs.\n"
)


@pytest.mark.parametrize("text", [_ITEMS, _ITEMS.replace("\n", " ")], ids=["lines", "one-line"])
def test_each_item_of_a_proces_verbal_is_an_act(text: str) -> None:
    # "Point n°1 : ..." then "Point n°2 : ...": two items, even when the first one's decision is
    # only a sentence (no vote line closes it) and the line breaks are lost.
    from validator.check.engine import build_file_model

    model = build_file_model(decode(text.encode(), "pv.txt"))
    assert [d.title for d in model.deliberations] == ["APPROBATION DU PROCES-VERBAL", "TARIFS DE LA PISCINE"]
