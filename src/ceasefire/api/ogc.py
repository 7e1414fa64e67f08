"""OGC API – Features, Part 1 (Core + GeoJSON), read-only, under /ogc.

Two collections: `incidents` (points, with each incident's time window as its temporal
extent) and `hazards` (the hazardous-area register, polygons). Items take `bbox` (CRS84),
`datetime` (an RFC 3339 instant or interval, `..` open) and `limit`; pages link `next` and
`prev` by `offset`. Anonymous callers (public read on) see confirmed incidents only; GIS
clients send the API's bearer token in an `Authorization` header (GDAL: GDAL_HTTP_HEADERS).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlencode

import orjson
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from ceasefire import __version__
from ceasefire.api.auth import DatabaseDep, Reader
from ceasefire.api.errors import declared, error_response
from ceasefire.api.schemas import RecordId
from ceasefire.domain.taxonomy import IncidentStatus
from ceasefire.domain.values import BBox, DayRange
from ceasefire.errors import InvalidValue, NotFound
from ceasefire.services import hazards, incidents
from ceasefire.services.paging import MAX_LIMIT
from ceasefire.services.users import User
from ceasefire.storage.sql import Database

router = APIRouter(prefix="/ogc", tags=["OGC API - Features"])

JSON = "application/json"
GEOJSON = "application/geo+json"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
_CONF = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/"
CONFORMANCE = [f"{_CONF}core", f"{_CONF}geojson", f"{_CONF}oas30"]
DEFAULT_LIMIT = 100
#: Query parameters items accept; any other is a 400 (OGC /req/core/query-param-unknown).
_ITEM_PARAMETERS = frozenset({"bbox", "datetime", "limit", "offset", "f"})
_WHOLE_WORLD = [-180.0, -90.0, 180.0, 90.0]
_GREGORIAN = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"

_COLLECTIONS: dict[str, dict[str, Any]] = {
    "incidents": {
        "title": "Incidents",
        "description": "The centre's incidents: points (WGS84 lon/lat), each with its time "
        "window (time_start..time_end), category, type, status and casualty estimates.",
        "itemType": "feature",
    },
    "hazards": {
        "title": "Hazardous areas",
        "description": "The mine-action register (IMSMA Land): polygons with status, "
        "evidence and estimated and remaining area in square metres.",
        "itemType": "feature",
    },
}

_OBJECT = {"type": "object"}
_JSON_OBJECT: dict[int | str, dict[str, Any]] = {200: {"content": {JSON: {"schema": _OBJECT}}}}
_GEOJSON_OBJECT: dict[int | str, dict[str, Any]] = {
    200: {"content": {GEOJSON: {"schema": _OBJECT}}}
}
CollectionId = Annotated[str, Path(max_length=100, description="incidents or hazards")]


def _json(body: Any, media_type: str = JSON) -> Response:
    return Response(orjson.dumps(body), media_type=media_type)


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/") + "/ogc"


def _link(href: str, rel: str, media_type: str, title: str) -> dict[str, str]:
    return {"href": href, "rel": rel, "type": media_type, "title": title}


@router.get("", response_class=Response, responses={**_JSON_OBJECT, **declared(401)})
def landing_page(request: Request, _user: Reader) -> Response:
    """The landing page: links to the API definition, conformance and the collections."""
    base = _base(request)
    root = str(request.base_url).rstrip("/")
    return _json(
        {
            "title": "ceasefire monitoring centre",
            "description": f"OGC API - Features (read-only), ceasefire {__version__}",
            "links": [
                _link(base, "self", JSON, "This document"),
                _link(
                    f"{root}/openapi.json",
                    "service-desc",
                    "application/vnd.oai.openapi+json;version=3.0",
                    "The API definition",
                ),
                _link(f"{root}/docs", "service-doc", "text/html", "The API documentation"),
                _link(f"{base}/conformance", "conformance", JSON, "Conformance classes"),
                _link(f"{base}/collections", "data", JSON, "The collections"),
            ],
        }
    )


@router.get("/conformance", response_class=Response, responses={**_JSON_OBJECT, **declared(401)})
def conformance(_user: Reader) -> Response:
    """The conformance classes implemented: Part 1 Core, GeoJSON and OpenAPI 3.0."""
    return _json({"conformsTo": CONFORMANCE})


def _known(name: str) -> str:
    if name not in _COLLECTIONS:
        raise NotFound(f"no collection {name!r}: use {' or '.join(_COLLECTIONS)}")
    return name


def _extent(db: Database, user: User | None, name: str) -> dict[str, Any]:
    """The collection's spatial (CRS84) and temporal extent, of what this caller may see."""
    days: list[str | None] = [None, None]
    if name == "incidents":
        status = IncidentStatus.CONFIRMED if user is None else None
        with db.connect() as conn:
            box, first, last = incidents.extent(conn, status)
        days = [None if d is None else f"{d.isoformat()}T00:00:00Z" for d in (first, last)]
    else:
        box = hazards.extent(db)
    return {
        "spatial": {"bbox": [list(box) if box else _WHOLE_WORLD], "crs": CRS84},
        "temporal": {"interval": [days], "trs": _GREGORIAN},
    }


def _collection(request: Request, db: Database, user: User | None, name: str) -> dict[str, Any]:
    base = f"{_base(request)}/collections/{name}"
    title = _COLLECTIONS[name]["title"]
    return {
        "id": name,
        **_COLLECTIONS[name],
        "extent": _extent(db, user, name),
        "crs": [CRS84],
        "links": [
            _link(base, "self", JSON, title),
            _link(f"{base}/items", "items", GEOJSON, f"{title} (GeoJSON)"),
        ],
    }


@router.get("/collections", response_class=Response, responses={**_JSON_OBJECT, **declared(401)})
def collections(request: Request, db: DatabaseDep, user: Reader) -> Response:
    """The collections: incidents and hazardous areas."""
    base = _base(request)
    return _json(
        {
            "links": [_link(f"{base}/collections", "self", JSON, "The collections")],
            "collections": [_collection(request, db, user, name) for name in _COLLECTIONS],
        }
    )


@router.get(
    "/collections/{collection_id}",
    response_class=Response,
    responses={**_JSON_OBJECT, **declared(401, 404)},
)
def collection(
    collection_id: CollectionId, request: Request, db: DatabaseDep, user: Reader
) -> Response:
    """One collection's description, extent and links."""
    return _json(_collection(request, db, user, _known(collection_id)))


# --- features ---------------------------------------------------------------------------------


def _incident_feature(item: dict[str, Any]) -> dict[str, Any]:
    """A flat Feature (GIS tools read flat properties best): the CSV export's columns."""
    [row] = incidents.csv_rows([item])
    properties = {k: v for k, v in row.items() if k not in ("id", "lat", "lon", "claims")}
    properties["agreement"] = item.get("agreement")
    feature = incidents.geojson_feature(item)
    return {**feature, "properties": properties}


def _hazard_feature(item: dict[str, Any]) -> dict[str, Any]:
    properties = {
        k: v for k, v in hazards.public_view(item).items() if k not in ("geometry", "bbox", "id")
    }
    properties["incidents"] = ",".join(str(i) for i in item["incidents"])
    return {
        "type": "Feature",
        "id": item["id"],
        "geometry": item["geometry"],
        "bbox": item["bbox"],
        "properties": properties,
    }


def _incident_page(
    db: Database, user: User | None, box: BBox | None, days: DayRange, limit: int, offset: int
) -> tuple[list[dict[str, Any]], bool]:
    where = incidents.IncidentFilter(
        start=days.start,
        end=days.end,
        bbox=box,
        status=IncidentStatus.CONFIRMED if user is None else None,
    )
    with db.connect() as conn:
        items, more = incidents.offset_page(conn, where, limit=limit, offset=offset)
    return [_incident_feature(item) for item in items], more


def _hazard_page(
    db: Database, _user: User | None, box: BBox | None, _days: DayRange, limit: int, offset: int
) -> tuple[list[dict[str, Any]], bool]:
    # Hazardous areas have no time of their own: `datetime` does not narrow them.
    page = hazards.area_page(db, bbox=box, limit=limit, offset=offset)
    return [_hazard_feature(item) for item in page.items], page.next is not None


_PAGES: dict[
    str,
    Callable[
        [Database, User | None, BBox | None, DayRange, int, int],
        tuple[list[dict[str, Any]], bool],
    ],
] = {"incidents": _incident_page, "hazards": _hazard_page}


def _whole_number(text: str | None, field: str, default: int, low: int) -> int:
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        raise InvalidValue(field, f"expected a whole number, got {text!r}") from None
    if value < low:
        raise InvalidValue(field, f"must be {low} or more, got {value}")
    return value


@router.get(
    "/collections/{collection_id}/items",
    response_class=Response,
    responses={**_GEOJSON_OBJECT, **declared(400, 401, 404, _400="Unknown or invalid parameter")},
)
def items(
    collection_id: CollectionId,
    request: Request,
    db: DatabaseDep,
    user: Reader,
    bbox: Annotated[str | None, Query(description="minLon,minLat,maxLon,maxLat (CRS84)")] = None,
    datetime_: Annotated[
        str | None,
        Query(
            alias="datetime",
            description="An instant or interval: 2021-03-04, 2021-03-01/2021-03-31, 2021-03-01/..",
        ),
    ] = None,
    limit: Annotated[
        str | None, Query(description=f"1..{MAX_LIMIT}, default {DEFAULT_LIMIT}")
    ] = None,
    offset: Annotated[
        str | None, Query(description="Features to skip (paging links set it)")
    ] = None,
    f: Annotated[str | None, Query(description="Ignored: items are GeoJSON")] = None,
) -> Response:
    """Features of a collection as a GeoJSON FeatureCollection, with next/prev links."""
    unknown = sorted(set(request.query_params) - _ITEM_PARAMETERS)
    if unknown:
        return error_response(400, "InvalidValue", f"unknown parameter {unknown[0]!r}", unknown[0])
    try:
        box = BBox.parse(bbox) if bbox is not None else None
        days = DayRange.parse_interval(datetime_) if datetime_ is not None else DayRange()
        size = min(_whole_number(limit, "limit", DEFAULT_LIMIT, 1), MAX_LIMIT)
        skip = _whole_number(offset, "offset", 0, 0)
    except InvalidValue as exc:  # OGC wants 400 for a bad parameter (/req/core/query-param-invalid)
        return error_response(400, "InvalidValue", str(exc), exc.field)
    features, more = _PAGES[_known(collection_id)](db, user, box, days, size, skip)
    here = f"{_base(request)}/collections/{collection_id}/items"
    kept = {k: v for k, v in request.query_params.items() if k not in ("offset", "limit", "f")}

    def page_url(start: int) -> str:
        return f"{here}?{urlencode({**kept, 'limit': size, 'offset': start})}"

    links = [_link(page_url(skip), "self", GEOJSON, "This page")]
    if more:
        links.append(_link(page_url(skip + size), "next", GEOJSON, "Next page"))
    if skip > 0:
        links.append(_link(page_url(max(skip - size, 0)), "prev", GEOJSON, "Previous page"))
    body = {
        "type": "FeatureCollection",
        "features": features,
        "timeStamp": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "numberReturned": len(features),
        "links": links,
    }
    return _json(body, GEOJSON)


@router.get(
    "/collections/{collection_id}/items/{feature_id}",
    response_class=Response,
    responses={**_GEOJSON_OBJECT, **declared(401, 404, 422)},
)
def item(
    collection_id: CollectionId,
    feature_id: RecordId,
    request: Request,
    db: DatabaseDep,
    user: Reader,
) -> Response:
    """One feature of a collection."""
    if _known(collection_id) == "incidents":
        with db.connect() as conn:
            found = incidents.incident_json(conn, feature_id)
        if found.get("merged_into") is not None or (
            user is None and found["status"] != IncidentStatus.CONFIRMED
        ):
            raise NotFound(f"no incident {feature_id}")
        feature = _incident_feature(found)
    else:
        area = hazards.show_area(db, feature_id)
        if area["review"] != "accepted":
            raise NotFound(f"no hazardous area {feature_id}")
        feature = _hazard_feature(area)
    base = f"{_base(request)}/collections/{collection_id}"
    feature["links"] = [
        _link(f"{base}/items/{feature_id}", "self", GEOJSON, "This feature"),
        _link(base, "collection", JSON, _COLLECTIONS[collection_id]["title"]),
    ]
    return _json(feature, GEOJSON)
