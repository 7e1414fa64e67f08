"""The tamper-evident audit chain: each entry hashes its canonical JSON and its predecessor.

`verify_chain` re-computes every hash and reports the first entry that does not fit, so an
edited, deleted, inserted or reordered row is found by anyone holding a copy of the log.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """Deterministic JSON: sorted keys, no spaces, UTF-8 kept (the form that gets hashed)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def utc_text(at: datetime) -> str:
    """The instant as `YYYY-MM-DDTHH:MM:SSZ`; a naive value (as SQLite returns it) is UTC."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    payload: str  # canonical JSON
    prev_hash: str
    hash: str

    @staticmethod
    def compute_hash(
        seq: int,
        at: datetime,
        actor: str,
        action: str,
        entity: str,
        entity_id: str | None,
        payload: str,
        prev_hash: str,
    ) -> str:
        body = canonical_json(
            {
                "seq": seq,
                "at": utc_text(at),
                "actor": actor,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "payload": payload,
                "prev_hash": prev_hash,
            }
        )
        return hashlib.sha256(body.encode("utf-8")).hexdigest()

    def expected_hash(self) -> str:
        return self.compute_hash(
            self.seq,
            self.at,
            self.actor,
            self.action,
            self.entity,
            self.entity_id,
            self.payload,
            self.prev_hash,
        )


@dataclass(frozen=True, slots=True)
class ChainBreak:
    seq: int
    reason: str


def verify_chain(entries: Iterable[AuditEntry]) -> ChainBreak | None:
    """The first entry that breaks the chain (entries in `seq` order), or None when intact."""
    prev_hash = GENESIS_HASH
    prev_seq = 0
    for entry in entries:
        if entry.seq != prev_seq + 1:
            return ChainBreak(entry.seq, f"sequence jumps from {prev_seq} to {entry.seq}")
        if entry.prev_hash != prev_hash:
            return ChainBreak(entry.seq, "prev_hash does not match the previous entry")
        if entry.expected_hash() != entry.hash:
            return ChainBreak(entry.seq, "content does not match its hash (edited)")
        prev_hash, prev_seq = entry.hash, entry.seq
    return None


def end_of_day(day: date) -> datetime:
    """The first instant after `day` ends (UTC): entries before it belong to the day's digest."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class DayDigest:
    """The chain head at the end of a day (UTC): what a delegation signs to fix the log so far."""

    day: date
    head_seq: int
    head_hash: str

    def message(self) -> bytes:
        """The exact bytes that are signed: canonical JSON naming the day and the head."""
        body = {
            "chain": "ceasefire-audit",
            "day": self.day.isoformat(),
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
        }
        return canonical_json(body).encode("utf-8")
