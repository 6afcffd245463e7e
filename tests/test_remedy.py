"""The remedy of a finding (issue 18 §4): stamped by the engine from the rule's case, shown by every
output that carries one (text, JSON, SARIF, GitHub), kept by the result cache, explained by `delib explain`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES

from validator import lint_text
from validator.check.registry import collect
from validator.cli import main
from validator.diagnostics import RemedyKind, Severity

BAD = SAMPLES / "non_conformes" / "presents-annonces-faux.txt"
SCHEMA = ROOT / "validator" / "report" / "schemas" / "check-v1.schema.json"
# Findings about the reading or the configuration, not about the act: nothing for the clerk to correct in it.
NO_REMEDY = {("structure", "not-a-deliberation"), ("plugin-trust", None)}


def run(*args: str) -> str:
    return CliRunner().invoke(main, list(args)).output


def test_every_case_a_clerk_acts_on_has_a_remedy_and_reading_notes_have_none() -> None:
    for name, rule in collect().items():
        assert set(rule.remedies) - {None} <= set(rule.cases), f"{name}: a remedy for an unknown case"
        for case in tuple(rule.cases) or (None,):
            remedy = rule.remedy_for(case)
            if rule.default_severity(case) is Severity.INFO and case not in rule.remedies:
                assert remedy is None, f"{name}:{case} is a reading note and has a remedy"
            elif (name, case) not in NO_REMEDY:
                assert remedy is not None, f"{name}:{case} says nothing of what to do"
                assert remedy.text.endswith(".") and remedy.text[0].isupper(), f"{name}:{case}: one French sentence"


def test_the_engine_stamps_the_case_remedy() -> None:
    found = [d for d in lint_text(BAD.read_text(encoding="utf-8")).diagnostics if d.rule == "attendance-count"]
    assert found and all(d.remedy is not None for d in found)
    assert found[0].remedy == collect()["attendance-count"].remedy_for("present-mismatch")
    assert found[0].remedy is not None and found[0].remedy.kind is RemedyKind.RETRAIT


def test_an_info_finding_of_a_reading_note_has_no_remedy() -> None:
    text = "Délibération n° 2024-001\nObjet : Tarifs\nLe Conseil municipal DÉCIDE :\nArticle 1 : Les tarifs sont fixés.\n"
    infos = [d for d in lint_text(text).diagnostics if d.rule == "required-visas"]
    assert infos and all(d.severity is Severity.INFO and d.remedy is None for d in infos)


def test_json_carries_the_remedy_and_validates() -> None:
    data = json.loads(run("check", "--format", "json", str(BAD)))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    found = [d for d in data["files"][0]["diagnostics"] if d["rule"] == "attendance-count"]
    remedy = collect()["attendance-count"].remedy_for("present-mismatch")
    assert remedy is not None and found[0]["remedy"] == {"kind": "retrait", "text": remedy.text}


def test_text_gives_the_remedy_under_the_finding() -> None:
    out = run("check", "--no-color", str(BAD)).splitlines()
    at = next(i for i, line in enumerate(out) if "[attendance-count]" in line)
    remedy = collect()["attendance-count"].remedy_for("present-mismatch")
    assert remedy is not None
    following = out[at + 1 : at + 4]
    assert f"      = à faire : {remedy.text}" in following


def test_sarif_and_github_carry_the_remedy() -> None:
    remedy = collect()["attendance-count"].remedy_for("present-mismatch")
    assert remedy is not None
    sarif = json.loads(run("check", "--format", "sarif", str(BAD)))
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "attendance-count")
    assert result["properties"]["remedy"] == remedy.text and result["properties"]["remedyKind"] == "retrait"
    github = [line for line in run("check", "--format", "github", str(BAD)).splitlines() if "attendance-count" in line]
    assert github and github[0].endswith("À faire : " + remedy.text.replace("%", "%25"))


@pytest.mark.parametrize("rule", ["quorum", "attendance-count", "subsidy-convention"])
def test_explain_gives_the_long_form(rule: str) -> None:
    cls = collect()[rule]
    out = run("explain", rule)
    assert "Que faire :" in out
    for case in tuple(cls.cases) or (None,):
        remedy = cls.remedy_for(case)
        if remedy is not None:
            assert f"{remedy.kind.label} : {remedy.text}" in out
            assert remedy.kind.explanation in out


def test_explain_of_a_rule_without_remedy_says_none() -> None:
    assert "Que faire" not in run("explain", "encoding")


def test_the_result_cache_keeps_the_remedy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DELIB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user-config"))
    monkeypatch.delenv("DELIB_CACHE_KEY", raising=False)
    first = run("check", "--cache", "--format", "json", "-j", "1", str(BAD))
    second = run("check", "--cache", "--format", "json", "-j", "1", str(BAD))
    assert '"remedy"' in first and first == second
