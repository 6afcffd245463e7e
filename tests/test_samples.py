"""Every sample of samples/ gives exactly the findings its sidecar lists (and conforming ones none)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLES, lint_file, positions

CONFORMING = sorted((SAMPLES / "conformes").glob("*.txt"))
NON_CONFORMING = sorted((SAMPLES / "non_conformes").glob("*.txt"))


def expected(path: Path) -> list[tuple[int, int, str]]:
    out = []
    for line in path.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        where, rule = line.split()
        row, col = where.split(":")
        out.append((int(row), int(col), rule))
    return sorted(out)


def test_there_are_enough_samples() -> None:
    assert len(CONFORMING) >= 4 and len(NON_CONFORMING) >= 12


@pytest.mark.parametrize("path", CONFORMING, ids=lambda p: p.name)
def test_conforming_sample_has_no_finding(path: Path) -> None:
    assert positions(lint_file(path)) == []


@pytest.mark.parametrize("path", NON_CONFORMING, ids=lambda p: p.name)
def test_non_conforming_sample_matches_its_sidecar(path: Path) -> None:
    assert sorted(positions(lint_file(path))) == expected(path)
