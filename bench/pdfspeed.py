"""PDF text extraction (pypdfium2 and our reading order) over the corpus PDFs, in process."""

from __future__ import annotations

from pathlib import Path

from inputs import pdf_files
from measure import Table, Target, median, runs

from validator.read.readers.pdf import read_pdf


def measure(quick: bool, workdir: Path) -> tuple[list[Table], list[Target]]:
    pdfs = pdf_files()
    if not pdfs:
        print("(PDF section skipped: no corpus PDFs; set DELIB_CORPUS)")
        return [], []
    blobs = [(str(p), p.read_bytes()) for p in pdfs]
    pages = sum(len(read_pdf(data, name).page_starts) for name, data in blobs)
    times = runs(lambda: [read_pdf(data, name) for name, data in blobs], 2 if quick else 5)
    table = Table("PDF extraction, in process (median of runs)", "input", "files", "pages", "runs", "seconds", "pages / s")
    table.add(f"corpus PDFs ({pdfs[0].parent.name})", len(pdfs), pages, len(times), f"{median(times):.2f}", f"{pages / median(times):.0f}")
    return [table], []
