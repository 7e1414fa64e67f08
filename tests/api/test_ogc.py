"""OGC API – Features under /ogc: landing page, conformance, collections, items with bbox,
datetime, limit and paging links; and GDAL's OAPIF driver reading the layers (both backends)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api_support import Api, served, settings_for, stock_centre
from ceasefire.api import create_app
from ceasefire.domain.model import Claim, Document
from ceasefire.services import hazards
from ceasefire.storage.sql import Database
from mine_action_support import AGHDAM_FIELD, collection, feature
from verification_support import make_incident

ITEMS = "/ogc/collections/incidents/items"


@pytest.fixture
def stocked(
    database: Database, tmp_path: Path, fake_extract: Callable[[Document], list[Claim]]
) -> dict[str, str]:
    tokens = stock_centre(database, tmp_path, fake_extract)
    hazards.import_geojson(
        database,
        collection(feature("Aghdam north field", "suspected", AGHDAM_FIELD)),
        where="test",
        actor="ana",
    )
    return tokens


@pytest.fixture
def api(database: Database, stocked: dict[str, str]) -> Iterator[Api]:
    with TestClient(create_app(settings_for(database))) as client:
        yield Api(client, settings_for(database), stocked)


def _rels(body: dict[str, Any]) -> dict[str, str]:
    return {link["rel"]: link["href"] for link in body["links"]}


def test_landing_page_links_definition_conformance_and_data(api: Api) -> None:
    landing = api.get("/ogc")
    assert landing.status_code == 200 and landing.headers["content-type"] == "application/json"
    rels = _rels(landing.json())
    assert {"self", "service-desc", "service-doc", "conformance", "data"} <= set(rels)
    assert rels["service-desc"].endswith("/openapi.json")
    conforms = api.get("/ogc/conformance").json()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conforms
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conforms


def test_collections_describe_incidents_and_hazards(api: Api) -> None:
    found = api.get("/ogc/collections").json()["collections"]
    assert [c["id"] for c in found] == ["incidents", "hazards"]
    one = api.get("/ogc/collections/incidents").json()
    assert _rels(one)["items"].endswith(ITEMS)
    assert one["extent"]["spatial"]["bbox"] == [[46.93, 39.99, 46.93, 39.99]]
    days = one["extent"]["temporal"]["interval"]
    assert days == [["2021-03-04T00:00:00Z", "2021-03-10T00:00:00Z"]]
    areas = api.get("/ogc/collections/hazards").json()["extent"]["spatial"]["bbox"]
    assert areas == [[46.93, 40.0, 46.94, 40.01]]
    assert api.get("/ogc/collections/nothing").status_code == 404


def test_items_are_geojson_with_lon_lat_and_flat_properties(api: Api) -> None:
    response = api.get(ITEMS)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection" and body["numberReturned"] == 2
    first = body["features"][0]
    assert first["geometry"]["coordinates"] == [46.93, 39.99]
    assert first["properties"]["type"] == "small_arms_fire"
    assert first["properties"]["time_start"] == "2021-03-04"
    one = api.get(f"/ogc/collections/incidents/items/{first['id']}")
    assert one.headers["content-type"] == "application/geo+json"
    assert one.json()["properties"]["summary"] == first["properties"]["summary"]


def test_items_filter_by_bbox_and_datetime_intervals(api: Api) -> None:
    def types(**params: str) -> list[str]:
        return [f["properties"]["type"] for f in api.get(ITEMS, **params).json()["features"]]

    assert types(datetime="2021-03-10") == ["mine_explosion"]
    assert types(datetime="2021-03-01T00:00:00Z/2021-03-05T00:00:00Z") == ["small_arms_fire"]
    assert types(datetime="2021-03-05/..") == ["mine_explosion"]
    assert types(datetime="../2021-03-05") == ["small_arms_fire"]
    assert types(bbox="40,40,41,41") == []
    assert len(types(bbox="46.9,39.9,47.0,40.1")) == 2


def test_items_page_with_next_and_prev_links(api: Api) -> None:
    first = api.get(ITEMS, limit="1").json()
    assert "prev" not in _rels(first) and first["numberReturned"] == 1
    second = api.client.get(_rels(first)["next"], headers=api.headers("vic")).json()
    assert "next" not in _rels(second)
    assert second["features"][0]["id"] != first["features"][0]["id"]
    back = api.client.get(_rels(second)["prev"], headers=api.headers("vic")).json()
    assert back["features"][0]["id"] == first["features"][0]["id"]


def test_bad_or_unknown_item_parameters_are_400(api: Api) -> None:
    for params in ({"bbox": "1,2,3"}, {"datetime": "yesterday"}, {"limit": "x"}, {"zoom": "3"}):
        response = api.get(ITEMS, **params)
        assert response.status_code == 400, params
        assert response.json()["error"]["code"] == "invalid_value"


def test_hazards_are_polygons_without_internal_fields(api: Api) -> None:
    body = api.get("/ogc/collections/hazards/items").json()
    [area] = body["features"]
    assert area["geometry"]["type"] == "Polygon"
    assert area["properties"]["name"] == "Aghdam north field"
    assert "suggested_for_incident" not in area["properties"]


def test_ogc_needs_a_token_unless_public_and_public_shows_confirmed_only(
    api: Api, database: Database
) -> None:
    assert api.get(ITEMS, who=None).status_code == 401
    confirmed = make_incident(database, status="confirmed")
    with TestClient(create_app(settings_for(database, public_read=True))) as client:
        anonymous = client.get(ITEMS).json()
        assert [f["id"] for f in anonymous["features"]] == [confirmed]
        assert client.get(f"{ITEMS}/1").status_code == 404


# --- GDAL ---------------------------------------------------------------------------------------


def _ogrinfo() -> str:
    found = shutil.which("ogrinfo")
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("ogrinfo (Debian gdal-bin) is needed on CI", pytrace=False)
        pytest.skip("needs ogrinfo (Debian gdal-bin)")
    return found


@pytest.mark.gdal
@pytest.mark.slow
def test_gdal_lists_and_reads_the_incidents_layer(
    database: Database, stocked: dict[str, str]
) -> None:
    ogrinfo = _ogrinfo()
    env = {
        **os.environ,
        "GDAL_HTTP_HEADERS": f"Authorization: Bearer {stocked['vic']}",
        "CPL_DEBUG": "OFF",
    }

    def run(*args: str) -> str:
        done = subprocess.run(
            [ogrinfo, "-ro", *args], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    with served(database) as base:
        summary = run("-so", f"OAPIF:{base}/ogc", "incidents")
        assert "Feature Count: 2" in summary and "Geometry: Point" in summary
        assert "type: String" in summary and "time_start:" in summary
        features = run(f"OAPIF:{base}/ogc", "incidents", "-al")
        assert features.count("OGRFeature(incidents)") == 2
        assert "POINT (46.93 39.99)" in features and "type (String) = mine_explosion" in features
        layers = run(f"OAPIF:{base}/ogc")
        assert "incidents" in layers and "hazards" in layers
