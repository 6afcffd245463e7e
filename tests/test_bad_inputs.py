"""The catalogue of bad inputs: each gets a report or a clear French error, and nothing is written.

Already tested where they belong, and not repeated here:
- empty, whitespace only, binary, a PDF named .txt: tests/test_cli.py (unreadable input, exit 2);
- UTF-8 with BOM, Windows-1252 fallback (the invalid UTF-8 most files hold), UTF-16 LE with BOM,
  decomposed accents in the reading view: tests/test_document.py;
- a PDF encrypted, truncated, or without a text layer; a .docx zip bomb; a truncated .docx:
  tests/test_readers.py;
- garbage JSON-RPC, a 1 MB document and bursts of edits in the language server: tests/test_lsp_*.py.
"""

from __future__ import annotations

import codecs
import io
import itertools
import json
import os
import string
import unicodedata
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import SAMPLES

from validator.cli import main
from validator.read.readers import MAX_CHARS
from validator.report.runner import Options, check_paths

BAD = SAMPLES / "non_conformes" / "presents-annonces-faux.txt"
TEXT = BAD.read_text(encoding="utf-8")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def findings(path: Path) -> list[tuple[int, int, str]]:
    out = json.loads(run("check", "--format", "json", "--fail-on", "never", str(path)).output)
    (file,) = out["files"]
    assert "error" not in file, file
    return [(d["line"], d["column"], d["rule"]) for d in file["diagnostics"]]


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[int, int, str]]:
    found = findings(write(tmp_path_factory.mktemp("ref"), "acte.txt", TEXT.encode()))
    assert found == [(10, 1, "attendance-count")]
    return found


# --- Encodings, newlines, stray characters ----------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r").encode(), id="cr-only"),
        pytest.param(lambda t: "".join(line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(t.split("\n"))).encode(), id="mixed-newlines"),
        pytest.param(lambda t: unicodedata.normalize("NFD", t).encode(), id="nfd-accents"),
    ],
)
def test_the_same_act_gets_the_same_findings_however_it_is_encoded(tmp_path: Path, expected: list, variant) -> None:  # type: ignore[no-untyped-def]
    assert findings(write(tmp_path, "acte.txt", variant(TEXT))) == expected


def test_bytes_that_are_neither_utf8_nor_windows_1252(tmp_path: Path) -> None:
    path = write(tmp_path, "acte.txt", TEXT.encode("cp1252") + b"\x81\x8d")  # unassigned in Windows-1252
    result = run("check", str(path))
    assert result.exit_code == 2 and "encodage inconnu : ni UTF-8 ni Windows-1252 (octet 0x81" in result.output


def test_nul_bytes_early_mean_binary_late_ones_are_text(tmp_path: Path, expected: list) -> None:
    early = run("check", str(write(tmp_path, "debut.txt", b"Pr\x00sents : 9\n" + TEXT.encode())))
    assert early.exit_code == 2 and "fichier binaire" in early.output
    late = TEXT.encode() + b"\n" + b"x" * 9000 + b"\x00\x00 fin\n"  # beyond the 8 kB that are sniffed
    assert findings(write(tmp_path, "fin.txt", late)) == expected


def test_bidirectional_controls_and_nul_inside_names_are_checked(tmp_path: Path, expected: list) -> None:
    text = TEXT.replace("Paul MARTIN", "Paul\u202e MAR\x00TIN\u200f")
    assert findings(write(tmp_path, "acte.txt", text.encode()))[0][2] == "attendance-count"


# --- Size ----------------------------------------------------------------------------------------------


def test_a_50_mb_text_is_refused_at_once_with_its_size(tmp_path: Path) -> None:
    path = write(tmp_path, "enorme.txt", (TEXT.encode() + b"\n") * (50_000_000 // len(TEXT.encode())))
    result = run("check", str(path), str(BAD))
    assert result.exit_code == 2
    assert "texte trop long" in result.output and f"limite {MAX_CHARS:,}".replace(",", "\u202f") in result.output
    assert "[attendance-count]" in result.output  # the other file is still checked


def test_a_single_5_mb_line(tmp_path: Path) -> None:
    line = ("Le conseil municipal après en avoir délibéré approuve le projet présenté " * 70_000)[:5_000_000]
    result = run("check", "--format", "json", str(write(tmp_path, "ligne.txt", line.encode())))
    assert result.exit_code == 0  # the line states a decision ("après en avoir délibéré"), nothing else
    (file,) = json.loads(result.output)["files"]
    assert "error" not in file and all(d["line"] == 1 for d in file["diagnostics"])


def test_a_list_of_100_000_names(tmp_path: Path) -> None:
    names = ("".join(p) for p in itertools.islice(itertools.product(string.ascii_uppercase, repeat=4), 100_000))
    text = TEXT.replace("Présents : Alain", "Présents : " + ", ".join(f"Jean {n}" for n in names) + ", Alain", 1)
    result = run("check", "--format", "json", "--fail-on", "never", str(write(tmp_path, "liste.txt", text.encode())))
    diags = json.loads(result.output)["files"][0]["diagnostics"]
    assert any("100008 noms" in d["message"] or "100 008" in d["message"] for d in diags), [d["message"] for d in diags][:3]


@pytest.mark.parametrize(
    "repeated",
    ["Présents : 9\n", "Étaient présents :\n", "Délibération n° 2024-05\n", "DÉLIBÈRE\n", "Article 1 : \n", "Le Maire,\n"],
)
def test_deeply_repeated_headers(tmp_path: Path, repeated: str) -> None:
    result = run("check", "--format", "json", "--fail-on", "never", str(write(tmp_path, "entetes.txt", (repeated * 20_000 + TEXT).encode())))
    assert result.exit_code == 0 and "error" not in json.loads(result.output)["files"][0]


# --- Office archives -------------------------------------------------------------------------------------


def test_odt_zip_bomb_is_refused_quickly(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", b"<a>" + b" " * (200 * 1024 * 1024) + b"</a>")
    result = run("check", str(write(tmp_path, "bombe.odt", out.getvalue())))
    assert result.exit_code == 2 and "bombe de décompression" in result.output


def test_a_damaged_odt_part_does_not_print_into_a_json_report(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for line in TEXT.splitlines():
        document.text.addElement(P(text=line))
    buffer = io.BytesIO()
    document.write(buffer)
    damaged = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            target.writestr(info, b"<office:document-meta><broken" if info.filename == "meta.xml" else source.read(info))
    result = run("check", "--format", "json", "--fail-on", "never", str(write(tmp_path, "abime.odt", damaged.getvalue())))
    json.loads(result.output)  # odfpy's "SAX FAILED TO PARSE" would make it invalid


# --- Files that change under the run, loops, pipes --------------------------------------------------------


def test_a_file_that_disappears_or_becomes_a_folder_mid_run(tmp_path: Path) -> None:
    folder = tmp_path / "actes"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        write(folder, name, TEXT.encode())

    def after_each(_: int) -> None:
        if (folder / "b.txt").is_file():
            (folder / "b.txt").unlink()
            (folder / "c.txt").unlink()
            (folder / "c.txt").mkdir()

    reports = check_paths([str(folder)], Options(), progress=after_each)
    assert [(Path(r.path).name, r.error) for r in reports] == [("a.txt", None), ("b.txt", "fichier introuvable"), ("c.txt", "c'est un répertoire")]


def test_a_file_unreadable_mid_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root reads whatever the modes say, so the refusal is what open() raises for anyone else.
    target = write(tmp_path, "ferme.txt", TEXT.encode())
    real_open = Path.open

    def refuse(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self == target:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    result = run("check", str(target), str(BAD))
    assert result.exit_code == 2 and "lecture refusée (droits d'accès)" in result.output and "[attendance-count]" in result.output


def test_a_directory_loop_through_symlinks_is_walked_once(tmp_path: Path) -> None:
    root = tmp_path / "actes"
    (root / "2024").mkdir(parents=True)
    write(root / "2024", "acte.txt", TEXT.encode())
    (root / "2024" / "boucle").symlink_to(root, target_is_directory=True)
    (root / "retour").symlink_to(root / "2024", target_is_directory=True)
    reports = check_paths([str(root)], Options())
    assert [Path(r.path).name for r in reports] == ["acte.txt"]


def test_a_named_pipe_in_a_walked_folder_is_not_read(tmp_path: Path) -> None:
    write(tmp_path, "acte.txt", TEXT.encode())
    os.mkfifo(tmp_path / "tube.txt")  # reading it would wait forever for a writer
    reports = check_paths([str(tmp_path)], Options())
    assert [Path(r.path).name for r in reports] == ["acte.txt"]


def test_checked_and_extracted_files_are_never_written(tmp_path: Path) -> None:
    from docx import Document as Docx

    write(tmp_path, "acte.txt", TEXT.encode())
    write(tmp_path, "acte-1252.txt", TEXT.encode("cp1252"))
    word = Docx()
    for line in TEXT.splitlines():
        word.add_paragraph(line)
    word.save(str(tmp_path / "acte.docx"))
    write(tmp_path, "vide.txt", b"")

    def state() -> dict[str, tuple[bytes, int]]:
        return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(tmp_path.rglob("*"))}

    before = state()
    for args in (("check", "--format", "sarif"), ("check", "-j", "2"), ("extract",), ("extract", "--format", "scdl"), ("extract", "--text")):
        run(*args, str(tmp_path) if args[0] == "check" or "--text" not in args else str(tmp_path / "acte.docx"))
    assert state() == before  # same bytes, same times, and no file added beside them


def test_a_staircase_of_nested_rows_and_columns_is_read_without_recursion() -> None:
    """Audit I18: each level of a crafted page (a wide band above a thin column and the next level)
    was one recursive call of the XY-cut; 600 levels killed the run."""
    from validator.read.readers.pdf import Run, _xy_cut

    runs, height = [], 20_000.0
    for level in range(1_500):
        x = 13.0 * level
        runs.append(Run(x, height - 2, 30_000.0, height, f"bande {level}"))
        runs.append(Run(x, 0.0, x + 2, height - 4, "|"))
        height -= 4
    out: list[list[Run]] = []
    _xy_cut(runs, out)
    assert sorted(r.text for line in out for r in line) == sorted(r.text for r in runs)


def test_lines_that_overlap_a_little_are_grouped_in_linear_time() -> None:
    """Audit I19: every run was compared with every line found so far (12,000 lines: 43 s).

    Counted, not timed: the comparisons of a run with a line read the line's height."""
    from validator.read.readers.pdf import Run, _lines

    compared = [0]

    class Counted(Run):
        @property
        def height(self) -> float:
            compared[0] += 1
            return self.top - self.bottom

    def comparisons(n: int) -> int:
        compared[0] = 0
        runs = [Counted(0.0, 10.0 * i, 50.0, 10.0 * i + 12, f"l{i}") for i in range(n)]  # 2 pt of overlap: never one line
        assert len(_lines(runs)) == n
        return compared[0]

    # 10x the lines: 10x the comparisons when linear, 100x when every run meets every line.
    assert comparisons(40_000) <= 12 * comparisons(4_000)


def test_a_reader_that_fails_costs_its_file_not_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception in one file's reading is that file's error (exit 2), the others are reported."""
    from validator.report import runner
    from validator.report.runner import Options, check_paths

    good = tmp_path / "acte.txt"
    good.write_bytes((SAMPLES / "non_conformes" / "presents-annonces-faux.txt").read_bytes())
    bad = tmp_path / "piege.txt"
    bad.write_text("Présents : A\n", encoding="utf-8")
    real = runner.Runner.check_file

    def check_file(self: runner.Runner, path: Path) -> runner.Checked:
        if path.name == "piege.txt":
            raise RecursionError("maximum recursion depth exceeded")  # what the XY-cut raised
        return real(self, path)

    monkeypatch.delenv("DELIB_DEBUG", raising=False)
    monkeypatch.setattr(runner.Runner, "check_file", check_file)
    reports = check_paths([str(bad), str(good)], Options())
    assert reports[0].error is not None and "erreur interne (RecursionError)" in reports[0].error
    assert reports[1].error is None and reports[1].diagnostics
