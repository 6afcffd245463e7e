"""`delib check --cache`: hits on unchanged files, misses on any change, never a crash, same output.

Whether a file was linted is observed by counting the calls the cache makes to the linter, never
by timing.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from test_readers import flowing, pdf_of

from validator.check import resultcache
from validator.check.engine import RuleSet
from validator.check.resultcache import ResultCache
from validator.cli import main

BAD = SAMPLES / "non_conformes" / "presents-annonces-faux.txt"
_ELAPSED = re.compile(r" en \d+,\d+ s")


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DELIB_CACHE_DIR", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user-config"))  # the key file of this test
    monkeypatch.delenv("DELIB_CACHE_KEY", raising=False)
    return folder


@pytest.fixture
def lints(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the cache had to lint (its misses), across runs."""
    calls: list[str] = []
    real = resultcache.lint_document

    def counting(document, ruleset):  # type: ignore[no-untyped-def]
        calls.append(document.path)
        return real(document, ruleset)

    monkeypatch.setattr(resultcache, "lint_document", counting)
    return calls


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--no-color", "-j", "1", *args])
    return result.exit_code, _ELAPSED.sub("", result.output)


def entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / "resultats").rglob("*.json"))


def project(tmp_path: Path) -> Path:
    folder = tmp_path / "actes"
    folder.mkdir()
    shutil.copy(BAD, folder / "acte.txt")
    return folder / "acte.txt"


def test_unchanged_file_is_not_linted_again_and_gives_the_same_output(tmp_path: Path, cache_dir: Path, lints: list[str]) -> None:
    acte = project(tmp_path)
    first = check("--cache", str(acte))
    assert lints == [str(acte)] and len(entries(cache_dir)) == 1
    second = check("--cache", str(acte))
    assert lints == [str(acte)], "the second run must come from the cache"
    assert second == first and first[0] == 1 and "attendance-count" in first[1]


def test_changed_content_is_linted_again(tmp_path: Path, cache_dir: Path, lints: list[str]) -> None:
    acte = project(tmp_path)
    check("--cache", str(acte))
    acte.write_text(acte.read_text(encoding="utf-8").replace("Présents : 9", "Présents : 8"), encoding="utf-8")
    code, output = check("--cache", str(acte))
    assert len(lints) == 2 and code == 0 and "erreur [attendance-count]" not in output
    assert len(entries(cache_dir)) == 2


def test_changed_configuration_is_linted_again(tmp_path: Path, cache_dir: Path, lints: list[str]) -> None:
    acte = project(tmp_path)
    check("--cache", str(acte))
    (acte.parent / ".delib.yaml").write_text("rules:\n  attendance-count: disable\n", encoding="utf-8")
    code, output = check("--cache", str(acte))
    assert len(lints) == 2 and code == 0 and "attendance-count" not in output
    (acte.parent / ".delib.yaml").write_text("rules:\n  attendance-count: warning\n", encoding="utf-8")
    code, output = check("--cache", str(acte))
    assert len(lints) == 3 and code == 0 and "avertissement [attendance-count]" in output


def test_select_and_tool_version_are_part_of_the_key(tmp_path: Path, cache_dir: Path, lints: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    acte = project(tmp_path)
    check("--cache", str(acte))
    check("--cache", "--select", "article-sequence", str(acte))
    assert len(lints) == 2
    monkeypatch.setattr(resultcache, "tool_digest", lambda: "another version")
    check("--cache", str(acte))
    assert len(lints) == 3


def test_corrupt_entries_are_ignored_and_rewritten(tmp_path: Path, cache_dir: Path, lints: list[str]) -> None:
    acte = project(tmp_path)
    expected = check("--cache", str(acte))
    (entry,) = entries(cache_dir)
    for garbage in (b"{not json", b'{"format": 2, "mac": "0", "payload": {"diagnostics": [{"line": "x"}]}}', b"\xff\xfe", b'{"format": 2, "diagnostics": 3}', b"[]"):
        entry.write_bytes(garbage)
        assert check("--cache", str(acte)) == expected
        assert json.loads(entry.read_text(encoding="utf-8"))["format"] == resultcache.FORMAT
    assert len(lints) == 6


def test_unwritable_cache_directory_costs_the_cache_not_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "un-fichier"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("DELIB_CACHE_DIR", str(blocker / "cache"))
    acte = project(tmp_path)
    assert check("--cache", str(acte)) == check(str(acte))


@pytest.mark.parametrize(("fmt", "jobs"), [("json", "1"), ("sarif", "1"), ("text", "1"), ("text", "2")])
def test_output_is_identical_with_and_without_the_cache(cache_dir: Path, fmt: str, jobs: str) -> None:
    plain = check("--format", fmt, str(SAMPLES))
    assert check("--cache", "--format", fmt, "-j", jobs, str(SAMPLES)) == plain  # filling the cache
    assert check("--cache", "--format", fmt, "-j", jobs, str(SAMPLES)) == plain  # from the cache


def test_extracted_text_is_kept_for_pdfs(tmp_path: Path) -> None:
    """A PDF's findings and the text they point at come back without extracting it again."""
    path = tmp_path / "acte.pdf"
    path.write_bytes(pdf_of(flowing(BAD.read_text(encoding="utf-8"))))
    cache, ruleset = ResultCache(tmp_path / "cache", secret=b"test"), RuleSet.build()
    first = cache.lint(path.read_bytes(), str(path), ruleset)
    second = cache.lint(path.read_bytes(), str(path), ruleset)
    assert (cache.misses, cache.hits) == (1, 1)
    assert second == first and first[0][0].page == 1 and "Présents : 9" in first[1]


def test_a_forged_entry_is_not_trusted(tmp_path: Path, cache_dir: Path, lints: list[str]) -> None:
    """Audit K6: an entry rewritten with `"diagnostics": []` turned a failing act green."""
    acte = project(tmp_path)
    expected = check("--cache", str(acte))
    (entry,) = entries(cache_dir)
    forged = json.loads(entry.read_text(encoding="utf-8"))
    forged["payload"]["diagnostics"] = []
    entry.write_text(json.dumps(forged), encoding="utf-8")
    assert check("--cache", str(acte)) == expected and expected[0] == 1
    assert len(lints) == 2, "the forged entry must be a miss"


def test_an_authentic_entry_that_does_not_fit_the_text_is_not_used(tmp_path: Path, cache_dir: Path, lints: list[str]) -> None:
    """Audit K7: line 10^9, start > end or an unknown rule passed into every format."""
    acte = project(tmp_path)
    expected = check("--cache", str(acte))
    (entry,) = entries(cache_dir)
    cache = ResultCache(cache_dir / "resultats")
    key = entry.parent.name + entry.stem
    for change in ({"line": 10**9, "end_line": 10**9}, {"start": 50, "end": 10}, {"rule": "no-such-rule"}):
        raw = json.loads(entry.read_text(encoding="utf-8"))
        raw["payload"]["diagnostics"][0].update(change)
        raw["mac"] = cache._mac(key, raw["payload"])  # authentic: only the sanity check can refuse it
        entry.write_text(json.dumps(raw), encoding="utf-8")
        assert check("--cache", str(acte)) == expected
    assert len(lints) == 4


def test_entries_of_another_key_are_not_trusted(tmp_path: Path, cache_dir: Path, lints: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    acte = project(tmp_path)
    check("--cache", str(acte))
    monkeypatch.setenv("DELIB_CACHE_KEY", "le secret d'une autre chaîne")
    check("--cache", str(acte))
    assert len(lints) == 2


def test_the_key_file_is_private(tmp_path: Path, cache_dir: Path) -> None:
    check("--cache", str(project(tmp_path)))
    key = tmp_path / "user-config" / "delib-validator" / "cache.key"
    assert key.is_file() and key.stat().st_mode & 0o077 == 0


def test_a_helper_beside_a_plugin_is_part_of_the_key(tmp_path: Path) -> None:
    """Audit K9: a plugin's helper changed, the results stayed."""
    from validator.config import load_config
    from validator.check.registry import collect

    folder = tmp_path / "plugin"
    folder.mkdir()
    (folder / "helper.py").write_text("WORD = 'a'\n", encoding="utf-8")
    shutil.copy(Path(__file__).parent / "data" / "plugin" / "delib_plugin_demo" / "rules.py", folder / "rules.py")
    ruleset = RuleSet.build(load_config(None, collect(), {"plugins": [str(folder / "rules.py")]}))
    before = resultcache._rule_modules(ruleset)
    (folder / "helper.py").write_text("WORD = 'b'\n", encoding="utf-8")
    assert resultcache._rule_modules(ruleset) != before
