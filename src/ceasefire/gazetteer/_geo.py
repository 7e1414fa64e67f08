"""Distances, bearings and "N km north of X" phrases on the WGS84 sphere."""

from __future__ import annotations

import math
import re
from typing import Final

from ceasefire.errors import InvalidValue

EARTH_RADIUS_KM: Final = 6371.0088

#: The 16 compass points, clockwise from north, 22.5° apart.
POINTS: Final = (
    "north", "north-northeast", "northeast", "east-northeast", "east", "east-southeast",
    "southeast", "south-southeast", "south", "south-southwest", "southwest", "west-southwest",
    "west", "west-northwest", "northwest", "north-northwest",
)  # fmt: skip
_BY_LETTERS: Final = {point.replace("-", ""): point for point in POINTS}
_ABBREVIATIONS: Final = {
    "".join(w[0] for w in re.findall(r"north|south|east|west", point)).upper(): point
    for point in POINTS
}
_NUMBER_WORDS: Final = {
    "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0, "seven": 7.0,
    "eight": 8.0, "nine": 9.0, "ten": 10.0, "eleven": 11.0, "twelve": 12.0, "fifteen": 15.0,
    "twenty": 20.0, "thirty": 30.0, "forty": 40.0, "fifty": 50.0, "half a": 0.5,
}  # fmt: skip
_DIRECTION: Final = (
    r"(?:north|south|east|west)(?:[- ]?(?:north|south|east|west)){0,2}|(?-i:[NSEW]{1,3})"
)
_RELATIVE: Final = re.compile(
    r"\b(?P<number>\d+(?:[.,]\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"[\s-]*(?P<unit>kms?|kilomet(?:er|re)s?|miles?|mi|met(?:er|re)s?|m)\b\.?\s+"
    r"(?:to\s+the\s+)?(?P<direction>" + _DIRECTION + r")\s+(?:of|from)\s+"
    r"(?:the\s+)?(?:(?:village|town|city|settlement|district|region)\s+of\s+)?"
    r"(?-i:(?P<name>[A-ZÀ-ÖØ-ÞĀ-ɏ][\w'’ʼ]*(?:[- ][A-ZÀ-ÖØ-ÞĀ-ɏ][\w'’ʼ]*)*))",
    re.IGNORECASE,
)


def compass_point(bearing: str) -> str:
    """The compass point a bearing names: "north-east", "NE", "north east" → "northeast"."""
    text = bearing.strip()
    if text.upper() in _ABBREVIATIONS:
        return _ABBREVIATIONS[text.upper()]
    letters = re.sub(r"[\s-]+", "", text.lower())
    if letters in _BY_LETTERS:
        return _BY_LETTERS[letters]
    raise InvalidValue("bearing", f"not a compass point: {bearing!r}")


def bearing_degrees(bearing: str) -> float:
    """Degrees clockwise from north: "north" 0, "south-east" 135, "WNW" 292.5."""
    return POINTS.index(compass_point(bearing)) * 22.5


def destination(lat: float, lon: float, km: float, degrees: float) -> tuple[float, float]:
    """The point `km` away from (lat, lon) on the great circle leaving at `degrees`."""
    phi, lam, theta = math.radians(lat), math.radians(lon), math.radians(degrees)
    delta = km / EARTH_RADIUS_KM
    phi2 = math.asin(
        math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta)
    )
    lam2 = lam + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi),
        math.cos(delta) - math.sin(phi) * math.sin(phi2),
    )
    return round(math.degrees(phi2), 6), round((math.degrees(lam2) + 540) % 360 - 180, 6)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _kilometres_per(unit: str) -> float:
    unit = unit.lower()
    if unit.startswith("mi"):
        return 1.609344
    if unit.startswith("met") or unit == "m":
        return 0.001
    return 1.0


def parse_relative(text: str) -> tuple[float, str, str] | None:
    """(km, compass point, place name) of the first "5 km north of Aghdam" phrase in `text`."""
    for match in _RELATIVE.finditer(text):
        try:
            point = compass_point(match["direction"])
        except InvalidValue:
            continue
        number = match["number"].lower()
        # "1,500 m" has a thousands separator; "1,5 km" a decimal comma.
        thousands = re.fullmatch(r"\d{1,3},\d{3}", number) is not None
        amount = _NUMBER_WORDS.get(number) or float(
            number.replace(",", "") if thousands else number.replace(",", ".")
        )
        return round(amount * _kilometres_per(match["unit"]), 3), point, match["name"]
    return None
