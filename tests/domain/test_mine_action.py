"""The hazardous-area status machine, land release arithmetic, the item vocabulary, victims."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from ceasefire.domain.mine_action import (
    TRANSITIONS,
    HazardStatus,
    ItemType,
    Release,
    ReleaseMethod,
    apply_release,
    check_transition,
    choice,
    parse_items,
)
from ceasefire.errors import InvalidTransition, InvalidValue

S = HazardStatus
ALLOWED = {
    (S.SUSPECTED, S.CONFIRMED),
    (S.SUSPECTED, S.CANCELLED),
    (S.SUSPECTED, S.REDUCED),
    (S.SUSPECTED, S.CLEARED),
    (S.CONFIRMED, S.REDUCED),
    (S.CONFIRMED, S.CLEARED),
    (S.REDUCED, S.CLEARED),
}
EVERY_PAIR = list(itertools.product(HazardStatus, repeat=2))


@pytest.mark.parametrize(("old", "new"), sorted(ALLOWED), ids=lambda s: s.value)
def test_an_allowed_transition_passes(old: HazardStatus, new: HazardStatus) -> None:
    check_transition(old, new)


@pytest.mark.parametrize(
    ("old", "new"), [p for p in EVERY_PAIR if p not in ALLOWED], ids=lambda s: s.value
)
def test_every_other_transition_is_refused_naming_both_statuses(
    old: HazardStatus, new: HazardStatus
) -> None:
    with pytest.raises(InvalidTransition, match=f"from {old.value} to {new.value}"):
        check_transition(old, new)


def test_the_machine_documented_is_the_machine_enforced() -> None:
    assert {(a, b) for a, targets in TRANSITIONS.items() for b in targets} == ALLOWED
    assert TRANSITIONS[S.CANCELLED] == TRANSITIONS[S.CLEARED] == frozenset()


def _release(area: float, method: ReleaseMethod = ReleaseMethod.CLEARANCE) -> Release:
    return Release(method, date(2021, 4, 2), area)


def test_a_partial_release_reduces_the_area() -> None:
    outcome = apply_release(S.SUSPECTED, 1000.0, _release(400, ReleaseMethod.TECHNICAL_SURVEY))
    assert (outcome.remaining_m2, outcome.status) == (600.0, S.REDUCED)


def test_a_further_partial_release_keeps_it_reduced() -> None:
    assert apply_release(S.REDUCED, 600.0, _release(100)).status is S.REDUCED


@pytest.mark.parametrize("status", [S.SUSPECTED, S.CONFIRMED, S.REDUCED])
def test_releasing_all_that_remains_clears_the_area(status: HazardStatus) -> None:
    outcome = apply_release(status, 1234.5, _release(1234.5))
    assert (outcome.remaining_m2, outcome.status) == (0.0, S.CLEARED)


def test_releasing_more_than_remains_is_refused() -> None:
    with pytest.raises(InvalidValue, match=r"area_m2: 1000.1 m² is more than the 1000.0 m²"):
        apply_release(S.CONFIRMED, 1000.0, _release(1000.1))


@pytest.mark.parametrize("status", [S.CANCELLED, S.CLEARED])
def test_released_land_cannot_be_released_again(status: HazardStatus) -> None:
    with pytest.raises(InvalidTransition, match="no land left"):
        apply_release(status, 0.0, _release(1))


@pytest.mark.parametrize("area", [0, -5])
def test_a_release_needs_a_positive_area(area: float) -> None:
    with pytest.raises(InvalidValue, match="area_m2"):
        _release(area)


def test_release_areas_are_kept_to_a_tenth_of_a_square_metre() -> None:
    assert _release(10.04).area_m2 == 10.0


def test_items_are_read_loosely_and_add_up() -> None:
    items = parse_items(["AP mine=2", "uxo=1", "ap-mine=3", "IED=0"])
    assert dict(items) == {ItemType.AP_MINE: 5, ItemType.UXO: 1, ItemType.IED: 0}


@pytest.mark.parametrize(
    ("pair", "message"),
    [("ap_mine", "TYPE=COUNT"), ("tank=1", "not one of"), ("uxo=two", "whole number")],
)
def test_bad_items_are_refused(pair: str, message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        parse_items([pair])


def test_a_choice_outside_the_vocabulary_names_the_field_and_the_choices() -> None:
    with pytest.raises(InvalidValue, match="--age: 'teen' is not one of child, adult, unknown"):
        from ceasefire.domain.mine_action import AgeGroup

        choice(AgeGroup, "teen", "--age")
