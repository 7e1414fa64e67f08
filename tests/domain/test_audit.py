"""The hash chain itself (pure): every kind of tampering is found at the right entry."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

from ceasefire.domain.audit import (
    GENESIS_HASH,
    AuditEntry,
    DayDigest,
    canonical_json,
    end_of_day,
    verify_chain,
)

START = datetime(2020, 11, 10, 9, 0, tzinfo=UTC)


def chain(n: int) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        at = START + timedelta(hours=seq)
        payload = canonical_json({"n": seq, "note": "Ağdam/Akna"})
        digest = AuditEntry.compute_hash(
            seq, at, "aziz", "position.record", "incident", "7", payload, prev
        )
        entries.append(
            AuditEntry(seq, at, "aziz", "position.record", "incident", "7", payload, prev, digest)
        )
        prev = digest
    return entries


def test_intact_chain_verifies() -> None:
    assert verify_chain(chain(5)) is None
    assert verify_chain([]) is None


def test_edited_entry_is_found_where_it_was_edited() -> None:
    entries = chain(5)
    entries[2] = dataclasses.replace(entries[2], actor="mallory")
    broken = verify_chain(entries)
    assert broken is not None and (broken.seq, broken.reason) == (
        3,
        "content does not match its hash (edited)",
    )


def test_edited_and_rehashed_entry_breaks_the_next_link() -> None:
    entries = chain(5)
    forged = dataclasses.replace(entries[2], payload='{"n":0}')
    entries[2] = dataclasses.replace(forged, hash=forged.expected_hash())
    broken = verify_chain(entries)
    assert broken is not None and broken.seq == 4 and "prev_hash" in broken.reason


def test_deleted_entry_shows_as_a_gap() -> None:
    entries = chain(5)
    del entries[1]
    broken = verify_chain(entries)
    assert broken is not None and (broken.seq, broken.reason) == (3, "sequence jumps from 1 to 3")


def test_reordered_entries_break_the_links() -> None:
    entries = chain(5)
    second, third = entries[1], entries[2]
    entries[1] = dataclasses.replace(third, seq=2)
    entries[2] = dataclasses.replace(second, seq=3)
    broken = verify_chain(entries)
    assert broken is not None and broken.seq == 2


def test_chain_must_start_at_genesis() -> None:
    broken = verify_chain(chain(3)[1:])
    assert broken is not None and broken.seq == 2


def test_naive_time_is_read_as_utc_so_both_backends_hash_alike() -> None:
    aware = chain(1)[0]
    naive = dataclasses.replace(aware, at=aware.at.replace(tzinfo=None))
    assert naive.expected_hash() == aware.hash


def test_canonical_json_sorts_keys_and_keeps_unicode() -> None:
    assert canonical_json({"b": 1, "a": "Şuşa"}) == '{"a":"Şuşa","b":1}'


def test_day_digest_message_names_day_and_head() -> None:
    message = DayDigest(date(2020, 11, 10), 4, "ab" * 32).message()
    assert message == (
        b'{"chain":"ceasefire-audit","day":"2020-11-10","head_hash":"'
        + b"ab" * 32
        + b'","head_seq":4}'
    )


def test_end_of_day_is_next_midnight_utc() -> None:
    assert end_of_day(date(2020, 12, 31)) == datetime(2021, 1, 1, tzinfo=UTC)
