"""The ACLED/UCDP mapping tables: every type exports, imports map back, casualties by notes."""

from __future__ import annotations

from datetime import date

import pytest

from ceasefire.domain.exchange import (
    ACLED_TYPES,
    AcledType,
    centred_window,
    from_acled,
    inter_code,
    interaction,
    killed_from_fatalities,
    midpoint,
    to_acled,
)
from ceasefire.domain.model import Count
from ceasefire.domain.taxonomy import TYPES, Precision, TimePrecision
from ceasefire.errors import InvalidValue


@pytest.mark.parametrize("type_", [t for types in TYPES.values() for t in types])
def test_every_type_of_ours_has_an_acled_event_type(type_: str) -> None:
    found = to_acled(type_)
    assert found.event_type and found.sub_event_type


@pytest.mark.parametrize("row", ACLED_TYPES, ids=lambda r: f"{r.type}-{r.sub_event_type}")
def test_an_imported_acled_type_exports_back_to_the_same_sub_event_type(row: AcledType) -> None:
    imported = from_acled(row.event_type, row.sub_event_type)
    if row.direction == "both":
        assert to_acled(imported.type).sub_event_type == row.sub_event_type


def test_each_acled_pair_imports_as_exactly_one_type_of_ours() -> None:
    pairs = [(r.event_type, r.sub_event_type) for r in ACLED_TYPES if r.direction != "export"]
    assert len(pairs) == len(set(pairs))


def test_acled_types_are_read_whatever_their_case() -> None:
    assert from_acled("battles", "ARMED CLASH").type == "shootout"
    assert from_acled("Explosions/Remote violence", "Air/drone strike").type == "drone_strike"


def test_an_unknown_acled_sub_event_type_names_the_field() -> None:
    with pytest.raises(InvalidValue) as error:
        from_acled("Battles", "Skirmish")
    assert error.value.field == "sub_event_type"


def test_precision_codes_map_both_ways_for_the_codes_each_side_can_express() -> None:
    for code, ours in Precision.FROM_TIME_PRECISION.items():
        assert Precision.TIME_PRECISION[ours] == code
    for code, place in Precision.FROM_GEO_PRECISION.items():
        assert Precision.GEO_PRECISION[place] == code
    for code, when in Precision.FROM_DATE_PREC.items():
        assert Precision.DATE_PREC[when] == code


@pytest.mark.parametrize("precision", list(TimePrecision))
def test_a_window_centred_on_an_event_date_has_it_as_midpoint(precision: TimePrecision) -> None:
    day = date(2021, 3, 10)
    assert midpoint(*centred_window(day, precision)) == day


def test_fatalities_are_civilian_or_military_only_when_the_notes_say_which() -> None:
    assert killed_from_fatalities(2, "Two civilians were killed").civilian == Count.exact(2)
    assert killed_from_fatalities(1, "A soldier was killed").military == Count.exact(1)
    assert killed_from_fatalities(3, "Three people died").unknown == Count.exact(3)
    mixed = killed_from_fatalities(2, "A soldier and a civilian were killed")
    assert mixed.unknown == Count.exact(2) and mixed.military is None


def test_actor_codes_name_state_forces_and_civilians_only() -> None:
    assert inter_code("Military Forces of Armenia (2018-)") == 1
    assert inter_code("Civilians (Azerbaijan)") == 7
    assert inter_code("Unidentified Armed Group") is None
    assert interaction(7, 1) == "17" and interaction(1, None) == "10" and interaction(None, 1) == ""
