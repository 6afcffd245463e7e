"""The rule documentation is the user documentation: it exists, cites a legal basis, and its two
examples behave as they say (the conforming one yields nothing from the rule, the other does)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import SAMPLES

from validator.check.docexamples import example_bytes, example_config, example_files, examples
from validator.check.engine import RuleSet, lint_document
from validator.check.registry import collect
from validator.config import load_config
from validator.document import decode
from validator.report.runner import Options, check_paths

RULES = sorted(collect().items())


@pytest.mark.parametrize("name,rule", RULES, ids=[n for n, _ in RULES])
def test_documentation_has_legal_basis_and_both_examples(name: str, rule: type) -> None:
    doc = rule.documentation()
    assert "Base légale" in doc, f"{name} : la documentation doit citer sa base légale"
    assert set(examples(rule)) == {"conforme", "non conforme"}


def _findings(name: str, rule: type, kind: str, tmp_path: Path) -> list[str]:
    if rule.scope == "config":
        # The example is a configuration, applied to an act whose declared count is wrong.
        (tmp_path / ".delib.yaml").write_bytes(example_bytes(rule, kind))
        (tmp_path / "acte.txt").write_bytes((SAMPLES / "non_conformes" / "presents-annonces-faux.txt").read_bytes())
        reports = check_paths([str(tmp_path / "acte.txt")], Options())
        return [d.message for r in reports for d in r.diagnostics if d.rule == name]
    if rule.scope == "session":
        # The example is a séance in several files, checked together as `delib check` does.
        paths = []
        for file_name, data in example_files(rule, kind):
            (tmp_path / file_name).write_bytes(data)
            paths.append(str(tmp_path / file_name))
        reports = check_paths(paths, Options(select=(name,), session=True))
        return [d.message for r in reports for d in r.diagnostics if d.rule == name]
    config_text = example_config(rule)
    config = load_config(None, collect(), yaml.safe_load(config_text)) if config_text else None
    result = lint_document(decode(example_bytes(rule, kind), "exemple.txt"), RuleSet.build(config, select=[name]))
    return [d.message for d in result.diagnostics if d.rule == name]


@pytest.mark.parametrize("name,rule", RULES, ids=[n for n, _ in RULES])
def test_conforming_example_passes(name: str, rule: type, tmp_path: Path) -> None:
    assert _findings(name, rule, "conforme", tmp_path) == []


@pytest.mark.parametrize("name,rule", RULES, ids=[n for n, _ in RULES])
def test_non_conforming_example_is_caught(name: str, rule: type, tmp_path: Path) -> None:
    assert _findings(name, rule, "non conforme", tmp_path), f"{name} : l'exemple non conforme ne déclenche rien"


def test_rule_names_are_unique_kebab_case_and_cases_documented() -> None:
    for name, rule in RULES:
        assert name == rule.name
        for case in rule.cases:
            assert case == case.lower() and " " not in case
