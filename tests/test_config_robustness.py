"""A typo in a configuration or a baseline gives exit 2 and a French message naming the file (and the key),
never a traceback (audit C4-C8, C12, C18, C31, K8, K12, K13)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLES

ACT = SAMPLES / "non_conformes" / "presents-annonces-faux.txt"


def _delib(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DELIB_DEBUG"}
    return subprocess.run([sys.executable, "-m", "validator", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=60, check=False)


def _act(tmp_path: Path) -> Path:
    act = tmp_path / "acte.txt"
    act.write_bytes(ACT.read_bytes())
    return act


WAIVER = "waivers:\n  - rule: attendance-count\n    file: acte.txt\n    reason: test\n    until: {}\n"
TYPOS = {
    "impossible date": (WAIVER.format("2025-06-31"), ["ligne 5", "until", "2025-06-31"]),
    "a datetime": (WAIVER.format("2024-01-01 10:00:00"), ["until", "sans heure"]),
    "500 nested brackets": ("rules:\n  quorum: " + "[" * 500 + "]" * 500 + "\n", ["imbrication"]),
    "5000 digits": ("rules:\n  quorum:\n    in_office: " + "9" * 5000 + "\n", ["ligne 3", "in_office"]),
    "huge line numbers": ("waivers:\n  - rule: quorum\n    file: acte.txt\n    reason: x\n    lines: " + "1" * 5000 + "-2\n", ["lines"]),
}


@pytest.mark.parametrize("text,expected", TYPOS.values(), ids=TYPOS.keys())
def test_a_typo_in_the_configuration_is_named(tmp_path: Path, text: str, expected: list[str]) -> None:
    (tmp_path / ".delib.yaml").write_text(text, encoding="utf-8")
    done = _delib("check", str(_act(tmp_path)), cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and ".delib.yaml" in done.stderr
    for word in expected:
        assert word in done.stderr, done.stderr


def test_a_long_chain_of_extends_is_refused(tmp_path: Path) -> None:
    for i in range(1_500):
        (tmp_path / f"c{i}.yaml").write_text(f"extends: c{i + 1}.yaml\n" if i < 1_499 else "rules: {}\n", encoding="utf-8")
    (tmp_path / ".delib.yaml").write_text("extends: c0.yaml\n", encoding="utf-8")
    done = _delib("check", str(_act(tmp_path)), cwd=tmp_path)
    assert done.returncode == 2 and "trop longue" in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_a_diamond_of_extends_is_read_once_per_file(tmp_path: Path) -> None:
    depth = 24  # 2^24 readings without memo
    for i in range(depth):
        for side in "ab":
            (tmp_path / f"{side}{i}.yaml").write_text(f"extends: [a{i + 1}.yaml, b{i + 1}.yaml]\n" if i < depth - 1 else "rules: {quorum: warning}\n", encoding="utf-8")
    (tmp_path / ".delib.yaml").write_text("extends: [a0.yaml, b0.yaml]\n", encoding="utf-8")
    start = time.perf_counter()
    done = _delib("check", "--fail-on", "never", str(_act(tmp_path)), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert time.perf_counter() - start < 30


@pytest.mark.parametrize("option", ["--config", "--baseline"])
def test_a_device_or_a_pipe_is_refused_not_read(tmp_path: Path, option: str) -> None:
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    for target in ("/dev/zero", str(fifo)):
        done = _delib("check", option, target, str(_act(tmp_path)), cwd=tmp_path)
        assert done.returncode == 2 and "fichier ordinaire" in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_matieres_from_a_pipe_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    done = _delib("extract", "--format", "scdl", "--matieres", str(fifo), str(_act(tmp_path)), cwd=tmp_path)
    assert done.returncode == 2 and "fichier ordinaire" in done.stderr and "Traceback" not in done.stderr, done.stderr


@pytest.mark.parametrize("content", [
    '{"version": 1, "findings": [{"path": "a", "rule": "r", "fingerprint": "f", "count": Infinity}]}',
    '{"version": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}",
], ids=["infinite count", "deep JSON"])
def test_a_broken_baseline_is_named(tmp_path: Path, content: str) -> None:
    baseline = tmp_path / "base.json"
    baseline.write_text(content, encoding="utf-8")
    done = _delib("check", "--baseline", str(baseline), str(_act(tmp_path)), cwd=tmp_path)
    assert done.returncode == 2 and "base.json" in done.stderr and "Traceback" not in done.stderr, done.stderr


@pytest.mark.parametrize("flag", ["--output", "--write-baseline"])
@pytest.mark.parametrize("victim", ["act", "config", "act-in-folder"])
def test_a_report_never_overwrites_a_checked_act_or_the_configuration(tmp_path: Path, flag: str, victim: str) -> None:
    """Audit K18-K20: `--output acte.txt` replaced the act by its own report."""
    act = _act(tmp_path)
    (tmp_path / ".delib.yaml").write_text("rules: {quorum: warning}\n", encoding="utf-8")
    target = {"act": act, "config": tmp_path / ".delib.yaml", "act-in-folder": act}[victim]
    before = target.read_bytes()
    paths = [str(tmp_path)] if victim == "act-in-folder" else [str(act)]
    done = _delib("check", "--format", "json", flag, str(target), *paths, cwd=tmp_path)
    assert done.returncode == 2 and "ne sera pas écrasé" in done.stderr, done.stderr
    assert target.read_bytes() == before


@pytest.mark.parametrize("flag", ["--output", "--write-baseline"])
def test_a_report_into_a_missing_folder_is_a_clear_error(tmp_path: Path, flag: str) -> None:
    done = _delib("check", "--format", "json", flag, str(tmp_path / "absent" / "r.json"), str(_act(tmp_path)), cwd=tmp_path)
    assert done.returncode == 2 and "écriture impossible" in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_extends_never_reads_a_file_that_is_not_a_configuration(tmp_path: Path) -> None:
    """Audit C15: `extends: /etc/shadow` quoted the first line of the file in the error."""
    secret = tmp_path / "secret_token"
    secret.write_text("root:$6$motdepasse:19000:0:99999:7:::\n", encoding="utf-8")
    (tmp_path / ".delib.yaml").write_text(f"extends: {secret}\n", encoding="utf-8")
    done = _delib("check", str(_act(tmp_path)), cwd=tmp_path)
    assert done.returncode == 2 and "motdepasse" not in done.stderr and "ni un fichier .yaml" in done.stderr, done.stderr


def test_a_configuration_that_is_a_pipe_is_reported_not_skipped(tmp_path: Path) -> None:
    """Audit C30: a `.delib.yaml` symlinked to a FIFO was skipped and the defaults applied in silence."""
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    (tmp_path / ".delib.yaml").symlink_to(fifo)
    done = _delib("check", str(_act(tmp_path)), cwd=tmp_path)
    assert done.returncode == 2 and "fichier ordinaire" in done.stderr, done.stderr


def test_config_show_names_every_file_merged_and_the_ones_replaced(tmp_path: Path) -> None:
    """Audit C28: the nearest configuration replaces the root one, and nothing said which applied."""
    (tmp_path / ".delib.yaml").write_text("rules: {quorum: error}\n", encoding="utf-8")
    sub = tmp_path / "sous-dossier"
    sub.mkdir()
    (sub / "commun.yaml").write_text("rules: {quorum: warning}\n", encoding="utf-8")
    (sub / ".delib.yml").write_text("extends: [commune, commun.yaml]\nrules: {quorum: disable}\n", encoding="utf-8")
    done = _delib("config", "--show", str(sub / "acte.txt"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "fusionne : profil commune" in done.stdout and f"fusionne : {sub / 'commun.yaml'}" in done.stdout
    assert f"remplace : {tmp_path / '.delib.yaml'}" in done.stdout


def test_a_baseline_matches_however_the_paths_are_typed(tmp_path: Path) -> None:
    """Audit K22: the same tree checked as `./actes`, `/abs/actes` or from inside `actes/` did not match."""
    actes = tmp_path / "actes"
    actes.mkdir()
    (actes / "acte.txt").write_bytes(ACT.read_bytes())
    baseline = tmp_path / "base.json"
    done = _delib("check", "--write-baseline", str(baseline), "./actes", cwd=tmp_path)
    assert done.returncode == 1 and baseline.is_file(), done.stderr
    for cwd, path in ((tmp_path, "./actes"), (tmp_path, str(actes)), (actes, "acte.txt"), (actes, ".")):
        again = _delib("check", "--baseline", str(baseline), path, cwd=cwd)
        assert again.returncode == 0, (cwd, path, again.stdout)


def _laughs(levels: int) -> list[str]:
    """Billion laughs: each level a list of nine aliases of the level below (9^levels values)."""
    rows = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    rows += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return rows


BOMBS = {
    # C1: keyed by repr() of the rules' settings (46 s and 2.5 GB before MemoryError).
    "rules.required-visas.required": "rules:\n  required-visas:\n    required:\n      zz:\n" + "".join(f"        {r}\n" for r in _laughs(9)),
    # C2: written out by the rule's documentation (an f-string) and the result cache's json.dumps.
    "local-rules.x.description": "local-rules:\n  x:\n    message: m\n    forbid: [zzz]\n    description:\n"
    + "".join(f"      {r}\n" for r in _laughs(8)),
    "an alias inside its own anchor": "rules:\n  required-visas:\n    required: &r {zz: [*r]}\n",
}


@pytest.mark.parametrize("text", BOMBS.values(), ids=BOMBS.keys())
def test_a_yaml_alias_bomb_is_refused_at_load(tmp_path: Path, text: str) -> None:
    assert len(text) < 1_000
    (tmp_path / ".delib.yaml").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    for command in (["check", str(_act(tmp_path))], ["check", "--cache", str(_act(tmp_path))], ["rules"]):
        done = _delib(*command, cwd=tmp_path)
        assert done.returncode == 2, done.stdout + done.stderr
        assert "Traceback" not in done.stderr and ".delib.yaml" in done.stderr and "alias" in done.stderr, done.stderr
    assert time.perf_counter() - start < 30  # 46 s and gigabytes for one run before


def test_a_configuration_with_a_few_anchors_and_aliases_still_loads(tmp_path: Path) -> None:
    # Settings shared through an anchor, an alias and a merge key: ordinary YAML, far under the bound.
    (tmp_path / ".delib.yaml").write_text(
        "rules: &base {attendance-count: info, quorum: error}\n"
        "overrides:\n"
        "  - files: ['*.txt']\n"
        "    rules: {<<: *base, attendance-count: 'off'}\n"
        "  - files: ['bureau/*.txt']\n"
        "    rules: *base\n",
        encoding="utf-8",
    )
    act = _act(tmp_path)
    shown = _delib("config", "--show", str(act), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    done = _delib("check", "--format", "json", "--fail-on", "never", str(act), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rules = {d["rule"] for f in json.loads(done.stdout)["files"] for d in f["diagnostics"]}
    # The override's alias and merge key took effect: attendance-count is off for this act.
    assert "attendance-count" not in rules
    (tmp_path / "vide.yaml").write_text("rules: {}\n", encoding="utf-8")
    plain = _delib("check", "--format", "json", "--fail-on", "never", "--config", "vide.yaml", str(act), cwd=tmp_path)
    assert "attendance-count" in {d["rule"] for f in json.loads(plain.stdout)["files"] for d in f["diagnostics"]}
