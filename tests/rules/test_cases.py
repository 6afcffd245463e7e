"""Run the per-rule cases of tests/rules/cases/<rule>.yaml (expected findings written inline)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import lint

from validator.check.engine import RuleSet, lint_document
from validator.check.registry import collect
from validator.document import decode

CASES = Path(__file__).parent / "cases"


def _cases() -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        rule = path.stem
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            out.append(pytest.param(rule, case, id=f"{rule}:{case['id']}"))
    return out


def test_every_rule_has_cases() -> None:
    # Rules about the configuration itself (scope "config") are exercised in tests/test_ci.py.
    assert {p.stem for p in CASES.glob("*.yaml")} >= {n for n, r in collect().items() if r.scope != "config"}


@pytest.mark.parametrize("rule,case", _cases())
def test_case(rule: str, case: dict[str, Any], tmp_path: Path) -> None:
    if "files" in case:
        # A séance in several files ({name: text}), checked together; each expectation names its file.
        return _seance_case(rule, case, tmp_path)
    # "config": the rule's own settings; "delib_yaml": a whole .delib.yaml (e.g. a roster).
    config = {"rules": {rule: case["config"]}} if "config" in case else case.get("delib_yaml")
    if "encoding" in case:
        result = lint_document(decode(case["text"].encode(case["encoding"]), "test.txt"), RuleSet.build(select=[rule]))
    else:
        result = lint(case["text"], rule, config=config)
    got = [(d.line, d.column, d.severity.value) for d in result.diagnostics]
    want = [(e["line"], e["col"], e.get("severity", got_severity(got, e))) for e in case.get("expect", [])]
    assert sorted(got) == sorted(want), "\n".join(d.message for d in result.diagnostics)
    for e in case.get("expect", []):
        if "message" in e:
            assert any(e["message"] in d.message for d in result.diagnostics), e["message"]


def _seance_case(rule: str, case: dict[str, Any], tmp_path: Path) -> None:
    from validator.report.runner import Options, check_paths

    for name, text in case["files"].items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    reports = check_paths([str(tmp_path / name) for name in case["files"]], Options(select=(rule,), session=True))
    got = [(Path(r.path).name, d.line, d.column, d.severity.value) for r in reports for d in r.diagnostics]
    want = [(e["file"], e["line"], e["col"], e["severity"]) for e in case.get("expect", [])]
    messages = [d.message for r in reports for d in r.diagnostics]
    assert sorted(got) == sorted(want), "\n".join(messages)
    for e in case.get("expect", []):
        if "message" in e:
            assert any(e["message"] in m for m in messages), e["message"]
    if want:
        assert all(d.related for r in reports for d in r.diagnostics), "a séance finding names the other acts"


def got_severity(got: list[tuple[int, int, str]], e: dict[str, Any]) -> str:
    """When a case does not pin the severity, accept the one found at that place."""
    for line, col, sev in got:
        if (line, col) == (e["line"], e["col"]):
            return sev
    return "?"
