"""The accuracy harness's own pieces: mutation operators, their verdict, sidecars, facts.

Each operator's docstring says what it changes; here each one is run on an act written for the
test, with its line breaks and flattened on one line (a mutant must exist wherever the defect
can be made, whatever the layout), and on a text that does not allow it.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from realacts import people, sidecars, textforms  # noqa: E402
from realacts.facts import compare, same_person  # noqa: E402
from realacts.mutant import Context, Mutant  # noqa: E402
from realacts.mutation import FAMILIES, judge, rule_of  # noqa: E402

PRESENT = ["Anne DURAND", "Paul MARTIN", "Léa PETIT", "Jean-Marc ROBERT", "Sophie LAURENT", "Marc SIMON", "Julie MICHEL", "Hugo LEFEBVRE", "Emma GARCIA", "Louis DAVID", "Chloé BERTRAND", "Nathan ROUX", "Inès VINCENT", "Tom FOURNIER"]
ACT = f"""COMMUNE DE SAINT-EXEMPLE
Séance du jeudi 24 avril 2014
Délibération n° 2014/155

Nombre de conseillers en exercice : 19
Présents : 14
Votants : 16

Etaient présents : {", ".join(PRESENT)}
Absents excusés : Marc LEROY, Julie BLANC, Rose NOEL
Procurations : Pierre MOREL a donné pouvoir à Anne DURAND, Claire GIRARD a donné pouvoir à Paul MARTIN

Objet : subvention à l'association des amis du patrimoine

Vu le code général des collectivités territoriales ;
Vu le budget primitif 2014 ;

Considérant qu'une subvention de 25 000 € est demandée pour la restauration de la chapelle ;

Le Conseil municipal, après en avoir délibéré, DÉCIDE :
Article 1 : d'attribuer une subvention de 25 000 € (vingt-cinq mille euros) à l'association.
Article 2 : d'autoriser Monsieur le Maire à signer la convention.
Article 3 : les crédits sont inscrits au budget.

Adopté à l'unanimité. Pour : 16 Contre : 0 Abstention : 0

Transmis en préfecture le 28/04/2014

Le Maire,

Anne DURAND
"""
FLAT = " ".join(ACT.split())
CTX = Context(dt.date(2014, 4, 24))
EXPECTED = {  # a piece of what each operator's docstring says it writes
    "declared-count": "Présents : 15",
    "proxy-holder-absent": "a donné pouvoir à Marc LEROY",
    "proxy-multiple": "Claire GIRARD a donné pouvoir à Anne DURAND",
    "present-and-absent": "Absents excusés : Anne DURAND,",
    "quorum-broken": "Présents : 9",
    "article-sequence": "Article 4 :",
    "amount-dispositif": "subvention de 35 000 € (vingt-cinq",
    "amount-words": "35 000 € (vingt-cinq mille euros)",
    "tally-above-voters": "Pour : 22",
    "unanimity-against": "Contre : 2",
    "weekday": "vendredi 24 avril 2014",
    "reference-year": "n° 2015/155",
    "transmission-before": "le 14/04/2014",
    "signatory-unknown": "Hippolyte VERDURIN",
    "cgct-visa-removed": "Vu le budget primitif 2014",
}


def test_every_operator_is_tested() -> None:
    assert set(EXPECTED) == set(FAMILIES)


def _mutants(family: str, text: str, ctx: Context = CTX) -> list[Mutant]:
    return [Mutant(family, rule_of(family), c.text, c.sites, c.what) for c in FAMILIES[family](text, ctx)]


@pytest.mark.parametrize("family", sorted(EXPECTED))
@pytest.mark.parametrize("layout", ["lines", "one line"])
def test_an_operator_makes_its_defect(family: str, layout: str) -> None:
    text = ACT if layout == "lines" else FLAT
    made = _mutants(family, text)
    assert made, f"{family} : aucun mutant"
    wanted = EXPECTED[family] if family != "cgct-visa-removed" else "collectivités territoriales"
    for mutant in made:
        assert mutant.text != text
        assert all(0 <= a <= b <= len(mutant.text) for a, b in mutant.sites)
    if family == "cgct-visa-removed":
        assert all(wanted not in m.text for m in made) and all(EXPECTED[family] in m.text for m in made)
    else:
        assert any(wanted in " ".join(m.text.split()) for m in made), [m.what for m in made]


@pytest.mark.parametrize("family", sorted(EXPECTED))
def test_no_mutant_where_the_text_does_not_allow_it(family: str) -> None:
    assert _mutants(family, "Le conseil s'est réuni. Il a parlé du temps qu'il fait.\n") == []


def test_proxies_get_a_third_one_in_the_covid_derogation() -> None:
    covid = Context(dt.date(2021, 3, 1))
    assert covid.covid and not CTX.covid
    assert _mutants("proxy-multiple", ACT, covid) == []  # two proxies only: a third cannot be made
    three = ACT.replace("Paul MARTIN\n", "Paul MARTIN, Luc HENRY a donné pouvoir à Léa PETIT\n")
    made = _mutants("proxy-multiple", three, covid)
    assert made and made[0].text.count("pouvoir à Anne DURAND") == 3


def test_a_vote_quoted_in_a_visa_is_left_alone() -> None:
    quoted = ACT.replace("Vu le budget primitif 2014 ;", "Vu l'avis de la commission (pour : 5 ; contre : 0) ;")
    made = _mutants("tally-above-voters", quoted)
    assert made and all("pour : 5" in m.text for m in made)


def test_caught_means_a_new_finding_of_the_rule_near_the_change() -> None:
    mutant = _mutants("weekday", ACT)[0]
    line = textforms.Lines(mutant.text).line(mutant.sites[0][0])
    found = {"rule": "date-consistency", "severity": "warning", "message": "le 24 avril 2014 était un jeudi", "line": line, "column": 11, "end_line": line, "end_column": 20}
    assert judge(mutant, [found], [])[0]
    assert not judge(mutant, [found], [found])[0]  # the unchanged text said it already
    assert not judge(mutant, [{**found, "severity": "info"}], [])[0]
    assert not judge(mutant, [{**found, "rule": "structure"}], [])[0]
    far = {**found, "line": line + 20, "end_line": line + 20}
    assert not judge(mutant, [far], [])[0]


def test_near_on_a_one_line_text_is_counted_in_characters() -> None:
    mutant = _mutants("weekday", FLAT)[0]
    start = mutant.sites[0][0]
    found = {"rule": "date-consistency", "severity": "warning", "message": "jour faux", "line": 1, "column": start + 200, "end_line": 1, "end_column": start + 210}
    assert judge(mutant, [found], [])[0]
    assert not judge(mutant, [{**found, "column": start + 900, "end_column": start + 910}], [])[0]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("M. Michel GRIGNON, Mme Claire MAHE", "M. Michel GRIGNON"),
        ("Mme BOUSQUET Audrey (Procuration", "Mme BOUSQUET Audrey"),
        ("M. Cyrille\nKERRAND, M. Patrice", "M. Cyrille\nKERRAND"),
        ("Mme OUCHARD ABSENTS NON REPRÉSENTÉS : Mme BAKOUR", "Mme OUCHARD"),
        ("M. Henri GUEMENE.", "M. Henri GUEMENE"),
        ("le Maire à signer", None),
    ],
)
def test_names_as_lists_write_them(text: str, name: str | None) -> None:
    found = people.name_at(text, 0)
    assert (text[found.start:found.end] if found else None) == name


def test_counts_and_lists() -> None:
    kinds = [(c.kind, c.value) for c in textforms.counts(ACT)]
    assert kinds == [("in_office", 19), ("present", 14), ("voting", 16)]
    listed = people.labelled_lists(ACT, people.PRESENT_LABEL)
    assert [ACT[n.start:n.end] for n in listed[0].names] == PRESENT


def test_sidecar_values_are_read_where_stated(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "declared_counts: {presents: 27, votants: '32 (implied)', note: none}\n"
        "listed_counts: {presents: '27 (26 names + the Maire)', absents: cannot be determined}\n"
        "proxies: [{giver: Juliette SALANNE, holder: Hélène FRANCES (titulaire)}]\n"
        "amounts: [{text: '163 000.00 € HT'}, {text: '174 mètres cubes'}, {text: '8.024€'}]\n"
        "reference: DELIBERATION n° 2023/021\ndefects: ['none found (excerpt too short)']\n"
        "signatory: {name: Denis FEGNE, role: Le Maire}\nsession_date: '2023-01-23'\ntitle: null (object not reached)\n",
        encoding="utf-8",
    )
    exp = sidecars.read_sidecar(tmp_path / "a.txt")
    assert exp is not None
    assert exp.declared == {"present": 27, "voting": 32} and exp.listed == {"present": 27}
    assert exp.proxies == [("Juliette SALANNE", "Hélène FRANCES")]
    assert [v for v, _ in exp.amounts] == [163000.0, 8024.0]
    assert (exp.reference, exp.defects, exp.signatory, exp.title) == ("2023/021", "none", "Denis FEGNE", None)


def test_facts_agree_and_disagree() -> None:
    exp = sidecars.Expected(declared={"present": 14}, listed={"present": 14, "absent": 3}, proxies=[("Pierre MOREL", "Anne DURAND")], signatory="Anne DURAND")
    act = {
        "body": {"kind": "commune", "organ": "conseil"}, "session": {"date": None},
        "attendance": {"declared_present": 14, "present": PRESENT, "absent": ["Marc LEROY"], "represented": [{"member": "MOREL Pierre", "proxy_holder": "M. DURAND"}, {"member": "X Y", "proxy_holder": None}]},
        "signatories": [{"name": "Anne DURAND"}],
    }
    items = {(i.field, i.ok) for i in compare(exp, {"deliberations": [act]}, None)}
    assert items == {("declared_counts", True), ("listed_present", True), ("listed_absent", True), ("proxies", True), ("proxies", False), ("signatory", True)}
    assert all(not i.ok and "non lu" in i.detail for i in compare(exp, None, "fichier binaire"))
    assert same_person("Cyrille KERRAND", "M. KERRAND") and not same_person("Anne DURAND", "Paul MARTIN")
