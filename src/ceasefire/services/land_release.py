"""Land release (IMSMA Activity): land cancelled, reduced or cleared, and the ordnance found.

One transaction per release: the record, the area's remaining m² and status, the status
history and the audit entry all land together, or nothing does (e.g. releasing more than
remains).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ceasefire.domain.mine_action import HazardStatus, Release, apply_release
from ceasefire.services import audit
from ceasefire.services.hazards import locked_area, release_item, require_accepted, set_status
from ceasefire.storage.schema import clearance_tasks
from ceasefire.storage.sql import Database


def add_release(
    database: Database, area_id: int, release: Release, *, actor: str
) -> dict[str, Any]:
    """Record one release on an area; returns the record with the area's new figures.

    At zero remaining the area becomes `cleared`; otherwise `reduced`.
    """
    with database.begin() as conn:
        row = locked_area(conn, area_id)
        require_accepted(row)
        old = HazardStatus(row["status"])
        outcome = apply_release(old, float(row["remaining_m2"]), release)
        task_row = {
            "hazard_area_id": area_id,
            "method": release.method.value,
            "day": release.day,
            "area_m2": release.area_m2,
            "items": release.items_json(),
            "team": release.team,
            "recorded_by": actor,
            "recorded_at": datetime.now(UTC),
        }
        inserted = conn.execute(clearance_tasks.insert().returning(*clearance_tasks.c), task_row)
        record = release_item(inserted.mappings().one())
        reason = f"{release.method.value.replace('_', ' ')}: {release.area_m2:.1f} m² released"
        set_status(
            conn,
            row,
            outcome.status,
            remaining_m2=outcome.remaining_m2,
            day=release.day,
            reason=reason,
            actor=actor,
        )
        audit.append(
            conn,
            actor=actor,
            action="clearance.add",
            entity="hazard_area",
            entity_id=area_id,
            payload={
                **record,
                "status": outcome.status.value,
                "remaining_m2": outcome.remaining_m2,
            },
        )
    return {
        **record,
        "status": outcome.status.value,
        "previous_status": old.value,
        "remaining_m2": outcome.remaining_m2,
    }
