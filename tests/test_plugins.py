"""Rules from elsewhere follow the same contract: an installed package (entry points) or a module
that the configuration names explicitly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

PLUGIN = ROOT / "tests" / "data" / "plugin"
ACT = SAMPLES / "non_conformes" / "presents-annonces-faux.txt"


@pytest.mark.slow
def test_an_installed_plugin_package_adds_its_rule(tmp_path: Path) -> None:
    target = tmp_path / "site"
    source = tmp_path / "plugin"
    shutil.copytree(PLUGIN, source)  # the build writes into its source tree: keep the repository clean
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--target", str(target), str(source)]
    subprocess.run(pip, check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    listing = subprocess.run([sys.executable, "-m", "validator", "rules"], env=env, capture_output=True, text=True)
    assert "demo-secretary-named" in listing.stdout, listing.stderr
    act = tmp_path / "acte.txt"
    act.write_text(ACT.read_text(encoding="utf-8").replace("Secrétaire de séance : Madame Émilie MASSON.", ""), encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "validator", "check", "--select", "demo-secretary-named", str(act)], env=env, capture_output=True, text=True)
    assert "[demo-secretary-named] secrétaire de séance non nommé" in check.stdout, check.stderr
    assert check.returncode == 0  # a warning does not fail by default


def test_a_module_named_in_the_configuration_is_loaded(tmp_path: Path) -> None:
    """Given on the command line, or allowed: the configuration's plugins run (tests/test_plugin_trust.py: otherwise not)."""
    (tmp_path / ".delib.yaml").write_text(f"plugins: ['{PLUGIN / 'delib_plugin_demo' / 'rules.py'}']\n", encoding="utf-8")
    act = tmp_path / "acte.txt"
    act.write_text("Présents : Anne DURAND, Paul MARTIN.\n", encoding="utf-8")
    for how in (["--config", str(tmp_path / ".delib.yaml")], ["--allow-plugins"]):
        proc = subprocess.run([sys.executable, "-m", "validator", "check", *how, str(act)], capture_output=True, text=True, cwd=tmp_path)
        assert "[demo-secretary-named]" in proc.stdout, proc.stderr


def test_a_module_is_not_loaded_unless_named(tmp_path: Path) -> None:
    act = tmp_path / "acte.txt"
    act.write_text("Présents : Anne DURAND, Paul MARTIN.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "validator", "check", str(act)], capture_output=True, text=True, cwd=PLUGIN)
    assert "demo-secretary-named" not in proc.stdout
