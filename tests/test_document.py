"""Reading files and mapping positions: exact, 1-based, end exclusive, never normalised."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from validator.document import Document, InputError, Span, decode
from validator.read.reading import reading_view


def test_positions_are_one_based_with_lf_crlf_and_cr_line_ends() -> None:
    doc = Document("ab\ncd\r\nef\rgh")
    assert (doc.position(0).line, doc.position(0).column) == (1, 1)
    assert (doc.position(3).line, doc.position(3).column) == (2, 1)
    assert (doc.position(7).line, doc.position(7).column) == (3, 1)
    assert (doc.position(10).line, doc.position(10).column) == (4, 1)
    assert doc.line_count == 4
    assert doc.line_text(2) == "cd"
    assert doc.offset(3, 2) == 8


def test_utf8_bom_is_not_counted_as_text() -> None:
    doc = decode(codecs.BOM_UTF8 + "Vu le CGCT".encode())
    assert doc.text.startswith("Vu") and doc.bom and doc.encoding == "utf-8"


def test_cp1252_fallback_is_recorded() -> None:
    doc = decode("Délibération".encode("cp1252"))
    assert doc.text == "Délibération" and doc.encoding == "cp1252"


def test_utf16_with_bom_is_read() -> None:
    doc = decode("Présents : 9".encode("utf-16"))
    assert doc.text == "Présents : 9" and doc.encoding == "utf-16"


@pytest.mark.parametrize("data", [b"\x00\x01\x02PK\x03\x04" * 40, bytes(range(256)) * 4])
def test_binary_input_is_rejected_in_french(data: bytes) -> None:
    with pytest.raises(InputError, match="binaire"):
        decode(data)


def test_view_maps_crlf_text_to_identical_positions() -> None:
    text = "Présents : 9\r\nVu le CGCT\r\n"
    view = reading_view(text)
    assert "\r" not in view.text
    vu = view.text.index("Vu")
    assert view.span(vu, vu + 2) == Span(text.index("Vu"), text.index("Vu") + 2)


def test_view_composes_nfd_accents_but_spans_point_into_the_original() -> None:
    original = unicodedata.normalize("NFD", "Délibère\nArticle 1 : Vu")
    view = reading_view(original)
    assert "Délibère" in view.text
    start = view.text.index("Article")
    span = view.span(start, start + len("Article 1"))
    assert original[span.start : span.end] == "Article 1"
