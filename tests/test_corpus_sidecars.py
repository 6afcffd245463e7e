"""Every real deliberation of the corpus against the facts its sidecar records by hand.

The sidecars are not uniform (they note what each text shows, and where their authors were
unsure). What a sidecar states as a number or a list is asserted; notes and "unsure" fields are
read as the tolerance they state.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import corpus_dir, corpus_param

from validator.check.engine import RuleSet, build_file_model, lint_document
from validator.diagnostics import Severity
from validator.document import decode
from validator.model import Attendance, FileModel
from validator.names import same_person

TEXTS = sorted((corpus_dir() / "texts").glob("*.txt")) if (corpus_dir() / "texts").is_dir() else []


def load(path: Path) -> tuple[FileModel, dict[str, Any]]:
    facts = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
    return build_file_model(decode(path.read_bytes(), str(path))), facts


def attendance(model: FileModel) -> Attendance:
    found = next((d.attendance for d in model.deliberations if d.attendance is not None), None)
    assert found is not None, "aucune liste de présence lue"
    return found


def ints(section: dict[str, Any] | None, *keys: str) -> int | None:
    """Sum of the integer fields among `keys` (None when the sidecar states none of them)."""
    values = [section[k] for k in keys if isinstance(section, dict) and isinstance(section.get(k), int)]
    return sum(values) if values else None


def clean(name: str) -> str:
    return re.sub(r"\s*\(.*?\)", "", name).strip()


def _facts(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))


def _where(test: str, check: Any) -> list[Any]:
    """The documents whose sidecar states what `check` asserts (a fact left unstated is not a test)."""
    return [corpus_param(test, p) for p in TEXTS if check(_facts(p))]


def _listed(f: dict[str, Any]) -> dict[str, Any]:
    return f.get("listed_counts") or {}


def test_corpus_is_there(corpus: Path) -> None:
    assert len(TEXTS) >= 15


def _present_count(f: dict[str, Any]) -> int | None:
    listed = _listed(f)
    return ints(listed, "presents") or ints(listed, "presents_visible") or ints(listed, "vice_presidents_present", "members_present")


@pytest.mark.parametrize("document", _where("test_present_names", lambda f: _present_count(f) is not None))
def test_present_names(document: Path) -> None:
    model, facts = load(document)
    listed = _listed(facts)
    expected = _present_count(facts)
    present = attendance(model).present
    assert present is not None
    got = len(present.members)
    if "presents_note" in listed and "incl." in str(listed["presents_note"]) and got != expected:
        pytest.fail(f"{got} présents lus, {expected} comptés ({listed['presents_note']})")
    assert got == expected


def _proxy_count(f: dict[str, Any]) -> int | None:
    listed = _listed(f)
    return ints(listed, "representes") or ints(listed, "pouvoirs") or ints(listed, "procurations") or ints(listed, "vp_excused_with_proxy", "members_excused_with_proxy")


@pytest.mark.parametrize("document", _where("test_proxies", lambda f: isinstance(f.get("proxies"), list) or _proxy_count(f) is not None))
def test_proxies(document: Path) -> None:
    model, facts = load(document)
    stated = facts.get("proxies")
    count = _proxy_count(facts)
    att = attendance(model) if model.deliberations else None
    proxies = list(att.represented) if att else []
    if count is not None:
        assert len(proxies) == count
    for item in stated if isinstance(stated, list) else []:
        giver, holder = clean(str(item["giver"])), clean(str(item.get("holder", "")))
        match = [p for p in proxies if same_person(giver, p.giver.name)]
        assert match, f"pouvoir de {giver} non lu"
        if holder and not holder.startswith("not stated"):
            # One giver may have several holders in turn ("jusqu'à 10 h 25 ... à partir de 11 h 20").
            assert any(p.holder is not None and same_person(holder, p.holder.name) for p in match), (giver, holder, [p.holder for p in match])


@pytest.mark.parametrize("document", _where("test_absent_names", lambda f: ints(_listed(f), "absents", "excuses", "absents_excuses") is not None))
def test_absent_names(document: Path) -> None:
    model, facts = load(document)
    expected = ints(_listed(facts), "absents", "excuses", "absents_excuses")
    absent = attendance(model).absent
    assert (len(absent.members) if absent else 0) == expected


def _declared(f: dict[str, Any]) -> dict[str, int]:
    declared = f.get("declared_counts") or {}
    return {k: declared[k] for k in ("presents", "pouvoirs", "votants", "en_exercice") if isinstance(declared.get(k), int)}


@pytest.mark.parametrize("document", _where("test_declared_counts", lambda f: bool(_declared(f))))
def test_declared_counts(document: Path) -> None:
    model, facts = load(document)
    wanted = _declared(facts)
    kinds = {"presents": "present", "pouvoirs": "represented", "votants": "voting", "en_exercice": "in_office"}
    att = attendance(model)
    for key, value in wanted.items():
        count = att.count(kinds[key])
        assert count is not None and count.value == value, key


@pytest.mark.parametrize("document", _where("test_articles_secretary_signatory", lambda f: True))
def test_articles_secretary_signatory(document: Path) -> None:
    model, facts = load(document)
    articles = [str(a.number) for d in model.deliberations for a in d.articles]
    assert articles == [str(a) for a in facts.get("articles") or []]
    secretary = facts.get("secretary")
    if isinstance(secretary, str):
        att = attendance(model)
        assert att.secretary is not None and same_person(clean(secretary.split(" (")[0].replace("Mme ", "")), att.secretary.name)
    signatory = facts.get("signatory")
    names = [s.name for d in model.deliberations for s in d.signatories if s.name]
    if isinstance(signatory, dict):
        assert any(same_person(signatory["name"], n) for n in names)
    elif isinstance(signatory, str):
        assert any(same_person(signatory.split(",")[0], n) for n in names)


@pytest.mark.parametrize("document", _where("test_references", lambda f: True))
def test_references(document: Path) -> None:
    model, facts = load(document)
    refs = [r.text for d in model.deliberations for r in d.references]
    for ref in facts.get("references") or []:
        assert ref in refs
    # Numbers the sidecar's description names: "n° 2014 / 131", "(DE_2015_025)".
    for number in re.findall(r"n° (\d{4} / \d+)|\b(DE_\d{4}_\d+)\b", str(facts.get("kind", ""))):
        assert "".join(number) in refs


@pytest.mark.parametrize("document", _where("test_no_error_on_a_real_document", lambda f: True))
def test_no_error_on_a_real_document(document: Path) -> None:
    result = lint_document(decode(document.read_bytes(), str(document)), RuleSet.build())
    errors = [f"{d.line}:{d.column} [{d.rule}] {d.message}" for d in result.diagnostics if d.severity is Severity.ERROR]
    assert errors == []


def test_every_first_sight_mark_names_a_document(corpus: Path) -> None:
    """A first-sight xfail names a test and a document that exist, so no mark outlives its case unseen."""
    from conftest import FIRST_SIGHT

    names = {p.name for p in TEXTS}
    tests = {name for name in globals() if name.startswith("test_")} | {"test_silent_on_a_real_text"}
    for test, prefix in FIRST_SIGHT:
        assert test in tests, test
        assert any(n.startswith(prefix) for n in names), prefix
