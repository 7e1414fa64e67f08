"""The routes under /api/v1: health, verification of incidents (positions, reviews), audit."""

from __future__ import annotations

from fastapi import APIRouter, status

from ceasefire import __version__
from ceasefire.api.auth import CurrentUser, DatabaseDep, SettingsDep
from ceasefire.api.errors import declared
from ceasefire.api.schemas import (
    AuditVerifyOut,
    ChainBreakOut,
    HealthOut,
    PositionIn,
    RecordId,
    ReviewDecisionIn,
    VerificationOut,
)
from ceasefire.domain.taxonomy import Role
from ceasefire.domain.verification import ConfirmRule
from ceasefire.services import audit, verification
from ceasefire.services.users import require_role

router = APIRouter(prefix="/api/v1")

_ERRORS = declared(400, 401, 403, 404, 409, 413, 422, _404="No such incident")


def _out(state: verification.VerificationState) -> VerificationOut:
    return VerificationOut.model_validate({"incident_id": state.incident_id, **state.to_json()})


@router.get("/health", tags=["service"])
def health(db: DatabaseDep) -> HealthOut:
    """Liveness and the schema revision of the database behind the API."""
    return HealthOut(
        status="ok", version=__version__, database=db.dialect, schema_revision=db.revision()
    )


@router.post(
    "/incidents/{incident_id}/positions",
    tags=["verification"],
    status_code=status.HTTP_201_CREATED,
    responses=_ERRORS,
)
def record_position(
    incident_id: RecordId,
    body: PositionIn,
    db: DatabaseDep,
    settings: SettingsDep,
    user: CurrentUser,
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
    incident_id: RecordId, body: ReviewDecisionIn, db: DatabaseDep, user: CurrentUser
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
    incident_id: RecordId, body: ReviewDecisionIn, db: DatabaseDep, user: CurrentUser
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


@router.get("/audit/verify", tags=["audit"], responses=declared(401, 403))
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
