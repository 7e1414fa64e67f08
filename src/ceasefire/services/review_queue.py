"""The review queue: incidents awaiting a delegation's position, and linking suggestions.

Roles: officers, analysts and admins answer suggestions (accept or reject); every signed-in
user may read the queue. Answering goes through `incident_edits`, which records the link
decision, the incident history and the audit entry in one transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, exists, select

from ceasefire.domain.taxonomy import Category, IncidentStatus, Role
from ceasefire.services import incident_edits
from ceasefire.services.incident_edits import EditResult
from ceasefire.services.users import User, require_role
from ceasefire.storage.schema import claims, incidents, positions, sources
from ceasefire.storage.sql import Database

#: Statuses in which a delegation's position is still wanted.
OPEN_STATUSES = (IncidentStatus.REPORTED, IncidentStatus.UNDER_REVIEW, IncidentStatus.DISPUTED)
#: Who may answer a linking suggestion.
ANSWERING_ROLES = (Role.ADMIN, Role.ANALYST, Role.OFFICER)


def awaiting_position(
    database: Database, delegation: str, *, limit: int = 200
) -> list[dict[str, Any]]:
    """Open incidents on which `delegation` holds no current position, oldest first, each with
    the headlines of its sources."""
    stated = exists().where(
        and_(
            positions.c.incident_id == incidents.c.id,
            positions.c.delegation == delegation,
            positions.c.current.is_(True),
        )
    )
    query = (
        select(
            incidents.c.id,
            incidents.c.category,
            incidents.c.type,
            incidents.c.status,
            incidents.c.time_start,
            incidents.c.time_end,
            incidents.c.place_name,
            incidents.c.gazetteer_id,
            incidents.c.summary,
            incidents.c.version,
        )
        .where(
            incidents.c.merged_into.is_(None),
            incidents.c.status.in_([s.value for s in OPEN_STATUSES]),
            incidents.c.category != Category.CONTEXT.value,
            ~stated,
        )
        .order_by(incidents.c.time_start, incidents.c.id)
        .limit(limit)
    )
    with database.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
        ids = [int(r["id"]) for r in rows]
        headlines: dict[int, list[str]] = {i: [] for i in ids}
        if ids:
            found = conn.execute(
                select(claims.c.incident_id, sources.c.headline)
                .join(sources, sources.c.id == claims.c.source_id)
                .where(claims.c.incident_id.in_(ids))
                .order_by(claims.c.id)
            )
            for incident_id, headline in found:
                if headline and headline not in headlines[int(incident_id)]:
                    headlines[int(incident_id)].append(headline)
    for row in rows:
        row["time_start"] = row["time_start"].isoformat()
        row["time_end"] = row["time_end"].isoformat()
        row["headlines"] = headlines[int(row["id"])]
    return rows


def list_suggestions(database: Database, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Pending linking suggestions, best score first (see `incident_edits.pending_suggestions`)."""
    with database.connect() as conn:
        return incident_edits.pending_suggestions(conn, limit=limit)


def answer_suggestion(
    database: Database, suggestion_id: int, *, user: User, accept: bool
) -> EditResult:
    """Accept (the claim joins the suggested incident) or reject a suggestion, as `user`."""
    verb = "accepting" if accept else "rejecting"
    require_role(user, *ANSWERING_ROLES, doing=f"{verb} a linking suggestion")
    answer = incident_edits.accept_suggestion if accept else incident_edits.reject_suggestion
    return answer(database, suggestion_id, actor=user.username)
