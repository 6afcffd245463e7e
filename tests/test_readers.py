"""PDF, Word and OpenDocument files: fixtures built here from our samples, bad files, the corpus PDFs."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import SAMPLES, positions
from odf.opendocument import OpenDocumentText
from odf.style import Footer, Header, MasterPage, PageLayout
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import P
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from validator.check.engine import RuleSet, lint_document
from validator.cli import main
from validator.diagnostics import Severity
from validator.document import InputError
from validator.read.readers import ReadOptions
from validator.read.sources import read_document

BAD = SAMPLES / "non_conformes" / "presents-annonces-faux.txt"


def pdf_of(lines: list[tuple[float, float, str]], pages: int = 1, **options: object) -> bytes:
    """A PDF with text drawn at (x, y) points; `pages` repeats a page break after each page's lines."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, **options)
    c.setFont("Helvetica", 9)
    for x, y, text in lines:
        if text == "\f":
            c.showPage()
            c.setFont("Helvetica", 9)
            continue
        c.drawString(x, y, text)
    c.showPage()
    c.save()
    return out.getvalue()


def flowing(text: str, x: float = 50, top: float = 800, step: float = 12) -> list[tuple[float, float, str]]:
    """The lines of a text, one under the other, with a page break every 60 lines."""
    out: list[tuple[float, float, str]] = []
    y = top
    for line in text.splitlines():
        if y < 60:
            out.append((0, 0, "\f"))
            y = top
        out.append((x, y, line))
        y -= step
    return out


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def lint(path: Path) -> list[tuple[int, int, str]]:
    return positions(lint_document(read_document(path), RuleSet.build()))


# --- PDF -----------------------------------------------------------------------------------------


def test_pdf_of_a_sample_gives_the_samples_findings_with_their_page(tmp_path: Path) -> None:
    text = BAD.read_text(encoding="utf-8")
    path = write(tmp_path, "acte.pdf", pdf_of(flowing(text)))
    result = lint_document(read_document(path), RuleSet.build())
    (finding,) = result.diagnostics
    assert (finding.rule, finding.severity, finding.page) == ("attendance-count", Severity.ERROR, 1)
    assert result.document.line_text(finding.line).startswith("Présents : 9")


def test_finding_on_the_second_page_carries_page_2(tmp_path: Path) -> None:
    filler = "\n".join(f"Paragraphe de rapport numéro {i}, sans rien de particulier." for i in range(70))
    text = filler + "\n" + BAD.read_text(encoding="utf-8")
    path = write(tmp_path, "long.pdf", pdf_of(flowing(text)))
    result = lint_document(read_document(path), RuleSet.build())
    assert [(d.rule, d.page) for d in result.diagnostics] == [("attendance-count", 2)]
    output = CliRunner().invoke(main, ["check", "--format", "json", str(path)]).output
    assert json.loads(output)["files"][0]["diagnostics"][0]["page"] == 2
    assert "(page 2)" in CliRunner().invoke(main, ["check", str(path)]).output


def test_two_column_pdf_keeps_the_margin_out_of_the_header_and_the_list(tmp_path: Path) -> None:
    margin = ["Direction des Assemblées", "Extrait du registre des", "délibérations du Conseil", "Municipal de la Ville de", "Bourg-Joli", "n° 2024 / 017"]
    body = [
        "Le Conseil Municipal s'est réuni sous la présidence de Madame Anne DURAND, Maire.",
        "Présents :",
        "Anne DURAND, Paul MARTIN, Léa PETIT, Marc ROUX, Jean BLANC, Hugo NOIR,",
        "Inès VERT, Yves GRIS, Lucie ROSE, Noé BRUN.",
        "Absents :",
        "Aude BLEU",
    ]
    lines = [(40, 760 - 14 * i, t) for i, t in enumerate(margin)]
    lines += [(190, 762 - 12 * i, t) for i, t in enumerate(body)]
    lines += [
        (150, 640, "Vente d'un terrain communal au lieu-dit Les Hautes Terres"),
        (40, 610, "Madame le Maire rapporte que la commune propose de vendre le terrain communal du lieu-dit Les Hautes Terres."),
        (40, 580, "Le Conseil adopte."),
        (300, 550, "Pour extrait conforme, Madame le Maire"),
        (300, 510, "Anne DURAND"),
    ]
    path = write(tmp_path, "deux-colonnes.pdf", pdf_of(lines))
    text = read_document(path).text
    assert text.index("n° 2024 / 017") < text.index("Le Conseil Municipal s'est réuni")
    assert "Présents :\nAnne DURAND, Paul MARTIN" in text
    (delib,) = lint_document(read_document(path), RuleSet.build()).model.deliberations
    assert delib.number == "2024 / 017"
    assert len(delib.attendance.present.members) == 10 and [m.name for m in delib.attendance.absent.members] == ["Aude BLEU"]
    assert delib.signatories[0].name == "Anne DURAND"


def test_hyphen_at_a_line_end_joins_a_split_word_but_keeps_a_compound_name(tmp_path: Path) -> None:
    lines = [(50, 800, "Présents : Chantal LEVY-"), (50, 788, "RAMEAU, Paul MARTIN. La délibé-"), (50, 776, "ration est adoptée.")]
    text = read_document(write(tmp_path, "coupures.pdf", pdf_of(lines))).text
    assert "LEVY-RAMEAU" in text and "délibération" in text


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.rect(50, 50, 400, 700, fill=1)
    c.save()
    path = write(tmp_path, "scan.pdf", out.getvalue())
    with pytest.raises(InputError, match="aucune couche texte : document numérisé \\? un OCR est nécessaire \\(--ocr auto\\)"):
        read_document(path, ReadOptions(ocr="never"))
    # By default the page goes to the OCR, which finds no word on a black page.
    with pytest.raises(InputError, match="document numérisé illisible, aucune page lue : page 1 illisible par l'OCR"):
        read_document(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = write(tmp_path, "chiffre.pdf", pdf_of(flowing("Présents : 9"), encrypt="secret"))
    with pytest.raises(InputError, match="chiffré"):
        read_document(path)


def test_truncated_pdf(tmp_path: Path) -> None:
    data = pdf_of(flowing(BAD.read_text(encoding="utf-8")))
    with pytest.raises(InputError):
        read_document(write(tmp_path, "tronque.pdf", data[: len(data) // 3]))


# --- Word and OpenDocument -----------------------------------------------------------------------


def docx_of(paragraphs: list[str], table: list[list[str]] | None = None, header: str = "", footer: str = "") -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
        if table is not None and text.startswith("Etaient présents"):
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, cell in enumerate(row):
                    grid.cell(r, c).text = cell
    if header:
        document.sections[0].header.paragraphs[0].text = header
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


ROWS = [["Nom", "Commune", "Présent"], ["DURAND Anne", "Bourg-Joli", "X"], ["MARTIN Paul", "Val-Clair", "X"], ["PETIT Léa", "Mont-Haut", ""], ["ROUX Marc", "Bourg-Joli", "X"]]


def test_docx_paragraphs_attendance_table_header_and_footer(tmp_path: Path) -> None:
    paragraphs = [
        "Le Comité syndical s'est réuni sous la présidence de Madame Anne DURAND, Présidente.",
        "Etaient présents :",
        "Délibération n° 2024-05 : Programme de travaux",
        "Vu le Code général des collectivités territoriales ;",
        "DÉCIDE",
        "Article 1 : Le programme est approuvé.",
        "Article 3 : La Présidente est chargée de son exécution.",
        "Adoptée à l'unanimité.",
    ]
    data = docx_of(paragraphs, ROWS, header="SYNDICAT MIXTE DU BASSIN DE LA SEILLE", footer="Page 1 - document de séance")
    path = write(tmp_path, "acte.docx", data)
    document = read_document(path)
    assert document.text.startswith("SYNDICAT MIXTE DU BASSIN DE LA SEILLE")
    assert document.text.rstrip().endswith("Page 1 - document de séance")
    assert "DURAND Anne | Bourg-Joli | X" in document.text
    result = lint_document(document, RuleSet.build())
    (delib,) = result.model.deliberations
    assert [m.name for m in delib.attendance.present.members] == ["DURAND Anne", "MARTIN Paul", "ROUX Marc"]
    assert [m.name for m in delib.attendance.absent.members] == ["PETIT Léa"]
    assert [(d.rule, d.page) for d in result.diagnostics] == [("article-sequence", None)]


def test_odt_paragraphs_table_header_and_footer(tmp_path: Path) -> None:
    doc = OpenDocumentText()
    layout = PageLayout(name="pm1")
    doc.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    head, foot = Header(), Footer()
    head.addElement(P(text="COMMUNE DE BOURG-JOLI"))
    foot.addElement(P(text="Mairie de Bourg-Joli - 1 place de la Mairie"))
    master.addElement(head)
    master.addElement(foot)
    doc.masterstyles.addElement(master)
    for text in BAD.read_text(encoding="utf-8").splitlines():
        doc.text.addElement(P(text=text))
    table = Table(name="presence")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for row in (["Nom", "Présence"], ["A", "X"], ["B", ""]):
        tr = TableRow()
        for cell in row:
            tc = TableCell()
            tc.addElement(P(text=cell))
            tr.addElement(tc)
        table.addElement(tr)
    doc.text.addElement(table)
    out = io.BytesIO()
    doc.write(out)
    path = write(tmp_path, "acte.odt", out.getvalue())
    document = read_document(path)
    assert document.text.startswith("COMMUNE DE BOURG-JOLI") and "Mairie de Bourg-Joli - 1 place" in document.text.splitlines()[-1]
    assert "A | X" in document.text
    assert [r for _, _, r in lint(path)] == ["attendance-count"]


# --- Bad archives and lying names -----------------------------------------------------------------


def test_zip_bomb_is_refused_quickly(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (200 * 1024 * 1024))
    path = write(tmp_path, "bombe.docx", out.getvalue())
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(InputError, match="bombe de décompression"):
        read_document(path)


def test_truncated_docx(tmp_path: Path) -> None:
    data = docx_of(["Présents : 9"])
    with pytest.raises(InputError, match="illisible"):
        read_document(write(tmp_path, "tronque.docx", data[: len(data) // 2]))


def test_extension_that_lies(tmp_path: Path) -> None:
    path = write(tmp_path, "acte.pdf", docx_of(["Présents : 9"]))
    with pytest.raises(InputError, match="l'extension .pdf ne correspond pas au contenu : c'est un document Word"):
        read_document(path)


def test_bad_files_give_exit_2_and_the_others_are_still_checked(tmp_path: Path) -> None:
    bad = write(tmp_path, "scan.pdf", b"%PDF-1.4\n%broken")
    good = write(tmp_path, "acte.docx", docx_of(BAD.read_text(encoding="utf-8").splitlines()))
    result = CliRunner().invoke(main, ["check", str(bad), str(good)])
    assert result.exit_code == 2
    assert f"{bad}: erreur : PDF illisible" in result.output
    assert "[attendance-count]" in result.output and "Traceback" not in result.output


def test_extract_text_prints_the_checked_text(tmp_path: Path) -> None:
    path = write(tmp_path, "acte.pdf", pdf_of(flowing(BAD.read_text(encoding="utf-8"))))
    printed = CliRunner().invoke(main, ["extract", "--text", str(path)]).output
    document = read_document(path)
    assert printed == document.text + ("" if document.text.endswith("\n") else "\n")
    finding = lint_document(document, RuleSet.build()).diagnostics[0]
    assert printed.splitlines()[finding.line - 1].startswith("Présents : 9")


# --- The corpus PDFs -------------------------------------------------------------------------------


def test_every_corpus_pdf_is_read_and_its_65_members_add_up(corpus: Path) -> None:
    pdfs = sorted((corpus / "pdf").rglob("*.pdf"))
    assert len(pdfs) == 40
    for path in pdfs:
        result = lint_document(read_document(path), RuleSet.build())
        (delib,) = result.model.deliberations
        att = delib.attendance
        present, represented = len(att.present.members), len(att.represented)
        absent = len(att.absent.members) if att.absent else 0
        assert present >= 55 and represented >= 1, path.name
        assert present + represented + absent == 65, path.name
        assert delib.number and delib.number.startswith("2014 / "), path.name
        assert delib.title and delib.vote is not None and delib.vote.outcome == "adopted", path.name
        assert [s.name for s in delib.signatories] == ["Philippe SAUREL"], path.name
        assert not [d for d in result.diagnostics if d.severity is Severity.ERROR], path.name
        assert all(d.page in (1, 2, 3, 4) for d in result.diagnostics), path.name
