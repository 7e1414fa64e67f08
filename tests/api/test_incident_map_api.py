"""The map's endpoints: /incidents/per-day, /incidents/points, the district and claimant
filters, GeoJSON hazards and zones, towns by population, and public read (both backends)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from fastapi.testclient import TestClient

from api_support import Api, settings_for, stock_centre
from ceasefire.api import create_app
from ceasefire.domain.model import Claim, Document
from ceasefire.gazetteer import Gazetteer
from ceasefire.services import hazards
from ceasefire.storage.sql import Database
from mine_action_support import AGHDAM_FIELD, collection, feature

AGHDAM = 587378  # where the fake extractor puts every claim


def test_per_day_counts_the_incidents_of_each_day_under_the_filters(api: Api) -> None:
    response = api.get("/api/v1/incidents/per-day")
    assert response.status_code == 200, response.text
    assert response.json() == [
        {"day": "2021-03-04", "count": 1, "by_category": {"violation": 1}},
        {"day": "2021-03-10", "count": 1, "by_category": {"explosive_ordnance": 1}},
    ]
    assert api.get("/api/v1/incidents/per-day", category="violation").json()[0]["count"] == 1
    assert api.get("/api/v1/incidents/per-day", **{"from": "2021-03-05"}).json()[0]["day"] == (
        "2021-03-10"
    )


def test_points_are_compact_rows_in_pages(api: Api) -> None:
    first = api.get("/api/v1/incidents/points", limit=1).json()
    assert first["fields"] == ["id", "lon", "lat", "category", "status", "day"]
    [[_id, lon, lat, category, status, day]] = first["items"]
    assert (lon, lat, category, status, day) == (
        46.93,
        39.99,
        "violation",
        "reported",
        "2021-03-04",
    )
    rest = api.get("/api/v1/incidents/points", limit=1, cursor=first["next"]).json()
    assert [row[3] for row in rest["items"]] == ["explosive_ordnance"]
    assert rest["next"] is None
    assert api.get("/api/v1/incidents/points", limit=50_001).status_code == 422


def test_district_and_claimant_filter_the_incident_list(api: Api) -> None:
    gazetteer = Gazetteer.bundled()
    district = gazetteer.district_of(gazetteer.get(AGHDAM))
    assert district is not None

    def count(url: str, **params: object) -> int:
        response = api.get(url, **params)
        assert response.status_code == 200, response.text
        body = response.json()
        return len(body["items"] if isinstance(body, dict) else body)

    assert count("/api/v1/incidents", district=district.geonameid) == 2
    assert count("/api/v1/incidents", claimant="azerbaijan") == 2
    assert count("/api/v1/incidents", claimant="armenia") == 0
    assert count("/api/v1/incidents/points", claimant="armenia") == 0
    assert count("/api/v1/incidents/per-day", district=district.geonameid) == 2
    refused = api.get("/api/v1/incidents", district=1)
    assert refused.status_code == 422
    assert refused.json()["error"]["field"] == "district"


def test_anonymous_map_reads_see_confirmed_incidents_only(
    database: Database, tmp_path: Path, fake_extract: Callable[[Document], list[Claim]]
) -> None:
    stock_centre(database, tmp_path, fake_extract)
    settings = replace(settings_for(database), public_read=True)
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/v1/incidents/per-day").json() == []
        assert client.get("/api/v1/incidents/points").json()["items"] == []
        assert client.get("/api/v1/incidents/points?status=reported").json()["items"] == []
        assert client.get("/").status_code == 200


def test_map_reads_need_a_token_without_public_read(api: Api) -> None:
    for url in ("/api/v1/incidents/per-day", "/api/v1/incidents/points"):
        assert api.get(url, who=None).status_code == 401
    page = api.client.get("/", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")


def test_hazards_and_zones_as_geojson(api: Api, database: Database) -> None:
    hazards.import_geojson(
        database,
        collection(feature("Aghdam north field", "suspected", AGHDAM_FIELD)),
        where="test",
        actor="analyst",
    )
    areas = api.get("/api/v1/hazards", format="geojson")
    assert areas.status_code == 200
    assert areas.headers["content-type"] == "application/geo+json"
    [area] = areas.json()["features"]
    assert area["geometry"]["type"] == "Polygon"
    assert area["properties"]["status"] == "suspected"
    assert areas.json()["next"] is None
    zones = api.get("/api/v1/zones", format="geojson")
    assert zones.headers["content-type"] == "application/geo+json"
    assert zones.json()["type"] == "FeatureCollection"
    assert all(
        f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in zones.json()["features"]
    )


def test_places_by_population_are_towns_only(api: Api) -> None:
    items = api.get("/api/v1/places", min_population=100_000, limit=1000).json()["items"]
    names = {p["name"] for p in items}
    assert {"Baku", "Ganja"} <= names
    assert all(p["feature_class"] == "P" and p["population"] >= 100_000 for p in items)
