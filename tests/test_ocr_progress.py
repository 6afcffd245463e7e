"""Long OCR runs: the pages of a scan shown going by on a terminal (and nothing elsewhere), many pages
read with bounded memory and each page bounded in time, bad pages costing only themselves."""

from __future__ import annotations

import io
import json
import re
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from reportlab.pdfgen import canvas
from reportlab.lib.utils import ImageReader
from test_ocr import ACT, images_pdf, noise, scanned, tesseract, text_pdf, write  # noqa: F401 (tesseract: the module's autouse fixture)

from validator.cli import main
from validator.read.readers import ReadOptions, ocr
from validator.read.sources import read_document
from validator.report import progress


class Terminal(io.StringIO):
    """An error stream that says it is a terminal, as a clerk's is."""

    def isatty(self) -> bool:
        return True


def untimed(report: str) -> str:
    """A text report without the run's duration, the one part two runs do not share."""
    return re.sub(r" en [0-9]+,[0-9]+ s", "", report)


@pytest.fixture(scope="module")
def two_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    annex = ["ANNEXE", "Tableau des subventions accordées aux associations de la commune"]
    return write(tmp_path_factory.mktemp("scan"), "registre.pdf", images_pdf(scanned(text_pdf([ACT, annex]))))


def test_a_terminal_sees_the_pages_of_a_scan_go_by(two_pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = CliRunner().invoke(main, ["check", "-j", "1", "--fail-on", "never", str(two_pages)])
    terminal = Terminal()
    monkeypatch.setattr(progress, "terminal", lambda: terminal)
    watched = CliRunner().invoke(main, ["check", "-j", "1", "--fail-on", "never", str(two_pages)])
    shown = terminal.getvalue()
    # The bar starts before the first page is read and ends on the last, naming the file.
    assert "OCR : pages" in shown and "0/2" in shown and "2/2" in shown and f"fichier {two_pages}" in shown
    assert shown.index("0/2") < shown.index("2/2")
    # The report is the same, and nothing of the bar reached it.
    assert watched.exit_code == plain.exit_code == 0 and untimed(watched.stdout) == untimed(plain.stdout) and "OCR : pages" not in watched.stdout


def test_without_a_terminal_nothing_is_added(two_pages: Path) -> None:
    result = CliRunner().invoke(main, ["check", "-j", "1", "--fail-on", "never", str(two_pages)])
    assert result.exit_code == 0 and result.stderr == "" and "OCR" not in result.stdout


def test_a_machine_format_stays_clean_on_stdout_while_the_terminal_sees_the_pages(two_pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr(progress, "terminal", lambda: terminal)
    result = CliRunner().invoke(main, ["check", "--format", "json", "--fail-on", "never", str(two_pages)])
    assert result.exit_code == 0 and json.loads(result.stdout) and "2/2" in terminal.getvalue()
    text = CliRunner().invoke(main, ["extract", "--text", str(two_pages)])
    assert "Présents : 9" in text.stdout and "OCR : pages" not in text.stdout and terminal.getvalue().count("2/2") == 2


def test_the_reader_tells_each_page_of_the_ocr_only(tmp_path: Path) -> None:
    annex = scanned(text_pdf([["ANNEXE", "Tableau des subventions accordées aux associations de la commune"]]))[0]
    path = write(tmp_path, "mixte.pdf", images_pdf([None, annex], {0: ACT}))
    calls: list[tuple[str, int, int]] = []
    read_document(path, ReadOptions(pages=lambda *call: calls.append(call)))
    assert calls == [(str(path), 0, 1), (str(path), 1, 1)]  # the page with a text layer is not counted
    calls.clear()
    read_document(path, ReadOptions(ocr="never", pages=lambda *call: calls.append(call)))
    assert calls == []


def small_scan(pages: int) -> bytes:
    """An image-only PDF of `pages` small pages: the shape of a long register, cheap to render."""
    image = Image.new("L", (60, 40), 255)
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(72, 48))
    for _ in range(pages):
        c.drawImage(ImageReader(image), 0, 0, 72, 48)
        c.showPage()
    c.save()
    return out.getvalue()


def test_a_300_page_scan_is_read_in_order_with_few_images_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 300 pages of issue 17 go through the real rendering and scheduling; Tesseract is replaced
    by a quick reader (its time per page is measured in bench/ocrspeed.py)."""
    pages, jobs = 300, 2
    lock = threading.Lock()
    waiting = {"now": 0, "most": 0}
    real_render = ocr.render

    def render(page: object) -> tuple[object, float]:
        with lock:
            waiting["now"] += 1
            waiting["most"] = max(waiting["most"], waiting["now"])
        return real_render(page)

    def recognise(image: object, scale: float, number: int) -> ocr.PageText:
        time.sleep(0.001)
        with lock:
            waiting["now"] -= 1
        return ocr.PageText(f"Page {number} : Membres en exercice : 11\n")

    monkeypatch.setattr(ocr, "render", render)
    monkeypatch.setattr(ocr, "recognise", recognise)
    seen: list[int] = []
    document = read_document(write(tmp_path, "registre.pdf", small_scan(pages)), ReadOptions(jobs=jobs, pages=lambda _, done, total: seen.append(done)))
    assert document.ocr_pages == tuple(range(1, pages + 1)) and seen == list(range(pages + 1))
    assert [int(n) for n in re.findall(r"^Page (\d+) :", document.text, re.MULTILINE)] == list(range(1, pages + 1))
    # Rendered images wait for a free Tesseract: never more than one beyond the pages in work.
    assert waiting["most"] <= jobs + 1


def test_a_page_past_its_time_costs_that_page_only_and_little_time(two_pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract

    real = pytesseract.image_to_data
    spent: list[float] = []
    started_calls: list[int] = []
    stopped: list[float] = []
    limit = 0.01  # Tesseract cannot even start in 10 ms: the page is always late
    lock = threading.Lock()

    def second_page_too_long(image: object, **kwargs: object) -> object:
        # Pages may be recognised side by side: the second call to start (not to end) is page 2's.
        with lock:
            started_calls.append(1)
            second = len(started_calls) == 2
        if second:  # the second page: its Tesseract is given less time than it needs
            kwargs["timeout"] = limit
        started = time.perf_counter()
        try:
            return real(image, **kwargs)
        finally:
            if second:
                stopped.append(time.perf_counter() - started)
            spent.append(time.perf_counter() - started)

    monkeypatch.setattr(pytesseract, "image_to_data", second_page_too_long)
    result = CliRunner().invoke(main, ["check", "-j", "1", "--fail-on", "never", "--format", "json", str(two_pages)])
    assert result.exit_code == 0 and "Traceback" not in result.output
    (report,) = json.loads(result.stdout)["files"]
    late = [d for d in report["diagnostics"] if "l'OCR dépasse" in d["message"]]
    assert len(late) == 1 and late[0]["severity"] == "info" and late[0]["page"] == 2
    assert any("9 présents annoncés" in d["message"] for d in report["diagnostics"])  # page 1 was read and checked
    # Stopped at its limit (and the process ended), not run to its end.
    assert len(spent) == 2 and len(stopped) == 1 and stopped[0] < limit + 2.0


def test_a_damaged_image_stream_is_one_french_remark_on_the_command_line(tmp_path: Path) -> None:
    data = images_pdf(scanned(text_pdf([ACT, ["ANNEXE", "Tableau des subventions accordées aux associations"]])))
    second = [m.start() for m in re.finditer(rb"/Subtype /Image", data)][1]
    start = data.index(b"stream", second) + 8
    end = data.index(b"endstream", start)
    middle = (end - start) // 2
    damaged = data[: start + middle // 2] + b"\xff" * middle + data[start + middle // 2 + middle :]
    result = CliRunner().invoke(main, ["check", "--fail-on", "never", str(write(tmp_path, "abime.pdf", damaged))])
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert re.search(r"info .*page 2 (illisible|non lue)", result.stdout) and "9 présents annoncés" in result.stdout


def test_a_scan_whose_every_image_is_damaged_is_refused_in_french(tmp_path: Path) -> None:
    data = images_pdf([noise().point(lambda v: 255 - v)])
    start = data.index(b"stream", data.index(b"/Subtype /Image")) + 8
    end = data.index(b"endstream", start)
    damaged = data[:start] + b"\x00\xff" * ((end - start) // 2) + data[start + 2 * ((end - start) // 2) :]
    result = CliRunner().invoke(main, ["check", str(write(tmp_path, "abime.pdf", damaged))])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "document numérisé illisible, aucune page lue : page 1 " in result.output
