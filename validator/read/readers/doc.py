"""Text of Word 97-2003 documents (.doc), by antiword.

antiword (Debian's `antiword`, 0.37) is the maintained reader of the binary Word format that
needs neither LibreOffice nor a network: it runs as a subprocess with a timeout, without a shell,
and reads the document on its standard input, so no path of the user's reaches its command line.

antiword draws a Word table as lines of cells between "|". A table whose rows are mostly full
is data (an attendance table: one row a line, cells joined by " | ", as the .docx reader does);
one whose cells are mostly empty beside full ones is page layout (a margin column beside the
body, the template of small communes): each column is read as a block, left to right.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

from ...document import Document, InputError

TIMEOUT = 30  # seconds: antiword reads the corpus's .doc in milliseconds
_MISSING = "lecture des documents Word 97-2003 (.doc) indisponible : installez antiword (apt-get install antiword) ou enregistrez l'acte en .docx"


def read_doc(data: bytes, path: str) -> Document:
    """The text of a .doc; InputError (French) when antiword is missing or the file is damaged."""
    program = shutil.which("antiword")
    if program is None:
        raise InputError(_MISSING)
    try:
        # "-m UTF-8.txt": UTF-8 whatever the locale; "-w 0": lines not re-wrapped.
        proc = subprocess.run([program, "-m", "UTF-8.txt", "-w", "0", "-"], input=data, capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise InputError(f"document Word 97-2003 trop long à lire (plus de {TIMEOUT} s) : enregistrez-le en .docx") from None
    except OSError as exc:
        raise InputError(f"lecture du document Word 97-2003 impossible ({exc.strerror or exc})") from None
    text = proc.stdout.decode("utf-8", "replace")
    if proc.returncode != 0 or not text.strip():
        raise InputError("document Word 97-2003 illisible : fichier corrompu, tronqué ou protégé")
    return Document(_untable(text), path, "doc")


def _untable(text: str) -> str:
    """antiword's text with its tables read as the other readers read them."""
    out: list[str] = []
    run: list[list[str]] = []
    for line in text.replace("\r", "").split("\n"):
        cells = _cells(line)
        if cells is not None and (not run or len(cells) == len(run[0])):
            run.append(cells)
            continue
        out.extend(_table(run))
        run = [cells] if cells is not None else []
        if cells is None:
            out.append(line.rstrip())
    out.extend(_table(run))
    return "\n".join(out).strip("\n") + "\n"


def _cells(line: str) -> list[str] | None:
    stripped = line.strip()
    if len(stripped) < 2 or not (stripped.startswith("|") and stripped.endswith("|")):
        return None
    # Runs of blanks in a cell are antiword's alignment ("en exercice :      11"), not text.
    return [" ".join(cell.split()) for cell in stripped[1:-1].split("|")]


def _table(rows: list[list[str]]) -> Iterator[str]:
    filled = [row for row in rows if any(row)]
    if not filled:
        return
    if len(rows[0]) == 1 or sum(all(row) for row in filled) * 2 >= len(filled):
        for row in rows:
            yield " | ".join(row).strip(" |")
        yield ""
        return
    for column in range(len(rows[0])):
        lines = [row[column] for row in rows]
        if any(lines):
            yield from _squeeze(lines)
            yield ""


def _squeeze(lines: list[str]) -> Iterator[str]:
    """A column's lines with runs of blank lines (a margin's empty rows) made at most three."""
    blank = 0
    for line in lines:
        blank = blank + 1 if not line else 0
        if blank <= 3:
            yield line
