"""Read-only resources under /api/v1: sources, claims, incidents, places, zones, hazards.

Lists answer `{"items": [...], "next": cursor}`; pass `cursor=NEXT` for the following page.
With public read on, anonymous callers see confirmed incidents, places, zones and the
hazard register, never internal fields; sources and claims need a token.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel

from ceasefire.api.auth import CurrentUser, DatabaseDep, Reader
from ceasefire.api.errors import declared
from ceasefire.api.reads import ReadsDep
from ceasefire.api.schemas import MAX_ID, RecordId
from ceasefire.domain.mine_action import HazardStatus
from ceasefire.domain.taxonomy import Category, IncidentStatus, SourceKind
from ceasefire.domain.values import BBox, DayRange
from ceasefire.errors import NotFound
from ceasefire.services import catalogue, hazards, incident_map, incidents, verification
from ceasefire.services.paging import MAX_LIMIT, Page
from ceasefire.services.users import User

router = APIRouter(prefix="/api/v1")

GEOJSON = "application/geo+json"
_READ_ERRORS = declared(401, 422)
_ITEM_ERRORS = declared(401, 404, 422)


class PageOut(BaseModel):
    """One page of a list; `next` is the cursor of the following page, null on the last."""

    items: list[dict[str, Any]]
    next: str | None


_FEATURE_COLLECTION: dict[str, Any] = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": {"type": "object"}},
        "next": {"type": ["string", "null"]},
    },
}


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int
    cursor: str | None


async def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    cursor: Annotated[
        str | None, Query(max_length=200, description="`next` of the last page")
    ] = None,
) -> Paging:
    return Paging(limit, cursor)


async def days(
    start: Annotated[
        date | None, Query(alias="from", description="First day (YYYY-MM-DD), inclusive")
    ] = None,
    end: Annotated[date | None, Query(alias="to", description="Last day, inclusive")] = None,
) -> DayRange:
    return DayRange(start, end)


async def box(
    bbox: Annotated[
        str | None,
        Query(description="W,S,E,N in degrees (lon/lat)", examples=["46.5,39.5,47.5,40.2"]),
    ] = None,
) -> BBox | None:
    return BBox.parse(bbox) if bbox is not None else None


async def words(
    q: Annotated[
        str | None, Query(max_length=200, description="Words in a source's headline or text")
    ] = None,
) -> str | None:
    return q if q is not None and any(c.isalnum() for c in q) else None


# The parameter dependencies (and `incident_filter`) are `async` only so that FastAPI calls
# them in the event loop: a plain `def` costs a worker-thread hop each, on every request
# (benchmarks/api.py).
Pages = Annotated[Paging, Depends(paging)]
Days = Annotated[DayRange, Depends(days)]
Box = Annotated[BBox | None, Depends(box)]
Words = Annotated[str | None, Depends(words)]


def _paged(page: Page) -> PageOut:
    return PageOut(items=page.items, next=page.next)


# --- incidents --------------------------------------------------------------------------------


async def incident_filter(
    when: Days,
    where_box: Box,
    q: Words,
    category: Category | None = None,
    status: IncidentStatus | None = None,
    district: Annotated[
        int | None,
        Query(ge=1, le=MAX_ID, description="Gazetteer id of a rayon or marz (`/map` lists them)"),
    ] = None,
    claimant: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=100,
            description="Words in a claimant's name, any case: a side (`azerbaijan`, "
            "`armenia`, `karabakh`) or an institution",
        ),
    ] = None,
) -> incidents.IncidentFilter:
    return incidents.IncidentFilter(
        start=when.start,
        end=when.end,
        bbox=where_box,
        category=category,
        status=status,
        text=q,
        district=district,
        claimant=claimant,
    )


IncidentWhere = Annotated[incidents.IncidentFilter, Depends(incident_filter)]


def _visible(user: User | None, where: incidents.IncidentFilter) -> incidents.IncidentFilter | None:
    """What a caller may see of `where`: anonymous reads (public read switched on) see
    confirmed incidents only, so asking them for another status finds nothing (None)."""
    if user is not None:
        return where
    if where.status not in (None, IncidentStatus.CONFIRMED):
        return None
    return replace(where, status=IncidentStatus.CONFIRMED)


@router.get(
    "/incidents",
    tags=["incidents"],
    response_model=PageOut,
    responses={
        **_READ_ERRORS,
        200: {"content": {GEOJSON: {"schema": _FEATURE_COLLECTION}}},
    },
)
async def list_incidents(
    db: DatabaseDep,
    reads: ReadsDep,
    user: Reader,
    pages: Pages,
    where: IncidentWhere,
    format: Literal["json", "geojson"] = "json",
) -> Response:
    """Incidents by start date then id; `format=geojson` gives an RFC 7946 FeatureCollection.

    Anonymous reads (public read switched on) list confirmed incidents only.
    """
    visible = _visible(user, where)

    def body() -> bytes:
        page = Page([], None)
        if visible is not None:
            with db.connect() as conn:
                page = incidents.list_incidents(
                    conn, visible, limit=pages.limit, cursor=pages.cursor, raw_json=True
                )
        if user is None:
            page = Page([incidents.public_view(item) for item in page.items], page.next)
        if format == "geojson":
            return orjson.dumps(incidents.to_geojson(page))
        # Straight to bytes: validating and encoding 1,000 items through PageOut and the
        # stdlib encoder cost more than the query (benchmarks/api.py); the shape is the same.
        return orjson.dumps(page.to_json())

    media_type = GEOJSON if format == "geojson" else "application/json"
    return Response(await reads.run(body), media_type=media_type)


class DayOut(BaseModel):
    day: date
    count: int
    by_category: dict[str, int]


@router.get(
    "/incidents/per-day",
    tags=["incidents"],
    response_model=list[DayOut],
    responses=_READ_ERRORS,
)
def incidents_per_day(db: DatabaseDep, user: Reader, where: IncidentWhere) -> Response:
    """How many incidents start on each day (and of each category), under the filters of
    `/incidents`; days without any are left out. The map's timeline draws this."""
    visible = _visible(user, where)
    days: list[dict[str, Any]] = []
    if visible is not None:
        with db.connect() as conn:
            days = incident_map.per_day(conn, visible)
    return Response(orjson.dumps(days), media_type="application/json")


class PointsOut(BaseModel):
    """`items` are rows of the columns `fields` names: id, lon, lat, category, status, day."""

    fields: list[str]
    items: list[list[int | float | str]]
    next: str | None


@router.get(
    "/incidents/points",
    tags=["incidents"],
    response_model=PointsOut,
    responses=_READ_ERRORS,
)
def incident_points(
    db: DatabaseDep,
    user: Reader,
    where: IncidentWhere,
    limit: Annotated[int, Query(ge=1, le=incident_map.MAX_POINTS)] = 10_000,
    cursor: Annotated[
        str | None, Query(max_length=200, description="`next` of the last page")
    ] = None,
) -> Response:
    """The placed incidents under the filters of `/incidents` as compact rows by id, for
    maps: `{"fields": [...], "items": [[id, lon, lat, category, status, day]...], "next"}`."""
    visible = _visible(user, where)
    found = incident_map.Points([], None)
    if visible is not None:
        with db.connect() as conn:
            found = incident_map.points(conn, visible, limit=limit, cursor=cursor)
    return Response(orjson.dumps(found.to_json()), media_type="application/json")


@router.get("/incidents/{incident_id}", tags=["incidents"], responses=_ITEM_ERRORS)
def get_incident(incident_id: RecordId, db: DatabaseDep, user: Reader) -> dict[str, Any]:
    """One incident (contract JSON) with `status`, `version` and the delegations' `positions`.

    Anonymous reads (public read switched on) see confirmed incidents only, without the
    positions, the history and who decided each link.
    """
    view = verification.incident_view(db, incident_id)
    if user is None:
        if view["status"] != IncidentStatus.CONFIRMED:
            raise NotFound(f"no incident {incident_id}")
        return incidents.public_view(view)
    return view


# --- sources and claims (token needed) --------------------------------------------------------


@router.get("/sources", tags=["sources"], responses=_READ_ERRORS)
def list_sources(
    db: DatabaseDep,
    _user: CurrentUser,
    pages: Pages,
    when: Days,
    q: Words,
    kind: SourceKind | None = None,
) -> PageOut:
    """Received documents by id, without their text; `from`/`to`: days published (or received)."""
    where = catalogue.SourceFilter(start=when.start, end=when.end, kind=kind, text=q)
    return _paged(catalogue.list_sources(db, where, limit=pages.limit, cursor=pages.cursor))


@router.get("/sources/{source_id}", tags=["sources"], responses=_ITEM_ERRORS)
def get_source(source_id: RecordId, db: DatabaseDep, _user: CurrentUser) -> dict[str, Any]:
    """One source with its text and the ids of the claims taken from it."""
    return catalogue.show_source(db, source_id)


@router.get("/claims", tags=["claims"], responses=_READ_ERRORS)
def list_claims(
    db: DatabaseDep,
    _user: CurrentUser,
    pages: Pages,
    when: Days,
    where_box: Box,
    q: Words,
    category: Category | None = None,
    incident: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> PageOut:
    """Claims by id, in the `extract` shape plus `source_id`, `incident_id` and `credibility`."""
    where = catalogue.ClaimFilter(
        start=when.start,
        end=when.end,
        bbox=where_box,
        category=category,
        incident_id=incident,
        text=q,
    )
    return _paged(catalogue.list_claims(db, where, limit=pages.limit, cursor=pages.cursor))


@router.get("/claims/{claim_id}", tags=["claims"], responses=_ITEM_ERRORS)
def get_claim(claim_id: RecordId, db: DatabaseDep, _user: CurrentUser) -> dict[str, Any]:
    return catalogue.show_claim(db, claim_id)


def _features(page: Page) -> dict[str, Any]:
    """Items with a `geometry` as an RFC 7946 FeatureCollection; the rest are properties."""
    features = [
        {
            "type": "Feature",
            "id": item["id"],
            "geometry": item["geometry"],
            "properties": {k: v for k, v in item.items() if k != "geometry"},
        }
        for item in page.items
    ]
    return {"type": "FeatureCollection", "features": features, "next": page.next}


# --- gazetteer, zones, hazardous areas --------------------------------------------------------


@router.get("/places", tags=["places"], responses=_READ_ERRORS)
def search_places(
    _user: Reader,
    pages: Pages,
    where_box: Box,
    q: Annotated[str | None, Query(max_length=200, description="A place name")] = None,
    min_population: Annotated[
        int | None,
        Query(ge=0, description="Populated places (towns, villages) of at least this many"),
    ] = None,
) -> PageOut:
    """Gazetteer places by GeoNames id; `q` is a name in any script or either party's usage."""
    return _paged(
        catalogue.search_places(
            name=q,
            bbox=where_box,
            min_population=min_population,
            limit=pages.limit,
            cursor=pages.cursor,
        )
    )


@router.get("/places/{place_id}", tags=["places"], responses=_ITEM_ERRORS)
def get_place(place_id: RecordId, _user: Reader) -> dict[str, Any]:
    return catalogue.show_place(place_id)


@router.get(
    "/zones",
    tags=["zones"],
    response_model=PageOut,
    responses={**declared(401, 422), 200: {"content": {GEOJSON: {"schema": _FEATURE_COLLECTION}}}},
)
def list_zones(
    db: DatabaseDep, _user: Reader, format: Literal["json", "geojson"] = "json"
) -> PageOut | Response:
    """The zones of the agreements being monitored (GeoJSON geometry, lon/lat);
    `format=geojson` gives them as an RFC 7946 FeatureCollection."""
    page = catalogue.list_zones(db)
    if format == "geojson":
        return Response(orjson.dumps(_features(page)), media_type=GEOJSON)
    return _paged(page)


@router.get("/zones/{zone_id}", tags=["zones"], responses=declared(401, 404))
def get_zone(
    zone_id: Annotated[str, Path(max_length=200)], db: DatabaseDep, _user: Reader
) -> dict[str, Any]:
    return catalogue.show_zone(db, zone_id)


@router.get(
    "/hazards",
    tags=["mine action"],
    response_model=PageOut,
    responses={**_READ_ERRORS, 200: {"content": {GEOJSON: {"schema": _FEATURE_COLLECTION}}}},
)
def list_hazards(
    db: DatabaseDep,
    user: Reader,
    pages: Pages,
    where_box: Box,
    status: HazardStatus | None = None,
    format: Literal["json", "geojson"] = "json",
) -> PageOut | Response:
    """Hazardous areas in the register (accepted), by id, with their GeoJSON geometry;
    `format=geojson` gives a page as an RFC 7946 FeatureCollection (with `next`)."""
    page = hazards.area_page(
        db, status=status, bbox=where_box, limit=pages.limit, cursor=pages.cursor
    )
    if user is None:
        page = Page([hazards.public_view(item) for item in page.items], page.next)
    if format == "geojson":
        collection = {**hazards.to_geojson(page.items), "next": page.next}
        return Response(orjson.dumps(collection), media_type=GEOJSON)
    return _paged(page)


@router.get("/hazards/{area_id}", tags=["mine action"], responses=_ITEM_ERRORS)
def get_hazard(area_id: RecordId, db: DatabaseDep, user: Reader) -> dict[str, Any]:
    """One area with its status history, land release and linked incidents."""
    area = hazards.show_area(db, area_id)
    if user is None:
        if area["review"] != "accepted":
            raise NotFound(f"no hazardous area {area_id}")
        return hazards.public_view(area)
    return area
