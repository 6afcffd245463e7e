"""No code runs from a folder the user did not trust (audit C23, C24, L1, C27).

A `.delib.yaml` found by walking up names `plugins:`: they are reported (rule `plugin-trust`) and
not loaded, in `delib check` (one process or `-j` workers), `delib rules` and the language server;
`--config`, `--allow-plugins`, `DELIB_TRUSTED_FOLDERS` or the user's `trusted-folders:` open them.
`python -m validator` imports nothing from the current folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES

from validator.config import find_config
from validator.lsp.settings import Configs

ACT = SAMPLES / "non_conformes" / "presents-annonces-faux.txt"


@pytest.fixture
def download(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A downloaded folder: a configuration naming a helper module that leaves a marker, and an act below it."""
    folder = tmp_path / "download"
    (folder / "sub").mkdir(parents=True)
    marker = tmp_path / "MARKER"
    (folder / "helpers.py").write_text(f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n", encoding="utf-8")
    (folder / ".delib.yaml").write_text("rules:\n  quorum: error\nplugins: [helpers.py]\n", encoding="utf-8")
    act = folder / "sub" / "acte.txt"
    act.write_bytes(ACT.read_bytes())
    return folder, act, marker


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DELIB_TRUSTED_FOLDERS"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "user-config")  # no personal configuration of the machine
    return {**env, **extra}


def _delib(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validator", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120, check=False)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_walked_up_configuration_runs_no_plugin_and_says_so(download: tuple[Path, Path, Path], tmp_path: Path, jobs: str) -> None:
    folder, act, marker = download
    copies = [act] + [act.with_name(f"acte{i}.txt") for i in range(8)]
    for copy in copies[1:]:
        copy.write_bytes(act.read_bytes())
    done = _delib("check", "-j", jobs, "--format", "json", *map(str, copies), env=_env(tmp_path), cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert not marker.exists()
    reports = json.loads(done.stdout)
    files = reports["files"] if isinstance(reports, dict) else reports
    found = [d for f in files for d in f.get("diagnostics", []) if d.get("rule") == "plugin-trust"]
    assert len(found) == 1 and "helpers.py" in found[0]["message"], done.stdout[:2000]
    # The rest of the configuration still applies: its rules are those of the file.
    assert any(d.get("rule") == "attendance-count" for f in files for d in f.get("diagnostics", []))


@pytest.mark.parametrize("how", ["--config", "--allow-plugins", "env", "user"])
def test_the_user_opens_the_plugins(download: tuple[Path, Path, Path], tmp_path: Path, how: str) -> None:
    folder, act, marker = download
    args, env = [], _env(tmp_path)
    if how == "--config":
        args = ["--config", str(folder / ".delib.yaml")]
    elif how == "--allow-plugins":
        args = ["--allow-plugins"]
    elif how == "env":
        env["DELIB_TRUSTED_FOLDERS"] = str(folder)
    else:
        user = tmp_path / "user-config" / "delib-validator"
        user.mkdir(parents=True)
        (user / "config.yaml").write_text(f"trusted-folders: [{str(folder)!r}]\n", encoding="utf-8")
    done = _delib("check", *args, str(act), env=env, cwd=tmp_path)
    assert marker.exists(), done.stdout + done.stderr
    assert "plugin-trust" not in done.stdout


def test_a_trusted_folder_must_hold_the_configuration(download: tuple[Path, Path, Path], tmp_path: Path) -> None:
    folder, act, marker = download
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _delib("check", str(act), env=_env(tmp_path, DELIB_TRUSTED_FOLDERS=str(elsewhere)), cwd=tmp_path)
    assert not marker.exists()


def test_delib_rules_does_not_load_a_walked_up_plugin(download: tuple[Path, Path, Path], tmp_path: Path) -> None:
    folder, _, marker = download
    done = _delib("rules", env=_env(tmp_path), cwd=folder / "sub")
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    assert "helpers.py" in done.stderr and "non chargée" in done.stderr


def test_the_language_server_opens_a_document_without_running_the_folder_code(download: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, act, marker = download
    monkeypatch.delenv("DELIB_TRUSTED_FOLDERS", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user-config"))
    resolved = Configs().resolve(act, None)
    assert not marker.exists()
    assert resolved.config.source == str(find_config(act)) and resolved.config.blocked_plugins == ("helpers.py",)
    from pygls.workspace import PositionCodec

    from validator.lsp.checking import check
    from validator.lsp.docs import DocsFiles

    checked = check(act.read_text(encoding="utf-8"), str(act), 1, resolved, PositionCodec(), DocsFiles())
    assert any(d.rule == "plugin-trust" and "helpers.py" in d.message for d in checked.diagnostics)


def test_python_m_validator_imports_nothing_from_the_current_folder(tmp_path: Path) -> None:
    marker = tmp_path / "MARKER"
    for name in ("csv", "json", "difflib", "decimal", "outil"):
        (tmp_path / f"{name}.py").write_text(f"from pathlib import Path\nPath({str(marker)!r}).write_text({name!r})\n", encoding="utf-8")
    act = tmp_path / "acte.txt"
    act.write_bytes(ACT.read_bytes())
    done = _delib("check", "--format", "json", str(act), env=_env(tmp_path), cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert not marker.exists(), marker.read_text()
