"""Geodesic measures on the WGS84 ellipsoid (pyproj's `Geod`, GeographicLib): never planar degrees.

Example: `geodesic_area_m2({"type": "Polygon", "coordinates": [[[46.9, 40.0], ...]]})`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from pyproj import Geod

WGS84: Final = Geod(ellps="WGS84")

Ring = Sequence[Sequence[float]]


def ring_area_m2(ring: Ring) -> float:
    """The area enclosed by one ring of lon/lat positions, whichever way it turns."""
    lons = [float(p[0]) for p in ring]
    lats = [float(p[1]) for p in ring]
    area, _perimeter = WGS84.polygon_area_perimeter(lons, lats)
    return abs(float(area))


def polygon_area_m2(rings: Sequence[Ring]) -> float:
    """A GeoJSON polygon's area: its exterior ring less its holes."""
    if not rings:
        return 0.0
    exterior, *holes = rings
    return max(0.0, ring_area_m2(exterior) - sum(ring_area_m2(h) for h in holes))


def geodesic_area_m2(geometry: dict[str, Any]) -> float:
    """The area in m² of a GeoJSON Polygon or MultiPolygon (lon/lat, WGS84)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return polygon_area_m2(geometry["coordinates"])
    if kind == "MultiPolygon":
        return sum(polygon_area_m2(p) for p in geometry["coordinates"])
    raise ValueError(f"not a Polygon or MultiPolygon: {kind!r}")


def geodesic_circle(lon: float, lat: float, radius_m: float, vertices: int = 64) -> dict[str, Any]:
    """A GeoJSON Polygon whose vertices lie `radius_m` from (lon, lat) along geodesics.

    The ring turns anticlockwise (RFC 7946) and is closed.
    """
    step = 360.0 / vertices
    ring: list[list[float]] = []
    for i in range(vertices):
        # Azimuths run clockwise from north; walking them backwards turns the ring anticlockwise.
        azimuth = -i * step
        end_lon, end_lat, _back = WGS84.fwd(lon, lat, azimuth, radius_m)
        ring.append([round(float(end_lon), 7), round(float(end_lat), 7)])
    ring.append(list(ring[0]))
    return {"type": "Polygon", "coordinates": [ring]}
