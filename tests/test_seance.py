"""The séance checks (issue 18 §1): acts gathered across the files of a run, findings that name
every act involved, in every format, from cached files too, and silent where the séance is right."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES, corpus_dir

from validator.build.movements import item_bounds
from validator.check.engine import build_file_model
from validator.check.seance import act_from_json, act_to_json, acts_of, seances
from validator.cli import main
from validator.document import decode
from validator.report.runner import Options, check_paths

SEANCE = SAMPLES / "seance-2024-03-12"
SARIF_SCHEMA = corpus_dir().parent / "schemas" / "sarif-schema-2.1.0.json"
CHECK_SCHEMA = ROOT / "validator" / "report" / "schemas" / "check-v1.schema.json"
MONTPELLIER = corpus_dir() / "pdf" / "montpellier-cm-2014-04-24"


def _acts(path: Path, name: str | None = None) -> tuple:
    document = decode(path.read_bytes(), name or str(path))
    return acts_of(document, build_file_model(document), name or str(path))


def _seance_findings(reports: list) -> list[tuple[str, int, int, str]]:
    return sorted((Path(r.path).name, d.line, d.column, d.rule) for r in reports for d in r.diagnostics if d.rule.startswith("seance-"))


@pytest.mark.parametrize(
    "note,bounds",
    [
        ("arrive en séance à l'affaire n° 12", (12, None)),
        ("quitte la séance avant le vote du point 7", (None, 6)),
        ("quitte la séance après le point 5", (None, 5)),
        ("vote à partir du point N° 3", (3, None)),
        ("prend part aux débats à partir de la délibération « 2011-02-007", (7, None)),
        ("arrivée au point 4, quitte la séance avant le point 9", (4, 8)),
        # No item, a range, or a bound with no verb: not followed.
        ("arrivée à 19h40", (None, None)),
        ("points 3 à 6", (None, None)),
        ("jusqu'au point 7", (None, None)),
    ],
)
def test_the_items_a_note_bounds_presence_by(note: str, bounds: tuple[int | None, int | None]) -> None:
    assert item_bounds(note) == bounds


def test_acts_are_grouped_by_body_organ_and_date_not_across_unknown_bodies(tmp_path: Path) -> None:
    acts = [a for f in sorted(SEANCE.glob("*.txt")) for a in _acts(f)]
    assert [len(s.acts) for s in seances(acts)] == [4]
    # Another commune the same day is another séance; files naming no body are not put together.
    other = [replace(a, body="Commune de Brion", siren=None, path=f"brion-{i}.txt") for i, a in enumerate(acts[:2])]
    anonymous = [replace(a, body=None, siren=None, path=f"{a.path}.{i}") for i, a in enumerate(acts[:2])]
    assert sorted(len(s.acts) for s in seances([*acts, *other])) == [2, 4]
    assert seances(anonymous) == []
    # Nor acts of an unknown date.
    assert seances([replace(a, date=None) for a in acts]) == []


def test_an_act_survives_the_cache_entry_in_its_new_place() -> None:
    for act in _acts(SEANCE / "2024-012.txt"):
        back = act_from_json(json.loads(json.dumps(act_to_json(act))), act.path)
        assert back == act
        moved = act_from_json(act_to_json(act), "ailleurs.txt")
        assert moved.path == moved.place.path == "ailleurs.txt"


def test_seance_findings_name_the_other_acts_in_every_format(tmp_path: Path) -> None:
    sarif = json.loads(CliRunner().invoke(main, ["check", "--format", "sarif", "--fail-on", "never", str(SEANCE)]).output)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(sarif)
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"].startswith("seance-")]
    assert len(results) == 2
    for r in results:
        related = r["relatedLocations"]
        assert related and all(loc["physicalLocation"]["artifactLocation"]["uri"].endswith(".txt") for loc in related)
        assert [loc["id"] for loc in related] == list(range(len(related)))
    numbering = next(r for r in results if r["ruleId"] == "seance-numbering")
    assert numbering["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("2024-013.txt")
    assert numbering["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("2024-012.txt")
    assert numbering["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 21

    out = json.loads(CliRunner().invoke(main, ["check", "--format", "json", str(SEANCE)]).output)
    jsonschema.Draft202012Validator(json.loads(CHECK_SCHEMA.read_text(encoding="utf-8"))).validate(out)
    related = [d["related"] for f in out["files"] for d in f["diagnostics"] if d["rule"].startswith("seance-")]
    assert len(related) == 2 and all(isinstance(r, list) and r[0]["path"].endswith(".txt") for r in related)

    text = CliRunner().invoke(main, ["check", "--format", "text", str(SEANCE)]).output
    assert re.search(r"2024-013\.txt:21:17: avertissement \[seance-numbering\].*\n\s+voir aussi : \S*2024-012\.txt:21:17 \(acte n° 2024-012", text)
    for fmt in ("github", "gitlab", "junit", "rdjson"):
        assert "2024-012.txt:21:17" in CliRunner().invoke(main, ["check", "--format", fmt, str(SEANCE)]).output or fmt == "rdjson"
    rdjson = json.loads(CliRunner().invoke(main, ["check", "--format", "rdjson", str(SEANCE)]).output)
    assert any(d.get("related_locations") for d in rdjson["diagnostics"])


def test_the_seance_is_checked_for_a_folder_or_several_files_not_one_file() -> None:
    files = [str(p) for p in sorted(SEANCE.glob("*.txt"))]
    for args, checked in (([str(SEANCE)], True), (files, True), ([files[2]], False), (["--no-session", str(SEANCE)], False), (["--session", files[2], files[3]], True)):
        out = json.loads(CliRunner().invoke(main, ["check", "--format", "json", *args]).output)
        found = [d for f in out["files"] for d in f["diagnostics"] if d["rule"].startswith("seance-")]
        assert bool(found) is checked, args
    # The streamed text format gives them too, under the file they lie in, without counting it twice.
    text = CliRunner().invoke(main, ["check", *files]).output
    assert "[seance-attendance]" in text and "4 fichiers vérifiés" in text


def test_cached_files_and_workers_take_part_in_the_seance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DELIB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user-config"))
    monkeypatch.delenv("DELIB_CACHE_KEY", raising=False)
    folder = tmp_path / "seance"
    shutil.copytree(SEANCE, folder)
    plain = _seance_findings(check_paths([str(folder)], Options(session=True)))
    assert len(plain) == 2
    for _ in range(2):  # the second run reads every file from the cache
        assert _seance_findings(check_paths([str(folder)], Options(session=True, cache=True))) == plain
    assert _seance_findings(check_paths([str(folder)], Options(session=True, jobs=2))) == plain


def test_a_waiver_silences_a_seance_finding_and_counts_as_used(tmp_path: Path) -> None:
    folder = tmp_path / "seance"
    shutil.copytree(SEANCE, folder)
    (folder / ".delib.yaml").write_text(
        "waivers:\n  - rule: seance-numbering\n    files: [2024-013.txt]\n    reason: numéro rectifié par la délibération du 9 avril\n", encoding="utf-8"
    )
    reports = check_paths([str(folder)], Options(session=True))
    assert [f[3] for f in _seance_findings(reports)] == ["seance-attendance"]
    assert not [d for r in reports for d in r.diagnostics if d.rule == "waiver"]


@pytest.fixture
def montpellier() -> Path:
    if not MONTPELLIER.is_dir():
        pytest.skip("corpus absent (DELIB_CORPUS)")
    return MONTPELLIER


def test_a_real_seance_in_forty_files(montpellier: Path, tmp_path: Path) -> None:
    """Montpellier, 24 April 2014: 2014/137 and 2014/144 were each given to three acts of different
    objets (the four later ones are said, once each, naming the others); 2014/170 was transmitted
    twice (the same act: nothing); numbers 137 to 171 all there (no gap); the same 65 members."""
    reports = check_paths([str(montpellier)], Options(session=True, select=("seance-numbering", "seance-attendance")))
    found = [(Path(r.path).stem[-5:], d.severity.value, len(d.related)) for r in reports for d in r.diagnostics]
    assert sorted(found) == [("71229", "warning", 2), ("71253", "warning", 2), ("71254", "warning", 2), ("71303", "warning", 2)]


def test_a_member_missing_from_one_act_of_a_real_seance(montpellier: Path, tmp_path: Path) -> None:
    """Three acts of the séance as text; a name taken out of one act's list is said there (info)."""
    names = ["2014-04-24-0000071246.pdf", "2014-04-24-0000071247.pdf", "2014-04-24-0000071248.pdf"]  # 2014/143, 142, 141
    for name in names:
        text = CliRunner().invoke(main, ["extract", "--text", str(montpellier / name)]).output
        (tmp_path / name.replace(".pdf", ".txt")).write_text(text, encoding="utf-8")
    assert _seance_findings(check_paths([str(tmp_path)], Options(session=True))) == []
    cut = tmp_path / names[1].replace(".pdf", ".txt")
    text = cut.read_text(encoding="utf-8")
    assert "Perla DANAN" in text
    cut.write_text(text.replace("Perla DANAN, ", "").replace("Perla DANAN", ""), encoding="utf-8")
    reports = check_paths([str(tmp_path)], Options(session=True))
    roster = [(Path(r.path).name, d) for r in reports for d in r.diagnostics if d.rule == "seance-attendance"]
    assert [(name, d.severity.value) for name, d in roster] == [(cut.name, "info")]
    assert "Perla DANAN" in roster[0][1].message and len(roster[0][1].related) == 2


def test_the_severity_is_that_of_the_file_the_finding_lies_in(tmp_path: Path) -> None:
    folder = tmp_path / "seance"
    shutil.copytree(SEANCE, folder)
    (folder / ".delib.yaml").write_text(
        "overrides:\n  - files: [2024-013.txt]\n    rules:\n      seance-numbering: {severity: info}\n", encoding="utf-8"
    )
    reports = check_paths([str(folder)], Options(session=True))
    levels = {d.rule: d.severity.value for r in reports for d in r.diagnostics if d.rule.startswith("seance-")}
    assert levels == {"seance-numbering": "info", "seance-attendance": "warning"}
