"""The routes under /api/v1: health, incidents with their verification, positions, audit."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from ceasefire import __version__
from ceasefire.api.auth import CurrentUser, DatabaseDep, Reader, SettingsDep
from ceasefire.api.schemas import (
    AuditVerifyOut,
    ChainBreakOut,
    HealthOut,
    PositionIn,
    ReviewDecisionIn,
    VerificationOut,
)
from ceasefire.domain.taxonomy import Role
from ceasefire.domain.verification import ConfirmRule
from ceasefire.errors import NotFound
from ceasefire.services import audit, verification
from ceasefire.services.users import require_role

router = APIRouter(prefix="/api/v1")

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No or invalid bearer token"},
    403: {"description": "The role or delegation may not do this"},
    404: {"description": "No such incident"},
    409: {"description": "Stale expected_version or a transition the status machine forbids"},
    422: {"description": "Invalid body"},
}


def _out(state: verification.VerificationState) -> VerificationOut:
    return VerificationOut.model_validate({"incident_id": state.incident_id, **state.to_json()})


@router.get("/health", tags=["service"])
def health(db: DatabaseDep) -> HealthOut:
    """Liveness and the schema revision of the database behind the API."""
    return HealthOut(
        status="ok", version=__version__, database=db.dialect, schema_revision=db.revision()
    )


@router.get(
    "/incidents/{incident_id}",
    tags=["incidents"],
    responses={k: v for k, v in _ERRORS.items() if k in (401, 404)},
)
def get_incident(incident_id: int, db: DatabaseDep, user: Reader) -> dict[str, Any]:
    """One incident (contract JSON) with `status`, `version` and the delegations' `positions`.

    Anonymous reads (public read switched on) see confirmed incidents only, without the
    positions and the internal history.
    """
    view = verification.incident_view(db, incident_id)
    if user is None:
        if view["status"] != "confirmed":
            raise NotFound(f"no incident {incident_id}")
        for internal in ("positions", "history"):
            view.pop(internal, None)
    return view


@router.post(
    "/incidents/{incident_id}/positions",
    tags=["verification"],
    status_code=status.HTTP_201_CREATED,
    responses=_ERRORS,
)
def record_position(
    incident_id: int, body: PositionIn, db: DatabaseDep, settings: SettingsDep, user: CurrentUser
) -> VerificationOut:
    """An officer states their delegation's position; returns the new status and version."""
    state = verification.record_position(
        db,
        incident_id,
        username=user.username,
        position=body.position,
        reason=body.reason,
        evidence=body.evidence,
        expected_version=body.expected_version,
        delegation=body.delegation,
        rule=ConfirmRule(settings.confirm_rule),
    )
    return _out(state)


@router.post("/incidents/{incident_id}/close", tags=["verification"], responses=_ERRORS)
def close_review(
    incident_id: int, body: ReviewDecisionIn, db: DatabaseDep, user: CurrentUser
) -> VerificationOut:
    """An admin closes a review that cannot conclude: the incident stays unconfirmed."""
    state = verification.close_review(
        db,
        incident_id,
        username=user.username,
        reason=body.reason,
        expected_version=body.expected_version,
    )
    return _out(state)


@router.post("/incidents/{incident_id}/reopen", tags=["verification"], responses=_ERRORS)
def reopen_review(
    incident_id: int, body: ReviewDecisionIn, db: DatabaseDep, user: CurrentUser
) -> VerificationOut:
    """An admin reopens a closed review so that positions can be stated again."""
    state = verification.reopen_review(
        db,
        incident_id,
        username=user.username,
        reason=body.reason,
        expected_version=body.expected_version,
    )
    return _out(state)


@router.get("/audit/verify", tags=["audit"], responses={401: _ERRORS[401], 403: _ERRORS[403]})
def verify_audit(db: DatabaseDep, user: CurrentUser) -> AuditVerifyOut:
    """Re-compute the audit hash chain (admins and officers)."""
    require_role(user, Role.ADMIN, Role.OFFICER, doing="verifying the audit log")
    with db.connect() as conn:
        report = audit.verify(conn)
    broken = report.broken
    return AuditVerifyOut(
        intact=report.intact,
        entries=report.entries,
        broken=None if broken is None else ChainBreakOut(seq=broken.seq, reason=broken.reason),
    )
