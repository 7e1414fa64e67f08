"""The polygon of a hazardous area: checked (RFC 7946 rings, lon/lat ranges, OGC validity by
shapely), measured and tested for points.

Example: `checked_polygon({"type": "Polygon", "coordinates": [[[46.9, 40.0], [46.91, 40.0],
[46.91, 40.01], [46.9, 40.0]]]})` returns the geometry with plain float coordinates;
a bad one raises InvalidValue naming `geometry` and what is wrong.
"""

from __future__ import annotations

import math
import re
from typing import Any

from shapely import covers, is_valid_reason
from shapely.geometry import Point, shape

from ceasefire.errors import InvalidValue

Geometry = dict[str, Any]
_KINDS = ("Polygon", "MultiPolygon")
_MIN_POSITIONS = 4  # a triangle and its first corner again


def checked_polygon(value: Any) -> Geometry:
    """A GeoJSON Polygon/MultiPolygon, checked and normalised; InvalidValue says what is wrong."""
    if not isinstance(value, dict) or value.get("type") not in _KINDS:
        kind = value.get("type") if isinstance(value, dict) else type(value).__name__
        raise InvalidValue("geometry", f"expected a Polygon or MultiPolygon, got {kind!r}")
    coordinates = value.get("coordinates")
    polygons = [coordinates] if value["type"] == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        raise InvalidValue("geometry", "has no coordinates")
    clean = [_polygon(rings) for rings in polygons]
    geometry: Geometry = {
        "type": value["type"],
        "coordinates": clean[0] if value["type"] == "Polygon" else clean,
    }
    problem = str(is_valid_reason(shape(geometry)))
    if problem != "Valid Geometry":
        raise InvalidValue("geometry", f"not a valid polygon: {_readable(problem)}")
    return geometry


def _polygon(rings: Any) -> list[list[list[float]]]:
    if not isinstance(rings, list) or not rings:
        raise InvalidValue("geometry", "a polygon needs at least its exterior ring")
    return [_ring(ring, number) for number, ring in enumerate(rings, start=1)]


def _ring(ring: Any, number: int) -> list[list[float]]:
    if not isinstance(ring, list):
        raise InvalidValue("geometry", f"ring {number} is not a list of positions")
    positions = [_position(p, number) for p in ring]
    if len(positions) < _MIN_POSITIONS:
        raise InvalidValue(
            "geometry",
            f"ring {number} has too few points: {len(positions)} positions, a ring needs "
            f"at least {_MIN_POSITIONS} (three corners and the first again)",
        )
    if positions[0] != positions[-1]:
        raise InvalidValue(
            "geometry",
            f"ring {number} is not closed: it starts at {_at(positions[0])} and ends at "
            f"{_at(positions[-1])}",
        )
    return positions


def _position(value: Any, number: int) -> list[float]:
    if (
        not isinstance(value, list | tuple)
        or len(value) < 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value[:2])
    ):
        raise InvalidValue("geometry", f"ring {number}: {value!r} is not a [lon, lat] position")
    lon, lat = float(value[0]), float(value[1])
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        raise InvalidValue(
            "geometry",
            f"ring {number}: {_at([lon, lat])} is out of range (lon -180..180, lat -90..90)",
        )
    return [lon, lat]


def _at(position: list[float]) -> str:
    return f"[{position[0]:g}, {position[1]:g}]"


def _readable(problem: str) -> str:
    """GEOS's `Self-intersection[46.95 40.005]` as `self-intersection at [46.95, 40.005]`."""
    found = re.fullmatch(r"(.+?)\[(\S+) (\S+)\]", problem)
    if not found:
        return problem[:1].lower() + problem[1:]
    reason, lon, lat = found.groups()
    return f"{reason.lower()} at [{float(lon):g}, {float(lat):g}]"


def bounds(geometry: Geometry) -> tuple[float, float, float, float]:
    """West, south, east, north of the geometry."""
    west, south, east, north = shape(geometry).bounds
    return float(west), float(south), float(east), float(north)


def covers_point(geometry: Geometry, lon: float, lat: float) -> bool:
    """True when the point is inside the polygon or on its edge (PostGIS ST_Covers alike)."""
    return bool(covers(shape(geometry), Point(lon, lat)))
