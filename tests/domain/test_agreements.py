"""Agreements: periods in their own time zone, zones by ray casting, and which one is in force."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from ceasefire.domain.agreements import Agreement, agreement_id, in_force, zone_contains
from ceasefire.errors import InvalidInput, InvalidValue, ParseError

MOSCOW = ZoneInfo("Europe/Moscow")
BAKU = ZoneInfo("Asia/Baku")
SQUARE = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]]
HOLE = [[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0], [4.0, 4.0]]
FAR_SQUARE = [[20.0, 20.0], [22.0, 20.0], [22.0, 22.0], [20.0, 22.0], [20.0, 20.0]]


def agreement(
    ident: str, effective: datetime, *, ends: datetime | None = None, zone: Any = None
) -> Agreement:
    return Agreement(ident, ident.replace("-", " "), "ceasefire", ("A", "B"), effective, ends, zone)


def test_a_window_that_straddles_the_effective_moment_is_under_the_new_agreement() -> None:
    old = agreement("old", datetime(2000, 1, 1, tzinfo=BAKU))
    new = agreement("new", datetime(2016, 4, 5, 12, 0, tzinfo=BAKU))
    assert in_force([old, new], date(2016, 4, 4), date(2016, 4, 4)) == old
    assert in_force([old, new], date(2016, 4, 4), date(2016, 4, 6)) == new
    assert in_force([old, new], date(2016, 4, 5), date(2016, 4, 5)) == new


def test_days_are_read_in_the_agreements_own_time_zone() -> None:
    # Effective at 00:00 Moscow on 10 Nov: the whole of 9 Nov, on Moscow's clock, is before it.
    statement = agreement("statement", datetime(2020, 11, 10, 0, 0, tzinfo=MOSCOW))
    assert not statement.in_force_during(date(2020, 11, 9), date(2020, 11, 9))
    assert statement.in_force_during(date(2020, 11, 10), date(2020, 11, 10))


def test_an_agreement_that_ended_is_not_in_force_after_its_end() -> None:
    truce = agreement(
        "truce",
        datetime(2020, 10, 18, 0, 0, tzinfo=BAKU),
        ends=datetime(2020, 10, 26, 8, 0, tzinfo=BAKU),
    )
    assert truce.in_force_during(date(2020, 10, 26), date(2020, 10, 26))
    assert not truce.in_force_during(date(2020, 10, 27), date(2020, 10, 30))
    assert in_force([truce], date(2020, 10, 1), date(2020, 10, 1)) is None


def test_a_point_in_a_hole_is_outside_and_any_part_of_a_multipolygon_holds_points() -> None:
    with_hole = {"type": "Polygon", "coordinates": [SQUARE, HOLE]}
    assert zone_contains(with_hole, (2.0, 2.0))
    assert not zone_contains(with_hole, (5.0, 5.0))
    assert not zone_contains(with_hole, (11.0, 5.0))
    parts = {"type": "MultiPolygon", "coordinates": [[SQUARE, HOLE], [FAR_SQUARE]]}
    assert zone_contains(parts, (21.0, 21.0))
    assert not zone_contains(parts, (15.0, 15.0))


def test_a_zoned_agreement_applies_only_inside_its_zone() -> None:
    everywhere = agreement("everywhere", datetime(2020, 11, 10, tzinfo=MOSCOW))
    border = agreement(
        "border",
        datetime(2022, 9, 14, 20, 0, tzinfo=BAKU),
        zone={"type": "Polygon", "coordinates": [SQUARE]},
    )
    timeline = [everywhere, border]
    day = date(2024, 2, 13)
    assert in_force(timeline, day, day, point=(5.0, 5.0)) == border
    assert in_force(timeline, day, day, point=(50.0, 5.0)) == everywhere


def test_without_a_point_the_most_recent_wins_and_an_unzoned_one_wins_a_tie() -> None:
    moment = datetime(2022, 9, 14, 20, 0, tzinfo=BAKU)
    zone = {"type": "Polygon", "coordinates": [SQUARE]}
    zoned = agreement("zoned", moment, zone=zone)
    unzoned = agreement("unzoned", moment)
    older = agreement("older", datetime(2020, 1, 1, tzinfo=BAKU))
    day = date(2024, 1, 1)
    assert in_force([zoned, unzoned, older], day, day) == unzoned
    assert in_force([older, zoned], day, day) == zoned
    assert in_force([unzoned, zoned], day, day, point=(5.0, 5.0)) == zoned


def test_json_round_trip_keeps_the_local_clock_and_zone() -> None:
    statement = Agreement(
        "trilateral-statement-2020-11-10",
        "Trilateral statement of 10 November 2020",
        "statement",
        ("Azerbaijan", "Armenia", "Russia"),
        datetime(2020, 11, 10, 0, 0, tzinfo=MOSCOW),
        zone={"type": "Polygon", "coordinates": [SQUARE]},
        sources=("Office of the Prime Minister of Armenia, 2020-11-10",),
        notes="Point 1.",
    )
    shape = statement.to_json()
    assert shape["effective"] == "2020-11-10T00:00"
    assert shape["time_zone"] == "Europe/Moscow"
    assert Agreement.from_json(shape) == statement


def test_an_offset_without_a_zone_name_is_kept_as_a_fixed_offset() -> None:
    read = Agreement.from_json(
        {"name": "Truce", "kind": "truce", "parties": ["A"], "effective": "2020-10-10T12:00+04:00"}
    )
    assert read.id == "truce-2020-10-10"
    assert read.to_json()["time_zone"] == "+04:00"
    assert Agreement.from_json(read.to_json()) == read


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"effective": "10 Nov 2020"}, "effective"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"kind": "armistice"}, "kind"),
        ({"parties": []}, "parties"),
        ({"ends": "2020-11-09T00:00"}, "ends"),
        ({"zone": {"type": "Point", "coordinates": [1, 2]}}, "zone"),
        ({"zone": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]}}, "zone"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_a_bad_field_is_named_in_the_error(change: dict[str, Any], field: str) -> None:
    value = {
        "name": "Statement",
        "kind": "statement",
        "parties": ["A", "B"],
        "effective": "2020-11-10T00:00",
        "time_zone": "Europe/Moscow",
        **change,
    }
    with pytest.raises(InvalidValue) as plain:
        Agreement.from_json(value)
    assert plain.value.field == field
    with pytest.raises(ParseError) as located:
        Agreement.from_json(value, where="agreements.json: item 3")
    assert str(located.value).startswith(f"agreements.json: item 3: field {field!r}: ")
    assert isinstance(located.value, InvalidInput)


def test_an_id_is_made_from_the_name_and_the_day_unless_the_name_has_the_day() -> None:
    moment = datetime(2022, 9, 14, 20, 0, tzinfo=BAKU)
    assert agreement_id("Border ceasefire", moment) == "border-ceasefire-2022-09-14"
    assert agreement_id("Truce 2022-09-14", moment) == "truce-2022-09-14"
