"""Complaints and restrictions under /api/v1, as the CLI has them (`ceasefire complaint ...`,
`ceasefire restriction ...`).

Roles: every signed-in user reads; officers (for their own delegation) and admins lodge,
notify, record responses and verify complaints; officers, analysts and admins record
restrictions. Public read never shows these.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, status

from ceasefire.api.auth import CurrentUser, DatabaseDep, SettingsDep
from ceasefire.api.errors import declared
from ceasefire.api.schemas import (
    ComplaintIn,
    ComplaintOut,
    ComplaintResponseIn,
    ComplaintsOut,
    ComplaintVerdictIn,
    RecordId,
    RestrictionIn,
    RestrictionOut,
    RestrictionsOut,
    TallyOut,
)
from ceasefire.domain.taxonomy import Role
from ceasefire.errors import Forbidden
from ceasefire.services import complaints, restrictions
from ceasefire.services.complaints import Complaint
from ceasefire.services.users import User, require_role

router = APIRouter(prefix="/api/v1")

_READ = declared(401, 422)
_WRITE = declared(400, 401, 403, 404, 409, 413, 422, _404="No such complaint or incident")


def _out(complaint: Complaint) -> ComplaintOut:
    return ComplaintOut.model_validate(complaint.to_json())


def _may_handle_complaints(user: User, doing: str, delegation: str | None = None) -> None:
    require_role(user, Role.ADMIN, Role.OFFICER, doing=doing)
    own = delegation is None or delegation.strip().upper() == user.delegation
    if user.role is Role.OFFICER and not own:
        raise Forbidden(f"{doing} for {delegation}: {user.username!r} is of {user.delegation}")


@router.get("/complaints", tags=["complaints"], responses=declared(401))
def list_complaints(db: DatabaseDep, _user: CurrentUser) -> ComplaintsOut:
    """Every complaint, by number, with the stage it has reached."""
    return ComplaintsOut(items=[_out(c) for c in complaints.list_complaints(db)])


@router.get("/complaints/tally", tags=["complaints"], responses=declared(401))
def tally(db: DatabaseDep, _user: CurrentUser) -> list[TallyOut]:
    """Per party: complaints lodged and their outcomes, and those lodged against it."""
    return [TallyOut.model_validate(row.to_json()) for row in complaints.tally(db)]


@router.post(
    "/complaints",
    tags=["complaints"],
    status_code=status.HTTP_201_CREATED,
    responses=declared(400, 401, 403, 409, 422),
)
def lodge(
    body: ComplaintIn, db: DatabaseDep, settings: SettingsDep, user: CurrentUser
) -> ComplaintOut:
    """Lodge a complaint; its text is stored as a source of kind `complaint`."""
    _may_handle_complaints(user, "lodging a complaint", body.by)
    return _out(
        complaints.lodge_text(
            db,
            body.text,
            headline=body.headline,
            by=body.by,
            against=body.against,
            due=body.due,
            actor=user.username,
            settings=settings,
        )
    )


@router.post("/complaints/{complaint_id}/notify", tags=["complaints"], responses=_WRITE)
def notify(complaint_id: RecordId, db: DatabaseDep, user: CurrentUser) -> ComplaintOut:
    """Record that the party complained against has been notified."""
    _may_handle_complaints(user, "notifying a complaint")
    return _out(complaints.notify(db, complaint_id, actor=user.username))


@router.post("/complaints/{complaint_id}/response", tags=["complaints"], responses=_WRITE)
def respond(
    complaint_id: RecordId, body: ComplaintResponseIn, db: DatabaseDep, user: CurrentUser
) -> ComplaintOut:
    """Record the notified party's response."""
    _may_handle_complaints(user, "recording a response")
    return _out(complaints.respond(db, complaint_id, body.text, actor=user.username))


@router.post("/complaints/{complaint_id}/verify", tags=["complaints"], responses=_WRITE)
def verify(
    complaint_id: RecordId, body: ComplaintVerdictIn, db: DatabaseDep, user: CurrentUser
) -> ComplaintOut:
    """Record the monitors' finding (needs the response, or its due date passed)."""
    _may_handle_complaints(user, "verifying a complaint")
    return _out(
        complaints.verify(
            db, complaint_id, body.outcome, incident_id=body.incident, actor=user.username
        )
    )


@router.get("/restrictions", tags=["restrictions"], responses=_READ)
def list_restrictions(
    db: DatabaseDep,
    _user: CurrentUser,
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
) -> RestrictionsOut:
    """Restrictions of movement between `from` and `to` (inclusive), oldest first."""
    found = restrictions.list_restrictions(db, start=start, end=end)
    return RestrictionsOut(items=[RestrictionOut.model_validate(r.to_json()) for r in found])


@router.post(
    "/restrictions",
    tags=["restrictions"],
    status_code=status.HTTP_201_CREATED,
    responses=declared(400, 401, 403, 422),
)
def add_restriction(body: RestrictionIn, db: DatabaseDep, user: CurrentUser) -> RestrictionOut:
    """Record a restriction; the signed-in user is its reporter."""
    require_role(user, Role.ADMIN, Role.OFFICER, Role.ANALYST, doing="recording a restriction")
    added = restrictions.add(
        db,
        day=body.day,
        kind=body.kind,
        description=body.description,
        place=body.place,
        imposed_by=body.imposed_by,
        lat=body.lat,
        lon=body.lon,
        recorded_by=user.username,
        actor=user.username,
    )
    return RestrictionOut.model_validate(added.to_json())
