"""Test support for mine action: polygons of known shape, GeoJSON features and collections."""

from __future__ import annotations

from typing import Any

Geometry = dict[str, Any]


def box(west: float, south: float, east: float, north: float) -> Geometry:
    """A closed anticlockwise lon/lat rectangle."""
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def feature(name: str, status: str, geometry: Any, **properties: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"name": name, "status": status, **properties},
        "geometry": geometry,
    }


def collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


#: About 850 m x 1.1 km north-east of Aghdam; holds the point (46.935, 40.005).
AGHDAM_FIELD = box(46.93, 40.0, 46.94, 40.01)
BOW_TIE = {
    "type": "Polygon",
    "coordinates": [[[46.9, 40.0], [46.91, 40.01], [46.91, 40.0], [46.9, 40.01], [46.9, 40.0]]],
}
