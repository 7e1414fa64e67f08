"""Formal complaints one party lodges against another, handled in steps.

lodged → notified (the other party is told) → responded (its answer) → verified (an outcome:
substantiated, not_substantiated or unattributable, optionally tied to an incident). A step out
of order is an InvalidTransition. Verification needs the response, unless the response was due
and the due date has passed. The complaint's text is stored as a source of kind `complaint`.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection, Row, select

from ceasefire.config import Settings
from ceasefire.domain.audit import utc_text
from ceasefire.domain.taxonomy import SourceKind
from ceasefire.errors import (
    Conflict,
    InputTooLarge,
    InvalidInput,
    InvalidTransition,
    InvalidValue,
    NotFound,
    ParseError,
)
from ceasefire.ingest.parsers import parse_bytes
from ceasefire.services import audit, ingest
from ceasefire.storage.schema import complaints, delegations, incidents, sources
from ceasefire.storage.sql import Database

OUTCOMES: Final = ("substantiated", "not_substantiated", "unattributable")
PENDING: Final = "pending"


@dataclass(frozen=True, slots=True)
class Complaint:
    id: int
    source_id: int
    lodged_by: str
    against: str
    lodged_at: datetime
    notified_at: datetime | None
    response_due: date | None
    response: str | None
    responded_at: datetime | None
    outcome: str
    incident_id: int | None

    @property
    def stage(self) -> str:
        """Where the complaint stands: lodged, notified, responded or verified."""
        if self.outcome != PENDING:
            return "verified"
        if self.responded_at is not None:
            return "responded"
        return "notified" if self.notified_at is not None else "lodged"

    def to_json(self) -> dict[str, Any]:
        def when(at: datetime | None) -> str | None:
            return None if at is None else utc_text(at)

        return {
            "id": self.id,
            "source_id": self.source_id,
            "lodged_by": self.lodged_by,
            "against": self.against,
            "stage": self.stage,
            "lodged_at": when(self.lodged_at),
            "notified_at": when(self.notified_at),
            "response_due": None if self.response_due is None else self.response_due.isoformat(),
            "response": self.response,
            "responded_at": when(self.responded_at),
            "outcome": self.outcome,
            "incident_id": self.incident_id,
        }


def _from_row(row: Row[Any]) -> Complaint:
    return Complaint(
        row.id,
        row.source_id,
        row.lodged_by,
        row.against,
        row.lodged_at,
        row.notified_at,
        row.response_due,
        row.response,
        row.responded_at,
        row.outcome,
        row.incident_id,
    )


def _load(conn: Connection, complaint_id: int) -> Complaint:
    row = conn.execute(select(complaints).where(complaints.c.id == complaint_id)).first()
    if row is None:
        raise NotFound(f"no complaint {complaint_id}")
    return _from_row(row)


def _require_delegation(conn: Connection, code: str, field: str) -> None:
    if conn.execute(select(delegations.c.code).where(delegations.c.code == code)).first() is None:
        raise InvalidValue(field, f"no delegation {code!r}")


def _complaint_sha256(path: Path, settings: Settings, where: str) -> str:
    """The identity the ingest service gives the complaint's single document."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ParseError(where, exc.strerror or "cannot read") from None
    if size > settings.max_input_bytes:
        raise InputTooLarge(where, f"{size} bytes is above the limit")
    parsed = parse_bytes(path.read_bytes(), name=where, max_bytes=settings.max_input_bytes)
    if len(parsed) != 1:
        raise ParseError(where, f"a complaint file holds one document, found {len(parsed)}")
    return hashlib.sha256(parsed[0].raw).hexdigest()


def lodge(
    db: Database,
    path: Path,
    *,
    by: str,
    against: str,
    due: date | None = None,
    actor: str = "cli",
    settings: Settings | None = None,
    extractor: ingest.Extractor | None = None,
    shown_as: str | None = None,
) -> Complaint:
    """Ingest the complaint's text as a source of kind complaint and open the complaint;
    messages name the file `shown_as` (default: its path)."""
    where = shown_as or str(path)
    by, against = by.strip().upper(), against.strip().upper()
    if by == against:
        raise InvalidValue("against", "a party does not lodge a complaint against itself")
    settings = settings or Settings.from_env(db.safe_url)
    with db.connect() as conn:
        _require_delegation(conn, by, "by")
        _require_delegation(conn, against, "against")
    sha256 = _complaint_sha256(path, settings, where)
    summary = ingest.ingest_paths(
        db,
        [str(path)],
        kind=SourceKind.COMPLAINT,
        actor=actor,
        settings=settings,
        extractor=extractor,
    )
    if summary.failures:
        raise ParseError(where, summary.failures[0].message)
    now = datetime.now(UTC)
    with db.begin() as conn:
        source_id = conn.execute(select(sources.c.id).where(sources.c.sha256 == sha256)).scalar()
        if (
            source_id is None
        ):  # ingest stored it moments ago; only a concurrent delete explains this
            raise InvalidInput(f"{where}: the complaint's source was not stored")
        taken = conn.execute(
            select(complaints.c.id).where(complaints.c.source_id == source_id)
        ).scalar()
        if taken is not None:
            raise Conflict(f"{where}: this text was already lodged as complaint {taken}")
        complaint_id = conn.execute(
            complaints.insert()
            .values(
                source_id=source_id,
                lodged_by=by,
                against=against,
                lodged_at=now,
                response_due=due,
                outcome=PENDING,
            )
            .returning(complaints.c.id)
        ).scalar_one()
        audit.append(
            conn,
            actor=actor,
            action="complaint.lodge",
            entity="complaint",
            entity_id=complaint_id,
            payload={
                "source_id": source_id,
                "by": by,
                "against": against,
                "due": None if due is None else due.isoformat(),
            },
        )
        return _load(conn, complaint_id)


def lodge_text(
    db: Database,
    text: str,
    *,
    by: str,
    against: str,
    headline: str = "",
    due: date | None = None,
    actor: str = "cli",
    settings: Settings | None = None,
) -> Complaint:
    """`lodge` for a complaint given as text (the HTTP API): stored as a JSON document."""
    if not text.strip():
        raise InvalidValue("text", "the complaint is empty")
    document = {"headline": headline, "text": text}
    with tempfile.TemporaryDirectory(prefix="ceasefire-complaint-") as folder:
        path = Path(folder) / "complaint.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return lodge(
            db,
            path,
            by=by,
            against=against,
            due=due,
            actor=actor,
            settings=settings,
            shown_as="complaint",
        )


Decide = Callable[[Connection, Complaint], dict[str, Any]]


def _step(db: Database, complaint_id: int, action: str, actor: str, decide: Decide) -> Complaint:
    """Check the step against the stored complaint and apply it, in one write transaction."""
    with db.begin() as conn:
        change = decide(conn, _load(conn, complaint_id))
        conn.execute(complaints.update().where(complaints.c.id == complaint_id).values(**change))
        payload = {k: (utc_text(v) if isinstance(v, datetime) else v) for k, v in change.items()}
        audit.append(
            conn,
            actor=actor,
            action=f"complaint.{action}",
            entity="complaint",
            entity_id=complaint_id,
            payload=payload,
        )
        return _load(conn, complaint_id)


def notify(db: Database, complaint_id: int, *, actor: str = "cli") -> Complaint:
    """Record that the party complained against has been notified."""

    def decide(_conn: Connection, complaint: Complaint) -> dict[str, Any]:
        if complaint.stage != "lodged":
            raise InvalidTransition(f"complaint {complaint_id} is already {complaint.stage}")
        return {"notified_at": datetime.now(UTC)}

    return _step(db, complaint_id, "notify", actor, decide)


def respond(db: Database, complaint_id: int, text: str, *, actor: str = "cli") -> Complaint:
    """Record the notified party's response."""
    text = text.strip()
    if not text:
        raise InvalidValue("text", "the response is empty")

    def decide(_conn: Connection, complaint: Complaint) -> dict[str, Any]:
        if complaint.stage != "notified":
            need = "notified first" if complaint.stage == "lodged" else f"already {complaint.stage}"
            raise InvalidTransition(f"complaint {complaint_id} must be {need}")
        return {"response": text, "responded_at": datetime.now(UTC)}

    return _step(db, complaint_id, "respond", actor, decide)


def verify(
    db: Database,
    complaint_id: int,
    outcome: str,
    *,
    incident_id: int | None = None,
    actor: str = "cli",
    today: date | None = None,
) -> Complaint:
    """Record the monitors' finding; needs the response, or a response due date that has passed."""
    outcome = outcome.strip().lower()
    if outcome not in OUTCOMES:
        raise InvalidValue("outcome", f"{outcome!r}: use {'|'.join(OUTCOMES)}")
    on = today or datetime.now(UTC).date()

    def decide(conn: Connection, complaint: Complaint) -> dict[str, Any]:
        if complaint.stage == "lodged":
            raise InvalidTransition(f"complaint {complaint_id} must be notified first")
        if complaint.stage == "verified":
            raise InvalidTransition(
                f"complaint {complaint_id} is already verified ({complaint.outcome})"
            )
        due = complaint.response_due
        if complaint.stage == "notified" and (due is None or on <= due):
            until = "" if due is None else f" (due {due.isoformat()})"
            raise InvalidTransition(
                f"complaint {complaint_id} awaits the response of {complaint.against}{until}"
            )
        if incident_id is not None and (
            conn.execute(select(incidents.c.id).where(incidents.c.id == incident_id)).first()
            is None
        ):
            raise NotFound(f"no incident {incident_id}")
        return {"outcome": outcome, "incident_id": incident_id}

    return _step(db, complaint_id, "verify", actor, decide)


def list_complaints(db: Database) -> list[Complaint]:
    with db.connect() as conn:
        rows = conn.execute(select(complaints).order_by(complaints.c.id)).all()
    return [_from_row(r) for r in rows]


@dataclass(frozen=True, slots=True)
class TallyRow:
    """Complaints lodged by one party, by outcome; `against` counts those lodged against it."""

    party: str
    lodged: int = 0
    substantiated: int = 0
    not_substantiated: int = 0
    unattributable: int = 0
    pending: int = 0
    against: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "party": self.party,
            "lodged": self.lodged,
            "substantiated": self.substantiated,
            "not_substantiated": self.not_substantiated,
            "unattributable": self.unattributable,
            "pending": self.pending,
            "against": self.against,
        }


def tally(db: Database) -> list[TallyRow]:
    """Per party: complaints lodged and their outcomes so far (every delegation, even with none)."""
    with db.connect() as conn:
        codes = list(
            conn.execute(select(delegations.c.code).order_by(delegations.c.code)).scalars()
        )
        rows = conn.execute(
            select(complaints.c.lodged_by, complaints.c.against, complaints.c.outcome)
        ).all()
    counts: dict[str, dict[str, int]] = {code: {} for code in codes}
    for row in rows:
        mine = counts.setdefault(row.lodged_by, {})
        mine["lodged"] = mine.get("lodged", 0) + 1
        mine[row.outcome] = mine.get(row.outcome, 0) + 1
        theirs = counts.setdefault(row.against, {})
        theirs["against"] = theirs.get("against", 0) + 1
    return [TallyRow(party, **values) for party, values in sorted(counts.items())]
