"""Reading what the centre holds, a page at a time: sources, claims, gazetteer places, zones.

Every list is `Page(items, next)` ordered by id, `next` being an opaque cursor (the last id
shown) or None on the last page. Incidents have their own pages (services/incidents.py),
hazardous areas theirs (services/hazards.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.engine import RowMapping

from ceasefire.domain.model import Place
from ceasefire.domain.values import BBox
from ceasefire.errors import NotFound
from ceasefire.gazetteer import Gazetteer
from ceasefire.services import agreements
from ceasefire.services.incidents import claim_json
from ceasefire.services.paging import Page, check_limit, decode_after, page_by_id
from ceasefire.storage.schema import claims, sources
from ceasefire.storage.spatial import text_search_clause
from ceasefire.storage.sql import Database


def _moment(day: date, end: bool) -> datetime:
    return datetime.combine(day, time.max if end else time.min, tzinfo=UTC)


# --- sources ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceFilter:
    """`start`/`end`: published (or, unpublished, received) within those days; `text`: words."""

    start: date | None = None
    end: date | None = None
    kind: str | None = None
    text: str | None = None


_SOURCE_COLUMNS = tuple(c for c in sources.c if c.name not in ("raw", "body"))


def source_item(row: RowMapping, *, with_body: bool = False) -> dict[str, Any]:
    """A stored source as JSON: identity, provenance, reliability (the body on request)."""

    def when(value: datetime | None) -> str | None:
        return None if value is None else value.isoformat()

    item = {
        "id": row["id"],
        "sha256": row["sha256"],
        "kind": row["kind"],
        "format": row["format"],
        "document_id": row["document_id"],
        "headline": row["headline"],
        "published": when(row["published"]),
        "modified": when(row["modified"]),
        "section": row["section"],
        "agency": row["agency"],
        "publisher": row["publisher"],
        "author": row["author"],
        "url": row["url"],
        "language": row["language"],
        "reliability": row["reliability"],
        "received_at": when(row["received_at"]),
    }
    if with_body:
        item["body"] = row["body"]
        item["related_headlines"] = list(row["related_headlines"] or [])
    return item


def list_sources(
    database: Database, where: SourceFilter, *, limit: int = 100, cursor: str | None = None
) -> Page:
    """Sources by id (oldest first), filtered; `text` searches headline and body (indexed)."""
    check_limit(limit)
    after = decode_after(cursor)
    query = select(*_SOURCE_COLUMNS)
    if after is not None:
        query = query.where(sources.c.id > after)
    if where.kind:
        query = query.where(sources.c.kind == where.kind)
    dated = func.coalesce(sources.c.published, sources.c.received_at)
    if where.start:
        query = query.where(dated >= _moment(where.start, end=False))
    if where.end:
        query = query.where(dated <= _moment(where.end, end=True))
    with database.connect() as conn:
        if where.text:
            query = query.where(text_search_clause(conn.dialect.name, where.text))
        rows = conn.execute(query.order_by(sources.c.id).limit(limit + 1)).mappings().all()
    return page_by_id([source_item(r) for r in rows], limit)


def show_source(database: Database, source_id: int) -> dict[str, Any]:
    """One source with its body and the ids of the claims taken from it."""
    with database.connect() as conn:
        row = conn.execute(select(sources).where(sources.c.id == source_id)).mappings().first()
        if row is None:
            raise NotFound(f"no source {source_id}")
        taken = conn.execute(
            select(claims.c.id).where(claims.c.source_id == source_id).order_by(claims.c.id)
        ).scalars()
        item = source_item(row, with_body=True)
        item["claims"] = [int(i) for i in taken]
    return item


# --- claims -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """`start`/`end`: claims whose window reaches into [start, end]; `text`: source words."""

    start: date | None = None
    end: date | None = None
    bbox: BBox | None = None
    category: str | None = None
    incident_id: int | None = None
    text: str | None = None


def _claims_query(conn: Connection, where: ClaimFilter) -> Any:
    query = select(claims, sources.c.document_id).join(sources, sources.c.id == claims.c.source_id)
    if where.start:
        query = query.where(claims.c.time_end >= where.start)
    if where.end:
        query = query.where(claims.c.time_start <= where.end)
    if where.category:
        query = query.where(claims.c.category == where.category)
    if where.incident_id is not None:
        query = query.where(claims.c.incident_id == where.incident_id)
    if where.bbox:
        w, s, e, n = where.bbox
        query = query.where(claims.c.lon.between(w, e), claims.c.lat.between(s, n))
    if where.text:
        query = query.where(text_search_clause(conn.dialect.name, where.text))
    return query


def claim_item(row: RowMapping) -> dict[str, Any]:
    item = claim_json(row)
    item["source_id"] = int(row["source_id"])
    item["incident_id"] = row["incident_id"]
    item["credibility"] = row["credibility"]
    return item


def list_claims(
    database: Database, where: ClaimFilter, *, limit: int = 100, cursor: str | None = None
) -> Page:
    """Claims by id, each in the `extract` shape plus its source, incident and credibility."""
    check_limit(limit)
    after = decode_after(cursor)
    with database.connect() as conn:
        query = _claims_query(conn, where)
        if after is not None:
            query = query.where(claims.c.id > after)
        rows = conn.execute(query.order_by(claims.c.id).limit(limit + 1)).mappings().all()
    return page_by_id([claim_item(r) for r in rows], limit)


def show_claim(database: Database, claim_id: int) -> dict[str, Any]:
    with database.connect() as conn:
        query = _claims_query(conn, ClaimFilter()).where(claims.c.id == claim_id)
        row = conn.execute(query).mappings().first()
    if row is None:
        raise NotFound(f"no claim {claim_id}")
    return claim_item(row)


# --- gazetteer places -------------------------------------------------------------------------


def place_item(place: Place) -> dict[str, Any]:
    return {
        "id": place.geonameid,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "precision": place.precision().value,
        "feature_class": place.feature_class,
        "feature_code": place.feature_code,
        "country": place.country,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "population": place.population,
        "aliases": list(place.aliases),
    }


def search_places(
    *,
    name: str | None = None,
    bbox: BBox | None = None,
    min_population: int | None = None,
    limit: int = 100,
    cursor: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> Page:
    """Gazetteer places known by `name` (any script, either party's usage) or all, by id;
    with `min_population`, only populated places (class P) at least that large."""
    check_limit(limit)
    after = decode_after(cursor)
    found: Iterable[Place]
    places = gazetteer or Gazetteer.bundled()
    if name is not None and name.strip():
        found = sorted(places.lookup(name.strip()), key=lambda p: p.geonameid)
    else:
        found = places
    chosen: list[dict[str, Any]] = []
    for place in found:
        if after is not None and place.geonameid <= after:
            continue
        if min_population is not None and (
            place.feature_class != "P" or place.population < min_population
        ):
            continue
        if bbox and not (
            bbox.west <= place.lon <= bbox.east and bbox.south <= place.lat <= bbox.north
        ):
            continue
        chosen.append(place_item(place))
        if len(chosen) > limit:
            break
    return page_by_id(chosen, limit)


def show_place(geonameid: int, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    return place_item((gazetteer or Gazetteer.bundled()).get(geonameid))


# --- zones ------------------------------------------------------------------------------------


def _zones(database: Database) -> Sequence[dict[str, Any]]:
    return [
        {
            "id": agreement.id,
            "name": f"Zone of the {agreement.name}",
            "agreement": agreement.id,
            "kind": "agreement_zone",
            "geometry": dict(agreement.zone),
        }
        for agreement in agreements.list_agreements(database)
        if agreement.zone is not None
    ]


def list_zones(database: Database) -> Page:
    """The zones known: those of the agreements being monitored (where each one applies)."""
    return Page(list(_zones(database)), None)


def show_zone(database: Database, zone_id: str) -> dict[str, Any]:
    for zone in _zones(database):
        if zone["id"] == zone_id:
            return zone
    raise NotFound(f"no zone {zone_id!r}")
