"""An incident's dossier for the incident page: the full view plus what a reader needs beside it.

On top of `verification.incident_view` (claims, sources, positions, history) it gives each
claim's quote inside its context sentence(s) of the source text, every link decision about
the incident's claims (scores and reasons, suggestions and rejections included), the audit
log entries about the incident, and the contradictions between its claims.
"""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import Connection, select

from ceasefire.ingest.stages.sentences import sentence_spans
from ceasefire.services import verification
from ceasefire.storage.schema import audit_log, link_decisions, sources
from ceasefire.storage.sql import Database

#: Context around a quote whose sentence is very long: characters on each side at most.
_MAX_CONTEXT = 400


def quote_in_context(body: str, start: int, end: int, quote: str) -> tuple[str, str, str]:
    """`(before, quote, after)`: the quote and the rest of the sentence(s) it stands in, cut
    by the extractor's own sentence splitter.

    The stored offsets are tried first, then the quote's first occurrence; when neither
    matches, the quote stands alone.

    >>> quote_in_context("Calm day. Shots at 3 am near Aghdam. Nobody hurt.", 10, 18, "Shots at")
    ('', 'Shots at', ' 3 am near Aghdam.')
    """
    if not (0 <= start <= end <= len(body) and body[start:end] == quote):
        found = body.find(quote) if quote else -1
        if found < 0:
            return "", quote, ""
        start, end = found, found + len(quote)
    spans = sentence_spans(body)
    begin = max((s for s, _ in spans if s <= start), default=0)
    finish = min((e for _, e in spans if e >= end), default=len(body))
    begin = max(begin, start - _MAX_CONTEXT)
    finish = min(finish, end + _MAX_CONTEXT)
    return body[begin:start], body[start:end], body[end:finish]


def _bodies(conn: Connection, source_ids: set[int]) -> dict[int, str]:
    if not source_ids:
        return {}
    query = select(sources.c.id, sources.c.body).where(sources.c.id.in_(sorted(source_ids)))
    return {int(r.id): r.body or "" for r in conn.execute(query)}


def _link_decisions(
    conn: Connection, incident_id: int, claim_ids: list[int]
) -> list[dict[str, Any]]:
    """Every decision naming this incident or one of its claims, oldest first."""
    about = link_decisions.c.incident_id == incident_id
    if claim_ids:
        about = about | link_decisions.c.claim_id.in_(claim_ids)
    query = select(link_decisions).where(about).order_by(link_decisions.c.id)
    return [
        {
            "id": int(d["id"]),
            "claim_id": int(d["claim_id"]),
            "incident_id": d["incident_id"],
            "decision": d["decision"],
            "score": d["score"],
            "reasons": list(d["reasons"] or []),
            "decided_by": d["decided_by"],
            "decided_at": d["decided_at"].isoformat(),
        }
        for d in conn.execute(query).mappings()
    ]


def _audit_entries(
    conn: Connection, incident_id: int, claim_ids: list[int]
) -> list[dict[str, Any]]:
    """Audit log entries about the incident itself or about one of its claims."""
    about = (audit_log.c.entity == "incident") & (audit_log.c.entity_id == str(incident_id))
    if claim_ids:
        named = [str(c) for c in claim_ids]
        about = about | ((audit_log.c.entity == "claim") & audit_log.c.entity_id.in_(named))
    query = select(audit_log).where(about)
    return [
        {
            "seq": int(e["seq"]),
            "at": e["at"].isoformat(),
            "actor": e["actor"],
            "action": e["action"],
            "entity": f"{e['entity']} {e['entity_id']}",
            "payload": orjson.loads(e["payload"]),
            "hash": e["hash"],
        }
        for e in conn.execute(query.order_by(audit_log.c.seq)).mappings()
    ]


def contradictions(claim_items: list[dict[str, Any]]) -> list[str]:
    """Plain statements of where the incident's claims disagree (who fired, who disputes)."""
    found: list[str] = []
    accused: dict[str, set[str]] = {}
    for claim in claim_items:
        if claim.get("perpetrator_alleged"):
            accused.setdefault(claim["perpetrator_alleged"], set()).add(claim["claimed_by"])
        if claim.get("disputed_by"):
            found.append(
                f"claim {claim['id']}: {claim['disputed_by']} disputes what "
                f"{claim['claimed_by']} asserts"
            )
    if len(accused) > 1:
        sides = "; ".join(
            f"{', '.join(sorted(by))} accuse{'s' if len(by) == 1 else ''} {who}"
            for who, by in sorted(accused.items())
        )
        found.insert(0, f"the claims blame different sides: {sides}")
    return found


def incident_dossier(database: Database, incident_id: int) -> dict[str, Any]:
    """The incident view plus `link_decisions`, `audit`, `contradictions`, and on each claim
    `context` ({before, quote, after})."""
    view = verification.incident_view(database, incident_id)
    claim_items: list[dict[str, Any]] = view["claims"]
    claim_ids = [int(c["id"]) for c in claim_items]
    with database.connect() as conn:
        bodies = _bodies(conn, {int(c["source"]["id"]) for c in claim_items})
        view["link_decisions"] = _link_decisions(conn, incident_id, claim_ids)
        view["audit"] = _audit_entries(conn, incident_id, claim_ids)
    for claim in claim_items:
        evidence = claim["evidence"]
        before, quote, after = quote_in_context(
            bodies.get(int(claim["source"]["id"]), ""),
            int(evidence["start"] or 0),
            int(evidence["end"] or 0),
            evidence["quote"] or "",
        )
        claim["context"] = {"before": before, "quote": quote, "after": after}
    view["contradictions"] = contradictions(claim_items)
    return view
