"""Relative positions: "5 km north of Aghdam" and the point it names."""

from __future__ import annotations

import pytest

from ceasefire.errors import InvalidValue
from ceasefire.gazetteer import Gazetteer, distance_km


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer.bundled()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shelled from 5 km north of Aghdam", (5.0, "north", "Aghdam")),
        ("3 kilometres south-east of the village of Taghavard", (3.0, "southeast", "Taghavard")),
        ("about two kilometers to the west of Tartar", (2.0, "west", "Tartar")),
        ("1,500 metres north-west of Shusha", (1.5, "northwest", "Shusha")),
        ("2.5 km NE of Karmir Shuka", (2.5, "northeast", "Karmir Shuka")),
        ("10 miles south of Goris", (16.093, "south", "Goris")),
    ],
)
def test_relative_phrases_are_parsed(
    g: Gazetteer, text: str, expected: tuple[float, str, str]
) -> None:
    assert g.parse_relative(text) == expected


@pytest.mark.parametrize(
    "text", ["no place here", "5 km of road", "north of Aghdam", "5 km north of the border"]
)
def test_text_without_a_relative_phrase_gives_none(g: Gazetteer, text: str) -> None:
    assert g.parse_relative(text) is None


def test_offset_moves_the_given_distance_in_the_given_direction(g: Gazetteer) -> None:
    aghdam = g.get(148619)
    lat, lon = g.offset(aghdam, 10, "north")
    assert lat > aghdam.lat and lon == pytest.approx(aghdam.lon, abs=1e-6)
    assert distance_km(aghdam.lat, aghdam.lon, lat, lon) == pytest.approx(10, abs=0.01)
    lat, lon = g.offset(aghdam, 3, "south-east")
    assert lat < aghdam.lat and lon > aghdam.lon
    assert distance_km(aghdam.lat, aghdam.lon, lat, lon) == pytest.approx(3, abs=0.01)


def test_bad_bearing_is_refused(g: Gazetteer) -> None:
    with pytest.raises(InvalidValue, match="bearing"):
        g.offset(g.get(148619), 1, "upwards")


def test_distance_between_khankendi_and_shusha_is_about_ten_km() -> None:
    assert distance_km(39.8177, 46.7528, 39.76006, 46.74989) == pytest.approx(6.4, abs=0.5)
