"""Incidents for people and programs: filtered keyset pages, one incident in full, exports.

Shapes (DESIGN.md): an incident item has `id`, `category`, `type`, `status`, `time`, `place`,
`casualties`, `claimants`, `perpetrators`, `disputed_attribution`, `third_party_reported`,
`summary`, `version`, `agreement` and `claims` (each in the `extract` claim shape plus `id`
and `document_id`). An incident's `agreement` is the stored agreement in force at its
estimated time and place, kept in its row as the estimates and the agreements change
(services/agreements.py). Analyst operations (merge, split, link, suggestions) are in
`incident_edits`.
"""

from __future__ import annotations

import base64
import binascii
import csv
import functools
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

import orjson
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Date,
    Integer,
    Select,
    String,
    Text,
    bindparam,
    cast,
    func,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.engine import Row, RowMapping

from ceasefire.domain.estimates import MONTH_DAYS
from ceasefire.domain.taxonomy import Category, TimePrecision
from ceasefire.domain.values import BBox
from ceasefire.errors import InvalidValue, NotFound
from ceasefire.services import accidents, incident_filters
from ceasefire.services.paging import Page
from ceasefire.storage.schema import (
    claims,
    incident_history,
    incidents,
    link_decisions,
    sources,
)
from ceasefire.storage.spatial import extent_shape, extent_values, text_search_clause
from ceasefire.storage.sql import among, ids_value

#: Rows per internal page when a caller asks for every match (no limit).
_BATCH = 1000
MAX_LIMIT = 10_000


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """`start`/`end`: incidents whose window reaches into [start, end]; all others exact."""

    start: date | None = None
    end: date | None = None
    bbox: BBox | None = None
    category: str | None = None
    status: str | None = None
    text: str | None = None  # words in the headline or body of one of its claims' sources
    district: int | None = None  # gazetteer id of a rayon or marz (services/incident_filters)
    claimant: str | None = None  # words in one of its claimants' names ("azerbaijan")


def list_incidents(
    conn: Connection,
    where: IncidentFilter | None = None,
    *,
    limit: int | None = None,
    cursor: str | None = None,
    with_claims: bool = True,
    raw_json: bool = False,
) -> Page:
    """One page of incidents ordered by start date then id; without `limit`, every match.

    With `raw_json`, an item's casualties, claimants and perpetrators are their stored JSON
    text as `orjson.Fragment`s: for callers that only encode the page with orjson (the API).
    """
    where = where or IncidentFilter()
    json_value = orjson.Fragment if raw_json else orjson.loads
    if limit is not None and not 1 <= limit <= MAX_LIMIT:
        raise InvalidValue("limit", f"must be 1..{MAX_LIMIT}, got {limit}")
    after = decode_cursor(cursor) if cursor else None
    if limit is None:
        items: list[dict[str, Any]] = []
        while True:
            rows = _page_rows(conn, where, _BATCH, after)
            items.extend(_items(conn, rows, with_claims, json_value))
            if len(rows) < _BATCH:
                return Page(items, None)
            after = (rows[-1].time_start, rows[-1].id)
    rows = _page_rows(conn, where, limit + 1, after)
    more = len(rows) > limit
    rows = rows[:limit]
    following = encode_cursor(rows[-1].time_start, rows[-1].id) if more else None
    return Page(_items(conn, rows, with_claims, json_value), following)


class _PageShape(NamedTuple):
    """What the statement of a page depends on: which filters are set (their values are bound
    by name, `_page_values`) and the filters no index serves (whose values it holds)."""

    dialect: str
    after: bool
    bbox: bool
    start: bool
    end: bool
    category: bool
    unindexed: IncidentFilter  # status, text, district and claimant only


def _page_rows(
    conn: Connection, where: IncidentFilter, limit: int, after: tuple[date, int] | None
) -> list[Row[Any]]:
    shape = _PageShape(
        conn.dialect.name,
        after=after is not None,
        bbox=where.bbox is not None,
        start=where.start is not None,
        end=where.end is not None,
        category=bool(where.category),
        unindexed=IncidentFilter(
            status=where.status, text=where.text, district=where.district, claimant=where.claimant
        ),
    )
    values: dict[str, Any] = {"limit": limit}
    if after is not None:
        values["after_day"], values["after_id"] = after
    if shape.bbox:
        values |= extent_values(
            where.bbox, start=where.start, end=where.end, category=where.category
        )
    else:
        if shape.category:
            values["category"] = where.category
        if where.end is not None:
            values["end"] = where.end
        if where.start is not None:
            values["start"] = where.start
            values["early"] = where.start - timedelta(days=MONTH_DAYS)
    return list(conn.execute(_page_query(shape), values).all())


@functools.lru_cache(maxsize=256)
def _page_query(shape: _PageShape) -> Select[Any]:
    """The statement of a page of this shape, its values bound by name: built once, as
    building it took as long as running it (a 500-row page, benchmarks/api.py)."""
    c = incidents.c
    limit = bindparam("limit", type_=Integer)
    conditions: list[Any] = _row_conditions(shape.dialect, shape.unindexed)
    if shape.after:
        day = bindparam("after_day", type_=Date)
        conditions += [
            c.time_start >= day,
            tuple_(c.time_start, c.id) > tuple_(day, bindparam("after_id", type_=Integer)),
        ]
    if shape.bbox:
        # One index answers bbox, dates and category at once, long windows too.
        conditions.append(
            extent_shape(
                shape.dialect,
                bbox=True,
                start=shape.start,
                end=shape.end,
                category=shape.category,
            )
        )
        return _ordered(select(*_LISTED).where(*conditions), limit)
    conditions.append(c.merged_into.is_(None))
    if shape.category:
        conditions.append(c.category == bindparam("category", type_=String))
    if shape.end:
        conditions.append(c.time_start <= bindparam("end", type_=Date))
    if not shape.start:
        return _ordered(select(*_LISTED).where(*conditions), limit)
    conditions.append(c.time_end >= bindparam("start", type_=Date))
    # Windows of a month or less start at most 31 days before they end, so the time index
    # reads a short range; the few longer ("year") windows come from their own index. Each
    # part is ordered and cut to `limit` first, so neither reads past what the page needs.
    early = bindparam("early", type_=Date)
    short = select(*_LISTED).where(*conditions, c.time_start >= early)
    vague = select(*_LISTED).where(
        *conditions,
        c.time_start < early,
        c.time_precision == TimePrecision.YEAR.value,
    )
    order = (c.time_start, c.id)
    both = union_all(
        select(short.order_by(*order).limit(limit).subquery()),
        select(vague.order_by(*order).limit(limit).subquery()),
    ).subquery()
    return _ordered(select(both), limit)


def _row_conditions(dialect: str, where: IncidentFilter) -> list[Any]:
    """The conditions no index of `_page_rows` serves: status, words, district, claimant."""
    conditions: list[Any] = []
    if where.status:
        conditions.append(incidents.c.status == where.status)
    if where.text:
        conditions.append(_mentioning(dialect, where.text))
    if where.district is not None:
        conditions.append(incident_filters.district_clause(where.district))
    if where.claimant:
        conditions.append(incident_filters.claimant_clause(where.claimant))
    return conditions


def filter_conditions(dialect: str, where: IncidentFilter) -> list[Any]:
    """Every condition of `where` on live incidents, for aggregates (counts per day, points)."""
    c = incidents.c
    conditions = [c.merged_into.is_(None), *_row_conditions(dialect, where)]
    if where.category:
        conditions.append(c.category == where.category)
    if where.start:
        conditions.append(c.time_end >= where.start)
    if where.end:
        conditions.append(c.time_start <= where.end)
    if where.bbox:
        box = where.bbox.checked()
        conditions += [c.lon.between(box.west, box.east), c.lat.between(box.south, box.north)]
    return conditions


def _mentioning(dialect: str, words: str) -> Any:
    """Incidents with a claim from a source whose text matches `words` (FTS5 / GIN index)."""
    matching = (
        select(claims.c.incident_id)
        .join(sources, sources.c.id == claims.c.source_id)
        .where(text_search_clause(dialect, words), claims.c.incident_id.is_not(None))
    )
    return incidents.c.id.in_(matching)


def offset_page(
    conn: Connection, where: IncidentFilter, *, limit: int, offset: int
) -> tuple[list[dict[str, Any]], bool]:
    """Incidents `offset`.. `offset + limit` in list order, and whether more follow.

    For clients that page by number (OGC API `prev` links); reads the skipped rows' columns,
    so keyset cursors (`list_incidents`) stay the way for deep paging.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidValue("limit", f"must be 1..{MAX_LIMIT}, got {limit}")
    if offset < 0:
        raise InvalidValue("offset", f"must be 0 or more, got {offset}")
    rows = _page_rows(conn, where, offset + limit + 1, None)[offset:]
    return _items(conn, rows[:limit], with_claims=False), len(rows) > limit


def extent(
    conn: Connection, status: str | None = None
) -> tuple[BBox | None, date | None, date | None]:
    """Where and when the live incidents (of `status`) are: their lon/lat box (None when
    none is placed) and their first and last days."""
    live: list[ColumnElement[bool]] = [incidents.c.merged_into.is_(None)]
    if status is not None:
        live.append(incidents.c.status == status)
    c = incidents.c
    row = conn.execute(
        select(
            func.min(c.lon),
            func.min(c.lat),
            func.max(c.lon),
            func.max(c.lat),
            func.min(c.time_start),
            func.max(c.time_end),
        ).where(*live)
    ).one()
    box = None if row[0] is None else BBox(row[0], row[1], row[2], row[3])
    return box, row[4], row[5]


#: What public read leaves out: the delegations' positions, the history (who did what) and
#: each claim's link decision (who decided it, on which suggestion).
_INTERNAL = ("positions", "history", "created_at", "updated_at", "merged_into")


def public_view(item: dict[str, Any]) -> dict[str, Any]:
    """An incident item or full view without internal fields, for anonymous (public) reads."""
    shown = {k: v for k, v in item.items() if k not in _INTERNAL}
    shown["claims"] = [
        {k: v for k, v in claim.items() if k != "link"} for claim in item.get("claims", [])
    ]
    return shown


def _ordered(query: Select[Any], limit: BindParameter[int]) -> Select[Any]:
    columns = query.selected_columns
    return query.order_by(columns.time_start, columns.id).limit(limit)


#: The columns an item shows, in the order `incident_item` unpacks them (timestamps and
#: bookkeeping stay out of list queries).
_ITEM_COLUMNS = (
    "id",
    "category",
    "type",
    "status",
    "time_start",
    "time_end",
    "time_precision",
    "place_name",
    "gazetteer_id",
    "lat",
    "lon",
    "place_precision",
    "casualties",
    "claimants",
    "perpetrators",
    "disputed_attribution",
    "third_party_reported",
    "summary",
    "version",
    "agreement",
)
#: JSON columns an item shows, read as text and parsed in `incident_item` with orjson (or
#: passed through): the per-value processors of SQLAlchemy (or psycopg) cost as much again.
_JSON_COLUMNS = frozenset({"casualties", "claimants", "perpetrators"})
_LISTED = tuple(
    cast(incidents.c[name], Text).label(name) if name in _JSON_COLUMNS else incidents.c[name]
    for name in _ITEM_COLUMNS
)


def encode_cursor(day: date, incident_id: int) -> str:
    return base64.urlsafe_b64encode(f"{day.isoformat()}|{incident_id}".encode()).decode()


def decode_cursor(cursor: str) -> tuple[date, int]:
    """The position a cursor points after; a cursor not made here raises InvalidValue."""
    try:
        day, incident_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        return date.fromisoformat(day), int(incident_id)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise InvalidValue("cursor", f"not a cursor from a previous page: {cursor!r}") from None


def _items(
    conn: Connection,
    rows: Sequence[Row[Any]],
    with_claims: bool,
    json_value: Callable[[str], Any] = orjson.loads,
) -> list[dict[str, Any]]:
    if not rows:
        return []
    by_incident: dict[int, list[dict[str, Any]]] = {r[0]: [] for r in rows}
    if with_claims and by_incident:
        dialect = conn.dialect.name
        found = conn.execute(
            _claims_of_incidents(dialect), {"ids": ids_value(by_incident, dialect)}
        )
        for claim in found.mappings():
            by_incident[claim["incident_id"]].append(claim_json(claim))
    return [incident_item(r, by_incident[r[0]], json_value) for r in rows]


def _claim_query(condition: Any) -> Select[Any]:
    return (
        select(
            claims,
            sources.c.document_id,
            sources.c.publisher,
            sources.c.url,
            sources.c.headline,
            sources.c.published,
        )
        .join(sources, sources.c.id == claims.c.source_id)
        .where(condition)
        .order_by(claims.c.incident_id, claims.c.id)
    )


@functools.cache
def _claims_of_incidents(dialect: str) -> Select[Any]:
    """Claims with their sources for a page of incidents (`ids`); built once per dialect."""
    return _claim_query(among(claims.c.incident_id, dialect))


def _claim_rows(conn: Connection, condition: Any) -> list[RowMapping]:
    return list(conn.execute(_claim_query(condition)).mappings().all())


def incident_item(
    row: Sequence[Any],
    claim_items: list[dict[str, Any]],
    json_value: Callable[[str], Any] = orjson.loads,
) -> dict[str, Any]:
    """The JSON item of the values of `_ITEM_COLUMNS` (its claims given); `json_value` makes
    a JSON column's text a value. Runs for every listed incident: the row is unpacked once
    (a 500-row page: 4x faster than mapping access by name)."""
    (
        incident_id,
        category,
        type_,
        status,
        time_start,
        time_end,
        time_precision,
        place_name,
        gazetteer_id,
        lat,
        lon,
        place_precision,
        casualties,
        claimants,
        perpetrators,
        disputed_attribution,
        third_party_reported,
        summary,
        version,
        agreement,
    ) = row
    place = None
    if place_name is not None or lat is not None:
        place = {
            "name": place_name,
            "gazetteer_id": gazetteer_id,
            "lat": lat,
            "lon": lon,
            "precision": place_precision,
        }
    return {
        "id": incident_id,
        "category": category,
        "type": type_,
        "status": status,
        "time": {
            "start": time_start.isoformat(),
            "end": time_end.isoformat(),
            "precision": time_precision,
        },
        "place": place,
        "casualties": json_value(casualties),
        "claimants": json_value(claimants),
        "perpetrators": json_value(perpetrators),
        "disputed_attribution": disputed_attribution,
        "third_party_reported": third_party_reported,
        "summary": summary,
        "version": version,
        "agreement": agreement,
        "claims": claim_items,
    }


def claim_json(row: RowMapping) -> dict[str, Any]:
    """A stored claim in the `extract` shape, plus `id` and `document_id`."""
    place = None
    if row["place_name"] is not None or row["lat"] is not None:
        place = {
            "name": row["place_name"],
            "gazetteer_id": row["gazetteer_id"],
            "lat": row["lat"],
            "lon": row["lon"],
            "precision": row["place_precision"],
            "text": row["place_text"],
        }
    document_id = row["document_id"]
    return {
        "id": int(row["id"]),
        "document_id": document_id if document_id else str(row["source_id"]),
        "category": row["category"],
        "type": row["type"],
        "summary": row["summary"],
        "time": {
            "start": row["time_start"].isoformat(),
            "end": row["time_end"].isoformat(),
            "precision": row["time_precision"],
            "text": row["time_text"],
        },
        "place": place,
        "perpetrator_alleged": row["perpetrator_alleged"],
        "target": row["target"],
        "claimed_by": row["claimed_by"],
        "claimant_is_party": bool(row["claimant_is_party"]),
        "disputed_by": row["disputed_by"],
        "casualties": row["casualties"],
        "agreement": row["agreement"],
        "places": row["places"] or ([place] if place else []),
        "evidence": {
            "start": row["evidence_start"],
            "end": row["evidence_end"],
            "quote": row["quote"],
        },
        "confidence": row["confidence"],
    }


def incident_json(conn: Connection, incident_id: int) -> dict[str, Any]:
    """One incident in full: its item, each claim's source and link decision, its history.

    An incident merged away is still returned, with `merged_into` naming where it went.
    """
    query = select(
        *_LISTED, incidents.c.merged_into, incidents.c.created_at, incidents.c.updated_at
    ).where(incidents.c.id == incident_id)
    found = conn.execute(query).first()
    if found is None:
        raise NotFound(f"no incident {incident_id}")
    row = found._mapping
    claim_rows = _claim_rows(conn, claims.c.incident_id == incident_id)
    decisions = _latest_decisions(conn, [int(c["id"]) for c in claim_rows], incident_id)
    items = []
    for claim in claim_rows:
        item = claim_json(claim)
        item["source"] = {
            "id": int(claim["source_id"]),
            "publisher": claim["publisher"],
            "url": claim["url"],
            "headline": claim["headline"],
            "published": claim["published"].isoformat() if claim["published"] else None,
        }
        item["link"] = decisions.get(int(claim["id"]))
        items.append(item)
    out = incident_item(found[: len(_ITEM_COLUMNS)], items)
    out["merged_into"] = row["merged_into"]
    if row["category"] == Category.EXPLOSIVE_ORDNANCE.value:
        # Mine action (issue 12): the hazardous area it happened in and its victims.
        out["mine_action"] = accidents.accident_json(conn, incident_id)
    out["created_at"] = row["created_at"].isoformat()
    out["updated_at"] = row["updated_at"].isoformat()
    out["history"] = [
        {
            "at": h["at"].isoformat(),
            "actor": h["actor"],
            "action": h["action"],
            "detail": h["detail"],
        }
        for h in conn.execute(
            select(incident_history)
            .where(incident_history.c.incident_id == incident_id)
            .order_by(incident_history.c.id)
        ).mappings()
    ]
    return out


def _latest_decisions(
    conn: Connection, claim_ids: list[int], incident_id: int
) -> dict[int, dict[str, Any]]:
    """For each claim, the last decision that put it in this incident (why it is here)."""
    out: dict[int, dict[str, Any]] = {}
    if not claim_ids:
        return out
    query = (
        select(link_decisions)
        .where(
            link_decisions.c.claim_id.in_(claim_ids),
            link_decisions.c.incident_id == incident_id,
            link_decisions.c.decision.not_in(["suggested", "rejected"]),
        )
        .order_by(link_decisions.c.id)
    )
    for d in conn.execute(query).mappings():
        out[int(d["claim_id"])] = {
            "decision": d["decision"],
            "score": d["score"],
            "reasons": list(d["reasons"]),
            "decided_by": d["decided_by"],
            "decided_at": d["decided_at"].isoformat(),
        }
    return out


# --- export shapes -------------------------------------------------------------------------


def to_geojson(page: Page) -> dict[str, Any]:
    """RFC 7946 FeatureCollection; incidents without coordinates have `geometry: null`."""
    features = [geojson_feature(item) for item in page.items]
    return {"type": "FeatureCollection", "features": features, "next": page.next}


def geojson_feature(item: dict[str, Any]) -> dict[str, Any]:
    """One incident item as an RFC 7946 Feature (lon, lat); no coordinates: `geometry: null`."""
    place = item["place"]
    geometry = None
    if place and place["lat"] is not None and place["lon"] is not None:
        geometry = {"type": "Point", "coordinates": [place["lon"], place["lat"]]}
    properties = item.copy()  # a copy is 3x faster than a comprehension leaving `id` out
    del properties["id"]
    return {"type": "Feature", "id": item["id"], "geometry": geometry, "properties": properties}


CSV_COLUMNS = (
    "id",
    "category",
    "type",
    "status",
    "time_start",
    "time_end",
    "time_precision",
    "place_name",
    "gazetteer_id",
    "lat",
    "lon",
    "place_precision",
    "killed_best",
    "killed_low",
    "killed_high",
    "injured_best",
    "injured_low",
    "injured_high",
    "claimants",
    "perpetrators",
    "disputed_attribution",
    "third_party_reported",
    "claims",
    "summary",
)


def csv_rows(items: Sequence[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One flat row per incident (casualty totals; lists joined with "; ")."""
    for item in items:
        place = item["place"] or {}
        row: dict[str, Any] = {
            "id": item["id"],
            "category": item["category"],
            "type": item["type"],
            "status": item["status"],
            "time_start": item["time"]["start"],
            "time_end": item["time"]["end"],
            "time_precision": item["time"]["precision"],
            "place_name": place.get("name"),
            "gazetteer_id": place.get("gazetteer_id"),
            "lat": place.get("lat"),
            "lon": place.get("lon"),
            "place_precision": place.get("precision"),
            "claimants": "; ".join(item["claimants"]),
            "perpetrators": "; ".join(item["perpetrators"]),
            "disputed_attribution": item["disputed_attribution"],
            "third_party_reported": item["third_party_reported"],
            "claims": len(item["claims"]),
            "summary": item["summary"],
        }
        for kind in ("killed", "injured"):
            total = ((item["casualties"] or {}).get(kind) or {}).get("total") or {}
            for bound in ("best", "low", "high"):
                row[f"{kind}_{bound}"] = total.get(bound)
        yield row


def to_csv(items: Sequence[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_rows(items))
    return out.getvalue()
