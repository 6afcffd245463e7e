"""The reference example of the genre (AMP bureau, 2019): no error, and its facts extracted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import lint_file

from validator.cli import main
from validator.diagnostics import Severity

AMP = "texts/000_3efd03da9e3be66f.txt"


@pytest.fixture
def amp(corpus: Path) -> Path:
    return corpus / AMP


def test_amp_example_has_no_error(amp: Path) -> None:
    errors = [d for d in lint_file(amp).diagnostics if d.severity is Severity.ERROR]
    assert errors == []


def test_amp_example_extract(amp: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(amp)])
    assert result.exit_code == 0, result.output
    (delib,) = json.loads(result.output)["deliberations"]
    att = delib["attendance"]
    assert len(att["present"]) == 30 and att["declared_present"] == 30
    assert "Xavier MERY" in att["present"] and "Martine VASSAL" in att["present"]
    assert att["represented"] == [
        {"member": "Martine CESARI", "proxy_holder": "Danièle GARCIA"},
        {"member": "Roland GIBERTI", "proxy_holder": "Roland MOUREN"},
    ]
    assert att["absent"] == ["Eric LE DISSÈS"]
    assert [a["number"] for a in delib["articles"]] == [1, 2, 3, 4]
    assert [a["value"] for a in delib["amounts"]] == [20000, 20000]
    assert delib["signatories"][0]["name"] == "Martial ALVAREZ"
    assert "Vice-Président" in delib["signatories"][0]["role"]
    assert delib["references"] == ["EMP 004-6064/19/BM", "MET 19/11402/BM"]
    assert delib["body"] == {"name": "Métropole Aix-Marseille-Provence", "kind": "metropole", "organ": "bureau"}
    assert delib["session"]["president"] == "Martine VASSAL"
    assert len(delib["visas"]) == 4
    assert delib["vote"]["outcome"] == "adopted"
