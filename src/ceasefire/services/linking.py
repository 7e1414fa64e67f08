"""Linking new claims to incidents inside the caller's write transaction.

Candidates come from indexed queries on `claims` (category + time range + a lon/lat box per
place layer, see `domain.linking.search_area`); the domain decides. Every decision is stored in
`link_decisions` with its score and reasons; the middle band, and any pair resting on a vague
date or place, becomes a suggestion for an analyst. Incident estimates are recomputed from the claims whenever they change, with the agreement in force at the estimated time and place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select, and_, case, null, or_, select
from sqlalchemy.engine import RowMapping

from ceasefire.config import Settings
from ceasefire.domain.agreements import Agreement
from ceasefire.domain.estimates import IncidentEstimate, estimate
from ceasefire.domain.linking import (
    ClaimFacts,
    LinkDecision,
    LinkPolicy,
    blocks,
    decide,
    distance_km,
    link_text,
    search_area,
    settlement_key,
)
from ceasefire.domain.model import Casualties
from ceasefire.domain.taxonomy import SourceKind
from ceasefire.domain.values import BBox
from ceasefire.errors import NotFound
from ceasefire.gazetteer import Gazetteer
from ceasefire.services import agreements, audit
from ceasefire.services.audit import lock_chain
from ceasefire.storage.schema import (
    claims,
    incident_history,
    incidents,
    link_decisions,
    positions,
    sources,
)
from ceasefire.storage.spatial import bbox_clause

#: Candidate claims read per query at most (latest first); blocking then keeps the near ones.
_CANDIDATE_ROWS = 400
_UNPLACED = ("unknown", "country")
_VAGUE = ("month", "year")


def policy_from(settings: Settings) -> LinkPolicy:
    """The linker's thresholds from configuration (config.py documents them)."""
    return LinkPolicy(
        link=settings.link_threshold,
        suggest=min(settings.suggest_threshold, settings.link_threshold),
        max_span_days=settings.link_max_span_days,
    )


def serialise_linking(conn: Connection) -> None:
    """Let one transaction at a time change incidents (PostgreSQL; SQLite has one writer).

    Two ingests of reports about the same event would otherwise each miss the other's
    uncommitted claims and open two incidents. A transaction-scoped advisory lock is cheaper
    and simpler than SERIALIZABLE with retries, and it is the audit log's lock on purpose:
    ingest appends to the audit log after linking in the same transaction, so one lock can
    never be taken in two orders (no deadlock). After the lock, READ COMMITTED statements see
    every claim the previous holder committed.
    """
    lock_chain(conn)


def link_claims(
    conn: Connection,
    claim_ids: Sequence[int],
    *,
    actor: str = "system",
    policy: LinkPolicy | None = None,
) -> None:
    """Put each new incident-category claim into an incident, inside the caller's transaction."""
    if not claim_ids:
        return
    policy = policy or policy_from(Settings.from_env())
    serialise_linking(conn)
    now = datetime.now(UTC)
    timeline = agreements.stored(conn)
    rows = conn.execute(_with_dataset(claims.c.id.in_(claim_ids)))
    touched: dict[int, None] = {}
    for row in rows.mappings().all():
        if row["category"] == "context" or row["incident_id"] is not None:
            continue
        claim = facts_of(row)
        decision = decide(claim, candidates(conn, claim, policy), policy)
        incident_id = _apply(conn, claim, decision, actor, now, timeline)
        if decision.incident is not None:  # a new incident was estimated when it was made
            touched[incident_id] = None
    for incident_id in touched:
        refresh_incident(conn, incident_id, now=now, timeline=timeline)


def facts_of(row: RowMapping | Mapping[str, Any]) -> ClaimFacts:
    """The linker's view of a `claims` row."""
    return ClaimFacts(
        id=int(row["id"]),
        source=str(row["source_id"]),
        category=row["category"],
        type=row["type"],
        start=row["time_start"],
        end=row["time_end"],
        time_precision=row["time_precision"],
        place_name=row["place_name"],
        gazetteer_id=row["gazetteer_id"],
        lat=row["lat"],
        lon=row["lon"],
        place_precision=row["place_precision"],
        perpetrator=row["perpetrator_alleged"],
        claimed_by=row["claimed_by"],
        claimant_is_party=bool(row["claimant_is_party"]),
        disputed_by=row["disputed_by"],
        casualties=Casualties.from_json(row["casualties"]),
        text=link_text(row["summary"], row["quote"]),
        credibility=int(row["credibility"]),
        vector=row.get("text_vector"),
        district_id=None if row["gazetteer_id"] is None else district_of(row["gazetteer_id"]),
        dataset=row.get("dataset"),
        settlements=frozenset(
            settlement_key(p["name"])
            for p in row.get("places") or ()
            if p.get("gazetteer_id") is None and p.get("name")
        ),
    )


#: The dataset a claim was imported from (its source's format), None for any other claim.
_DATASET = case((sources.c.kind == SourceKind.IMPORT.value, sources.c.format), else_=null()).label(
    "dataset"
)


def _with_dataset(condition: Any) -> Select[Any]:
    """Claims matching `condition`, in id order, each with the dataset rule's `dataset`."""
    return (
        select(claims, _DATASET)
        .join(sources, sources.c.id == claims.c.source_id)
        .where(condition)
        .order_by(claims.c.id)
    )


@lru_cache(maxsize=8192)
def district_of(gazetteer_id: int) -> int | None:
    """The gazetteer id of the district a place lies in (None for admin units, unknown ids)."""
    gazetteer = Gazetteer.bundled()
    try:
        district = gazetteer.district_of(gazetteer.get(gazetteer_id))
    except NotFound:
        return None
    return None if district is None else district.geonameid


def candidates(
    conn: Connection, claim: ClaimFacts, policy: LinkPolicy
) -> dict[int, list[ClaimFacts]]:
    """Incidents near the claim in time and place, nearest first, with all their claims."""
    nearest: list[tuple[float, int]] = []
    for row in _candidate_rows(conn, claim, policy):
        other = facts_of(row)
        if blocks(claim, other, policy.max_span_days) is None:
            nearest.append((_closeness(claim, other), int(row["incident_id"])))
    nearest.sort()
    chosen = list(dict.fromkeys(incident for _, incident in nearest))[: policy.max_incidents]
    if not chosen:
        return {}
    members: dict[int, list[ClaimFacts]] = {i: [] for i in chosen}
    for row in conn.execute(_with_dataset(claims.c.incident_id.in_(chosen))).mappings():
        members[int(row["incident_id"])].append(facts_of(row))
    return members


def _candidate_rows(conn: Connection, claim: ClaimFacts, policy: LinkPolicy) -> list[RowMapping]:
    """Linked claims that may pair with `claim`, through the indexes (a superset of `blocks`)."""
    area = search_area(claim)
    linked = [
        claims.c.category == claim.category,
        claims.c.incident_id.is_not(None),
        claims.c.id != claim.id,
    ]
    if claim.span_days > policy.max_span_days:
        # Undated: pairs by place only, so look for incidents around it (spatial index).
        if not claim.placed:
            return []
        west = min(box[0] for _, box in area.boxes)
        south = min(box[1] for _, box in area.boxes)
        east = max(box[2] for _, box in area.boxes)
        north = max(box[3] for _, box in area.boxes)
        around = (
            select(incidents.c.id)
            .where(
                incidents.c.category == claim.category,
                incidents.c.merged_into.is_(None),
                bbox_clause(conn.dialect.name, BBox(west, south, east, north)),
            )
            .limit(_CANDIDATE_ROWS)
        )
        query = select(claims).where(*linked, claims.c.incident_id.in_(around))
        return list(conn.execute(query).mappings().all())
    unplaced = or_(claims.c.lat.is_(None), claims.c.place_precision.in_(_UNPLACED))
    overlapping = and_(claims.c.time_start <= claim.end, claims.c.time_end >= claim.start)
    if claim.placed:
        placed = or_(
            *(
                and_(
                    claims.c.place_precision.in_(sorted(layer)),
                    claims.c.lon.between(box[0], box[2]),
                    claims.c.lat.between(box[1], box[3]),
                )
                for layer, box in area.boxes
            )
        )
        # Claims without a place pair only on overlapping dates (see domain `blocks`).
        near = or_(placed, and_(unplaced, overlapping))
    else:
        placed = None
        near = overlapping
    dated = (
        select(claims)
        .where(
            *linked,
            claims.c.time_start.between(
                area.start - timedelta(days=policy.max_span_days), area.end
            ),
            claims.c.time_end >= area.start,
            near,
        )
        .order_by(claims.c.time_start.desc(), claims.c.id.desc())
        .limit(_CANDIDATE_ROWS)
    )
    rows = list(conn.execute(dated).mappings().all())
    if placed is not None:
        # Vague windows start too early for the range above; they are few (own index).
        vague = select(claims).where(
            *linked,
            claims.c.time_precision.in_(_VAGUE),
            claims.c.time_start < area.start - timedelta(days=policy.max_span_days),
            claims.c.time_end >= area.start,
            placed,
        )
        rows.extend(conn.execute(vague.limit(_CANDIDATE_ROWS)).mappings().all())
    return rows


def _closeness(a: ClaimFacts, b: ClaimFacts) -> float:
    days = max(0, a.first_day - b.last_day, b.first_day - a.last_day)
    if a.placed and b.placed:
        assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
        return days * 10.0 + distance_km(a.lat, a.lon, b.lat, b.lon)
    return days * 10.0 + 50.0


def _apply(
    conn: Connection,
    claim: ClaimFacts,
    decision: LinkDecision,
    actor: str,
    now: datetime,
    timeline: Sequence[Agreement],
) -> int:
    """Store the decision: join or open an incident, record why, and keep the suggestions."""
    if decision.incident is None:
        incident_id = create_incident(
            conn, [claim.id], actor=actor, now=now, detail="opened", timeline=timeline
        )
        record_decision(conn, claim.id, incident_id, "new", None, decision.reasons, actor, now)
    else:
        incident_id = decision.incident
        conn.execute(claims.update().where(claims.c.id == claim.id).values(incident_id=incident_id))
        record_decision(
            conn, claim.id, incident_id, "linked", decision.score, decision.reasons, actor, now
        )
        history(conn, incident_id, actor, "claim_linked", {"claim": claim.id}, now)
        audit.append(
            conn,
            actor=actor,
            action="incident.link",
            entity="incident",
            entity_id=incident_id,
            payload={"claim_id": claim.id, "score": decision.score, "reasons": decision.reasons},
        )
    held = _under_review(conn, [c.incident for c in decision.merge])
    for other in decision.merge:
        if other.incident not in held:
            # one event told twice: the claim ties both incidents firmly (`linking.bridged`)
            why = f"claim {claim.id} ties both"
            merge_into(conn, other.incident, incident_id, actor, now, why=why)
    for suggestion in (*decision.suggestions, *(c for c in decision.merge if c.incident in held)):
        record_decision(
            conn,
            claim.id,
            suggestion.incident,
            "suggested",
            suggestion.score,
            suggestion.reasons,
            actor,
            now,
        )
    return incident_id


def _under_review(conn: Connection, incident_ids: Sequence[int]) -> set[int]:
    """The incidents a delegation has taken a position on: merging them is an analyst's
    decision, so the linker only suggests them."""
    if not incident_ids:
        return set()
    query = select(positions.c.incident_id).where(positions.c.incident_id.in_(incident_ids))
    return {int(i) for i in conn.execute(query).scalars()}


def merge_into(
    conn: Connection, other: int, target: int, actor: str, now: datetime, *, why: str
) -> list[int]:
    """The linker's merge: `other`'s claims move into `target` (`move_claims`), with history
    and an audit entry; returns the claims moved. Estimates are the caller's to refresh."""
    ids = move_claims(conn, other, target, actor, now, reason=f"incident {other} merged: {why}")
    history(conn, target, actor, "merged", {"from": [other], "claims": ids, "why": why}, now)
    audit.append(
        conn,
        actor=actor,
        action="incident.merge",
        entity="incident",
        entity_id=target,
        payload={"from": [other], "claims": ids, "why": why},
    )
    return ids


def move_claims(
    conn: Connection, other: int, target: int, actor: str, now: datetime, *, reason: str
) -> list[int]:
    """Every claim of `other` into `target`, each with a `merged` decision, and `other`
    retired; returns the claims moved."""
    ids = [
        int(i)
        for i in conn.execute(
            select(claims.c.id).where(claims.c.incident_id == other).order_by(claims.c.id)
        ).scalars()
    ]
    conn.execute(claims.update().where(claims.c.id.in_(ids)).values(incident_id=target))
    for claim_id in ids:
        record_decision(conn, claim_id, target, "merged", None, [reason], actor, now)
    retire_incident(conn, other, target, actor, now)
    return ids


def retire_incident(
    conn: Connection, incident_id: int, into: int, actor: str, now: datetime
) -> None:
    """An incident whose claims left for `into` leaves the listings (kept, `merged_into`)."""
    conn.execute(
        incidents.update()
        .where(incidents.c.id == incident_id)
        .values(merged_into=into, version=incidents.c.version + 1, updated_at=now)
    )
    history(conn, incident_id, actor, "merged_into", {"into": into}, now)


def create_incident(
    conn: Connection,
    claim_ids: Sequence[int],
    *,
    actor: str,
    now: datetime,
    detail: str,
    timeline: Sequence[Agreement] | None = None,
) -> int:
    """A new incident holding `claim_ids` (moved from wherever they were), with its estimates;
    `timeline` is the stored agreements (read here when not given)."""
    members = [facts_of(r) for r in _claim_rows(conn, claim_ids)]
    found = estimate(members)
    incident_id = int(
        conn.execute(
            incidents.insert()
            .values(
                **_estimate_values(conn, found, timeline),
                status="reported",
                version=1,
                created_at=now,
                updated_at=now,
            )
            .returning(incidents.c.id)
        ).scalar_one()
    )
    conn.execute(claims.update().where(claims.c.id.in_(claim_ids)).values(incident_id=incident_id))
    history(conn, incident_id, actor, "created", {"claims": list(claim_ids), "how": detail}, now)
    audit.append(
        conn,
        actor=actor,
        action="incident.create",
        entity="incident",
        entity_id=incident_id,
        payload={"claim_ids": list(claim_ids), "how": detail},
    )
    return incident_id


def refresh_incident(
    conn: Connection,
    incident_id: int,
    *,
    now: datetime | None = None,
    timeline: Sequence[Agreement] | None = None,
) -> None:
    """Recompute an incident's time, place, casualties, parties and agreement from its claims;
    `timeline` is the stored agreements (read here when not given)."""
    rows = conn.execute(select(claims).where(claims.c.incident_id == incident_id)).mappings()
    members = [facts_of(r) for r in rows.all()]
    if not members:
        return
    found = estimate(members)
    conn.execute(
        incidents.update()
        .where(incidents.c.id == incident_id)
        .values(
            **_estimate_values(conn, found, timeline),
            version=incidents.c.version + 1,
            updated_at=now or datetime.now(UTC),
        )
    )


def _estimate_values(
    conn: Connection, found: IncidentEstimate, timeline: Sequence[Agreement] | None
) -> dict[str, Any]:
    place = found.place
    summary = conn.execute(
        select(claims.c.summary).where(claims.c.id == found.representative)
    ).scalar_one()
    lon, lat = (place.lon, place.lat) if place else (None, None)
    precision = place.precision if place else "unknown"
    if timeline is None:
        timeline = agreements.stored(conn)
    return {
        "category": found.category,
        "type": found.type,
        "time_start": found.start,
        "time_end": found.end,
        "time_precision": found.time_precision,
        "place_name": place.name if place else None,
        "gazetteer_id": place.gazetteer_id if place else None,
        "lat": lat,
        "lon": lon,
        "place_precision": precision,
        "casualties": found.casualties,
        "claimants": list(found.claimants),
        "perpetrators": list(found.perpetrators),
        "third_party_reported": found.third_party_reported,
        "disputed_attribution": found.disputed_attribution,
        "summary": summary,
        "agreement": agreements.name_in_force(
            timeline, found.start, found.end, lon, lat, precision
        ),
    }


def _claim_rows(conn: Connection, claim_ids: Iterable[int]) -> list[RowMapping]:
    query = select(claims).where(claims.c.id.in_(list(claim_ids))).order_by(claims.c.id)
    return list(conn.execute(query).mappings().all())


def record_decision(
    conn: Connection,
    claim_id: int,
    incident_id: int | None,
    decision: str,
    score: float | None,
    reasons: Sequence[str],
    actor: str,
    now: datetime,
) -> int:
    """One row of `link_decisions`: what was decided about a claim, how sure, and why."""
    return int(
        conn.execute(
            link_decisions.insert()
            .values(
                claim_id=claim_id,
                incident_id=incident_id,
                decision=decision,
                score=score,
                reasons=list(reasons),
                decided_by=actor,
                decided_at=now,
            )
            .returning(link_decisions.c.id)
        ).scalar_one()
    )


def history(
    conn: Connection,
    incident_id: int,
    actor: str,
    action: str,
    detail: dict[str, Any],
    now: datetime,
) -> None:
    conn.execute(
        incident_history.insert().values(
            incident_id=incident_id, at=now, actor=actor, action=action, detail=detail
        )
    )
