"""Pre-publication checks in CI: report formats, configuration, waivers, local rules, baselines, workers."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES, corpus_dir

from validator.check.registry import collect
from validator.cli import main
from validator.config import ConfigError, load_config, profile_names
from validator.report.runner import Options, check_paths

BAD = SAMPLES / "non_conformes" / "presents-annonces-faux.txt"
# The OASIS schema lies beside the corpus (../shared/schemas), read in place like it.
SARIF_SCHEMA = corpus_dir().parent / "schemas" / "sarif-schema-2.1.0.json"


def run(*args: str, cwd: Path | None = None):
    if cwd is None:
        return CliRunner().invoke(main, list(args))
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder of acts: one wrong count, one gap in articles, one clean."""
    shutil.copy(BAD, tmp_path / "acte-presents.txt")
    shutil.copy(SAMPLES / "non_conformes" / "articles-saut-de-numero.txt", tmp_path / "acte-articles.txt")
    shutil.copy(SAMPLES / "conformes" / "commune-conseil-municipal.txt", tmp_path / "acte-ok.txt")
    return tmp_path


# --- Report formats --------------------------------------------------------------------------------


def test_sarif_is_valid_and_carries_rule_metadata(project: Path) -> None:
    result = run("check", "--format", "sarif", str(project))
    sarif = json.loads(result.output)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    run_ = sarif["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert "Base légale" in rules["attendance-count"]["help"]["text"]
    assert rules["attendance-count"]["defaultConfiguration"]["level"] == "error"
    first = next(r for r in run_["results"] if r["ruleId"] == "attendance-count")
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 10, "startColumn": 1, "endLine": 10, "endColumn": 13}
    assert first["properties"]["deliberation"] == "2022-021"
    assert run_["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "attendance-count"


def test_github_annotations(project: Path) -> None:
    out = run("check", "--format", "github", str(project)).output.splitlines()
    assert any(line.startswith("::error file=") and ",line=10,col=1,endLine=10,endColumn=13,title=delib [attendance-count]::9 présents annoncés" in line for line in out)
    assert any(line.startswith("::warning ") and "article-sequence" in line for line in out)


def test_gitlab_fingerprints_are_unique_and_survive_edits_above(project: Path) -> None:
    before = json.loads(run("check", "--format", "gitlab", str(project)).output)
    assert len({i["fingerprint"] for i in before}) == len(before) and before
    assert {i["severity"] for i in before} <= {"info", "minor", "major"}
    assert all(i["location"]["path"] and i["location"]["lines"]["begin"] >= 1 for i in before)
    target = project / "acte-presents.txt"
    target.write_text("Note de service.\n\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    after = json.loads(run("check", "--format", "gitlab", str(project)).output)
    assert sorted(i["fingerprint"] for i in after) == sorted(i["fingerprint"] for i in before)
    assert sorted(i["location"]["lines"]["begin"] for i in after) != sorted(i["location"]["lines"]["begin"] for i in before)


def test_junit_one_testcase_per_file_and_a_failure_per_finding(project: Path) -> None:
    root = ET.fromstring(run("check", "--format", "junit", str(project)).output)
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "3"
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert len(cases) == 3
    failing = next(c for name, c in cases.items() if name.endswith("acte-presents.txt"))
    assert [f.get("type") for f in failing.iter("failure")] == ["attendance-count"]
    warnings_only = next(c for name, c in cases.items() if name.endswith("acte-articles.txt"))
    assert not list(warnings_only.iter("failure")) and "article-sequence" in (warnings_only.findtext("system-out") or "")


def test_rdjson_counts_columns_in_utf8_bytes(tmp_path: Path) -> None:
    act = tmp_path / "acte.txt"
    act.write_text("DÉCIDE\nArticle 1 : Réunion à Évreux, subvention de vingt-cinq mille euros (20 000 €).\n", encoding="utf-8")
    data = json.loads(run("check", "--format", "rdjson", "--select", "amount-consistency", str(act)).output)
    (diag,) = data["diagnostics"]
    prefix = "Article 1 : Réunion à Évreux, subvention de "
    assert diag["location"]["range"]["start"] == {"line": 2, "column": len(prefix.encode()) + 1}
    assert diag["code"]["value"] == "amount-consistency" and diag["severity"] == "ERROR"
    assert diag["suggestions"][0]["text"] == "vingt mille euros"


def test_output_file_gets_the_report_and_the_terminal_the_text(project: Path, tmp_path: Path) -> None:
    report = tmp_path / "rapport.sarif"
    result = run("check", "--format", "sarif", "--output", str(report), str(project))
    assert json.loads(report.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert "erreur [attendance-count]" in result.output and "fichiers vérifiés" in result.output


# --- Configuration -----------------------------------------------------------------------------------


def test_every_bundled_profile_loads(tmp_path: Path) -> None:
    assert {"commune", "epci", "metropole", "departement", "region", "syndicat", "strict"} <= set(profile_names())
    for name in profile_names():
        path = tmp_path / f"{name}.yaml"
        path.write_text(f"extends: {name}\n", encoding="utf-8")
        load_config(path, collect())


def test_strict_profile_raises_information_to_warning(project: Path) -> None:
    (project / ".delib.yaml").write_text("extends: [commune, strict]\n", encoding="utf-8")
    shutil.copy(SAMPLES / "non_conformes" / "president-compte-non-liste.txt", project / "acte-maire.txt")
    out = run("check", "--fail-on", "warning", str(project / "acte-maire.txt"))
    assert out.exit_code == 1 and "avertissement [attendance-count]" in out.output


def test_include_exclude_and_per_path_overrides(project: Path) -> None:
    (project / "brouillons").mkdir()
    shutil.copy(BAD, project / "brouillons" / "projet.txt")
    (project / ".delib.yaml").write_text(
        "exclude: ['brouillons/**']\noverrides:\n  - files: ['acte-articles.txt']\n    rules: {article-sequence: error}\n",
        encoding="utf-8",
    )
    data = json.loads(run("check", "--format", "json", str(project)).output)
    paths = [Path(f["path"]).name for f in data["files"]]
    assert "projet.txt" not in paths
    severities = {d["rule"]: d["severity"] for f in data["files"] for d in f["diagnostics"]}
    assert severities["article-sequence"] == "error"


def test_config_show_prints_the_merged_configuration(project: Path) -> None:
    (project / ".delib.yaml").write_text("extends: departement\nrules: {article-sequence: disable}\n", encoding="utf-8")
    out = run("config", "--show", str(project / "acte-ok.txt")).output
    assert "article-sequence: disable" in out and "session-signatures: false" in out


# --- Waivers ------------------------------------------------------------------------------------------


def waivers(project: Path, body: str) -> None:
    (project / ".delib.yaml").write_text("waivers:\n" + body, encoding="utf-8")


def test_waiver_silences_a_rule_for_a_file_and_lines(project: Path) -> None:
    waivers(project, "  - rule: attendance-count\n    file: acte-presents.txt\n    lines: [9, 11]\n    reason: registre papier complété\n")
    result = run("check", str(project))
    assert result.exit_code == 0 and "attendance-count" not in result.output


def test_waiver_outside_its_lines_does_not_silence(project: Path) -> None:
    waivers(project, "  - rule: attendance-count\n    file: acte-presents.txt\n    lines: 30\n    reason: autre ligne\n")
    result = run("check", str(project))
    assert result.exit_code == 1 and "[attendance-count]" in result.output
    assert ".delib.yaml:2:5: info [waiver] dérogation sans effet" in result.output


def test_expired_waiver_reports_again_and_says_so(project: Path) -> None:
    waivers(project, "  - rule: attendance-count\n    file: acte-presents.txt\n    reason: provisoire\n    until: 2020-01-31\n")
    reports = check_paths([str(project)], Options(today=dt.date(2026, 1, 1)))
    rules = [d.rule for r in reports for d in r.diagnostics]
    assert "attendance-count" in rules
    assert any("dérogation expirée le 31/01/2020" in d.message for r in reports for d in r.diagnostics)


def test_waiver_needs_a_reason(project: Path) -> None:
    waivers(project, "  - rule: attendance-count\n    file: acte-presents.txt\n")
    result = run("check", str(project))
    assert result.exit_code == 2 and "« reason » est obligatoire" in result.output


def test_unused_waiver_is_not_reported_when_its_file_was_not_checked(project: Path) -> None:
    waivers(project, "  - rule: attendance-count\n    file: ailleurs.txt\n    reason: autre dossier\n")
    assert "waiver" not in run("check", str(project / "acte-ok.txt")).output


# --- Local rules ----------------------------------------------------------------------------------------


def test_local_rules_run_like_bundled_ones(project: Path) -> None:
    (project / ".delib.yaml").write_text(
        """local-rules:
  mention-voies-recours:
    message: "la mention des voies et délais de recours manque"
    severity: warning
    require: ["voies et délais de recours"]
  pas-de-code-des-marches:
    section: visas
    forbid: ["code des marchés publics"]
    message: "le Code des marchés publics est abrogé depuis 2019"
    severity: error
  article-premier:
    section: articles
    prefer: {"Article 1 :": "Article 1er :"}
    message: "écrire « {preferred} » plutôt que « {found} »"
    severity: info
rules:
  mention-voies-recours: info
""",
        encoding="utf-8",
    )
    act = project / "acte-ok.txt"
    act.write_text(act.read_text(encoding="utf-8").replace("Vu le budget primitif", "Vu le code des marchés publics ;\nVu le budget primitif"), encoding="utf-8")
    listing = run("rules", cwd=project).output
    assert "mention-voies-recours" in listing and "article-premier" in listing
    data = json.loads(run("check", "--format", "json", str(act), cwd=project).output)
    found = {(d["rule"], d["severity"]) for d in data["files"][0]["diagnostics"]}
    assert ("mention-voies-recours", "info") in found
    assert ("pas-de-code-des-marches", "error") in found
    bureau = json.loads(run("check", "--format", "json", str(project / "acte-articles.txt"), cwd=project).output)
    fixes = [d["fix"] for d in bureau["files"][0]["diagnostics"] if d["rule"] == "article-premier"]
    assert fixes == [] or fixes[0]["edits"][0]["text"] == "Article 1er :"


def test_bad_local_rule_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / ".delib.yaml"
    path.write_text("local-rules:\n  Mauvais_Nom: {message: x, forbid: [a]}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="nom invalide"):
        load_config(path, collect())


# --- Baseline -----------------------------------------------------------------------------------------------


def test_baseline_reports_only_new_findings_even_after_edits_above(project: Path, tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    assert run("check", "--write-baseline", str(base), str(project)).exit_code == 1
    assert json.loads(base.read_text(encoding="utf-8"))["version"] == 1
    target = project / "acte-presents.txt"
    target.write_text("Transmis pour information.\n\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    again = run("check", "--baseline", str(base), str(project))
    assert again.exit_code == 0 and "aucun problème" in again.output
    target.write_text(target.read_text(encoding="utf-8").replace("Votants : 10", "Votants : 12"), encoding="utf-8")
    new = run("check", "--fail-on", "warning", "--baseline", str(base), str(project))
    assert new.exit_code == 1 and "12 votants annoncés" in new.output and "9 présents annoncés" not in new.output


# --- Many files ------------------------------------------------------------------------------------------------


def test_workers_give_the_same_report_in_the_same_order() -> None:
    one = run("check", "--format", "json", "-j", "1", str(SAMPLES)).output
    two = run("check", "--format", "json", "-j", "2", str(SAMPLES)).output
    assert one == two and len(json.loads(one)["files"]) >= 30


def test_summary_gives_the_time(project: Path) -> None:
    assert " s : " in run("check", str(project)).output.splitlines()[-1]


# --- pre-commit ----------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_pre_commit_hook_with_the_real_tool(tmp_path: Path) -> None:
    repo = tmp_path / "actes"
    repo.mkdir()
    shutil.copy(BAD, repo / "acte.txt")
    git = ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "actes"], cwd=repo, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "delib", "--all-files"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "[attendance-count] 9 présents annoncés" in proc.stdout


# --- The CI script ---------------------------------------------------------------------------------------------


def test_ci_runs_exactly_the_test_command_of_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Run the tests", 1)[1]
    command = section.split("```", 2)[1].strip()
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert script[-1] == command
    # The OCR and .doc tests run in CI: the command installs their programs first.
    assert command.startswith("scripts/system-deps && ") and os.access(ROOT / "scripts" / "system-deps", os.X_OK)
