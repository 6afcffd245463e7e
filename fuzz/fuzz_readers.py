"""Fuzz the PDF, Word and OpenDocument readers: damaged files get a French error, never a crash.

    .venv/bin/python fuzz/fuzz_readers.py -runs=300 -seed=1             # what CI runs (bounded)
    .venv/bin/python fuzz/fuzz_readers.py -max_total_time=3600 -timeout=20 -max_len=200000 \\
        -artifact_prefix=fuzz/out/ fuzz/out/readers                     # the longer run

Seeds are a PDF, a .docx and an .odt made from a sample act. Besides libFuzzer's byte mutations,
the archive members are damaged inside a valid ZIP (so that the XML parsers, not only the ZIP
reader, see broken input), and files are cut short.
"""

from __future__ import annotations

import io
import random
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fuzz import driver  # noqa: E402

INCLUDE = ["validator", "fuzz.harness", "docx", "odf"]
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "non_conformes" / "presents-annonces-faux.txt"


def setup() -> None:
    import docx  # noqa: F401
    import odf.opendocument  # noqa: F401

    from fuzz import harness
    from validator.read.readers import office, pdf  # noqa: F401

    harness.ruleset()


def target(data: bytes) -> object:
    from fuzz import harness

    return harness.check_bytes(data, "fuzz")  # no extension: the content decides the reader


def seeds() -> list[bytes]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [pdf_of(lines), docx_of(lines), odt_of(lines)]


def pdf_of(lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    y = 800
    for line in lines:
        page.drawString(50, y, line[:110])
        y -= 14
        if y < 50:
            page.showPage()
            y = 800
    page.save()
    return out.getvalue()


def docx_of(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    table = document.add_table(rows=3, cols=2)
    for r, row in enumerate([["Nom", "Présent"], ["DURAND Anne", "X"], ["MARTIN Paul", ""]]):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_of(lines: list[str]) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for line in lines:
        document.text.addElement(P(text=line))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def mutate(rng: random.Random, data: bytes, max_size: int) -> bytes:
    choice = rng.random()
    if data[:4] == b"PK\x03\x04" and choice < 0.5:
        return damage_member(rng, data)[:max_size]
    if choice < 0.7:
        return data[: rng.randrange(len(data) + 1)]
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out[:max_size])


def damage_member(rng: random.Random, data: bytes) -> bytes:
    """Re-zip the archive with one member's bytes damaged, so that the XML readers see it."""
    from fuzz import harness

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [(info, archive.read(info)) for info in archive.infolist()]
    except Exception:  # already a broken archive: damage its bytes instead
        return data[: rng.randrange(len(data) + 1)]
    i = rng.randrange(len(members))
    info, content = members[i]
    text = content.decode("utf-8", "replace")
    if rng.random() < 0.5:
        text = harness.mutate(rng, text, 1)
    else:
        cut = rng.randrange(len(text) + 1)
        text = text[:cut] + rng.choice(["<", "&", "]]>", "<w:p>", "\x00", "<!DOCTYPE x [<!ENTITY a 'aaaa'>]>"]) + text[cut:]
    members[i] = (info, text.encode("utf-8", "surrogatepass"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, content in members:
            archive.writestr(info.filename, content)
    return out.getvalue()


if __name__ == "__main__":
    sys.exit(driver.main(target, seeds, mutate, setup, INCLUDE))
