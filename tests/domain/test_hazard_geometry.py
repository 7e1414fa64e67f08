"""Checking hazardous-area polygons: each kind of invalid geometry is refused and named."""

from __future__ import annotations

from typing import Any

import pytest

from ceasefire.domain.hazard_geometry import bounds, checked_polygon, covers_point
from ceasefire.errors import InvalidValue
from mine_action_support import AGHDAM_FIELD, BOW_TIE


def _polygon(*ring: list[float]) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": [list(ring)]}


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        (BOW_TIE, r"self-intersection at \[46.905, 40.005\]"),
        (
            _polygon([46.9, 40.0], [46.91, 40.0], [46.91, 40.01], [46.9, 40.01]),
            r"ring 1 is not closed: it starts at \[46.9, 40\] and ends at \[46.9, 40.01\]",
        ),
        (
            _polygon([46.9, 40.0], [190.0, 40.0], [46.91, 40.01], [46.9, 40.0]),
            r"\[190, 40\] is out of range",
        ),
        (
            _polygon([46.9, 40.0], [46.91, 95.0], [46.91, 40.01], [46.9, 40.0]),
            r"\[46.91, 95\] is out of range",
        ),
        (_polygon([46.9, 40.0], [46.91, 40.0], [46.9, 40.0]), "too few points: 3 positions"),
        (_polygon(), "too few points: 0 positions"),
        ({"type": "Point", "coordinates": [46.9, 40.0]}, "expected a Polygon or MultiPolygon"),
        (None, "expected a Polygon or MultiPolygon"),
        (_polygon([46.9, "40"], [46.91, 40.0], [46.91, 40.01], [46.9, 40.0]), "not a .lon, lat."),
    ],
    ids=[
        "self-intersecting",
        "unclosed",
        "longitude-out-of-range",
        "latitude-out-of-range",
        "too-few-points",
        "empty-ring",
        "not-a-polygon",
        "no-geometry",
        "text-coordinate",
    ],
)
def test_an_invalid_polygon_is_refused_saying_why(geometry: Any, message: str) -> None:
    with pytest.raises(InvalidValue, match=message) as refused:
        checked_polygon(geometry)
    assert refused.value.field == "geometry"


def test_a_hole_outside_its_shell_is_invalid() -> None:
    outer = AGHDAM_FIELD["coordinates"][0]
    hole = [[47.0, 40.0], [47.01, 40.0], [47.01, 40.01], [47.0, 40.0]]
    with pytest.raises(InvalidValue, match="hole lies outside shell"):
        checked_polygon({"type": "Polygon", "coordinates": [outer, hole]})


def test_a_valid_polygon_comes_back_with_float_coordinates_and_its_bounds() -> None:
    checked = checked_polygon(
        {"type": "Polygon", "coordinates": [[[46, 40], [47, 40], [47, 41], [46, 40]]]}
    )
    assert checked["coordinates"][0][1] == [47.0, 40.0]
    assert bounds(checked) == (46.0, 40.0, 47.0, 41.0)


def test_points_inside_or_on_the_edge_are_covered() -> None:
    assert covers_point(AGHDAM_FIELD, 46.935, 40.005)
    assert covers_point(AGHDAM_FIELD, 46.93, 40.005)
    assert not covers_point(AGHDAM_FIELD, 46.95, 40.005)
