"""PostGIS agrees with pyproj: ST_Area(geom::geography) within 0.1% of the geodesic area;
the generated geometry is indexed and finds the areas that cover a point."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import inspect, text

from ceasefire.domain.geodesy import geodesic_area_m2, geodesic_circle
from ceasefire.services import hazards
from ceasefire.storage.sql import Database
from mine_action_support import AGHDAM_FIELD, box, collection, feature

pytestmark = pytest.mark.postgres

_HOLED = {
    "type": "Polygon",
    "coordinates": box(46.0, 40.0, 46.02, 40.02)["coordinates"]
    + box(46.005, 40.005, 46.015, 40.015)["coordinates"],
}
_TWO_PARTS = {
    "type": "MultiPolygon",
    "coordinates": [box(46.9, 39.8, 46.91, 39.81)["coordinates"], AGHDAM_FIELD["coordinates"]],
}
_KALBAJAR_LIKE = {  # an irregular district-sized polygon, tens of km across
    "type": "Polygon",
    "coordinates": [
        [[45.9, 39.9], [46.4, 39.85], [46.6, 40.2], [46.3, 40.35], [46.0, 40.3], [45.9, 39.9]]
    ],
}
POLYGONS: dict[str, dict[str, Any]] = {
    "1 km field": AGHDAM_FIELD,
    "250 m circle": geodesic_circle(47.1, 39.7, 250.0),
    "holed": _HOLED,
    "two parts": _TWO_PARTS,
    "district-sized": _KALBAJAR_LIKE,
    "one-degree cell": box(46.0, 39.5, 47.0, 40.5),
}


@pytest.fixture
def backend() -> str:
    """PostgreSQL only: this module overrides the two-backend parametrisation of conftest."""
    return "postgresql"


@pytest.fixture
def postgis(database: Database) -> Database:
    return database


@pytest.mark.parametrize("name", list(POLYGONS))
def test_postgis_geography_area_agrees_with_pyproj(postgis: Database, name: str) -> None:
    geometry = POLYGONS[name]
    with postgis.connect() as conn:
        postgis_area = conn.execute(
            text("SELECT ST_Area(ST_GeomFromGeoJSON(:g)::geography)"),
            {"g": json.dumps(geometry)},
        ).scalar_one()
    assert geodesic_area_m2(geometry) == pytest.approx(postgis_area, rel=1e-3)


def test_stored_areas_have_an_indexed_postgis_geometry_of_the_same_area(postgis: Database) -> None:
    features = [feature(name, "suspected", g) for name, g in POLYGONS.items()]
    hazards.import_geojson(postgis, collection(*features), where="f", actor="a")
    with postgis.connect() as conn:
        rows = conn.execute(
            text("SELECT name, area_m2, ST_Area(geom::geography), ST_SRID(geom) FROM hazard_areas")
        ).all()
        indexes = {i["name"] for i in inspect(conn).get_indexes("hazard_areas")}
    assert len(rows) == len(POLYGONS)
    for name, stored, postgis_area, srid in rows:
        assert srid == 4326
        assert stored == pytest.approx(postgis_area, rel=1e-3), name
    assert "ix_hazard_areas_geom" in indexes
