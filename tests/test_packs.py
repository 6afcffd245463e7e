"""Packs: rules off by default, enabled by a profile (`extends: actes`, `strict`) or `--select <pack>`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, lint_file, positions
from test_samples import expected

from validator.check.engine import RuleSet
from validator.check.registry import collect
from validator.cli import main
from validator.config import load_config

PACK = {n for n, r in collect().items() if r.pack == "transmission"}


def _active(ruleset: RuleSet) -> set[str]:
    return {r.name for r in ruleset.active}


def test_the_transmission_pack_is_off_by_default() -> None:
    assert PACK == {"transmission-number", "transmission-objet", "transmission-matiere", "transmission-stamp", "transmission-dates"}
    assert not _active(RuleSet.build()) & PACK


def test_profiles_actes_and_strict_enable_the_pack() -> None:
    for profile in ("actes", "strict"):
        assert _active(RuleSet.build(load_config(None, collect(), {"extends": profile}))) >= PACK


def test_select_by_pack_name_and_a_disabled_rule_stays_off() -> None:
    assert _active(RuleSet.build(select=["transmission"])) == PACK
    config = load_config(None, collect(), {"rules": {"transmission-objet": "disable"}})
    assert _active(RuleSet.build(config, select=["transmission"])) == PACK - {"transmission-objet"}
    assert not _active(RuleSet.build(ignore=["transmission"], select=["transmission"]))


def test_cli_accepts_a_pack_and_lists_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    act = tmp_path / "acte.txt"
    act.write_text("DÉLIBÉRATION N° 2023-041\nSéance du conseil municipal du 12 mai 2023\nDÉCIDE\nArticle 1 : Le tarif est fixé à 3 €.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--select", "transmission", str(act)])
    assert "écrire « 2023_041 »" in result.output
    assert "transmission-number" not in CliRunner().invoke(main, ["check", str(act)]).output
    assert "paquet « transmission »" in CliRunner().invoke(main, ["rules"]).output


ACTES = sorted((SAMPLES / "actes").glob("*.txt"))


@pytest.mark.parametrize("path", ACTES, ids=lambda p: p.name)
def test_transmission_samples_give_their_findings_and_none_by_default(path: Path) -> None:
    assert sorted(positions(lint_file(path, "transmission"))) == expected(path)
    assert positions(lint_file(path)) == []
