"""Word 97-2003 (.doc) read by antiword: the shared corpus's .doc against its sidecar, damaged and
mislabelled files, antiword missing, and antiword's tables read as the other readers read them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from validator.check.engine import build_file_model, lint_document
from validator.cli import main
from validator.diagnostics import Severity
from validator.document import InputError
from validator.read.readers import doc, sniff
from validator.read.sources import read_document
from validator.report.export import file_dict

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture(scope="module", autouse=True)
def antiword() -> None:
    if shutil.which("antiword") is None:
        if os.environ.get("CI"):
            pytest.fail("antiword introuvable — en CI il doit être installé (scripts/system-deps)")
        pytest.skip("antiword introuvable (apt-get install antiword)")


@pytest.fixture(scope="module")
def shared(corpus: Path) -> tuple[Path, dict]:
    path = corpus / "files" / "143_flaux-cm-2020-06-08.doc"
    return path, yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))


def test_the_shared_doc_gives_its_text_and_facts(shared: tuple[Path, dict]) -> None:
    path, sidecar = shared
    document = read_document(path)
    assert sniff(path.read_bytes()) == "doc" and document.encoding == "doc"
    assert "Séance du 8 juin 2020" in document.text and "Séance levée à 19h45" in document.text
    acts = file_dict(document, build_file_model(document))["deliberations"]
    # Each page repeats the register's header; the act read with the séance's lists holds the facts.
    first = next(a for a in acts if a["attendance"] and a["attendance"]["represented"])
    assert first["body"]["kind"] == sidecar["body_type"]
    assert first["attendance"]["in_office"] == sidecar["declared_counts"]["en_exercice"]
    holders = [p["proxy_holder"] for p in first["attendance"]["represented"]]
    assert holders == [p["holder"] for p in sidecar["proxies"]]
    # The margin column is read as a block of its own, not interleaved line by line with the body.
    assert "en exercice : 11\nqui ont pris part à la\ndélibération : 11" in document.text


def test_the_shared_doc_gives_its_seance_date(shared: tuple[Path, dict]) -> None:
    path, sidecar = shared
    document = read_document(path)
    acts = file_dict(document, build_file_model(document))["deliberations"]
    assert {a["session"]["date"] for a in acts} == {sidecar["session_date"]}


def test_the_shared_doc_has_no_error(shared: tuple[Path, dict]) -> None:
    diagnostics = lint_document(read_document(shared[0])).diagnostics
    assert [d for d in diagnostics if d.severity is Severity.ERROR] == []


def test_the_shared_doc_lists_who_attended(shared: tuple[Path, dict]) -> None:
    path, sidecar = shared
    document = read_document(path)
    present = file_dict(document, build_file_model(document))["deliberations"][0]["attendance"]["present"]
    assert len(present) == int(sidecar["listed_counts"]["presents"].split()[0])


@pytest.mark.parametrize("data", [OLE + b"\x00" * 600 + "WordDocument".encode("utf-16-le") + os.urandom(4000), None], ids=["garbage", "truncated"])
def test_a_damaged_doc_is_a_clear_error(tmp_path: Path, shared: tuple[Path, dict], data: bytes | None) -> None:
    path = tmp_path / "abime.doc"
    path.write_bytes(data if data is not None else shared[0].read_bytes()[:20000])
    with pytest.raises(InputError, match="document Word 97-2003 illisible"):
        read_document(path)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "document Word 97-2003 illisible" in result.output and "Traceback" not in result.output


def test_an_office_file_that_is_not_word(tmp_path: Path) -> None:
    path = tmp_path / "budget.xls"
    path.write_bytes(OLE + b"\x00" * 600 + "Workbook".encode("utf-16-le"))
    with pytest.raises(InputError, match="n'est pas un document Word"):
        read_document(path)
    text = tmp_path / "faux.doc"
    text.write_text("Présents : 9\n", encoding="utf-8")
    with pytest.raises(InputError, match="l'extension .doc ne correspond pas au contenu : c'est un texte"):
        read_document(text)


def test_without_antiword_the_message_says_what_to_install(shared: tuple[Path, dict], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc.shutil, "which", lambda name: None)
    with pytest.raises(InputError, match="installez antiword"):
        read_document(shared[0])


def test_a_slow_antiword_is_stopped(shared: tuple[Path, dict], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    slow = tmp_path / "antiword"
    slow.write_text("#!/bin/sh\nsleep 5\n", encoding="utf-8")
    slow.chmod(0o700)
    monkeypatch.setattr(doc.shutil, "which", lambda name: str(slow))
    monkeypatch.setattr(doc, "TIMEOUT", 0.2)
    with pytest.raises(InputError, match="trop long à lire"):
        read_document(shared[0])


def test_antiword_tables_layout_by_columns_and_data_by_rows() -> None:
    layout = "|Nombre de membres   |Présents : Paul MARTIN |\n|en exercice :    11 |Anne DURAND           |\n|                    |DÉCIDE                |\n|                    |Article 1 : approuvé  |\n|                    |Adopté à l'unanimité  |\n"
    assert doc._untable(layout) == "Nombre de membres\nen exercice : 11\n\n\n\n\nPrésents : Paul MARTIN\nAnne DURAND\nDÉCIDE\nArticle 1 : approuvé\nAdopté à l'unanimité\n"
    data = "Votes :\n|Paul MARTIN |pour |\n|Anne DURAND |contre |\n"
    assert doc._untable(data) == "Votes :\nPaul MARTIN | pour\nAnne DURAND | contre\n"
