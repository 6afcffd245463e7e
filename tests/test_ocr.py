"""Scanned PDF pages read by OCR: fixtures made here (a text PDF rendered to an image-only PDF), bad
scans (noise, a damaged image, a page past its time), the lowering of findings on uncertain words,
the cache of OCR results, and the shared corpus's scan against counts made by hand."""

from __future__ import annotations

import io
import os
import re
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from validator.check.engine import UNCERTAIN, RuleSet, lint_document
from validator.check.resultcache import ResultCache
from validator.cli import main
from validator.diagnostics import Severity
from validator.document import Document, InputError, Span
from validator.read.readers import ReadOptions, ocr
from validator.read.sources import read_document

ACT = [
    "COMMUNE DE SAINT-MARTIN",
    "Séance du 12 mars 2024",
    "Membres en exercice : 11",
    "Présents : 9",
    "Présents : Paul MARTIN, Anne DURAND, Louis PETIT,",
    "Marie ROBERT, Jean BERNARD, Claire MOREAU",
    "Absents : Luc SIMON, Eva LAURENT",
    "DÉCIDE",
    "Article 1 : La convention est approuvée.",
    "Adopté à l'unanimité.",
]


@pytest.fixture(scope="module", autouse=True)
def tesseract() -> None:
    """The OCR tests run wherever the README's install was done; in CI a missing Tesseract fails."""
    missing = ocr.unavailable()
    if missing is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} — en CI l'OCR doit être installé (scripts/system-deps)")
        pytest.skip(missing)


def text_pdf(pages: list[list[str]]) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for lines in pages:
        y = 780
        for line in lines:
            c.setFont("Helvetica", 13)
            c.drawString(60, y, line)
            y -= 24
        c.showPage()
    c.save()
    return out.getvalue()


def images_pdf(images: list[Image.Image | None], texts: dict[int, list[str]] | None = None) -> bytes:
    """A PDF of page images (a scan); a page given as None gets the text of `texts` as a layer."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for i, image in enumerate(images):
        if image is None:
            for n, line in enumerate((texts or {})[i]):
                c.drawString(60, 780 - 24 * n, line)
        else:
            c.drawImage(ImageReader(image), 0, 0, *A4)
        c.showPage()
    c.save()
    return out.getvalue()


def scanned(data: bytes) -> list[Image.Image]:
    """Each page of a text PDF as the image a scanner would give (grey, 200 dpi)."""
    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].render(scale=200 / 72, grayscale=True).to_pil() for i in range(len(pdf))]
    finally:
        pdf.close()


def noise() -> Image.Image:
    return Image.effect_noise((800, 1100), 120).convert("L")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_scanned_act_is_read_back_with_its_facts_and_findings(tmp_path: Path) -> None:
    path = write(tmp_path, "scan.pdf", images_pdf(scanned(text_pdf([ACT]))))
    document = read_document(path)
    assert document.ocr_pages == (1,)
    for line in ("Membres en exercice : 11", "Présents : 9", "Article 1 : La convention est approuvée."):
        assert line in document.text
    diagnostics = lint_document(document, RuleSet.build(select=["attendance-count"])).diagnostics
    # 9 announced, 6 listed: the same finding as on the text, at the line of the OCR text.
    (count,) = [d for d in diagnostics if "9 présents annoncés" in d.message]
    assert document.line_text(count.line).startswith("Présents : 9") and count.page == 1
    # 9 or 6 present of 11 both meet the quorum (6) and the vote is unanimous: an "erreur de plume".
    assert count.severity is Severity.WARNING or UNCERTAIN in count.message


def test_only_the_pages_without_text_go_to_the_ocr(tmp_path: Path) -> None:
    annex = scanned(text_pdf([["ANNEXE", "Tableau des subventions accordées aux associations de la commune"]]))[0]
    path = write(tmp_path, "mixte.pdf", images_pdf([None, annex], {0: ACT}))
    document = read_document(path)
    assert document.ocr_pages == (2,) and "Présents : 9" in document.text and "subventions" in document.text
    never = read_document(path, ReadOptions(ocr="never"))
    assert never.ocr_pages == () and "subventions" not in never.text
    always = read_document(path, ReadOptions(ocr="always"))
    assert always.ocr_pages == (1, 2)


def test_a_page_of_noise_gets_one_info_and_the_other_pages_are_checked(tmp_path: Path) -> None:
    path = write(tmp_path, "bruit.pdf", images_pdf([scanned(text_pdf([ACT]))[0], noise()]))
    document = read_document(path)
    assert document.ocr_pages == (1,) and "Présents : 9" in document.text
    diagnostics = lint_document(document).diagnostics
    notes = [d for d in diagnostics if "illisible par l'OCR" in d.message]
    assert len(notes) == 1 and notes[0].severity is Severity.INFO and notes[0].page == 2
    assert any("9 présents annoncés" in d.message for d in diagnostics)


def test_a_scan_of_noise_only_is_a_clear_error_without_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, "bruit.pdf", images_pdf([noise()]))
    with pytest.raises(InputError, match="document numérisé illisible, aucune page lue : page 1 illisible par l'OCR"):
        read_document(path)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "illisible par l'OCR" in result.output and "Traceback" not in result.output


def test_a_damaged_image_stream_costs_its_page_only(tmp_path: Path) -> None:
    data = images_pdf(scanned(text_pdf([ACT, ["ANNEXE", "Tableau des subventions accordées aux associations"]])))
    # The second image's stream made garbage in its middle, at the same length: the PDF's offsets
    # stay right, the image cannot be decoded.
    second = [m.start() for m in re.finditer(rb"/Subtype /Image", data)][1]
    start = data.index(b"stream", second) + 8
    end = data.index(b"endstream", start)
    damaged = data[: start + (end - start) // 4] + b"\xff" * ((end - start) // 2) + data[start + (end - start) // 4 + (end - start) // 2 :]
    assert len(damaged) == len(data)
    document = read_document(write(tmp_path, "abime.pdf", damaged))
    assert "Présents : 9" in document.text and document.ocr_pages == (1,)
    assert len(document.notices) == 1 and document.notices[0][1].startswith("page 2 ")


def test_each_page_is_bounded_in_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = scanned(text_pdf([ACT, ACT, ACT]))
    path = write(tmp_path, "long.pdf", images_pdf(pages))
    started = time.perf_counter()
    document = read_document(path)
    per_page = (time.perf_counter() - started) / 3
    assert document.ocr_pages == (1, 2, 3) and per_page < ocr.PAGE_TIMEOUT
    # A page past its time is stopped and said so; the run goes on.
    monkeypatch.setattr(ocr, "PAGE_TIMEOUT", 0.001)
    with pytest.raises(InputError, match="l'OCR dépasse"):
        read_document(path)


def test_a_name_read_with_one_wrong_letter_is_matched_to_the_list(tmp_path: Path) -> None:
    # The scan itself carries the wrong letter, as a misreading would: the OCR reads it faithfully.
    lines = [*ACT[:6], "Absents représentés : Luc SIMON représenté par Paul MARTTN", "Absents : Eva LAURENT", *ACT[7:]]
    typed = read_document(write(tmp_path, "texte.pdf", text_pdf([lines])))
    read = read_document(write(tmp_path, "scan.pdf", images_pdf(scanned(text_pdf([lines])))))
    assert "Paul MARTTN" in typed.text and "Paul MARTTN" in read.text and read.ocr_pages == (1,)
    rules = RuleSet.build(select=["proxy-holder-absent"])
    assert [d.message for d in lint_document(typed, rules).diagnostics] != []
    assert [d.message for d in lint_document(read, rules).diagnostics] == []


def test_findings_on_uncertain_words_are_infos_whatever_the_rule() -> None:
    text = "\n".join(ACT) + "\n"
    at = text.index("Présents : 9")
    plain = lint_document(Document(text, "a.pdf"), RuleSet.build(select=["attendance-count"])).diagnostics
    unsure = lint_document(Document(text, "a.pdf", uncertain=(Span(at + 11, at + 12),)), RuleSet.build(select=["attendance-count"])).diagnostics
    (before,) = [d for d in plain if "9 présents annoncés" in d.message]
    (after,) = [d for d in unsure if "9 présents annoncés" in d.message]
    assert before.severity is Severity.WARNING  # a slip that changes neither the quorum nor the vote
    assert after.severity is Severity.INFO and after.message == f"{before.message} {UNCERTAIN}"


def test_counts_read_with_look_alike_letters_become_digits_and_uncertain() -> None:
    page = ocr._unmark("en exercice : Il\nvotants : 1O\nIl convient de voter\nla délibération : il")
    assert page.text == "en exercice : 11\nvotants : 10\nIl convient de voter\nla délibération : 11"
    fixed = [page.text[a:b] for a, b in page.uncertain]
    assert fixed == ["11", "10", "11"]


def test_a_second_run_takes_the_ocr_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = images_pdf(scanned(text_pdf([ACT])))
    cache = ResultCache(tmp_path / "cache", secret=b"k")
    first, text = cache.lint(data, "scan.pdf", RuleSet.build())
    calls = []
    real = ocr.recognise
    monkeypatch.setattr(ocr, "recognise", lambda *a: calls.append(a) or real(*a))
    # Another configuration: the findings are computed again, the OCR is not run again.
    again, same = cache.lint(data, "scan.pdf", RuleSet.build(select=["attendance-count"]))
    assert calls == [] and same == text and {d.rule for d in again} <= {d.rule for d in first}


def test_extract_text_shows_the_ocr_text(tmp_path: Path) -> None:
    path = write(tmp_path, "scan.pdf", images_pdf(scanned(text_pdf([ACT]))))
    result = CliRunner().invoke(main, ["extract", "--text", str(path)])
    assert result.exit_code == 0 and "Présents : 9" in result.output
    never = CliRunner().invoke(main, ["check", "--ocr", "never", str(path)])
    assert never.exit_code == 2 and "--ocr auto" in never.output


# --- The shared corpus's scan -------------------------------------------------------------------------

def facts(document: Document) -> dict:
    """The first act's facts as `delib extract` gives them."""
    from validator.check.engine import build_file_model
    from validator.report.export import file_dict

    return file_dict(document, build_file_model(document))["deliberations"][0]


HAND_COUNTS = ROOT / "tests" / "data" / "hand-counts" / "145_flaux-cm-2022-04-28-scan.yaml"


@pytest.fixture(scope="module")
def scan(corpus: Path) -> tuple[Document, dict[str, object]]:
    path = corpus / "files" / "145_flaux-cm-2022-04-28-scan.pdf"
    return read_document(path), yaml.safe_load(HAND_COUNTS.read_text(encoding="utf-8"))


def test_the_shared_scan_is_read_with_no_error(scan: tuple[Document, dict[str, object]], corpus: Path) -> None:
    document, _ = scan
    sidecar = yaml.safe_load((corpus / "files" / "145_flaux-cm-2022-04-28-scan.yaml").read_text(encoding="utf-8"))
    assert document.ocr_pages == (1, 2, 3)
    result = lint_document(document)
    assert [d for d in result.diagnostics if d.severity is Severity.ERROR] == []
    first = result.model.deliberations[0]
    assert first.session.date is not None and first.session.date.isoformat() == sidecar["session_date"]
    assert first.body.kind.value == sidecar["body_type"]


def test_the_shared_scan_gives_its_declared_counts_and_votes(scan: tuple[Document, dict[str, object]]) -> None:
    document, hand = scan
    first = facts(document)
    assert first["attendance"]["in_office"] == hand["declared_counts"]["en_exercice"]  # type: ignore[index]
    assert first["attendance"]["declared_represented"] == hand["declared_counts"]["pouvoirs"]  # type: ignore[index]
    votes = re.findall(r"Vote ?: ?à l.unanimité", document.text)
    assert len(votes) >= hand["votes_unanimous"] - 1  # type: ignore[operator]


def test_the_shared_scan_lists_who_attended(scan: tuple[Document, dict[str, object]]) -> None:
    document, hand = scan
    attendance = facts(document)["attendance"]
    assert attendance["present"] == hand["presents"] and len(attendance["represented"]) == len(hand["proxies"])  # type: ignore[arg-type]


def test_a_scan_whose_only_text_is_the_stamp_goes_to_the_ocr(tmp_path: Path) -> None:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.drawImage(ImageReader(scanned(text_pdf([ACT]))[0]), 0, 0, *A4)
    c.drawString(380, 820, "Envoyé en préfecture le 16/06/2022")  # the @ctes stamp, as text over the scan
    c.save()
    document = read_document(write(tmp_path, "tampon.pdf", out.getvalue()))
    assert document.ocr_pages == (1,) and "Présents : 9" in document.text
