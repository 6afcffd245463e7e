"""The wheel carries the grammar and every rule, mapped into the one `validator` package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.mark.slow
def test_wheel_contains_grammar_rules_and_data(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("delib_validator-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "validator/grammar/deliberation.lark" in names
    assert "validator/grammar/deliberation-lalr.json" in names  # the parser tables: no cache is written at run time
    assert {"validator/grammar/tally.lark", "validator/grammar/tally-lalr.json"} <= names  # the vote tallies' grammar
    assert {"validator/grammar/entry.lark", "validator/grammar/entry-lalr.json"} <= names  # the attendance entries' grammar
    for sub in ("date", "citation", "counts", "refnum"):  # the small grammars of the dates, citations, counts and numbers
        assert {f"validator/grammar/{sub}.lark", f"validator/grammar/{sub}-lalr.json"} <= names
    for rule in (ROOT / "rules").glob("*.py"):
        assert f"validator/rules/{rule.name}" in names
    assert "validator/rules/data/visas.yaml" in names
    assert "validator/report/schemas/check-v1.schema.json" in names
    assert "validator/report/schemas/scdl-deliberations.json" in names
    # The web page: every asset in the wheel, none fetched from elsewhere (docs/web.md).
    assert {"validator/web/static/page.js", "validator/web/static/page.css", "validator/web/templates/page.html", "validator/web/templates/summary.html"} <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "delib = validator.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
