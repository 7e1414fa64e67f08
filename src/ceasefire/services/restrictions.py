"""Restrictions of the monitors' freedom of movement (OSCE SMM style), as the patrols report them.

Kinds: `access_denied` (turned back), `delayed` (held at a checkpoint), `uav_jammed` (signal
interference), `uav_fired_upon`, and `other`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Final

from sqlalchemy import Row, select

from ceasefire.errors import InvalidValue
from ceasefire.services import audit
from ceasefire.services.users import get_user
from ceasefire.storage.schema import restrictions, users
from ceasefire.storage.sql import Database

KINDS: Final = ("access_denied", "delayed", "uav_jammed", "uav_fired_upon", "other")


@dataclass(frozen=True, slots=True)
class Restriction:
    id: int
    day: date
    kind: str
    place_name: str | None
    lat: float | None
    lon: float | None
    imposed_by: str | None
    description: str
    recorded_by: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.day.isoformat(),
            "kind": self.kind,
            "place": self.place_name,
            "lat": self.lat,
            "lon": self.lon,
            "imposed_by": self.imposed_by,
            "description": self.description,
            "recorded_by": self.recorded_by,
        }


def _from_row(row: Row[Any]) -> Restriction:
    return Restriction(
        row.id,
        row.day,
        row.kind,
        row.place_name,
        row.lat,
        row.lon,
        row.imposed_by,
        row.description,
        row.username,
    )


def add(
    db: Database,
    *,
    day: date,
    kind: str,
    description: str,
    place: str | None = None,
    imposed_by: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
    recorded_by: str | None = None,
    actor: str = "cli",
) -> Restriction:
    """Record one restriction; every field problem names the field."""
    kind = kind.strip().lower().replace("-", "_")
    if kind not in KINDS:
        raise InvalidValue("kind", f"{kind!r}: use {'|'.join(KINDS)}")
    description = description.strip()
    if not description:
        raise InvalidValue("description", "say what happened")
    if (lat is None) != (lon is None):
        raise InvalidValue("lon", "lat and lon go together")
    if lat is not None and not -90 <= lat <= 90:
        raise InvalidValue("lat", f"out of range: {lat}")
    if lon is not None and not -180 <= lon <= 180:
        raise InvalidValue("lon", f"out of range: {lon}")
    if day > datetime.now(UTC).date():
        raise InvalidValue("date", f"{day.isoformat()} is in the future")
    with db.begin() as conn:
        user_id = None
        if recorded_by is not None:
            user_id = get_user(conn, recorded_by).id
            actor = recorded_by
        restriction_id = conn.execute(
            restrictions.insert()
            .values(
                day=day,
                kind=kind,
                place_name=(place or "").strip() or None,
                lat=lat,
                lon=lon,
                imposed_by=(imposed_by or "").strip() or None,
                description=description,
                recorded_by=user_id,
                recorded_at=datetime.now(UTC),
            )
            .returning(restrictions.c.id)
        ).scalar_one()
        audit.append(
            conn,
            actor=actor,
            action="restriction.add",
            entity="restriction",
            entity_id=restriction_id,
            payload={
                "date": day.isoformat(),
                "kind": kind,
                "place": place,
                "imposed_by": imposed_by,
                "description": description,
            },
        )
    found = list_restrictions(db, start=day, end=day, only_id=restriction_id)
    return found[0]


def list_restrictions(
    db: Database,
    *,
    start: date | None = None,
    end: date | None = None,
    only_id: int | None = None,
) -> list[Restriction]:
    """Restrictions between `start` and `end` (inclusive), oldest first."""
    if start is not None and end is not None and end < start:
        raise InvalidValue("to", f"{end.isoformat()} is before {start.isoformat()}")
    query = select(restrictions, users.c.username).outerjoin(
        users, users.c.id == restrictions.c.recorded_by
    )
    if start is not None:
        query = query.where(restrictions.c.day >= start)
    if end is not None:
        query = query.where(restrictions.c.day <= end)
    if only_id is not None:
        query = query.where(restrictions.c.id == only_id)
    with db.connect() as conn:
        rows = conn.execute(query.order_by(restrictions.c.day, restrictions.c.id)).all()
    return [_from_row(r) for r in rows]
