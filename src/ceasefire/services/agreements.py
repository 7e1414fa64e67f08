"""The agreements a centre monitors: add, list, show, and the bundled timeline on `init`.

Each write is one transaction with its audit entry. `load_bundled` fills an empty table only,
so a second `init` never overwrites what a centre has added.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.engine import RowMapping

from ceasefire.domain.agreements import Agreement, parse_time_zone
from ceasefire.errors import Conflict, NotFound
from ceasefire.services import audit
from ceasefire.storage.schema import agreements
from ceasefire.storage.sql import Database


def add(database: Database, agreement: Agreement, *, actor: str = "cli") -> Agreement:
    """Store a new agreement; an id or name already stored is a Conflict."""
    with database.begin() as conn:
        _refuse_existing(conn, agreement)
        _insert(conn, agreement, actor)
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
