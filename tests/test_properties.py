"""Properties that hold for any input (hypothesis): a report or a clean French error, spans inside
the text, the same output twice, JSON and SARIF that stay valid, damaged acts that never crash.

The invariants themselves live in `fuzz/harness.py`, shared with the fuzz harnesses; the `ci`
profile of conftest.py makes the examples the same on every run.
"""

from __future__ import annotations

import json
import random
import sys

import pytest
from conftest import ROOT, corpus_dir
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(ROOT))

from fuzz import harness  # noqa: E402
from validator.document import Document  # noqa: E402

# Pieces of real acts, so that generated texts reach the lists, counts, votes and articles.
FRAGMENTS = [
    "Présents : ", "Étaient présents :", "Absents excusés : ", "Pouvoirs : ", "Secrétaire de séance : ",
    "Nombre de conseillers en exercice : ", "Votants : ", "Vu le code général des collectivités territoriales ;",
    "Considérant que ", "DÉLIBÈRE", "Après en avoir délibéré, ", "Article 1er : ", "Article 2 : ", "Article 2 : ",
    "Adopté à l'unanimité.", "Pour : 12 - Contre : 2 - Abstentions : 1", "Le Maire,", "Délibération n° 2024-05",
    "M. Jean DUPONT", "Mme Anne DURAND", ", ", " et ", " à ", "ayant donné pouvoir à ", "1 500 € (mille cinq cents euros)",
    "le 12 mars 2024", "L'an deux mil vingt-quatre, le douze mars", "9", "99999999999", "\n", "\n\n", "\r\n", "\r", "\t",
    "   ", "\u00a0", "\x00", "\u202e", "\ufeff", "\u0301", "\U0001f4c4", "\ud800", "X", "é",
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60).map("".join),
)


@given(texts)
def test_any_text_gets_diagnostics_inside_it_and_valid_outputs(text: str) -> None:
    harness.check_text(text)  # raises on a crash, a span outside the text or an unparsable output


@given(st.binary(max_size=600))
def test_any_bytes_get_a_report_or_a_french_error(data: bytes) -> None:
    report = harness.check_bytes(data, "acte.txt")
    assert report.error is None or report.error.strip()


@given(texts)
@settings(max_examples=20)
def test_output_is_deterministic(text: str) -> None:
    first, second = harness.check_text(text), harness.check_text(text)
    assert first == second
    assert harness.render_all([first]) == harness.render_all([second])


@given(st.sampled_from(range(len(harness.seeds()))), st.integers(0, 2**32 - 1), st.integers(1, 6))
def test_a_damaged_deliberation_never_raises(index: int, seed: int, rounds: int) -> None:
    """Lines deleted, doubled or swapped, digits changed, NUL or RTL characters inserted..."""
    harness.check_text(harness.mutate(random.Random(seed), harness.seeds()[index], rounds))


@given(texts, st.integers(0, 500))
def test_positions_and_offsets_round_trip(text: str, offset: int) -> None:
    doc = Document(text)
    offset = min(offset, len(text))
    pos = doc.position(offset)
    assert 1 <= pos.line <= doc.line_count and doc.offset(pos.line, pos.column) == offset


@pytest.fixture(scope="module")
def sarif_validator() -> object:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((corpus_dir().parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


@given(st.lists(texts, min_size=1, max_size=3))
@settings(max_examples=15)
def test_sarif_and_json_of_any_run_follow_their_schemas(sarif_validator: object, batch: list[str]) -> None:
    from jsonschema import Draft202012Validator

    reports = [harness.check_text(t) for t in batch]
    out = harness.render_all(reports)
    sarif_validator.validate(json.loads(out["sarif"]))  # type: ignore[attr-defined]
    schema = json.loads((ROOT / "validator" / "report" / "schemas" / "check-v1.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(json.loads(out["json"]))
