"""Test support for verification, users and audit: incidents as rows, two delegations, officers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from ceasefire.services import agreements, users
from ceasefire.storage.schema import incidents, sources
from ceasefire.storage.sql import Database


def make_incident(database: Database, **overrides: Any) -> int:
    """Insert one reported incident row directly (no ingest needed) and return its id; its
    `agreement` is the stored one in force, as linking would set it."""
    now = datetime.now(UTC)
    values: dict[str, Any] = {
        "category": "violation",
        "type": "mortar_fire",
        "status": "reported",
        "time_start": date(2020, 12, 23),
        "time_end": date(2020, 12, 23),
        "time_precision": "day",
        "place_name": "Hadrut",
        "lat": 39.52,
        "lon": 47.03,
        "place_precision": "settlement",
        "casualties": {},
        "claimants": ["Azerbaijan"],
        "perpetrators": ["Armenia"],
        "summary": "Mortar fire reported near Hadrut.",
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
    values.update(overrides)
    with database.begin() as conn:
        incident_id = int(
            conn.execute(incidents.insert().values(**values).returning(incidents.c.id)).scalar_one()
        )
        agreements.assign_to_incidents(conn)
    return incident_id


def make_source(database: Database, body: str = "Report body.", kind: str = "media") -> int:
    """Insert one source row directly and return its id."""
    import hashlib

    raw = body.encode()
    with database.begin() as conn:
        return int(
            conn.execute(
                sources.insert()
                .values(
                    sha256=hashlib.sha256(raw).hexdigest(),
                    kind=kind,
                    format="text",
                    headline="",
                    body=body,
                    language="en",
                    related_headlines=[],
                    reliability="F",
                    received_at=datetime.now(UTC),
                    raw=raw,
                )
                .returning(sources.c.id)
            ).scalar_one()
        )


@dataclass(frozen=True)
class Centre:
    """Two delegations (AZ, AM) with one officer each, an admin, an analyst and a viewer."""

    az_officer: str = "aziz"
    am_officer: str = "anahit"
    admin: str = "head"
    analyst: str = "ana"
    viewer: str = "vic"


def make_centre(database: Database, *, public_keys: dict[str, str] | None = None) -> Centre:
    keys = public_keys or {}
    users.add_delegation(database, "AZ", "Azerbaijani delegation", public_key_pem=keys.get("AZ"))
    users.add_delegation(database, "AM", "Armenian delegation", public_key_pem=keys.get("AM"))
    centre = Centre()
    users.add_user(database, centre.az_officer, "officer", delegation="AZ")
    users.add_user(database, centre.am_officer, "officer", delegation="AM")
    users.add_user(database, centre.admin, "admin")
    users.add_user(database, centre.analyst, "analyst")
    users.add_user(database, centre.viewer, "viewer")
    return centre
