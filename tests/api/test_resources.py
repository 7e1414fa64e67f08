"""Read resources under /api/v1: pages, filters, GeoJSON, errors and public read (both backends)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api_support import Api, settings_for
from ceasefire.api import create_app
from ceasefire.services import hazards
from ceasefire.storage.sql import Database
from mine_action_support import AGHDAM_FIELD, collection, feature
from verification_support import make_incident


def _items(response: object) -> list[dict[str, object]]:
    assert response.status_code == 200, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"items", "next"}
    return list(body["items"])


def test_incidents_list_in_the_page_shape_with_their_claims(api: Api) -> None:
    items = _items(api.get("/api/v1/incidents"))
    assert [i["type"] for i in items] == ["small_arms_fire", "mine_explosion"]
    assert items[0]["claims"][0]["claimed_by"] == "Ministry of Defence of Azerbaijan"


def test_incident_filters_by_day_category_status_bbox_and_text(api: Api) -> None:
    def types(**params: object) -> list[object]:
        return [i["type"] for i in _items(api.get("/api/v1/incidents", **params))]

    assert types(**{"from": "2021-03-05"}) == ["mine_explosion"]
    assert types(to="2021-03-05") == ["small_arms_fire"]
    assert types(category="explosive_ordnance") == ["mine_explosion"]
    assert types(status="confirmed") == []
    assert types(bbox="46.8,39.9,47.0,40.1") == ["small_arms_fire", "mine_explosion"]
    assert types(bbox="45.0,41.0,45.5,41.5") == []
    assert types(q="shepherd") == ["mine_explosion"]
    assert types(q="Aghdam") == ["small_arms_fire"]


def test_incident_pages_follow_the_next_cursor(api: Api) -> None:
    first = api.get("/api/v1/incidents", limit=1).json()
    second = api.get("/api/v1/incidents", limit=1, cursor=first["next"]).json()
    assert [first["items"][0]["type"], second["items"][0]["type"]] == [
        "small_arms_fire",
        "mine_explosion",
    ]
    assert second["next"] is None


def test_incidents_as_geojson_are_an_rfc7946_feature_collection(api: Api) -> None:
    response = api.get("/api/v1/incidents", format="geojson")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/geo+json"
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [46.93, 39.99]}  # lon, lat
    assert feature["properties"]["type"] == "small_arms_fire"


def test_sources_and_claims_list_filter_and_show(api: Api) -> None:
    sources = _items(api.get("/api/v1/sources"))
    assert [s["document_id"] for s in sources] == ["az-mod-0304", "media-0310"]
    assert "body" not in sources[0]
    assert [s["document_id"] for s in _items(api.get("/api/v1/sources", q="landmine"))] == [
        "media-0310"
    ]
    assert _items(api.get("/api/v1/sources", **{"from": "2021-03-05"}))[0]["published"].startswith(
        "2021-03-10"
    )
    one = api.get(f"/api/v1/sources/{sources[1]['id']}").json()
    assert "stepped on a mine" in one["body"] and len(one["claims"]) == 2
    claims = _items(api.get("/api/v1/claims", category="context"))
    assert [c["type"] for c in claims] == ["meeting"] and claims[0]["incident_id"] is None
    claim = api.get(f"/api/v1/claims/{claims[0]['id']}").json()
    assert claim["source_id"] == sources[1]["id"]


def test_places_are_found_by_either_partys_name(api: Api) -> None:
    by_armenian_usage = _items(api.get("/api/v1/places", q="Stepanakert"))
    by_azerbaijani_usage = _items(api.get("/api/v1/places", q="Khankendi"))
    assert by_armenian_usage and by_armenian_usage[0]["id"] == by_azerbaijani_usage[0]["id"]
    place = api.get(f"/api/v1/places/{by_armenian_usage[0]['id']}").json()
    assert 39.5 < place["lat"] < 40.2 and "Stepanakert" in place["aliases"]


def test_zones_are_the_zones_of_the_agreements(api: Api) -> None:
    zones = _items(api.get("/api/v1/zones"))
    assert zones and all(z["geometry"]["type"] in ("Polygon", "MultiPolygon") for z in zones)
    one = api.get(f"/api/v1/zones/{zones[0]['id']}").json()
    assert one["agreement"] == zones[0]["agreement"]


def test_hazards_list_by_box_and_status_and_show_their_history(
    api: Api, database: Database
) -> None:
    hazards.import_geojson(
        database,
        collection(feature("Aghdam north field", "suspected", AGHDAM_FIELD)),
        where="test",
        actor="ana",
    )
    [area] = _items(api.get("/api/v1/hazards", bbox="46.9,39.9,47.0,40.1", status="suspected"))
    assert area["geometry"]["type"] == "Polygon" and area["area_m2"] > 0
    assert _items(api.get("/api/v1/hazards", status="cleared")) == []
    assert _items(api.get("/api/v1/hazards", bbox="45,41,45.5,41.5")) == []
    shown = api.get(f"/api/v1/hazards/{area['id']}").json()
    assert shown["history"][0]["to"] == "suspected"


def test_errors_carry_code_message_and_field(api: Api) -> None:
    bad_box = api.get("/api/v1/incidents", bbox="47,40,46,39").json()["error"]
    assert (bad_box["code"], bad_box["field"]) == ("invalid_value", "bbox")
    too_many = api.get("/api/v1/incidents", limit=1001)
    assert too_many.status_code == 422 and too_many.json()["error"]["field"] == "limit"
    cursor = api.get("/api/v1/claims", cursor="nonsense").json()["error"]
    assert cursor["field"] == "cursor"
    missing = api.get("/api/v1/sources/999999")
    assert missing.status_code == 404
    assert missing.json()["error"] == {
        "code": "not_found",
        "type": "NotFound",
        "message": "no source 999999",
        "field": None,
    }


def test_reads_need_a_token_unless_public(api: Api) -> None:
    for url in ("/api/v1/incidents", "/api/v1/sources", "/api/v1/claims", "/api/v1/zones"):
        response = api.get(url, who=None)
        assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"


def test_every_error_status_a_route_returns_is_declared(api: Api) -> None:
    paths = api.client.get("/openapi.json").json()["paths"]
    assert {"401", "404", "422"} <= set(paths["/api/v1/sources/{source_id}"]["get"]["responses"])
    schema = paths["/api/v1/incidents"]["get"]["responses"]["422"]["content"]["application/json"]
    assert schema["schema"]["$ref"].endswith("/ErrorOut")


# --- public read ------------------------------------------------------------------------------


@pytest.fixture
def public(api: Api, database: Database) -> Iterator[tuple[Api, int]]:
    confirmed = make_incident(database, status="confirmed", summary="Confirmed shelling.")
    settings = settings_for(database, public_read=True)
    with TestClient(create_app(settings)) as client:
        yield Api(client, settings, api.tokens), confirmed


def test_public_read_lists_confirmed_incidents_only(public: tuple[Api, int]) -> None:
    api, confirmed = public
    anonymous = _items(api.get("/api/v1/incidents", who=None))
    assert [i["id"] for i in anonymous] == [confirmed]
    assert _items(api.get("/api/v1/incidents", who=None, status="reported")) == []
    assert len(_items(api.get("/api/v1/incidents", who="vic"))) == 3
    hidden = api.get("/api/v1/incidents/1", who=None)
    assert hidden.status_code == 404


def test_public_read_never_shows_internal_fields(public: tuple[Api, int]) -> None:
    api, confirmed = public
    view = api.get(f"/api/v1/incidents/{confirmed}", who=None).json()
    assert view["summary"] == "Confirmed shelling."
    assert not {"positions", "history", "created_at"} & set(view)
    full = api.get(f"/api/v1/incidents/{confirmed}", who="vic").json()
    assert {"positions", "history"} <= set(full)
    listed = api.client.get("/api/v1/incidents", params={"format": "geojson"}).text
    for internal in ("positions", "history", "decided_by", "recorded_by", "ana", "vic"):
        assert f'"{internal}"' not in listed


def test_public_read_still_needs_a_token_for_sources_and_claims(public: tuple[Api, int]) -> None:
    api, _ = public
    assert api.get("/api/v1/sources", who=None).status_code == 401
    assert api.get("/api/v1/claims", who=None).status_code == 401
    assert api.get("/api/v1/places", who=None, q="Shusha").status_code == 200
