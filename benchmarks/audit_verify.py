"""How fast `ceasefire audit verify` re-computes the chain: entries per second on SQLite.

Baseline: `verify_chain` over the same entries already in memory (pure hashing); the ratio
shows what reading from the database adds. Usage: python benchmarks/audit_verify.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ceasefire.domain.audit import GENESIS_HASH, AuditEntry, canonical_json, verify_chain
from ceasefire.services import audit
from ceasefire.storage.schema import audit_log
from ceasefire.storage.sql import Database


def build(n: int) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    prev = GENESIS_HASH
    start = datetime(2020, 11, 10, tzinfo=UTC)
    for seq in range(1, n + 1):
        at = start + timedelta(seconds=seq)
        payload = canonical_json({"delegation": "AZ", "position": "confirms", "reason": "seen"})
        digest = AuditEntry.compute_hash(
            seq, at, "aziz", "position.record", "incident", str(seq), payload, prev
        )
        entries.append(
            AuditEntry(
                seq, at, "aziz", "position.record", "incident", str(seq), payload, prev, digest
            )
        )
        prev = digest
    return entries


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    n = min(n, 500_000)  # keep the run bounded on the shared machine
    entries = build(n)
    started = time.perf_counter()
    assert verify_chain(entries) is None
    in_memory = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        database = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        database.init()
        with database.begin() as conn:
            conn.execute(
                audit_log.insert(),
                [
                    {
                        "seq": e.seq,
                        "at": e.at,
                        "actor": e.actor,
                        "action": e.action,
                        "entity": e.entity,
                        "entity_id": e.entity_id,
                        "payload": e.payload,
                        "prev_hash": e.prev_hash,
                        "hash": e.hash,
                    }
                    for e in entries
                ],
            )
        started = time.perf_counter()
        with database.connect() as conn:
            report = audit.verify(conn)
        stored = time.perf_counter() - started
        database.dispose()
    assert report.intact and report.entries == n
    print(f"entries: {n}")
    print(f"verify in memory: {in_memory:.3f} s ({n / in_memory:,.0f} entries/s)")
    print(f"verify from SQLite: {stored:.3f} s ({n / stored:,.0f} entries/s)")
    print(f"ratio SQLite / in-memory baseline: {stored / in_memory:.2f}")


if __name__ == "__main__":
    main()
