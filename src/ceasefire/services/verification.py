"""Joint verification: delegations' positions on incidents, the status they lead to, and closing.

Every change states the incident version it read (`expected_version`) or is checked with a
compare-and-set on `incidents.version`, so two officers changing one incident at once get one
success and one Conflict: nothing is silently overwritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from ceasefire.domain.audit import utc_text
from ceasefire.domain.taxonomy import IncidentStatus, PositionKind, Role
from ceasefire.domain.verification import (
    ConfirmRule,
    EvidenceRef,
    StatusChange,
    after_close,
    after_merge,
    after_position,
    after_reopen,
    merge_positions,
    parse_position,
)
from ceasefire.errors import Conflict, Forbidden, InvalidValue, NotFound
from ceasefire.services import audit
from ceasefire.services.incidents import incident_json
from ceasefire.services.users import delegation_codes, get_user, require_role
from ceasefire.storage.schema import claims, incident_history, incidents, positions, sources, users
from ceasefire.storage.sql import Database


@dataclass(frozen=True, slots=True)
class RecordedPosition:
    """A stored position with who recorded it; `current` is False once superseded."""

    delegation: str
    position: PositionKind
    reason: str
    evidence: tuple[str, ...]
    recorded_by: str
    recorded_at: datetime
    current: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "delegation": self.delegation,
            "position": self.position.value,
            "reason": self.reason,
            "evidence": list(self.evidence),
            "recorded_by": self.recorded_by,
            "recorded_at": utc_text(self.recorded_at),
            "current": self.current,
        }


@dataclass(frozen=True, slots=True)
class VerificationState:
    """An incident's status and version, each delegation's current position and the history."""

    incident_id: int
    status: IncidentStatus
    version: int
    current: dict[str, RecordedPosition | None]
    history: tuple[RecordedPosition, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """`{"status", "version", "positions": {"current": {CODE: {...}|null}, "history": [...]}}`."""
        return {
            "status": self.status.value,
            "version": self.version,
            "positions": {
                "current": {
                    code: None if p is None else p.to_json() for code, p in self.current.items()
                },
                "history": [p.to_json() for p in self.history],
            },
        }


def verification_state(conn: Connection, incident_id: int) -> VerificationState:
    """The verification side of an incident as stored now."""
    row = conn.execute(
        select(incidents.c.status, incidents.c.version).where(incidents.c.id == incident_id)
    ).first()
    if row is None:
        raise NotFound(f"no incident {incident_id}")
    stored = conn.execute(
        select(positions, users.c.username)
        .join(users, users.c.id == positions.c.recorded_by)
        .where(positions.c.incident_id == incident_id)
        .order_by(positions.c.id)
    ).mappings()
    history = tuple(
        RecordedPosition(
            delegation=p["delegation"],
            position=PositionKind(p["position"]),
            reason=p["reason"],
            evidence=tuple(p["evidence"] or ()),
            recorded_by=p["username"],
            recorded_at=p["recorded_at"],
            current=bool(p["current"]),
        )
        for p in stored
    )
    current: dict[str, RecordedPosition | None] = dict.fromkeys(delegation_codes(conn))
    for position in history:
        if position.current:
            current[position.delegation] = position
    return VerificationState(incident_id, IncidentStatus(row.status), row.version, current, history)


def state_of(db: Database, incident_id: int) -> VerificationState:
    with db.connect() as conn:
        return verification_state(conn, incident_id)


# --- optimistic concurrency -------------------------------------------------------------------


def read_version(conn: Connection, incident_id: int) -> tuple[IncidentStatus, int]:
    """The incident's status and version as this transaction sees them (live incidents only)."""
    row = conn.execute(
        select(incidents.c.status, incidents.c.version, incidents.c.merged_into).where(
            incidents.c.id == incident_id
        )
    ).first()
    if row is None:
        raise NotFound(f"no incident {incident_id}")
    if row.merged_into is not None:
        raise Conflict(
            f"incident {incident_id} was merged into incident {row.merged_into}; "
            f"verify incident {row.merged_into} instead"
        )
    return IncidentStatus(row.status), int(row.version)


def check_expected(incident_id: int, version: int, expected: int | None) -> None:
    """Conflict when the caller read an older (or newer) version than the one stored."""
    if expected is not None and expected != version:
        raise Conflict(
            f"incident {incident_id} is at version {version}, not {expected}: "
            "someone changed it since you read it; reload and try again"
        )


def compare_and_set(
    conn: Connection, incident_id: int, read: int, *, status: IncidentStatus | None = None
) -> int:
    """Bump the version from `read` (and set `status`); Conflict when another change came first."""
    values: dict[str, Any] = {"version": read + 1, "updated_at": datetime.now(UTC)}
    if status is not None:
        values["status"] = status.value
    result = conn.execute(
        incidents.update()
        .where(incidents.c.id == incident_id, incidents.c.version == read)
        .values(**values)
    )
    if result.rowcount != 1:
        raise Conflict(
            f"incident {incident_id} was changed by someone else after you read version {read}; "
            "reload and try again"
        )
    return read + 1


# --- use cases ----------------------------------------------------------------------------------


def _check_evidence(conn: Connection, refs: Sequence[EvidenceRef]) -> None:
    tables = {"source": sources, "claim": claims}
    for ref in refs:
        table = tables.get(ref.kind)
        if table is None:
            continue  # attachments are named by their SHA-256; the file lives outside the database
        if conn.execute(select(table.c.id).where(table.c.id == int(ref.value))).first() is None:
            raise InvalidValue("evidence", f"{ref}: no {ref.kind} {ref.value}")


def _record(
    conn: Connection,
    incident_id: int,
    actor: str,
    actions: tuple[str, str],
    detail: dict[str, Any],
    now: datetime,
) -> None:
    """One change to an incident: a row of its history and an entry of the audit log.

    `actions` names it in each: ("position", "position.record").
    """
    history_action, audit_action = actions
    conn.execute(
        incident_history.insert().values(
            incident_id=incident_id, at=now, actor=actor, action=history_action, detail=detail
        )
    )
    audit.append(
        conn,
        actor=actor,
        action=audit_action,
        entity="incident",
        entity_id=incident_id,
        payload=detail,
    )


def _log_change(
    conn: Connection,
    incident_id: int,
    change: StatusChange,
    actor: str,
    via: str,
    now: datetime,
    reason: str | None = None,
) -> None:
    """One history row and one audit entry per status step (reported → under_review → ...)."""
    for before, after in zip(change.path, change.path[1:], strict=False):
        detail = {"from": before.value, "to": after.value, "via": via}
        if reason is not None:
            detail["reason"] = reason
        _record(conn, incident_id, actor, ("status", "incident.status"), detail, now)


def record_position(
    db: Database,
    incident_id: int,
    *,
    username: str,
    position: str,
    reason: str,
    evidence: Sequence[str] = (),
    expected_version: int | None = None,
    delegation: str | None = None,
    rule: ConfirmRule = ConfirmRule.ALL,
) -> VerificationState:
    """An officer states their delegation's position; the incident's status follows the rule."""
    with db.begin() as conn:
        user = get_user(conn, username)
        require_role(user, Role.OFFICER, doing="recording a delegation's position")
        if user.delegation is None:  # add_user refuses this; a hand-edited row could not
            raise Forbidden(f"officer {user.username!r} belongs to no delegation")
        if delegation is not None and delegation.strip().upper() != user.delegation:
            raise Forbidden(
                f"officer {user.username!r} belongs to delegation {user.delegation} "
                f"and cannot state the position of {delegation.strip().upper()}"
            )
        statement = parse_position(user.delegation, position, reason, evidence)
        status, version = read_version(conn, incident_id)
        check_expected(incident_id, version, expected_version)
        _check_evidence(conn, statement.evidence)
        held = conn.execute(
            select(positions.c.delegation, positions.c.position).where(
                positions.c.incident_id == incident_id, positions.c.current.is_(True)
            )
        ).all()
        stances = {row.delegation: PositionKind(row.position) for row in held}
        stances[statement.delegation] = statement.position
        change = after_position(status, stances, delegation_codes(conn), rule)
        # The compare-and-set comes before any other write so a loser holds no audit lock.
        new_version = compare_and_set(conn, incident_id, version, status=change.after)
        now = datetime.now(UTC)
        conn.execute(
            positions.update()
            .where(
                positions.c.incident_id == incident_id,
                positions.c.delegation == statement.delegation,
                positions.c.current.is_(True),
            )
            .values(current=False)
        )
        refs = [str(ref) for ref in statement.evidence]
        conn.execute(
            positions.insert().values(
                incident_id=incident_id,
                delegation=statement.delegation,
                position=statement.position.value,
                reason=statement.reason,
                evidence=refs,
                recorded_by=user.id,
                recorded_at=now,
                current=True,
            )
        )
        detail = {
            "delegation": statement.delegation,
            "position": statement.position.value,
            "reason": statement.reason,
            "evidence": refs,
            "version": new_version,
        }
        _record(conn, incident_id, user.username, ("position", "position.record"), detail, now)
        _log_change(conn, incident_id, change, user.username, "position", now)
        return verification_state(conn, incident_id)


def _admin_decision(
    db: Database,
    incident_id: int,
    *,
    username: str,
    reason: str,
    expected_version: int | None,
    closing: bool,
) -> VerificationState:
    reason = reason.strip()
    if not reason:
        raise InvalidValue("reason", "closing or reopening a review needs a reason")
    verb = "close" if closing else "reopen"
    with db.begin() as conn:
        user = get_user(conn, username)
        require_role(user, Role.ADMIN, doing=f"{verb} a review")
        status, version = read_version(conn, incident_id)
        check_expected(incident_id, version, expected_version)
        change = after_close(status) if closing else after_reopen(status)
        new_version = compare_and_set(conn, incident_id, version, status=change.after)
        now = datetime.now(UTC)
        detail = {"reason": reason, "version": new_version}
        _record(conn, incident_id, user.username, (verb, f"review.{verb}"), detail, now)
        _log_change(conn, incident_id, change, user.username, verb, now)
        return verification_state(conn, incident_id)


def close_review(
    db: Database,
    incident_id: int,
    *,
    username: str,
    reason: str,
    expected_version: int | None = None,
) -> VerificationState:
    """An admin closes a review that cannot conclude: the incident stays unconfirmed."""
    return _admin_decision(
        db,
        incident_id,
        username=username,
        reason=reason,
        expected_version=expected_version,
        closing=True,
    )


def reopen_review(
    db: Database,
    incident_id: int,
    *,
    username: str,
    reason: str,
    expected_version: int | None = None,
) -> VerificationState:
    """An admin reopens a closed review (e.g. new evidence); positions may be recorded again."""
    return _admin_decision(
        db,
        incident_id,
        username=username,
        reason=reason,
        expected_version=expected_version,
        closing=False,
    )


def carry_positions(
    conn: Connection,
    target: int,
    others: Sequence[int],
    *,
    actor: str,
    rule: ConfirmRule,
    now: datetime,
) -> StatusChange:
    """Incidents `others` merge into `target`: their positions (current and past) move with them.

    Inside the merge's transaction. Per delegation, agreeing positions keep the latest as the
    current one; conflicting ones are all superseded (the delegation states its position
    again). The status is derived again (`after_merge`), the version bumped, and the history
    and the audit log say what moved and why the status changed.
    """
    merging = [target, *others]
    status, _ = read_version(conn, target)
    held = conn.execute(
        select(
            positions.c.id, positions.c.incident_id, positions.c.delegation, positions.c.position
        )
        .where(positions.c.incident_id.in_(merging), positions.c.current.is_(True))
        .order_by(positions.c.recorded_at, positions.c.id)
    ).all()
    moved = conn.execute(
        positions.update()
        .where(positions.c.incident_id.in_(list(others)))
        .values(incident_id=target)
    ).rowcount
    if not held and not moved:
        return StatusChange((status,))
    by_incident: dict[int, dict[str, PositionKind]] = {i: {} for i in merging}
    for row in held:
        by_incident[row.incident_id][row.delegation] = PositionKind(row.position)
    merged = merge_positions([by_incident[i] for i in merging])
    latest = {row.delegation: row.id for row in held if row.delegation in merged.positions}
    superseded = [row.id for row in held if latest.get(row.delegation) != row.id]
    if superseded:
        conn.execute(positions.update().where(positions.c.id.in_(superseded)).values(current=False))
    change, reason = after_merge(status, merged, delegation_codes(conn), rule)
    conn.execute(
        incidents.update()
        .where(incidents.c.id == target)
        .values(status=change.after.value, version=incidents.c.version + 1, updated_at=now)
    )
    conflicts: dict[str, dict[str, list[int]]] = {}
    for row in held:
        if row.delegation in merged.conflicts:
            conflicts.setdefault(row.delegation, {}).setdefault(row.position, []).append(
                row.incident_id
            )
    detail = {
        "from": list(others),
        "positions_moved": moved,
        "current": {code: kind.value for code, kind in sorted(merged.positions.items())},
        "conflicts": conflicts,
        "status": change.after.value,
        "reason": reason,
    }
    _record(conn, target, actor, ("positions_merged", "position.merge"), detail, now)
    _log_change(conn, target, change, actor, "merge", now, reason)
    return change


# --- reading ------------------------------------------------------------------------------------


def incident_view(db: Database, incident_id: int) -> dict[str, Any]:
    """The incident JSON with `status`, `version` and `positions` (current + history)."""
    with db.connect() as conn:
        state = verification_state(conn, incident_id)
        view = incident_json(conn, incident_id)
    view.update(state.to_json())
    return view
