"""The fuzz harnesses run for real in CI (a short, seeded run), and every input that once crashed
the tool is replayed (fuzz/regressions/).

Under atheris (coverage-guided) where it is installed; the seeded fallback driver runs too, so that
a platform without atheris still fuzzes. A run that finds a crash exits non-zero and leaves the
input in the test's temporary directory, named as libFuzzer names it.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT))

from fuzz import harness  # noqa: E402

REGRESSIONS = sorted((ROOT / "fuzz" / "regressions").iterdir())
HARNESSES = {"fuzz_text.py": 1500, "fuzz_readers.py": 600}


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_an_input_that_once_crashed_gets_a_report_or_a_french_error(path: Path) -> None:
    data = path.read_bytes()
    harness.check_bytes(data, "fuzz")
    if path.suffix == ".txt":  # as an editor buffer, lone surrogates included
        harness.check_text(data.decode("utf-8", "surrogatepass"))


def fuzz(tmp_path: Path, script: str, *flags: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "fuzz" / script), *flags, "-seed=1", f"-artifact_prefix={tmp_path}/"]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)


@pytest.mark.slow
@pytest.mark.parametrize("script", HARNESSES)
def test_a_bounded_fallback_run_finds_no_crash(tmp_path: Path, script: str) -> None:
    runs = HARNESSES[script] // 3
    proc = fuzz(tmp_path, script, "--fallback", f"-runs={runs}", "-timeout=20")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert f"Done {runs} runs" in proc.stderr
    assert not list(tmp_path.glob("crash-*"))


@pytest.mark.slow
@pytest.mark.parametrize("script", HARNESSES)
def test_a_bounded_atheris_run_finds_no_crash(tmp_path: Path, script: str) -> None:
    if importlib.util.find_spec("atheris") is None:
        # The fallback run above has fuzzed already; CI on Linux x86-64 installs atheris.
        if os.environ.get("CI") and sys.platform == "linux" and sys.version_info < (3, 12):
            pytest.fail("atheris absent : pip install -e '.[test]'")
        pytest.skip("atheris n'a pas de paquet pour cette plateforme : la boucle de repli a tourné")
    runs = HARNESSES[script]
    proc = fuzz(tmp_path, script, f"-runs={runs}", "-timeout=20", "-max_len=20000", str(tmp_path / "corpus"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert f"Done {runs} runs" in proc.stderr
