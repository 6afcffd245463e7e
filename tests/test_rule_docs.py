"""The rule documentation is the user documentation: it exists, cites a legal basis, and its two
examples behave as they say (the conforming one yields nothing from the rule, the other does)."""

from __future__ import annotations

import pytest

from validator.docexamples import example_bytes, examples
from validator.document import decode
from validator.engine import RuleSet, lint_document
from validator.registry import collect

RULES = sorted(collect().items())


@pytest.mark.parametrize("name,rule", RULES, ids=[n for n, _ in RULES])
def test_documentation_has_legal_basis_and_both_examples(name: str, rule: type) -> None:
    doc = rule.documentation()
    assert "Base légale" in doc, f"{name} : la documentation doit citer sa base légale"
    assert set(examples(rule)) == {"conforme", "non conforme"}


@pytest.mark.parametrize("name,rule", RULES, ids=[n for n, _ in RULES])
def test_conforming_example_passes(name: str, rule: type) -> None:
    result = lint_document(decode(example_bytes(rule, "conforme"), "exemple.txt"), RuleSet.build(select=[name]))
    assert [d.message for d in result.diagnostics] == []


@pytest.mark.parametrize("name,rule", RULES, ids=[n for n, _ in RULES])
def test_non_conforming_example_is_caught(name: str, rule: type) -> None:
    result = lint_document(decode(example_bytes(rule, "non conforme"), "exemple.txt"), RuleSet.build(select=[name]))
    assert [d for d in result.diagnostics if d.rule == name], f"{name} : l'exemple non conforme ne déclenche rien"


def test_rule_names_are_unique_kebab_case_and_cases_documented() -> None:
    for name, rule in RULES:
        assert name == rule.name
        for case in rule.cases:
            assert case == case.lower() and " " not in case
