"""`.delib.yaml`: discovery by walking up, merge, validation with errors that name file and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from validator.check.registry import collect
from validator.cli import main
from validator.config import ConfigError, find_config, load_config, merge
from validator.diagnostics import Severity

BAD = SAMPLES / "non_conformes" / "presents-annonces-faux.txt"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_config_is_found_by_walking_up(tmp_path: Path) -> None:
    cfg = write(tmp_path / ".delib.yaml", "rules: {attendance-count: disable}\n")
    acte = write(tmp_path / "2023" / "mars" / "acte.txt", BAD.read_text(encoding="utf-8"))
    assert find_config(acte) == cfg
    result = CliRunner().invoke(main, ["check", str(acte)])
    assert result.exit_code == 0


def test_severity_override_and_per_case_override(tmp_path: Path) -> None:
    rules = collect()
    cfg = load_config(write(tmp_path / "c.yaml", "rules:\n  attendance-count: warning\n  required-visas:\n    severity: {no-visa-block: error}\n"), rules)
    assert cfg.severity(rules["attendance-count"], "present-mismatch") is Severity.WARNING
    assert cfg.severity(rules["required-visas"], "no-visa-block") is Severity.ERROR
    assert cfg.severity(rules["required-visas"], "missing-visa") is Severity.WARNING


@pytest.mark.parametrize(
    "text,fragment",
    [
        ("rulez: {}\n", "clé inconnue « rulez »"),
        ("rules: {attendance-cuont: disable}\n", "vouliez-vous dire « attendance-count »"),
        ("rules: {attendance-count: {severity: fatal}}\n", "niveau « fatal » inconnu"),
        ("rules: {attendance-count: {severity: {bogus: error}}}\n", "cas inconnu"),
        ("rules: {required-visas: {required: 3}}\n", "attendu une table, reçu un entier"),
        ("rules: {required-visas: {requierd: {}}}\n", "clé inconnue « requierd »"),
        ("rules: [1, 2\n", "YAML invalide"),
        ("- a\n- b\n", "table de clés"),
        ("extends: inexistant\n", "ni un profil"),
        ("!!python/object/apply:os.system ['echo pwned']\n", "YAML invalide"),
        ("overrides:\n  - files: ['a/**']\n    rulez: {}\n", "clé inconnue « rulez »"),
        ("waivers:\n  - rule: attendance-count\n    files: ['a.txt']\n    reason: r\n    jusqua: 2030-01-01\n", "clé inconnue « jusqua »"),
        ("roster: {members: [A], enexercice: 3}\n", "clé inconnue « enexercice »"),
        ("local-rules:\n  mot-x:\n    message: m\n    forbid: [x]\n    sevrity: error\n", "clé inconnue « sevrity »"),
        ("local-rules:\n  mot-x:\n    message: 'trouvé {0}'\n    forbid: [x]\n", "« {0} » inconnu"),
        ("local-rules:\n  mot-x:\n    message: '{found.__class__}'\n    forbid: [x]\n", "« {found.__class__} » inconnu"),
        ("local-rules:\n  mot-x:\n    message: 'accolade {'\n    forbid: [x]\n", "accolade seule"),
        ("rules: !!python/name:os.system\n", "YAML invalide"),
        ("? !!python/object/new:list [[1]]\n: 2\n", "YAML invalide"),
    ],
)
def test_bad_configuration_is_a_french_error_naming_file_and_key(tmp_path: Path, text: str, fragment: str) -> None:
    path = write(tmp_path / ".delib.yaml", text)
    with pytest.raises(ConfigError) as info:
        load_config(path, collect())
    assert fragment in str(info.value) and str(path) in str(info.value)


def test_bad_configuration_exits_2_in_the_cli(tmp_path: Path) -> None:
    path = write(tmp_path / "c.yaml", "rules: {nope: disable}\n")
    result = CliRunner().invoke(main, ["check", "--config", str(path), str(BAD)])
    assert result.exit_code == 2 and "règle inconnue" in result.output


def test_extends_a_file_and_merges(tmp_path: Path) -> None:
    write(tmp_path / "base.yaml", "rules: {attendance-count: disable, article-sequence: warning}\n")
    cfg = load_config(write(tmp_path / ".delib.yaml", "extends: base.yaml\nrules: {attendance-count: enable}\n"), collect())
    assert cfg.settings("attendance-count").enabled
    assert cfg.settings("article-sequence").severity is Severity.WARNING


def test_extends_loop_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "extends: b.yaml\n")
    write(tmp_path / "b.yaml", "extends: a.yaml\n")
    with pytest.raises(ConfigError, match="boucle"):
        load_config(tmp_path / "a.yaml", collect())


def test_merge_is_deep_for_mappings_and_replaces_the_rest() -> None:
    assert merge({"rules": {"a": {"x": 1}}, "plugins": ["p"]}, {"rules": {"a": {"y": 2}}, "plugins": ["q"]}) == {
        "rules": {"a": {"x": 1, "y": 2}},
        "plugins": ["q"],
    }
