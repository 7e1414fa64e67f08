"""Analyst operations on incidents: merge, split, link, unlink, and the suggestion queue.

Each runs in one transaction, records incident history, the link decision and an audit entry,
and bumps the version of every incident it changes. Nothing is lost: every non-context claim
stays in exactly one incident. An incident whose last claim leaves is not deleted (history,
positions and audit entries refer to it): it is marked `merged_into` the incident that took
its claims, and leaves the listings. A merge also carries the delegations' positions over.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, exists, func, select

from ceasefire.domain.verification import ConfirmRule
from ceasefire.errors import InvalidValue, NotFound
from ceasefire.services import audit
from ceasefire.services.linking import (
    create_incident,
    history,
    move_claims,
    record_decision,
    refresh_incident,
    retire_incident,
    serialise_linking,
)
from ceasefire.services.verification import carry_positions
from ceasefire.storage.schema import claims, incidents, link_decisions
from ceasefire.storage.sql import Database


@dataclass(frozen=True, slots=True)
class EditResult:
    """What an operation changed: the incidents it touched, the one it made or kept."""

    incident_id: int
    touched: tuple[int, ...]
    message: str


def merge_incidents(
    database: Database,
    incident_ids: Sequence[int],
    *,
    actor: str,
    rule: ConfirmRule = ConfirmRule.ALL,
) -> EditResult:
    """Move every claim, and every delegation's position, of the others into the first one named.

    Conflicting positions of one delegation send the survivor back to under_review
    (`verification.carry_positions`); the merged-away incidents keep nothing live.
    """
    unique = list(dict.fromkeys(incident_ids))
    if len(unique) < 2:
        raise InvalidValue("incidents", "merge needs at least two different incidents")
    target, others = unique[0], unique[1:]
    with database.begin() as conn:
        serialise_linking(conn)
        now = datetime.now(UTC)
        for incident_id in unique:
            _live_incident(conn, incident_id)
        moved: list[int] = []
        for other in others:
            reason = f"incident {other} merged"
            moved.extend(move_claims(conn, other, target, actor, now, reason=reason))
        detail = {"from": others, "claims": moved}
        _record_edit(conn, target, "merged", detail, actor, now, audit_action="incident.merge")
        change = carry_positions(conn, target, others, actor=actor, rule=rule, now=now)
    message = f"merged {_ids(others)} into incident {target}"
    if change.changed:
        message += f"; status {change.before.value} -> {change.after.value}"
    return EditResult(target, tuple(unique), message)


def split_incident(
    database: Database, incident_id: int, claim_ids: Sequence[int], *, actor: str
) -> EditResult:
    """The named claims leave the incident together, for a new incident of their own."""
    named = list(dict.fromkeys(claim_ids))
    if not named:
        raise InvalidValue("claims", "name at least one claim to split off")
    with database.begin() as conn:
        serialise_linking(conn)
        now = datetime.now(UTC)
        _live_incident(conn, incident_id)
        held = _claim_ids(conn, incident_id)
        strangers = [c for c in named if c not in held]
        if strangers:
            raise InvalidValue("claims", f"not in incident {incident_id}: {_ids(strangers)}")
        if len(named) == len(held):
            raise InvalidValue("claims", "a split must leave at least one claim behind")
        new_id = create_incident(
            conn, named, actor=actor, now=now, detail=f"split from {incident_id}"
        )
        for claim_id in named:
            record_decision(
                conn,
                claim_id,
                new_id,
                "split",
                None,
                [f"split from incident {incident_id}"],
                actor,
                now,
            )
        detail = {"claims": named, "into": new_id}
        _record_edit(conn, incident_id, "split", detail, actor, now, audit_action="incident.split")
    return EditResult(
        new_id, (incident_id, new_id), f"claims {_ids(named)} now form incident {new_id}"
    )


def link_claim(
    database: Database, claim_id: int, incident_id: int, *, actor: str, why: str = "analyst"
) -> EditResult:
    """Move one claim into an incident (its old incident is retired if left empty)."""
    with database.begin() as conn:
        serialise_linking(conn)
        return _link(conn, claim_id, incident_id, actor, "manual_link", why, None)


def unlink_claim(database: Database, claim_id: int, *, actor: str) -> EditResult:
    """Take a claim out of its incident into a new incident of its own."""
    with database.begin() as conn:
        serialise_linking(conn)
        now = datetime.now(UTC)
        old = _claim_incident(conn, claim_id)
        if len(_claim_ids(conn, old)) == 1:
            raise InvalidValue("claim", f"claim {claim_id} is already alone in incident {old}")
        new_id = create_incident(
            conn, [claim_id], actor=actor, now=now, detail=f"unlinked from {old}"
        )
        record_decision(
            conn,
            claim_id,
            new_id,
            "manual_unlink",
            None,
            [f"unlinked from incident {old}"],
            actor,
            now,
        )
        _record_edit(
            conn,
            old,
            "claim_unlinked",
            {"claim": claim_id, "into": new_id},
            actor,
            now,
            audit_action="incident.unlink",
            audit_entity=("claim", claim_id),
            audit_payload={"from": old, "into": new_id},
        )
    return EditResult(new_id, (old, new_id), f"claim {claim_id} now forms incident {new_id}")


def _record_edit(
    conn: Connection,
    incident_id: int,
    event: str,
    detail: dict[str, Any],
    actor: str,
    now: datetime,
    *,
    audit_action: str,
    audit_entity: tuple[str, int] | None = None,
    audit_payload: dict[str, Any] | None = None,
) -> None:
    """After an analyst edit: the incident's history, its recomputed estimates, the audit entry."""
    history(conn, incident_id, actor, event, detail, now)
    refresh_incident(conn, incident_id, now=now)
    entity, entity_id = audit_entity or ("incident", incident_id)
    audit.append(
        conn,
        actor=actor,
        action=audit_action,
        entity=entity,
        entity_id=entity_id,
        payload=detail if audit_payload is None else audit_payload,
    )


# --- suggestions ---------------------------------------------------------------------------


def pending_suggestions(conn: Connection, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Suggestions nobody has answered whose claim is not already in the suggested incident."""
    answer = link_decisions.alias("answer")
    query = (
        select(
            link_decisions,
            claims.c.incident_id.label("current_incident"),
            claims.c.summary,
        )
        .join(claims, claims.c.id == link_decisions.c.claim_id)
        .join(incidents, incidents.c.id == link_decisions.c.incident_id)
        .where(
            link_decisions.c.decision == "suggested",
            incidents.c.merged_into.is_(None),
            claims.c.incident_id != link_decisions.c.incident_id,
            ~exists().where(
                and_(
                    answer.c.claim_id == link_decisions.c.claim_id,
                    answer.c.incident_id == link_decisions.c.incident_id,
                    answer.c.decision.in_(["accepted", "rejected"]),
                    answer.c.id > link_decisions.c.id,
                )
            ),
        )
        .order_by(link_decisions.c.score.desc(), link_decisions.c.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return [
        {
            "id": int(r["id"]),
            "claim_id": int(r["claim_id"]),
            "claim_incident": int(r["current_incident"]),
            "incident_id": int(r["incident_id"]),
            "score": r["score"],
            "reasons": list(r["reasons"]),
            "summary": r["summary"],
            "suggested_at": r["decided_at"].isoformat(),
        }
        for r in conn.execute(query).mappings()
    ]


def accept_suggestion(database: Database, suggestion_id: int, *, actor: str) -> EditResult:
    """Do what a suggestion proposes: its claim joins the suggested incident."""
    with database.begin() as conn:
        serialise_linking(conn)
        claim_id, incident_id, score, reasons = _pending(conn, suggestion_id)
        why = f"suggestion {suggestion_id} accepted"
        return _link(conn, claim_id, incident_id, actor, "accepted", why, (score, reasons))


def reject_suggestion(database: Database, suggestion_id: int, *, actor: str) -> EditResult:
    """Record that the claim and the suggested incident are different events."""
    with database.begin() as conn:
        now = datetime.now(UTC)
        claim_id, incident_id, score, _ = _pending(conn, suggestion_id)
        why = [f"suggestion {suggestion_id} rejected"]
        record_decision(conn, claim_id, incident_id, "rejected", score, why, actor, now)
        detail = {"claim": claim_id, "suggestion": suggestion_id}
        history(conn, incident_id, actor, "suggestion_rejected", detail, now)
        audit.append(
            conn,
            actor=actor,
            action="suggestion.reject",
            entity="claim",
            entity_id=claim_id,
            payload={"suggestion": suggestion_id, "incident": incident_id},
        )
        current = _claim_incident(conn, claim_id)
    return EditResult(current, (), f"suggestion {suggestion_id} rejected")


# --- helpers -------------------------------------------------------------------------------


def _link(
    conn: Connection,
    claim_id: int,
    incident_id: int,
    actor: str,
    decision: str,
    why: str,
    scored: tuple[float | None, list[str]] | None,
) -> EditResult:
    now = datetime.now(UTC)
    _live_incident(conn, incident_id)
    old = _claim_incident(conn, claim_id)
    if old == incident_id:
        raise InvalidValue("claim", f"claim {claim_id} is already in incident {incident_id}")
    _move(conn, [claim_id], incident_id)
    score, reasons = scored if scored else (None, [])
    record_decision(conn, claim_id, incident_id, decision, score, [why, *reasons], actor, now)
    history(conn, incident_id, actor, "claim_linked", {"claim": claim_id, "from": old}, now)
    touched = [incident_id]
    if _claim_ids(conn, old):
        history(conn, old, actor, "claim_moved_out", {"claim": claim_id, "to": incident_id}, now)
        refresh_incident(conn, old, now=now)
        touched.append(old)
    else:
        retire_incident(conn, old, incident_id, actor, now)
    refresh_incident(conn, incident_id, now=now)
    audit.append(
        conn,
        actor=actor,
        action="incident.link",
        entity="claim",
        entity_id=claim_id,
        payload={"from": old, "to": incident_id, "how": decision},
    )
    return EditResult(
        incident_id, tuple(touched), f"claim {claim_id} moved to incident {incident_id}"
    )


def _pending(conn: Connection, suggestion_id: int) -> tuple[int, int, float | None, list[str]]:
    row = (
        conn.execute(select(link_decisions).where(link_decisions.c.id == suggestion_id))
        .mappings()
        .first()
    )
    if row is None or row["decision"] != "suggested":
        raise NotFound(f"no suggestion {suggestion_id}")
    pending = {s["id"] for s in pending_suggestions(conn)}
    if suggestion_id not in pending:
        raise InvalidValue("suggestion", f"suggestion {suggestion_id} is answered or out of date")
    return int(row["claim_id"]), int(row["incident_id"]), row["score"], list(row["reasons"])


def _live_incident(conn: Connection, incident_id: int) -> None:
    row = conn.execute(select(incidents.c.merged_into).where(incidents.c.id == incident_id)).first()
    if row is None:
        raise NotFound(f"no incident {incident_id}")
    if row.merged_into is not None:
        raise InvalidValue("incident", f"incident {incident_id} was merged into {row.merged_into}")


def _claim_incident(conn: Connection, claim_id: int) -> int:
    row = conn.execute(
        select(claims.c.incident_id, claims.c.category).where(claims.c.id == claim_id)
    ).first()
    if row is None:
        raise NotFound(f"no claim {claim_id}")
    if row.incident_id is None:
        raise InvalidValue(
            "claim", f"claim {claim_id} is {row.category}: it belongs to no incident"
        )
    return int(row.incident_id)


def _claim_ids(conn: Connection, incident_id: int) -> list[int]:
    query = select(claims.c.id).where(claims.c.incident_id == incident_id).order_by(claims.c.id)
    return [int(i) for i in conn.execute(query).scalars()]


def _move(conn: Connection, claim_ids: Sequence[int], incident_id: int) -> None:
    conn.execute(
        claims.update().where(claims.c.id.in_(list(claim_ids))).values(incident_id=incident_id)
    )


def _ids(values: Sequence[int]) -> str:
    return ", ".join(str(v) for v in values)


def incident_count(conn: Connection) -> int:
    """Incidents that hold claims (retired ones left out)."""
    query = select(func.count()).select_from(incidents).where(incidents.c.merged_into.is_(None))
    return int(conn.execute(query).scalar_one())
