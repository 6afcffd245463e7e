"""The attendance entries' grammar (grammar/entry.lark, validator/build/entry.py): each form of issue
15 read into the model (giver, holder, notes, exact spans), every note accepted, time linear in its
length (its tables and conflicts: tests/test_small_grammars.py)."""

from __future__ import annotations

import random

import pytest
from conftest import LINEAR_LIMIT as LIMIT
from conftest import best_seconds

from validator.build import entry
from validator.build.attendance import read_section
from validator.build.entry import read_note
from validator.document import Span
from validator.model import Member, Proxy


def read(text: str, kind: str):  # type: ignore[no-untyped-def]
    return read_section(text, 0, len(text), kind, Span, runs_to_end=False)


def where(text: str, member: Member | None) -> str:
    assert member is not None
    return text[member.span.start : member.span.end]


def only_proxy(text: str, kind: str) -> Proxy:
    result = read(text, kind)
    assert len(result.proxies) == 1, result.proxies
    return result.proxies[0]


def test_x_a_donne_pouvoir_a_y() -> None:
    text = "Marc ROUX a donné pouvoir à Mme Anne DURAND"
    proxy = only_proxy(text, "represented")
    assert (proxy.giver.name, where(text, proxy.giver)) == ("Marc ROUX", "Marc ROUX")
    assert proxy.holder is not None and (proxy.holder.name, proxy.holder.civility) == ("Anne DURAND", "Mme")
    assert where(text, proxy.holder) == "Mme Anne DURAND" and proxy.span == Span(0, len(text))


def test_x_pouvoir_a_y_in_brackets() -> None:
    text = "Marc ROUX (pouvoir à Anne DURAND), Léa PETIT"
    result = read(text, "absent")
    [proxy] = result.proxies
    assert (proxy.giver.name, where(text, proxy.holder)) == ("Marc ROUX", "Anne DURAND")
    assert [m.name for m in result.members] == ["Marc ROUX", "Léa PETIT"]  # listed absent, and represented


def test_y_pouvoir_de_x_names_the_giver() -> None:
    text = "Anne DURAND (pouvoir de Marc ROUX), Léa PETIT"
    result = read(text, "present")
    [proxy] = result.proxies
    assert (where(text, proxy.giver), where(text, proxy.holder)) == ("Marc ROUX", "Anne DURAND")
    assert [m.name for m in result.members] == ["Anne DURAND", "Léa PETIT"]


@pytest.mark.parametrize("connector", ["représenté par", "représentée par", "représenté(e) par"])
def test_x_represente_par_y(connector: str) -> None:
    text = f"Marc ROUX {connector} Anne DURAND"
    proxy = only_proxy(text, "represented")
    assert (where(text, proxy.giver), where(text, proxy.holder)) == ("Marc ROUX", "Anne DURAND")


def test_x_represente_par_y_in_brackets() -> None:
    text = "Marc ROUX (représenté par M. Paul MARTIN)"
    proxy = only_proxy(text, "absent")
    assert proxy.holder is not None and (proxy.holder.name, where(text, proxy.holder)) == ("Paul MARTIN", "M. Paul MARTIN")


def test_x_a_y_under_procurations() -> None:
    text = "Marc ROUX à Anne DURAND\nLéa PETIT à Paul MARTIN"
    result = read(text, "represented")
    assert [(p.giver.name, p.holder.name if p.holder else None) for p in result.proxies] == [("Marc ROUX", "Anne DURAND"), ("Léa PETIT", "Paul MARTIN")]


def test_x_par_y_under_procurations_only() -> None:
    text = "Marc ROUX par M. Paul MARTIN"
    proxy = only_proxy(text, "represented")
    assert (where(text, proxy.giver), where(text, proxy.holder)) == ("Marc ROUX", "M. Paul MARTIN")
    assert read("Marc ROUX à Anne DURAND", "present").proxies == []


def test_x_qui_a_donne_procuration_a_y_and_a_note_of_time_after_the_holder() -> None:
    text = "M. Marc ROUX, qui a donné procuration à Mme Anne DURAND (jusqu'à 20 h)"
    proxy = only_proxy(text, "represented")
    assert (where(text, proxy.giver), where(text, proxy.holder)) == ("M. Marc ROUX", "Mme Anne DURAND")
    assert proxy.giver.time_note == "jusqu'à 20 h"


def test_the_holder_of_the_name_before() -> None:
    text = "Marc ROUX, pouvoir à Anne DURAND, Léa PETIT"
    result = read(text, "absent")
    [proxy] = result.proxies
    assert (where(text, proxy.giver), where(text, proxy.holder)) == ("Marc ROUX", "Anne DURAND")


def test_a_holder_ends_with_its_line_once_whole() -> None:
    text = "Marc ROUX a donné pouvoir à Jean-Luc PALLIN\n1\nAprès appel des conseillers"
    proxy = only_proxy(text, "represented")
    assert where(text, proxy.holder) == "Jean-Luc PALLIN"


def test_remplace_par_son_suppleant() -> None:
    text = "Marc ROUX (remplacé par son suppléant Yves BLANC), Léa PETIT"
    [first, _] = read(text, "absent").members
    assert (first.name, first.replaced_by) == ("Marc ROUX", "Yves BLANC")


def test_suppleant_de() -> None:
    text = "Yves BLANC (suppléant de Marc ROUX), Léa PETIT"
    [first, second] = read(text, "present").members
    assert (first.name, first.substitute_for, first.substitute) == ("Yves BLANC", "Marc ROUX", True)
    assert not second.substitute


@pytest.mark.parametrize(
    "note",
    ["arrivée à 19h", "quitte la séance avant le vote du point 7", "à partir de la délibération n° 12", "jusqu'au point 4", "départ à 20 h 30"],
)
def test_time_notes(note: str) -> None:
    text = f"Léa PETIT ({note}), Paul MARTIN"
    [first, second] = read(text, "present").members
    assert (first.name, first.time_note, second.time_note) == ("Léa PETIT", note, None)


@pytest.mark.parametrize("text", ["Léa PETIT, arrivée à 19 h, Paul MARTIN", "Léa PETIT arrivée à 19 h, Paul MARTIN"])
def test_a_note_after_a_comma_or_without_brackets(text: str) -> None:
    [first, second] = read(text, "present").members
    assert (where(text, first), first.time_note, second.name, second.time_note) == ("Léa PETIT", "arrivée à 19 h", "Paul MARTIN", None)


def test_remplace_par_son_suppleant_without_brackets() -> None:
    text = "Marc ROUX remplacée par son suppléant Yves BLANC, Léa PETIT"
    [first, _] = read(text, "absent").members
    assert (where(text, first), first.replaced_by) == ("Marc ROUX", "Yves BLANC")


def test_suppleant_de_without_brackets() -> None:
    text = "Yves BLANC suppléant de Marc ROUX, Léa PETIT"
    [first, _] = read(text, "present").members
    assert (where(text, first), first.substitute_for, first.substitute) == ("Yves BLANC", "Marc ROUX", True)


def test_a_word_that_begins_like_a_time_note_is_not_one() -> None:
    [member] = read("Léa PETIT (conseillère départementale)", "present").members
    assert member.time_note is None


def test_holders_in_turn_with_their_hours() -> None:
    text = "Marc ROUX (pouvoirs à M. Paul MARTIN jusqu'à 10 h 25, à Mme Anne DURAND à partir de 10 h 25)"
    first, second = read(text, "absent").proxies
    assert (where(text, first.holder), first.since, first.until) == ("M. Paul MARTIN", None, 625)
    assert (where(text, second.holder), second.since, second.until) == ("Mme Anne DURAND", 625, None)
    assert first.giver == second.giver and first.giver.time_note


def test_a_holder_without_connector_opens_a_note_under_the_absent_only() -> None:
    text = "Marc ROUX (à M. PELTIER à partir de 11 H 20)"
    proxy = only_proxy(text, "absent")
    assert (where(text, proxy.holder), proxy.since) == ("M. PELTIER", 680)
    assert read(text, "present").proxies == []


@pytest.mark.parametrize("note", ["Pr*", "P", "pouvoir"])
def test_a_proxy_the_note_refers_to_without_its_holder(note: str) -> None:
    assert read(f"Marc ROUX ({note}), Léa PETIT", "absent").proxies_unread


def test_read_note_gives_offsets_in_the_note() -> None:
    note = "procuration donnée à Mme DURAND, arrivée à 20h"
    found = read_note(note)
    [turn] = found.turns
    assert turn.holder is not None and note[slice(*turn.holder)] == "Mme DURAND"
    assert found.time and found.lead is None
    assert read_note("M. Jean-Pierre IBORRA à partir de 10 h").lead == (0, 21)


def test_every_note_is_accepted() -> None:
    rng = random.Random(15)
    alphabet = "aàAÉ é1h9 ,;-–()'’:.*\n" + "pouvoir à de par M. Mme remplacé suppléant jusqu'à "
    for _ in range(300):
        note = "".join(rng.choice(alphabet) for _ in range(rng.randrange(60)))
        entry.parser().parse(note)  # raises on a note the grammar rejects


def test_a_long_note_is_read_in_linear_time() -> None:
    def read(n: int) -> float:
        note = "pouvoir à M. Paul MARTIN jusqu'à 10 h, à Mme DURAND " * n
        return best_seconds(lambda: entry.parser().parse(note), 2)

    small, large = read(300), read(3_000)
    if large / small > LIMIT:
        small, large = read(300), read(3_000)
    assert large / small <= LIMIT, f"{small * 1000:.0f} ms -> {large * 1000:.0f} ms for 10x the note"
