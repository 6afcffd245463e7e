"""OCR of scanned pages: pages per second and the slowest page, on the shared scan and on a scan of
any number of pages made here (`python bench/ocrspeed.py 300` for the 300-page case; docs/benchmarks.md)."""

from __future__ import annotations

import io
import os
import platform
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from validator.document import InputError
from validator.read.readers import ReadOptions, ocr, read_bytes

LINES = ["Séance du 12 mars 2024", "Membres en exercice : 11", "Présents : Paul MARTIN, Anne DURAND, Louis PETIT",
         "Vu le Code général des collectivités territoriales ;", "DÉCIDE", "Article 1 : La convention est approuvée.",
         "Adopté à l'unanimité."] * 5


def made_scan(pages: int) -> bytes:
    """A scan of `pages` pages of an act (text rendered to grey images at 200 dpi), built in memory."""
    text = io.BytesIO()
    c = canvas.Canvas(text, pagesize=A4)
    for n, line in enumerate(LINES):
        c.drawString(60, 800 - 21 * n, line)
    c.save()
    image = pdfium.PdfDocument(text.getvalue())[0].render(scale=200 / 72, grayscale=True).to_pil()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for _ in range(pages):
        c.drawImage(ImageReader(image), 0, 0, *A4)
        c.showPage()
    c.save()
    return out.getvalue()


def logged(path: str, done: int, total: int) -> None:
    """Pages as they are read, on stderr: a long run shows it is alive (and where) in its log."""
    if done == total or done % 10 == 0:
        print(f"{time.strftime('%H:%M:%S')} {path}: {done}/{total}", file=sys.stderr, flush=True)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "") if Path("/proc/cpuinfo").is_file() else ""
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"- machine: {cpu or platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}\n"
            f"- Python {platform.python_version()}; Tesseract {ocr.engine_version()}; OMP_THREAD_LIMIT={os.environ.get('OMP_THREAD_LIMIT', 'unset (delib sets 1)')}\n"
            f"- load average (1 / 5 / 15 min): {load}\n- command: `{' '.join(['python', *sys.argv])}`\n")


def timed(data: bytes, jobs: int) -> tuple[int, float, float]:
    slowest = 0.0
    real = ocr.recognise

    def watched(*args):  # type: ignore[no-untyped-def]
        nonlocal slowest
        started = time.perf_counter()
        try:
            return real(*args)
        finally:
            slowest = max(slowest, time.perf_counter() - started)

    ocr.recognise = watched  # type: ignore[assignment]
    try:
        started = time.perf_counter()
        try:
            read = len(read_bytes(data, "scan.pdf", ReadOptions("auto", jobs, logged)).ocr_pages)
        except InputError:  # every page past its time (a machine far too loaded): none read
            read = 0
        return read, time.perf_counter() - started, slowest
    finally:
        ocr.recognise = real  # type: ignore[assignment]


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    corpus = Path(os.environ.get("DELIB_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    inputs = [(f"made scan, {pages} pages", made_scan(pages))]
    shared = corpus / "files" / "145_flaux-cm-2022-04-28-scan.pdf"
    if shared.is_file():
        inputs.insert(0, ("shared scan 145 (3 pages)", shared.read_bytes()))
    print(machine())
    print("| input | jobs | pages read | seconds | pages / s | slowest page (s) |\n|---|---|---|---|---|---|")
    for name, data in inputs:
        for jobs in (1, 2):
            read, seconds, slowest = timed(data, jobs)
            print(f"| {name} | {jobs} | {read} | {seconds:.1f} | {read / seconds:.2f} | {slowest:.1f} |", flush=True)
    print(f"\n_load average (1 min) at the end: {os.getloadavg()[0]:.2f}_")


if __name__ == "__main__":
    main()
