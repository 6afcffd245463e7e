"""The text report is printed file by file as results arrive: the same bytes and exit code as the
report rendered at once (what `--output` writes), with findings, unreadable files and waivers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from validator.cli import main

_ELAPSED = re.compile(r" en \d+,\d+ s")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_streamed_text_equals_the_report_rendered_at_once(tmp_path: Path, jobs: str) -> None:
    folder = tmp_path / "actes"
    shutil.copytree(SAMPLES / "non_conformes", folder)
    (folder / "vide.txt").write_bytes(b"")  # unreadable: reported as an error, exit code 2
    (folder / ".delib.yaml").write_text(
        "waivers:\n  - rule: amount-consistency\n    file: ailleurs.txt\n    reason: sans objet\n"
        "  - rule: attendance-count\n    file: presents-annonces-faux.txt\n    reason: provisoire\n    until: 2020-01-31\n",
        encoding="utf-8",
    )
    rendered = tmp_path / "rapport.txt"
    at_once = CliRunner().invoke(main, ["check", "--no-color", "-j", jobs, "--output", str(rendered), str(folder)])
    streamed = CliRunner().invoke(main, ["check", "--no-color", "-j", jobs, str(folder)])
    assert streamed.exit_code == at_once.exit_code == 2
    assert _ELAPSED.sub("", streamed.output) == _ELAPSED.sub("", rendered.read_text(encoding="utf-8"))
    assert "dérogation expirée" in streamed.output and "vide.txt: erreur : fichier vide" in streamed.output
