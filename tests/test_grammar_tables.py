"""The parser tables ship in the package as data; nothing a user or a job can write is unpickled.

Audit K1: Lark's cache unpickled `deliberation-lalr.cache` from the cache folder before checking its
hash (code ran at every start); K2: a symlink there had its target overwritten.
"""

from __future__ import annotations

import ast
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from validator.document import decode
from validator.parse import grammartables, parsing

ACT = SAMPLES / "conformes" / "commune-conseil-municipal.txt"


class _Payload:
    """An object whose unpickling writes a file: what an attacker plants in a cache folder."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (Path(self.marker), "unpickled"))  # type: ignore[return-value]


def _delib(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validator", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False)


def test_the_shipped_tables_are_those_of_the_grammar() -> None:
    shipped = grammartables.load(parsing.SectionsOf())
    assert shipped is not None, "grammar/deliberation-lalr.json ne correspond pas à la grammaire : lancer `python -m validator.grammar`"
    built = parsing.build_parser()
    texts = sorted(SAMPLES.rglob("*.txt"))
    assert texts
    for path in texts:
        text = decode(path.read_bytes()).text
        text = text if text.endswith("\n") else text + "\n"
        assert shipped.parse(text) == built.parse(text), path.name


def test_tables_round_trip_through_json_with_integer_keys_and_tuples() -> None:
    value = {"states": {0: {3: (1, {"@": 7})}}, "names": ["a", None, True, 2.5]}
    assert grammartables._decode(grammartables._encode(value)) == value


def test_tables_of_another_grammar_are_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grammartables, "grammar_hash", lambda: "0" * 64)
    assert grammartables.load(parsing.SectionsOf()) is None


def test_a_pickle_planted_in_the_cache_folder_is_never_read(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    marker = tmp_path / "PWNED"
    for name in ("deliberation-lalr.cache", "grammar.cache"):
        (cache / name).write_bytes(b"0000\n" + pickle.dumps(_Payload(marker)))
    env = {**os.environ, "DELIB_CACHE_DIR": str(cache)}
    env.pop("DELIB_NO_GRAMMAR_CACHE", None)
    done = _delib("check", "--fail-on", "never", str(ACT), env=env)
    assert done.returncode == 0, done.stderr
    assert not marker.exists()


def test_a_symlink_in_the_cache_folder_keeps_its_target(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("intact\n", encoding="utf-8")
    (cache / "deliberation-lalr.cache").symlink_to(victim)
    env = {**os.environ, "DELIB_CACHE_DIR": str(cache)}
    done = _delib("check", "--fail-on", "never", str(ACT), env=env)
    assert done.returncode == 0, done.stderr
    assert victim.read_text(encoding="utf-8") == "intact\n"


def _reads_pickles(path: Path) -> list[str]:
    """Imports of a deserialiser that runs code, and Lark parsers given a `cache` (which pickles)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        found += [f"import {n} (l. {node.lineno})" for n in names if n.split(".")[0] in ("pickle", "marshal", "shelve", "dill")]
        if isinstance(node, ast.Call) and any(k.arg == "cache" for k in node.keywords):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in ("Lark", "open", "open_from_package", "load"):
                found.append(f"{name}(cache=...) (l. {node.lineno})")
    return found


def test_no_module_of_the_package_reads_a_pickle() -> None:
    paths = sorted((ROOT / "validator").rglob("*.py")) + sorted((ROOT / "rules").glob("*.py")) + sorted((ROOT / "grammar").glob("*.py"))
    offenders = {str(p.relative_to(ROOT)): found for p in paths if (found := _reads_pickles(p))}
    assert offenders == {}
