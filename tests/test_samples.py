"""Every sample of samples/ gives exactly the findings its sidecar lists (and conforming ones none)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import SAMPLES, lint_file, positions

from validator.check.engine import build_file_model
from validator.document import decode
from validator.names import same_person

CONFORMING = sorted((SAMPLES / "conformes").glob("*.txt"))
NON_CONFORMING = sorted((SAMPLES / "non_conformes").glob("*.txt"))
# One sample per family of real layout, with the facts its extraction must give.
FORMS = sorted((SAMPLES / "formes").glob("*.txt"))


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


@pytest.mark.parametrize("path", NON_CONFORMING + FORMS, ids=lambda p: p.name)
def test_non_conforming_sample_matches_its_sidecar(path: Path) -> None:
    assert sorted(positions(lint_file(path))) == expected(path)


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_layout_sample_gives_its_facts(path: Path) -> None:
    facts = yaml.safe_load(path.with_suffix(".facts.yaml").read_text(encoding="utf-8"))
    model = build_file_model(decode(path.read_bytes(), str(path)))
    delibs = [d for d in model.deliberations if d.number] or list(model.deliberations)
    att = next((d.attendance for d in model.deliberations if d.attendance), None)
    if "present" in facts:
        assert att is not None and (len(att.present.members) if att.present else 0) == facts["present"]
    if "absent" in facts:
        assert att is not None and (len(att.absent.members) if att.absent else 0) == facts["absent"]
    if "represented" in facts:
        assert att is not None and len(att.represented) == len(facts["represented"])
        for giver, holder in facts["represented"]:
            proxy = next((p for p in att.represented if same_person(giver, p.giver.name)), None)
            assert proxy is not None, f"pouvoir de {giver} non lu"
            if holder is None:
                assert proxy.holder is None
            else:
                assert proxy.holder is not None and (holder == proxy.holder.name or same_person(holder, proxy.holder.name)), (holder, proxy.holder)
    if "references" in facts:
        assert [r.text for d in model.deliberations for r in d.references] == facts["references"]
    if "titles" in facts:
        assert [d.title for d in delibs] == facts["titles"]
    if "articles" in facts:
        assert [a.number for d in delibs for a in d.articles] == facts["articles"]
    if "vote" in facts:
        assert delibs[0].vote is not None and delibs[0].vote.outcome == facts["vote"]
    if "votes" in facts:
        assert [d.vote.outcome if d.vote else None for d in delibs] == facts["votes"]
    if "session_date" in facts:
        assert str(delibs[0].session.date) == facts["session_date"]
    if "president" in facts:
        assert delibs[0].session.president == facts["president"]
    if "body" in facts:
        assert [delibs[0].body.kind.value, delibs[0].body.organ.value] == facts["body"]
    if "signatory" in facts:
        assert any(s.name == facts["signatory"] for d in delibs for s in d.signatories)
    if "secretary" in facts:
        assert att is not None and att.secretary is not None and att.secretary.name == facts["secretary"]


# A séance in several files (samples/seance-*/): each file's sidecar lists what it gives when the
# séance is checked whole, as `delib check <folder>` does; alone, it gives only its own findings.
SEANCES = sorted(p for p in SAMPLES.glob("seance-*") if p.is_dir())


@pytest.mark.parametrize("folder", SEANCES, ids=lambda p: p.name)
def test_seance_sample_matches_its_sidecars(folder: Path) -> None:
    from validator.report.runner import Options, check_paths

    reports = {Path(r.path).name: r for r in check_paths([str(folder)], Options(session=True))}
    files = sorted(folder.glob("*.txt"))
    assert len(files) >= 2 and set(reports) == {f.name for f in files}
    for path in files:
        got = sorted((d.line, d.column, d.rule) for d in reports[path.name].diagnostics)
        assert got == expected(path), path.name
        # Checked alone, a file gives no séance finding.
        assert not [d for d in lint_file(path).diagnostics if d.rule.startswith("seance-")]
    related = [d for r in reports.values() for d in r.diagnostics if d.rule.startswith("seance-")]
    assert related and all(d.related for d in related), "a séance finding names the other acts involved"
