"""Value types shared by every edge: bounding boxes and day ranges parse and check themselves."""

from __future__ import annotations

from datetime import date

import pytest

from ceasefire.domain.values import BBox, DayRange
from ceasefire.errors import InvalidValue


def test_a_bbox_parses_west_south_east_north() -> None:
    assert BBox.parse("46.5,39.5,47.5,40.2") == BBox(46.5, 39.5, 47.5, 40.2)


@pytest.mark.parametrize("text", ["1,2,3", "a,b,c,d", "47,40,46,39", "0,0,200,10"])
def test_a_bad_bbox_names_the_parameter(text: str) -> None:
    with pytest.raises(InvalidValue) as raised:
        BBox.parse(text, field="box")
    assert raised.value.field == "box"


def test_boxes_that_touch_intersect() -> None:
    assert BBox(0, 0, 1, 1).intersects(BBox(1, 1, 2, 2))
    assert not BBox(0, 0, 1, 1).intersects(BBox(1.5, 0, 2, 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-03-04", DayRange(date(2021, 3, 4), date(2021, 3, 4))),
        ("2021-03-04T23:30:00Z", DayRange(date(2021, 3, 4), date(2021, 3, 4))),
        ("2021-03-01/2021-03-31", DayRange(date(2021, 3, 1), date(2021, 3, 31))),
        ("2021-03-01/..", DayRange(date(2021, 3, 1), None)),
        ("../2021-03-31T00:00:00+04:00", DayRange(None, date(2021, 3, 31))),
        ("/2021-03-31", DayRange(None, date(2021, 3, 31))),
    ],
)
def test_ogc_datetime_instants_and_intervals_read_to_the_day(text: str, expected: DayRange) -> None:
    assert DayRange.parse_interval(text) == expected


@pytest.mark.parametrize("text", ["", "..", "yesterday", "2021-03-05/2021-03-01", "a/b/c"])
def test_a_bad_datetime_names_the_parameter(text: str) -> None:
    with pytest.raises(InvalidValue) as raised:
        DayRange.parse_interval(text)
    assert raised.value.field == "datetime"
