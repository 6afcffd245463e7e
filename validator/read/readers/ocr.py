"""Text of the PDF pages that have none: OCR with Tesseract and its French model (pytesseract).

A page is read by OCR only when it has no text layer of its own (`--ocr auto`; a scan whose only
text is the prefecture's stamp counts as having none), or always, or never. Each page is rendered
by PDFium at 300 dpi in grey (200 dpi, faster, lost words of the shared scan: docs/benchmarks.md),
then Tesseract gives words with their boxes, their line and block, and a confidence. Lines keep
Tesseract's order and a blank line separates its blocks, so that diagnostics point at a page and a
line of the text `delib extract --text` shows.

What the OCR is unsure of is kept with the text: the span of every word below `LOW_CONFIDENCE`,
and of every word this module corrected (a count read "Il" or "1O"). The engine lowers the
findings resting on them to an info; a page where too few words are sure is left out with one
remark, and the other pages are checked.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from ...document import Document, InputError, Span
from .pdf import Run, text_of_runs

MODES = ("auto", "always", "never")
LOW_CONFIDENCE = 60  # Tesseract's word confidence (0-100) below which a word is uncertain
PAGE_TIMEOUT = 60  # seconds of Tesseract per page: a pathological page costs a remark, not the run
_DPI = 300
_MAX_PIXELS = 12_000_000  # a page of absurd size is rendered smaller, not into gigabytes
# A page is readable when it has this many sure words and they are at least this share of its words.
_MIN_SURE_WORDS = 8
_MIN_SURE_SHARE = 0.5
# A page holding an image over half its area and less text than this (a stamp) is a scan.
_STAMP_CHARS = 300
# A count misread with letters that look like digits: "1O", "l2" (a digit among them), or with
# no digit at all where only a count stands, after a colon at the end of a line ("exercice : Il").
# Letters become digits one for one, so no offset moves.
_COUNT = re.compile(r"(?<![\w])(?P<count>[0-9]+[OoIl]+[0-9OoIl]*|[OoIl]+[0-9]+[0-9OoIl]*)(?![\w])|(?<=: )(?P<count2>[OIilL]{1,3})\.?$", re.MULTILINE)
_TO_DIGIT = str.maketrans("OoIilL", "001111")
# Marks around uncertain words while the reading order is made; any such character the OCR gave is dropped.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARK = re.compile("[\ue000\ue001]")
_NO_MARKS = str.maketrans("", "", _OPEN + _CLOSE)
_INSTALL = "installez l'option « ocr » (pip install 'delib-validator[ocr]') et Tesseract avec le français (apt-get install tesseract-ocr tesseract-ocr-fra)"


@dataclass(frozen=True, slots=True)
class PageText:
    """A page as the OCR read it: its text, the uncertain spans in it, and a remark if unread."""

    text: str
    uncertain: tuple[tuple[int, int], ...] = ()
    notice: str | None = None


@functools.cache
def unavailable() -> str | None:
    """None when the OCR can run; else the French message saying what to install."""
    try:
        import pytesseract
    except ImportError:
        return f"OCR indisponible : {_INSTALL}"
    try:
        languages = pytesseract.get_languages(config="")
    except (OSError, RuntimeError, pytesseract.TesseractError, pytesseract.TesseractNotFoundError):
        return f"OCR indisponible (Tesseract introuvable) : {_INSTALL}"
    if "fra" not in languages:
        return "OCR indisponible : le modèle français de Tesseract manque (apt-get install tesseract-ocr-fra)"
    return None


@functools.cache
def engine_version() -> str:
    """Tesseract's version, "-" without it: part of the cache key of OCR results."""
    if unavailable() is not None:
        return "-"
    import pytesseract

    return str(pytesseract.get_tesseract_version())


def scanned_pages(pdf: Any, layers: list[str], mode: str, jobs: int, progress: Callable[[int, int], None] | None = None) -> dict[int, PageText]:
    """The pages (0-based) to read by OCR under `mode`, read; {} when there are none. `progress`
    is told (pages read, pages to read) as pages come.

    Without an OCR installed, a PDF whose other pages have text is checked on those, with one
    remark; a PDF with no text at all is refused with what to install."""
    numbers = [i for i, text in enumerate(layers) if wants_ocr(pdf[i], text, mode)]
    if not numbers:
        return {}
    missing = unavailable()
    if missing is not None:
        if mode == "always" or not any(layers[i].strip() for i in range(len(layers)) if i not in numbers):
            raise InputError(f"aucune couche texte : document numérisé ; {missing}" if mode != "always" else missing)
        listed = ", ".join(str(i + 1) for i in numbers[:20])
        return {numbers[0]: PageText("", notice=f"page(s) sans couche texte non vérifiée(s) ({listed}) : {missing}")}
    pages = ((i + 1, functools.partial(render, pdf[i])) for i in numbers)
    read: dict[int, PageText] = {}
    if progress is not None:
        progress(0, len(numbers))  # the first page takes seconds: say at once that the OCR runs
    for number, text in read_pages(pages, jobs):
        read[number - 1] = text
        if progress is not None:
            progress(len(read), len(numbers))
    return read


def assemble(layers: list[str], read: dict[int, PageText], path: str, mode: str) -> Document:
    """The document of the PDF's pages: each page's text layer, or its OCR text where it was read."""
    if not any(t.strip() for t in layers) and not any(r.text.strip() for r in read.values()):
        if not read:
            raise InputError("aucune couche texte : document numérisé ? un OCR est nécessaire" + (" (--ocr auto)" if mode == "never" else ""))
        reasons = "; ".join(r.notice for r in list(read.values())[:5] if r.notice)
        raise InputError(f"document numérisé illisible, aucune page lue : {reasons}")
    starts: list[int] = []
    parts: list[str] = []
    uncertain: list[Span] = []
    notices: list[tuple[int, str]] = []
    pos = 0
    for i, layer in enumerate(layers):
        page = read.get(i)
        # A page the OCR could not read keeps what text layer it had (a stamp).
        text = page.text if page is not None and page.text else layer
        starts.append(pos)
        parts.append(text)
        if page is not None:
            uncertain.extend(Span(pos + start, pos + end) for start, end in page.uncertain)
            if page.notice:
                notices.append((pos, page.notice))
        pos += len(text) + 2
    ocr_pages = tuple(i + 1 for i in sorted(read) if read[i].text)
    return Document("\n\n".join(parts), path, "pdf", page_starts=tuple(starts), uncertain=tuple(uncertain), notices=tuple(notices), ocr_pages=ocr_pages)


def wants_ocr(page: Any, text: str, mode: str) -> bool:
    """Whether a page is read by OCR under `mode` (auto: when it has no text of its own)."""
    if mode == "never":
        return False
    if mode == "always" or not text.strip():
        return True
    return len(text.strip()) < _STAMP_CHARS and _image_share(page) > 0.5


def _image_share(page: Any) -> float:
    from pypdfium2 import raw

    area = max(page.get_width() * page.get_height(), 1.0)
    covered = 0.0
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        covered += max(0.0, right - left) * max(0.0, top - bottom)
    return float(covered / area)


def read_pages(pages: Iterable[tuple[int, Callable[[], Any]]], jobs: int = 1) -> Iterator[tuple[int, PageText]]:
    """OCR of the pages given as (number, renderer), in their order.

    Rendering stays in the calling thread (PDFium is not thread-safe); Tesseract runs in a
    subprocess, so `jobs` threads keep that many pages in work, and no more than that many
    rendered images wait in memory, whatever the number of pages.
    """
    import pypdfium2 as pdfium

    # Tesseract's OpenMP threads, on a machine whose cores are busy (other pages, other jobs),
    # wait on each other: one page took 7-8 s against 1.2 s with one thread, for the same words,
    # boxes and confidences (docs/benchmarks.md). Pages in parallel are the parallelism; a value
    # the user set is kept.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        pending: list[tuple[int, Future[PageText]]] = []
        for number, render in pages:
            try:
                image = render()
            except (pdfium.PdfiumError, OSError, ValueError, MemoryError):  # a damaged page is lost, not the document
                pending.append((number, _done(PageText("", notice=f"page {number} illisible : image endommagée, page non vérifiée"))))
                continue
            pending.append((number, pool.submit(recognise, image[0], image[1], number)))
            while len(pending) > max(1, jobs):
                first, future = pending.pop(0)
                yield first, future.result()
        for number, future in pending:
            yield number, future.result()


def _done(value: PageText) -> Future[PageText]:
    future: Future[PageText] = Future()
    future.set_result(value)
    return future


def render(page: Any) -> tuple[Any, float]:
    """The page as a grey PIL image at 300 dpi (smaller for a page of absurd size), and its scale."""
    width, height = page.get_width(), page.get_height()
    scale = min(_DPI / 72, (_MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
    return page.render(scale=scale, grayscale=True).to_pil(), scale


def recognise(image: Any, scale: float, number: int) -> PageText:
    """Words of one page image, as text in reading order with the spans of its uncertain words."""
    import pytesseract

    try:
        data = pytesseract.image_to_data(image, lang="fra", config="--psm 3", output_type=pytesseract.Output.DICT, timeout=PAGE_TIMEOUT)
    except RuntimeError as exc:  # pytesseract's timeout
        if "timeout" in str(exc).lower():
            return PageText("", notice=f"page {number} non lue : l'OCR dépasse {PAGE_TIMEOUT} s")
        return PageText("", notice=f"page {number} non lue : l'OCR a échoué")
    except (OSError, pytesseract.TesseractError):
        return PageText("", notice=f"page {number} non lue : l'OCR a échoué")
    keys = ("text", "conf", "left", "top", "width", "height", "block_num", "par_num", "line_num")
    words = [dict(zip(keys, values)) for values in zip(*(data[k] for k in keys)) if str(values[0]).strip()]
    sure = sum(1 for w in words if float(w["conf"]) >= LOW_CONFIDENCE and w["text"].strip("|"))
    if sure < _MIN_SURE_WORDS or sure < _MIN_SURE_SHARE * len(words):
        # Counts, not a share: "100 % de mots sûrs" on a page of two words would read as a contradiction.
        plural = "s" if sure > 1 else ""
        seen = f"{sure} mot{plural} sûr{plural} sur {len(words)}" if words else "aucun mot lu"
        return PageText("", notice=f"page {number} illisible par l'OCR ({seen}) : page non vérifiée")
    return _unmark(text_of_runs(_runs(words, scale, image.height / scale), image.height / scale))


def _runs(words: list[dict[str, Any]], scale: float, page_height: float) -> list[Run]:
    """Tesseract's lines as the PDF reader's runs (points, from the bottom), so that they take the
    same reading order. A line is cut where Tesseract saw a "|": a table's rule, which parts a
    margin column from the body even where Tesseract ran the two into one line."""
    pieces: list[list[dict[str, Any]]] = []
    where = None
    for word in words:
        line = (word["block_num"], word["par_num"], word["line_num"])
        if word["text"].strip().strip("|") == "":
            where = None  # a rule: the next word starts a piece
            continue
        if line != where:
            pieces.append([])
            where = line
        pieces[-1].append(word)
    runs = []
    for piece in pieces:
        left = min(w["left"] for w in piece) / scale
        right = max(w["left"] + w["width"] for w in piece) / scale
        top = min(w["top"] for w in piece) / scale
        bottom = max(w["top"] + w["height"] for w in piece) / scale
        text = " ".join(_marked(w) for w in piece)
        runs.append(Run(left, page_height - bottom, right, page_height - top, text))
    return runs


def _marked(word: dict[str, Any]) -> str:
    text = str(word["text"]).strip().translate(_NO_MARKS)
    return f"{_OPEN}{text}{_CLOSE}" if float(word["conf"]) < LOW_CONFIDENCE else text


def _unmark(marked: str) -> PageText:
    """The text without the marks around uncertain words, and the spans they marked; counts read
    with look-alike letters become digits, and uncertain too."""
    text = []
    uncertain: list[tuple[int, int]] = []
    pos = 0
    for i, piece in enumerate(_MARK.split(marked)):
        if i % 2:
            uncertain.append((pos, pos + len(piece)))
        text.append(piece)
        pos += len(piece)
    out = "".join(text)
    fixed = list(out)
    for match in _COUNT.finditer(out):
        start, end = match.span(match.lastgroup or 0)
        fixed[start:end] = out[start:end].translate(_TO_DIGIT)
        uncertain.append((start, end))
    return PageText("".join(fixed), _merged(uncertain))


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)
