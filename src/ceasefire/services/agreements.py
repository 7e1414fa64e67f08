"""The agreements a centre monitors: add, list, show, and the bundled timeline on `init`.

Each write is one transaction with its audit entry. `load_bundled` fills an empty table only,
so a second `init` never overwrites what a centre has added. Each incident stores the name of
the agreement in force at its estimated time and place (`incidents.agreement`, what a list
shows): linking sets it when it estimates an incident, and adding agreements here sets it
again on every incident the new ones may cover.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.engine import RowMapping

from ceasefire.domain.agreements import Agreement, in_force, parse_time_zone, point_of
from ceasefire.errors import Conflict, NotFound
from ceasefire.services import audit
from ceasefire.storage.schema import agreements, incidents
from ceasefire.storage.sql import Database

#: Incidents read per query when their agreements are set again.
_BATCH = 5000


def add(database: Database, agreement: Agreement, *, actor: str = "cli") -> Agreement:
    """Store a new agreement; an id or name already stored is a Conflict."""
    with database.begin() as conn:
        _refuse_existing(conn, agreement)
        _insert(conn, agreement, actor)
        assign_to_incidents(conn, during=agreement)
    return agreement


def load_bundled(database: Database, *, actor: str = "init") -> int:
    """Store the bundled timeline if the table is empty; how many agreements were added."""
    from ceasefire.ingest.agreements import bundled

    with database.begin() as conn:
        if conn.execute(select(func.count()).select_from(agreements)).scalar_one():
            return 0
        timeline = bundled()
        for agreement in timeline:
            _insert(conn, agreement, actor)
        assign_to_incidents(conn)
    return len(timeline)


def list_agreements(database: Database) -> list[Agreement]:
    """Every stored agreement, in the order they took effect."""
    with database.connect() as conn:
        return list(stored(conn))


def show(database: Database, agreement_id: str) -> Agreement:
    """One agreement by id; NotFound when there is none."""
    with database.connect() as conn:
        row = (
            conn.execute(select(agreements).where(agreements.c.id == agreement_id.strip()))
            .mappings()
            .first()
        )
    if row is None:
        raise NotFound(f"no agreement {agreement_id!r}; `ceasefire agreement list` shows them")
    return _from_row(row)


def stored(conn: Connection) -> tuple[Agreement, ...]:
    """The stored timeline, ordered by the moment each took effect."""
    query = select(agreements).order_by(agreements.c.effective, agreements.c.id)
    return tuple(_from_row(row) for row in conn.execute(query).mappings())


def name_in_force(
    timeline: Sequence[Agreement],
    first: date,
    last: date,
    lon: float | None,
    lat: float | None,
    place_precision: str,
) -> str | None:
    """The name of the agreement in force over first..last at a place, as incidents store it."""
    found = in_force(timeline, first, last, point_of(lon, lat, place_precision))
    return None if found is None else found.name


def assign_to_incidents(conn: Connection, *, during: Agreement | None = None) -> int:
    """Store in each incident the agreement in force at its time and place; how many changed.

    With `during`, only the incidents whose days may overlap that agreement's period are read:
    no other incident's answer can change when it is added.
    """
    timeline = stored(conn)
    c = incidents.c
    query = select(c.id, c.time_start, c.time_end, c.lon, c.lat, c.place_precision, c.agreement)
    if during is not None:
        # Its own calendar days: in_force_during compares whole days on the agreement's clock.
        query = query.where(c.time_end >= during.effective.date())
        if during.ends is not None:
            ends = during.ends.astimezone(during.effective.tzinfo)
            query = query.where(c.time_start <= ends.date())
    update = (
        incidents.update()
        .where(c.id == bindparam("incident_id"))
        .values(agreement=bindparam("name"))
    )
    changed = 0
    after = 0
    while True:
        rows = conn.execute(query.where(c.id > after).order_by(c.id).limit(_BATCH)).all()
        if not rows:
            return changed
        # Incidents of the same days share the agreements in force then; zones decide the rest.
        by_days: dict[tuple[date, date], tuple[Agreement, ...]] = {}
        updates: list[dict[str, Any]] = []
        for incident_id, first, last, lon, lat, precision, current in rows:
            days = (first, last)
            if days not in by_days:
                by_days[days] = tuple(a for a in timeline if a.in_force_during(first, last))
            name = name_in_force(by_days[days], first, last, lon, lat, precision)
            if name != current:
                updates.append({"incident_id": incident_id, "name": name})
        if updates:
            conn.execute(update, updates)
        changed += len(updates)
        after = rows[-1][0]


def _refuse_existing(conn: Connection, agreement: Agreement) -> None:
    for column, value in ((agreements.c.id, agreement.id), (agreements.c.name, agreement.name)):
        if conn.execute(select(agreements.c.id).where(column == value)).first() is not None:
            raise Conflict(f"an agreement with {column.name} {value!r} is already stored")


def _insert(conn: Connection, agreement: Agreement, actor: str) -> None:
    conn.execute(agreements.insert(), _row(agreement, actor))
    audit.append(
        conn,
        actor=actor,
        action="agreement.add",
        entity="agreement",
        entity_id=agreement.id,
        payload=agreement.to_json(),
    )


def _row(agreement: Agreement, actor: str) -> dict[str, Any]:
    return {
        "id": agreement.id,
        "name": agreement.name,
        "kind": agreement.kind,
        "parties": list(agreement.parties),
        # UTC: SQLite keeps no offset, so every stored moment is on one clock.
        "effective": agreement.effective.astimezone(UTC),
        "ends": None if agreement.ends is None else agreement.ends.astimezone(UTC),
        "time_zone": agreement.time_zone,
        "zone": None if agreement.zone is None else dict(agreement.zone),
        "sources": list(agreement.sources),
        "notes": agreement.notes,
        "created_by": actor,
        "created_at": datetime.now(UTC),
    }


def _from_row(row: RowMapping) -> Agreement:
    own = parse_time_zone(row["time_zone"])
    ends = row["ends"]
    return Agreement(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        parties=_strings(row["parties"]),
        effective=_utc(row["effective"]).astimezone(own),
        ends=None if ends is None else _utc(ends).astimezone(own),
        zone=row["zone"],
        sources=_strings(row["sources"]),
        notes=row["notes"],
    )


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _strings(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)
