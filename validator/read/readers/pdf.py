"""Text of a PDF in reading order, from the positions of its text runs (pypdfium2).

PDFium gives each page's text as runs with bounding boxes. The page is cut recursively along
bands of white space (the "XY-cut"): horizontal bands separate blocks read top to bottom, vertical
bands separate columns read left to right. A margin column (the "Extrait du registre" sidebar)
or an @ctes stamp beside the header thus becomes a block of its own instead of being interleaved
with the body line by line. Within a block, runs on one baseline make a line.

A hyphen that PDFium marks as a line-end hyphen joins the two halves of a word when the next line
goes on in lower case ("adminis-" / "tration"); before a capital ("LEVY-" / "RAMEAU") it is a
compound name and stays.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from ...document import Document, InputError

# Widths in PDF points (1/72 in).
_MIN_COLUMN_GAP = 9.0
_JOIN_GAP = 1.2
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:page\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?[-–—\s]*$", re.IGNORECASE)
_SOFT_HYPHEN = "\x02"


@dataclass(frozen=True, slots=True)
class Run:
    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def height(self) -> float:
        return self.top - self.bottom


def read_pdf(data: bytes, path: str, ocr: str = "auto", jobs: int = 1, progress: Callable[[str, int, int], None] | None = None) -> Document:
    """Extract the text of a PDF, by OCR for the pages without text (validator.read.readers.ocr),
    telling `progress` of each page the OCR reads; page starts are recorded for the diagnostics."""
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - the extra is part of the README install
        raise InputError("lecture des PDF indisponible : installez delib-validator[pdf]") from None
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(_open_error(str(exc))) from None
    from .ocr import assemble, scanned_pages

    try:
        pages = [_page_text(pdf[i]) for i in range(len(pdf))]
        read = scanned_pages(pdf, pages, ocr, jobs, None if progress is None else functools.partial(progress, path))
    except pdfium.PdfiumError:  # a page object that PDFium cannot load (damaged file)
        raise InputError("PDF illisible : fichier corrompu ou tronqué") from None
    finally:
        pdf.close()
    return assemble(pages, read, path, ocr)


def _open_error(message: str) -> str:
    low = message.lower()
    if "password" in low:
        return "PDF chiffré (protégé par un mot de passe) : enregistrez une copie sans protection"
    if "format" in low or "data" in low or "file" in low:
        return "PDF illisible : fichier corrompu ou tronqué"
    return f"PDF illisible ({message})"


def _page_text(page: object) -> str:
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        runs = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top)
            if text.strip():
                runs.append(Run(left, bottom, right, top, text.replace("\r", "").replace("\n", " ")))
    finally:
        textpage.close()
    return text_of_runs(_without_overprint(runs), page.get_height())  # type: ignore[attr-defined]


def text_of_runs(runs: list[Run], height: float) -> str:
    """The text of a page's runs in reading order (the OCR's words are read the same way)."""
    lines: list[list[Run]] = []
    _xy_cut(runs, lines)
    return _render(_drop_page_numbers(lines, height))


def _without_overprint(runs: list[Run]) -> list[Run]:
    """The same text drawn several times at one place (a stamp printed twice) is read once."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for run in runs:
        key = (run.text.strip(), round(run.left * 2), round(run.top * 2))
        if key not in seen:
            seen.add(key)
            out.append(run)
    return out


def _xy_cut(runs: list[Run], out: list[list[Run]]) -> None:
    """Append the lines of `runs` in reading order (XY-cut).

    Columns are tried first: a vertical white band of a few points that no run crosses separates
    a margin from the body. Otherwise the block is cut at its widest horizontal band only, and
    each part is examined again, so that a sidebar beside the header is found inside its part.
    The blocks wait on a stack, not in recursive calls: a page of nested rows and columns (a
    crafted staircase 600 levels deep, audit I18) must not exhaust Python's recursion.
    """
    stack = [runs]
    while stack:
        block = stack.pop()
        if not block:
            continue
        columns = _groups(block, vertical=True)
        # Columns side by side share rows; blocks that do not (a signature under the vote, shifted
        # right) are read top down instead.
        if len(columns) > 1 and any(_share_rows(a, b) for a, b in zip(columns, columns[1:])):
            stack.extend(reversed(columns))
            continue
        rows = _groups(block, vertical=False)
        if len(rows) > 1:
            stack.extend(reversed(rows))
            continue
        out.extend(_lines(block))


def _share_rows(a: list[Run], b: list[Run]) -> bool:
    top_a, bottom_a = max(r.top for r in a), min(r.bottom for r in a)
    top_b, bottom_b = max(r.top for r in b), min(r.bottom for r in b)
    return min(top_a, top_b) > max(bottom_a, bottom_b)


def _groups(runs: list[Run], vertical: bool) -> list[list[Run]]:
    """Split along white bands: every column gutter, or the widest row gap (left to right, top down)."""
    if vertical:
        spans = sorted(((r.left, r.right, r) for r in runs), key=lambda s: s[0])
    else:
        spans = sorted(((-r.top, -r.bottom, r) for r in runs), key=lambda s: s[0])
    groups: list[list[Run]] = []
    gaps: list[float] = []
    end: float | None = None
    for start, stop, run in spans:
        if end is not None and start > end:
            gaps.append(start - end)
            groups.append([run])
        elif end is None:
            groups.append([run])
        else:
            groups[-1].append(run)
        end = stop if end is None else max(end, stop)
    if len(groups) < 2:
        return groups
    threshold = _MIN_COLUMN_GAP if vertical else max(0.5, 0.9 * max(gaps))
    merged = [groups[0]]
    for gap, group in zip(gaps, groups[1:]):
        if gap >= threshold:
            merged.append(group)
        else:
            merged[-1].extend(group)
    return merged


def _lines(runs: list[Run]) -> list[list[Run]]:
    """Runs of one block grouped by baseline, left to right.

    Runs come top down, so a line whose first run ends above the current run's top can take no
    later run either: it leaves the lines still open. Each run is compared with the open lines
    only, in the order they began (the first that overlaps it by half a height takes it), which
    keeps a page of thousands of slightly overlapping lines linear (audit I19)."""
    lines: list[list[Run]] = []
    open_lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: -r.top):
        still_open = []
        taken = False
        for line in open_lines:
            ref = line[0]
            if ref.bottom > run.top:
                continue  # closed for this run and every later one
            still_open.append(line)
            if not taken and min(ref.top, run.top) - max(ref.bottom, run.bottom) >= 0.5 * min(ref.height, run.height):
                line.append(run)
                taken = True
        if not taken:
            line = [run]
            lines.append(line)
            still_open.append(line)
        open_lines = still_open
    return [sorted(line, key=lambda r: r.left) for line in lines]


def _drop_page_numbers(lines: list[list[Run]], height: float) -> list[list[Run]]:
    """A lone page number in the top or bottom margin is page furniture, not text."""
    out = []
    for line in lines:
        text = "".join(r.text for r in line).strip()
        near_edge = line[0].top > height - 50 or line[0].bottom < 50
        if near_edge and _PAGE_NUMBER.match(text):
            continue
        out.append(line)
    return out


def _render(lines: list[list[Run]]) -> str:
    texts: list[str] = []
    previous: Run | None = None
    for line in lines:
        text = _join(line)
        first = line[0]
        if previous is not None:
            height = max(previous.height, first.height, 1.0)
            gap = previous.bottom - first.top
            if first.top > previous.top:
                texts.append("")  # the next column
            elif gap > 0.9 * height:
                # As many blank lines as the white space holds lines (at most three): a wide gap
                # after a heading ends its list.
                texts.extend([""] * max(1, min(3, round(gap / height) - 1)))
        if texts and texts[-1].endswith(_SOFT_HYPHEN):
            head = texts.pop()[:-1]
            # PDFium marks the hyphen that ends a line: a word split in two, or a compound name.
            texts.append(head + text if text[:1].islower() else head + "-" + text)
        else:
            texts.append(text)
        previous = first
    return "\n".join(t.replace(_SOFT_HYPHEN, "-").rstrip() for t in texts)


def _join(line: list[Run]) -> str:
    out = ""
    right = None
    for run in line:
        text = run.text
        # A gap between runs is a space; a run drawn over the previous one is separate text.
        apart = right is not None and (run.left - right > _JOIN_GAP or run.left < right - _JOIN_GAP)
        if apart and not out.endswith(" ") and not text.startswith(" "):
            out += " "
        out += text
        right = run.right
    return out.strip(" ")
