"""Explosive-ordnance accidents (IMSMA Accident, Victim): links to hazardous areas, victims,
and suggested areas around accidents outside every known one.

An accident is a live incident of category `explosive_ordnance`. It happened in at most one
hazardous area (`link_incident`). `suggest_areas` looks at accidents placed to a site or a
settlement that no area holds yet: one inside a known area (accepted or suggested, still
open: suspected, confirmed or reduced) is linked to the smallest such area; one outside every
known area gets a suggested `suspected` area, a geodesic circle of `hazard_radius_m`
(config.py) around it, which an analyst accepts or rejects (services/hazards.py). Ingest runs
it for the incidents it touched; `ceasefire hazards suggest` runs it over every accident.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.engine import RowMapping

from ceasefire.domain.geodesy import geodesic_circle
from ceasefire.domain.hazard_geometry import covers_point
from ceasefire.domain.mine_action import (
    OPEN_STATUSES,
    ContaminationEvidence,
    HazardStatus,
    Review,
    Victim,
)
from ceasefire.domain.taxonomy import Category, PlacePrecision
from ceasefire.errors import InvalidValue, NotFound
from ceasefire.services import audit
from ceasefire.services.hazards import NewArea, locked_area, store_area
from ceasefire.services.linking import history
from ceasefire.storage.schema import eo_victims, hazard_areas, incident_hazards, incidents
from ceasefire.storage.spatial import hazard_cover_clause
from ceasefire.storage.sql import Database

#: Places precise enough to draw a suggested area around (a district centre is not).
_PLACED = (PlacePrecision.SITE.value, PlacePrecision.SETTLEMENT.value)


def _accident(conn: Connection, incident_id: int) -> RowMapping:
    row = (
        conn.execute(
            select(incidents.c.id, incidents.c.category, incidents.c.merged_into).where(
                incidents.c.id == incident_id
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"no incident {incident_id}")
    if row["merged_into"] is not None:
        raise InvalidValue(
            "incident", f"incident {incident_id} was merged into {row['merged_into']}"
        )
    if row["category"] != Category.EXPLOSIVE_ORDNANCE.value:
        raise InvalidValue(
            "incident",
            f"incident {incident_id} is {row['category']}: only explosive_ordnance incidents "
            "are accidents",
        )
    return row


def _link(conn: Connection, incident_id: int, area_id: int, actor: str, why: str) -> None:
    now = datetime.now(UTC)
    conn.execute(incident_hazards.delete().where(incident_hazards.c.incident_id == incident_id))
    conn.execute(
        incident_hazards.insert().values(
            incident_id=incident_id, hazard_area_id=area_id, linked_by=actor, linked_at=now
        )
    )
    detail = {"hazard_area_id": area_id, "why": why}
    history(conn, incident_id, actor, "hazard_linked", detail, now)
    audit.append(
        conn,
        actor=actor,
        action="incident.hazard_link",
        entity="incident",
        entity_id=incident_id,
        payload=detail,
    )


def link_incident(database: Database, incident_id: int, area_id: int, *, actor: str) -> str:
    """Link an accident to the hazardous area it happened in (replacing an earlier link)."""
    with database.begin() as conn:
        _accident(conn, incident_id)
        area = locked_area(conn, area_id)
        if area["review"] == Review.REJECTED.value:
            raise InvalidValue("hazard_area", f"area {area_id} is a rejected suggestion")
        _link(conn, incident_id, area_id, actor, "linked by an analyst")
    return f"incident {incident_id} linked to hazardous area {area_id}"


def unlink_incident(database: Database, incident_id: int, *, actor: str) -> str:
    """Take an accident's link to a hazardous area away."""
    with database.begin() as conn:
        _accident(conn, incident_id)
        gone = conn.execute(
            incident_hazards.delete()
            .where(incident_hazards.c.incident_id == incident_id)
            .returning(incident_hazards.c.hazard_area_id)
        ).scalar()
        if gone is None:
            raise InvalidValue("incident", f"incident {incident_id} is linked to no hazardous area")
        now = datetime.now(UTC)
        history(conn, incident_id, actor, "hazard_unlinked", {"hazard_area_id": gone}, now)
        audit.append(
            conn,
            actor=actor,
            action="incident.hazard_unlink",
            entity="incident",
            entity_id=incident_id,
            payload={"hazard_area_id": gone},
        )
    return f"incident {incident_id} unlinked from hazardous area {gone}"


# --- victims ----------------------------------------------------------------------------------


def add_victims(
    database: Database, incident_id: int, victim: Victim, *, count: int = 1, actor: str
) -> dict[str, Any]:
    """Record `count` victims alike of an accident; returns the accident's mine-action record."""
    if not 1 <= count <= 1000:
        raise InvalidValue("count", f"must be between 1 and 1000, got {count}")
    with database.begin() as conn:
        _accident(conn, incident_id)
        now = datetime.now(UTC)
        row = {**victim.to_json(), "incident_id": incident_id, "recorded_by": actor}
        conn.execute(eo_victims.insert(), [{**row, "recorded_at": now} for _ in range(count)])
        audit.append(
            conn,
            actor=actor,
            action="incident.victims_add",
            entity="incident",
            entity_id=incident_id,
            payload={**victim.to_json(), "count": count},
        )
        return accident_json(conn, incident_id)


def victims(database: Database, incident_id: int) -> dict[str, Any]:
    """An accident's hazardous area and victims."""
    with database.connect() as conn:
        _accident(conn, incident_id)
        return accident_json(conn, incident_id)


def accident_json(conn: Connection, incident_id: int) -> dict[str, Any]:
    """`{"incident_id", "hazard_area_id", "victims": [...], "victim_count"}` of one incident."""
    area_id = conn.execute(
        select(incident_hazards.c.hazard_area_id).where(
            incident_hazards.c.incident_id == incident_id
        )
    ).scalar()
    rows = conn.execute(
        select(eo_victims).where(eo_victims.c.incident_id == incident_id).order_by(eo_victims.c.id)
    ).mappings()
    found = [
        {
            "id": r["id"],
            "age_group": r["age_group"],
            "sex": r["sex"],
            "role": r["role"],
            "outcome": r["outcome"],
        }
        for r in rows
    ]
    return {
        "incident_id": incident_id,
        "hazard_area_id": area_id,
        "victims": found,
        "victim_count": len(found),
    }


# --- suggested areas --------------------------------------------------------------------------


@dataclass(slots=True)
class SuggestResult:
    """Accidents linked to a known area, and suggested areas made: (incident id, area id)."""

    linked: list[tuple[int, int]] = field(default_factory=list)
    suggested: list[tuple[int, int]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "linked": [{"incident_id": i, "hazard_area_id": a} for i, a in self.linked],
            "suggested": [{"incident_id": i, "hazard_area_id": a} for i, a in self.suggested],
        }


def suggest_areas(
    database: Database,
    *,
    radius_m: float,
    actor: str,
    incident_ids: Iterable[int] | None = None,
) -> SuggestResult:
    """Link or suggest an area for each placed accident not yet in one (all, or those given)."""
    result = SuggestResult()
    with database.begin() as conn:
        audit.lock_chain(conn)  # one suggester at a time (PostgreSQL): no twin suggestions
        for accident in _unplaced_accidents(conn, incident_ids):
            incident_id = int(accident["id"])
            holder = _known_area(conn, float(accident["lon"]), float(accident["lat"]))
            if holder is not None:
                why = "the accident lies inside the area"
                _link(conn, incident_id, holder, actor, why)
                result.linked.append((incident_id, holder))
                continue
            area_id = _suggest(conn, accident, radius_m, actor)
            _link(conn, incident_id, area_id, actor, "suggested around the accident")
            result.suggested.append((incident_id, area_id))
    return result


def _unplaced_accidents(conn: Connection, only: Iterable[int] | None) -> list[RowMapping]:
    linked = select(incident_hazards.c.incident_id)
    suggested = select(hazard_areas.c.suggested_for).where(
        hazard_areas.c.suggested_for.is_not(None)
    )
    query = select(
        incidents.c.id,
        incidents.c.type,
        incidents.c.lon,
        incidents.c.lat,
        incidents.c.place_name,
        incidents.c.time_start,
    ).where(
        incidents.c.category == Category.EXPLOSIVE_ORDNANCE.value,
        incidents.c.merged_into.is_(None),
        incidents.c.lon.is_not(None),
        incidents.c.lat.is_not(None),
        incidents.c.place_precision.in_(_PLACED),
        incidents.c.id.not_in(linked),
        incidents.c.id.not_in(suggested),
    )
    if only is not None:
        ids = sorted(set(only))
        if not ids:
            return []
        query = query.where(incidents.c.id.in_(ids))
    return list(conn.execute(query.order_by(incidents.c.id)).mappings())


def _known_area(conn: Connection, lon: float, lat: float) -> int | None:
    """The smallest open area, accepted or suggested, that holds the point."""
    dialect = conn.dialect.name
    query = (
        select(hazard_areas.c.id, hazard_areas.c.geometry)
        .where(
            hazard_cover_clause(dialect, lon, lat),
            hazard_areas.c.review.in_([Review.ACCEPTED.value, Review.PENDING.value]),
            hazard_areas.c.status.in_([s.value for s in OPEN_STATUSES]),
        )
        .order_by(hazard_areas.c.area_m2, hazard_areas.c.id)
    )
    for area_id, geometry in conn.execute(query):
        if dialect == "postgresql" or covers_point(json.loads(geometry), lon, lat):
            return int(area_id)
    return None


def _suggest(conn: Connection, accident: RowMapping, radius_m: float, actor: str) -> int:
    incident_id = int(accident["id"])
    place = accident["place_name"] or "an accident"
    area = NewArea(
        name=f"Around {place} (incident {incident_id})",
        geometry=geodesic_circle(float(accident["lon"]), float(accident["lat"]), radius_m),
        status=HazardStatus.SUSPECTED,
        evidence=ContaminationEvidence.INDIRECT,
    )
    reason = (
        f"{accident['type'].replace('_', ' ')} (incident {incident_id}) outside every known "
        f"hazardous area: suggested, {radius_m:g} m around it"
    )
    return store_area(
        conn,
        area,
        actor=actor,
        day=accident["time_start"],
        reason=reason,
        review=Review.PENDING,
        suggested_for=incident_id,
    )
