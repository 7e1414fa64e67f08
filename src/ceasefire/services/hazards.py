"""Hazardous areas (IMSMA Land): import from GeoJSON, list, show, change status, answer suggestions.

Each command is one transaction; every change is audited, and every status change is also
kept in `hazard_status_history` with the day it happened and why. Areas are measured
geodesically (domain/geodesy.py) when they are stored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.engine import RowMapping

from ceasefire.domain.geodesy import geodesic_area_m2
from ceasefire.domain.hazard_geometry import Geometry, bounds, checked_polygon
from ceasefire.domain.mine_action import (
    RELEASED_STATUSES,
    ContaminationEvidence,
    HazardStatus,
    Review,
    check_transition,
    choice,
    round_area,
)
from ceasefire.domain.values import BBox
from ceasefire.errors import InvalidInput, InvalidValue, NotFound, ParseError
from ceasefire.services import audit
from ceasefire.services.paging import Page, check_limit, decode_after, page_by_id
from ceasefire.storage.schema import (
    clearance_tasks,
    hazard_areas,
    hazard_status_history,
    incident_hazards,
)
from ceasefire.storage.sql import Database


@dataclass(frozen=True, slots=True)
class NewArea:
    """A hazardous area about to be stored: checked polygon, name, status and evidence."""

    name: str
    geometry: Geometry
    status: HazardStatus
    district: str | None = None
    evidence: ContaminationEvidence | None = None

    @property
    def import_key(self) -> str:
        """Identity of an imported feature: its name and polygon, not its status or district."""
        canonical = json.dumps([self.name, self.geometry], sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(slots=True)
class ImportResult:
    """What an import did: ids of new areas, features already stored, refused features."""

    added: list[int] = field(default_factory=list)
    unchanged: int = 0
    refused: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused

    def to_json(self) -> dict[str, Any]:
        return {"added": self.added, "unchanged": self.unchanged, "refused": self.refused}


def import_geojson(
    database: Database, collection: Any, *, where: str, actor: str, day: date | None = None
) -> ImportResult:
    """Store the valid features of a GeoJSON FeatureCollection (or one Feature) in one transaction.

    A bad feature is refused with a message naming its number, index and name; the others
    land. A feature already imported (same name and polygon) is skipped.
    """
    features = _features(collection, where)
    result = ImportResult()
    areas: list[NewArea] = []
    for index, feature in enumerate(features):
        try:
            areas.append(area_from_feature(feature))
        except InvalidInput as exc:
            name = _feature_name(feature)
            label = f"feature {index + 1} (index {index})" + (f" {name!r}" if name else "")
            result.refused.append(f"{where}: {label}: {exc}")
    today = day or datetime.now(UTC).date()
    with database.begin() as conn:
        for area in areas:
            if _imported(conn, area.import_key):
                result.unchanged += 1
                continue
            reason = f"imported from {where}"
            result.added.append(
                store_area(conn, area, actor=actor, day=today, reason=reason, key=area.import_key)
            )
    return result


def _features(collection: Any, where: str) -> list[Any]:
    kind = collection.get("type") if isinstance(collection, dict) else None
    if kind == "Feature":
        return [collection]
    if kind != "FeatureCollection" or not isinstance(collection.get("features"), list):
        raise ParseError(where, "expected a GeoJSON FeatureCollection of hazardous areas")
    return list(collection["features"])


def _feature_name(feature: Any) -> str:
    properties = feature.get("properties") if isinstance(feature, dict) else None
    name = properties.get("name") if isinstance(properties, dict) else None
    return name.strip() if isinstance(name, str) else ""


def area_from_feature(feature: Any) -> NewArea:
    """A GeoJSON Feature with `name` and `status` (and optional `district`, `evidence`)."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise InvalidValue("feature", "is not a GeoJSON Feature")
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        raise InvalidValue("properties", "must be an object")
    name = _feature_name(feature)
    if not name:
        raise InvalidValue("name", "every hazardous area needs a name")
    status = properties.get("status")
    if not isinstance(status, str):
        raise InvalidValue("status", f"missing; one of {', '.join(HazardStatus)}")
    evidence = properties.get("evidence")
    district = properties.get("district")
    return NewArea(
        name=name,
        geometry=checked_polygon(feature.get("geometry")),
        status=choice(HazardStatus, status, "status"),
        district=str(district).strip() or None if district is not None else None,
        evidence=None if evidence is None else choice(ContaminationEvidence, evidence, "evidence"),
    )


def _imported(conn: Connection, key: str) -> bool:
    found = conn.execute(select(hazard_areas.c.id).where(hazard_areas.c.import_key == key))
    return found.first() is not None


def store_area(
    conn: Connection,
    area: NewArea,
    *,
    actor: str,
    day: date,
    reason: str,
    key: str | None = None,
    review: Review = Review.ACCEPTED,
    suggested_for: int | None = None,
) -> int:
    """Insert one area (measured geodesically), its first history entry and audit entry."""
    now = datetime.now(UTC)
    measured = round_area(geodesic_area_m2(area.geometry))
    west, south, east, north = bounds(area.geometry)
    row = {
        "name": area.name,
        "district": area.district,
        "status": area.status.value,
        "evidence": None if area.evidence is None else area.evidence.value,
        "geometry": json.dumps(area.geometry, separators=(",", ":")),
        "min_lon": west,
        "min_lat": south,
        "max_lon": east,
        "max_lat": north,
        "area_m2": measured,
        "remaining_m2": 0.0 if area.status in RELEASED_STATUSES else measured,
        "review": review.value,
        "suggested_for": suggested_for,
        "import_key": key,
        "created_by": actor,
        "created_at": now,
        "updated_at": now,
    }
    area_id = int(
        conn.execute(hazard_areas.insert().returning(hazard_areas.c.id), row).scalar_one()
    )
    _history(conn, area_id, None, area.status, day=day, reason=reason, actor=actor, now=now)
    payload = {k: row[k] for k in ("name", "district", "status", "evidence", "area_m2", "review")}
    audit.append(
        conn,
        actor=actor,
        action="hazard.add",
        entity="hazard_area",
        entity_id=area_id,
        payload={**payload, "suggested_for": suggested_for, "reason": reason},
    )
    return area_id


def _history(
    conn: Connection,
    area_id: int,
    old: HazardStatus | None,
    new: HazardStatus,
    *,
    day: date,
    reason: str,
    actor: str,
    now: datetime,
) -> None:
    conn.execute(
        hazard_status_history.insert().values(
            hazard_area_id=area_id,
            day=day,
            from_status=None if old is None else old.value,
            to_status=new.value,
            reason=reason,
            recorded_by=actor,
            recorded_at=now,
        )
    )


def locked_area(conn: Connection, area_id: int) -> RowMapping:
    """The area's row, locked until commit (PostgreSQL; SQLite has one writer); NotFound else."""
    row = (
        conn.execute(select(hazard_areas).where(hazard_areas.c.id == area_id).with_for_update())
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"no hazardous area {area_id}; `ceasefire hazards` lists them")
    return row


def require_accepted(row: RowMapping) -> None:
    """Refuse work on a suggestion nobody accepted (or one that was rejected)."""
    if row["review"] != Review.ACCEPTED.value:
        raise InvalidValue(
            "hazard_area",
            f"area {row['id']} is a {row['review']} suggestion: "
            f"`ceasefire hazards accept {row['id']}` first",
        )


def set_status(
    conn: Connection,
    row: RowMapping,
    new: HazardStatus,
    *,
    remaining_m2: float,
    day: date,
    reason: str,
    actor: str,
) -> None:
    """Write a new status and remaining area; a change of status goes into the history."""
    now = datetime.now(UTC)
    old = HazardStatus(row["status"])
    conn.execute(
        hazard_areas.update()
        .where(hazard_areas.c.id == row["id"])
        .values(status=new.value, remaining_m2=remaining_m2, updated_at=now)
    )
    if new is not old:
        _history(conn, int(row["id"]), old, new, day=day, reason=reason, actor=actor, now=now)


def change_status(
    database: Database,
    area_id: int,
    new_status: str,
    *,
    day: date,
    reason: str,
    actor: str,
) -> dict[str, Any]:
    """Move an area along the status machine (domain/mine_action.py), with the day and reason.

    Cancelled and cleared land has nothing left: its remaining area becomes 0.
    """
    new = choice(HazardStatus, new_status, "status")
    if not reason.strip():
        raise InvalidValue("reason", "say why the status changes")
    with database.begin() as conn:
        row = locked_area(conn, area_id)
        require_accepted(row)
        old = HazardStatus(row["status"])
        check_transition(old, new)
        remaining = 0.0 if new in RELEASED_STATUSES else float(row["remaining_m2"])
        set_status(conn, row, new, remaining_m2=remaining, day=day, reason=reason, actor=actor)
        audit.append(
            conn,
            actor=actor,
            action="hazard.status",
            entity="hazard_area",
            entity_id=area_id,
            payload={
                "from": old.value,
                "to": new.value,
                "day": day.isoformat(),
                "reason": reason,
                "remaining_m2": remaining,
            },
        )
        return area_json(conn, area_id)


def review_suggestion(
    database: Database, area_id: int, *, accept: bool, reason: str, actor: str
) -> dict[str, Any]:
    """Accept a suggested area (it joins the register) or reject it (its accident is unlinked)."""
    with database.begin() as conn:
        row = locked_area(conn, area_id)
        if row["review"] != Review.PENDING.value:
            raise InvalidValue(
                "hazard_area", f"area {area_id} is no suggestion waiting ({row['review']})"
            )
        answer = Review.ACCEPTED if accept else Review.REJECTED
        conn.execute(
            hazard_areas.update()
            .where(hazard_areas.c.id == area_id)
            .values(review=answer.value, updated_at=datetime.now(UTC))
        )
        if not accept:
            conn.execute(
                incident_hazards.delete().where(incident_hazards.c.hazard_area_id == area_id)
            )
        audit.append(
            conn,
            actor=actor,
            action="hazard.accept" if accept else "hazard.reject",
            entity="hazard_area",
            entity_id=area_id,
            payload={"suggested_for": row["suggested_for"], "reason": reason},
        )
        return area_json(conn, area_id)


# --- reading --------------------------------------------------------------------------------


def list_areas(
    database: Database, *, review: Review = Review.ACCEPTED, status: str | None = None
) -> list[dict[str, Any]]:
    """Areas in the register (or the suggestions, with `review=PENDING`), by id, as JSON items."""
    query = select(hazard_areas).where(hazard_areas.c.review == review.value)
    if status is not None:
        query = query.where(hazard_areas.c.status == choice(HazardStatus, status, "status").value)
    with database.connect() as conn:
        rows = list(conn.execute(query.order_by(hazard_areas.c.id)).mappings())
        linked = _linked_incidents(conn, [int(r["id"]) for r in rows])
    return [area_item(row, linked.get(int(row["id"]), []), with_geometry=True) for row in rows]


def area_page(
    database: Database,
    *,
    status: str | None = None,
    bbox: BBox | None = None,
    limit: int = 100,
    cursor: str | None = None,
    offset: int = 0,
) -> Page:
    """Areas in the register by id, a page at a time (after `cursor`, or skipping `offset`),
    those whose box meets `bbox`."""
    check_limit(limit)
    if offset < 0:
        raise InvalidValue("offset", f"must be 0 or more, got {offset}")
    after = decode_after(cursor)
    query = select(hazard_areas).where(hazard_areas.c.review == Review.ACCEPTED.value)
    if status is not None:
        query = query.where(hazard_areas.c.status == choice(HazardStatus, status, "status").value)
    if after is not None:
        query = query.where(hazard_areas.c.id > after)
    if bbox is not None:
        query = query.where(
            hazard_areas.c.min_lon <= bbox.east,
            hazard_areas.c.max_lon >= bbox.west,
            hazard_areas.c.min_lat <= bbox.north,
            hazard_areas.c.max_lat >= bbox.south,
        )
    with database.connect() as conn:
        query = query.order_by(hazard_areas.c.id).offset(offset).limit(limit + 1)
        rows = list(conn.execute(query).mappings())
        linked = _linked_incidents(conn, [int(r["id"]) for r in rows])
    items = [area_item(row, linked.get(int(row["id"]), []), with_geometry=True) for row in rows]
    return page_by_id(items, limit)


def extent(database: Database) -> BBox | None:
    """The lon/lat box of every area in the register; None when it is empty."""
    h = hazard_areas.c
    query = select(
        func.min(h.min_lon), func.min(h.min_lat), func.max(h.max_lon), func.max(h.max_lat)
    )
    with database.connect() as conn:
        row = conn.execute(query.where(h.review == Review.ACCEPTED.value)).one()
    return None if row[0] is None else BBox(row[0], row[1], row[2], row[3])


def show_area(database: Database, area_id: int) -> dict[str, Any]:
    """One area with its geometry, status history, land-release records and linked incidents."""
    with database.connect() as conn:
        return area_json(conn, area_id)


def area_json(conn: Connection, area_id: int) -> dict[str, Any]:
    row = conn.execute(select(hazard_areas).where(hazard_areas.c.id == area_id)).mappings().first()
    if row is None:
        raise NotFound(f"no hazardous area {area_id}; `ceasefire hazards` lists them")
    item = area_item(row, _linked_incidents(conn, [area_id]).get(area_id, []), with_geometry=True)
    history = conn.execute(
        select(hazard_status_history)
        .where(hazard_status_history.c.hazard_area_id == area_id)
        .order_by(hazard_status_history.c.id)
    ).mappings()
    item["history"] = [
        {
            "day": h["day"].isoformat(),
            "from": h["from_status"],
            "to": h["to_status"],
            "reason": h["reason"],
            "recorded_by": h["recorded_by"],
        }
        for h in history
    ]
    tasks = conn.execute(
        select(clearance_tasks)
        .where(clearance_tasks.c.hazard_area_id == area_id)
        .order_by(clearance_tasks.c.day, clearance_tasks.c.id)
    ).mappings()
    item["releases"] = [release_item(t) for t in tasks]
    return item


def release_item(row: RowMapping) -> dict[str, Any]:
    return {
        "id": row["id"],
        "hazard_area_id": row["hazard_area_id"],
        "method": row["method"],
        "date": row["day"].isoformat(),
        "area_m2": row["area_m2"],
        "items": dict(row["items"]),
        "team": row["team"],
    }


def area_item(
    row: RowMapping, incident_ids: Sequence[int], *, with_geometry: bool = False
) -> dict[str, Any]:
    """The JSON item of an area (`hazards --format json`), its geometry apart for GeoJSON."""
    item: dict[str, Any] = {
        "id": row["id"],
        "name": row["name"],
        "district": row["district"],
        "status": row["status"],
        "evidence": row["evidence"],
        "area_m2": row["area_m2"],
        "remaining_m2": row["remaining_m2"],
        "released_m2": round_area(row["area_m2"] - row["remaining_m2"]),
        "review": row["review"],
        "suggested_for_incident": row["suggested_for"],
        "incidents": list(incident_ids),
        "bbox": [row["min_lon"], row["min_lat"], row["max_lon"], row["max_lat"]],
        "updated_at": row["updated_at"].isoformat(),
    }
    if with_geometry:
        item["geometry"] = json.loads(row["geometry"])
    return item


def _linked_incidents(conn: Connection, area_ids: Iterable[int]) -> dict[int, list[int]]:
    ids = list(area_ids)
    linked: dict[int, list[int]] = {}
    if not ids:
        return linked
    query = (
        select(incident_hazards.c.hazard_area_id, incident_hazards.c.incident_id)
        .where(incident_hazards.c.hazard_area_id.in_(ids))
        .order_by(incident_hazards.c.incident_id)
    )
    for area_id, incident_id in conn.execute(query):
        linked.setdefault(int(area_id), []).append(int(incident_id))
    return linked


def public_view(item: dict[str, Any]) -> dict[str, Any]:
    """An area for anonymous (public) reads: no suggestion links, no names of who recorded."""
    shown = {k: v for k, v in item.items() if k not in ("suggested_for_incident", "review")}
    if "history" in shown:
        shown["history"] = [
            {k: v for k, v in h.items() if k != "recorded_by"} for h in shown["history"]
        ]
    return shown


def without_geometry(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k != "geometry"}


def to_geojson(items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Areas as an RFC 7946 FeatureCollection (lon/lat, WGS84); properties are the JSON item."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": item["id"],
                "geometry": item["geometry"],
                "bbox": item["bbox"],
                "properties": without_geometry(item),
            }
            for item in items
        ],
    }
