"""The stored audit log: tampering by raw SQL is found, digests, Ed25519 signatures (both backends)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from ceasefire.domain.audit import AuditEntry, canonical_json
from ceasefire.errors import InvalidInput, InvalidValue, NotFound
from ceasefire.services import audit, users
from ceasefire.storage.schema import audit_log, audit_signatures
from ceasefire.storage.sql import Database


def _fill(database: Database, n: int = 6) -> None:
    with database.begin() as conn:
        for i in range(n):
            audit.append(
                conn,
                actor="aziz",
                action="test.step",
                entity="incident",
                entity_id=i,
                payload={"i": i},
            )


def _forge(database: Database, seq: int, at: datetime, prev_hash: str, payload: str) -> str:
    """Insert an entry whose own hash is right: what a careful forger would write."""
    digest = AuditEntry.compute_hash(
        seq, at, "mallory", "test.step", "incident", "1", payload, prev_hash
    )
    with database.begin() as conn:
        conn.execute(
            audit_log.insert().values(
                seq=seq,
                at=at,
                actor="mallory",
                action="test.step",
                entity="incident",
                entity_id="1",
                payload=payload,
                prev_hash=prev_hash,
                hash=digest,
            )
        )
    return digest


def _raw(database: Database, *statements: str) -> None:
    with database.begin() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement)


def _report(database: Database) -> audit.ChainReport:
    with database.connect() as conn:
        return audit.verify(conn)


def test_untouched_log_is_intact(database: Database) -> None:
    _fill(database)
    report = _report(database)
    assert (report.intact, report.entries) == (True, 6)
    assert report.head is not None and report.head.seq == 6


def test_edited_row_is_found(database: Database) -> None:
    _fill(database)
    _raw(database, "UPDATE audit_log SET payload = '{\"i\":99}' WHERE seq = 3")
    broken = _report(database).broken
    assert broken is not None and (broken.seq, broken.reason) == (
        3,
        "content does not match its hash (edited)",
    )


def test_deleted_row_is_found(database: Database) -> None:
    _fill(database)
    _raw(database, "DELETE FROM audit_log WHERE seq = 4")
    broken = _report(database).broken
    assert broken is not None and (broken.seq, broken.reason) == (5, "sequence jumps from 3 to 5")


def test_inserted_row_is_found_even_with_a_correct_own_hash(database: Database) -> None:
    _fill(database)
    with database.connect() as conn:
        second = conn.execute(select(audit_log).where(audit_log.c.seq == 2)).mappings().one()
    # Make room after seq 2 (two steps: the primary key must stay unique row by row).
    _raw(
        database,
        "UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 3",
        "UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1000",
    )
    _forge(database, 3, second["at"], second["hash"], canonical_json({"i": "forged"}))
    broken = _report(database).broken
    assert broken is not None and broken.seq == 4
    assert broken.reason == "prev_hash does not match the previous entry"


def test_row_appended_without_the_chain_is_found(database: Database) -> None:
    _fill(database)
    _raw(
        database,
        "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, payload, prev_hash, hash) "
        f"VALUES (7, '2020-11-10 10:00:00', 'mallory', 'x', 'incident', '1', '{{}}', '{'0' * 64}', '{'f' * 64}')",
    )
    broken = _report(database).broken
    assert broken is not None and broken.seq == 7


def test_reordered_rows_are_found(database: Database) -> None:
    _fill(database)
    _raw(
        database,
        "UPDATE audit_log SET seq = -2 WHERE seq = 2",
        "UPDATE audit_log SET seq = 2 WHERE seq = 3",
        "UPDATE audit_log SET seq = 3 WHERE seq = -2",
    )
    broken = _report(database).broken
    assert broken is not None and (broken.seq, broken.reason) == (
        2,
        "prev_hash does not match the previous entry",
    )


# --- digests ----------------------------------------------------------------------------------


def test_digest_is_the_last_entry_before_the_end_of_the_day(database: Database) -> None:
    day = date(2020, 11, 10)
    prev = "0" * 64
    for seq, at in enumerate(
        [
            datetime(2020, 11, 9, 23, 0, tzinfo=UTC),
            datetime(2020, 11, 10, 23, 59, 59, tzinfo=UTC),
            datetime(2020, 11, 11, 0, 0, tzinfo=UTC),
        ],
        start=1,
    ):
        prev = _forge(database, seq, at, prev, canonical_json({"seq": seq}))
    with database.connect() as conn:
        assert audit.verify(conn).intact
        digest = audit.digest(conn, day)
        head = conn.execute(select(audit_log.c.hash).where(audit_log.c.seq == 2)).scalar_one()
        assert (digest.head_seq, digest.head_hash) == (2, head)
        assert audit.digest(conn, day - timedelta(days=1)).head_seq == 1
        with pytest.raises(NotFound, match="no entry on or before 2020-11-08"):
            audit.digest(conn, date(2020, 11, 8))


# --- signatures -------------------------------------------------------------------------------


@pytest.fixture
def az_key(database: Database, tmp_path: Path) -> Path:
    key, pub = audit.generate_keypair(tmp_path / "az")
    users.add_delegation(database, "AZ", "Azerbaijani delegation", public_key_pem=pub.read_text())
    users.add_delegation(database, "AM", "Armenian delegation")
    return key


def _sign(database: Database, key: Path, delegation: str = "AZ") -> audit.SignedDigest:
    with database.begin() as conn:
        return audit.sign(
            conn,
            day=datetime.now(UTC).date(),
            delegation=delegation,
            private_key=audit.private_key_from_file(key),
            actor="aziz",
        )


def _check(database: Database, delegation: str = "AZ") -> audit.SignatureCheck:
    with database.connect() as conn:
        return audit.check_signature(conn, day=datetime.now(UTC).date(), delegation=delegation)


def test_keygen_writes_a_private_key_only_the_owner_reads(tmp_path: Path) -> None:
    key, pub = audit.generate_keypair(tmp_path / "am")
    assert key.stat().st_mode & 0o777 == 0o600
    assert pub.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    with pytest.raises(InvalidInput, match="already exists"):
        audit.generate_keypair(tmp_path / "am")


def test_signed_digest_checks_out(database: Database, az_key: Path) -> None:
    _fill(database, 3)
    signed = _sign(database, az_key)
    check = _check(database)
    assert check.ok, check.problem
    assert check.signed == signed.digest
    with database.connect() as conn:
        assert conn.execute(select(audit_signatures.c.delegation)).scalars().all() == ["AZ"]


def test_signature_fails_when_the_chain_under_it_was_edited(
    database: Database, az_key: Path
) -> None:
    _fill(database, 3)
    _sign(database, az_key)
    _raw(database, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
    check = _check(database)
    assert not check.ok and check.problem is not None and "seq 2" in check.problem


def test_signature_fails_when_the_signed_head_was_deleted(database: Database, az_key: Path) -> None:
    _fill(database, 3)
    signed = _sign(database, az_key)
    _raw(database, f"DELETE FROM audit_log WHERE seq >= {signed.digest.head_seq}")
    check = _check(database)
    assert not check.ok and check.problem == f"entry seq {signed.digest.head_seq} is missing"


def test_forged_signature_fails(database: Database, az_key: Path) -> None:
    _fill(database, 3)
    _sign(database, az_key)
    forged = "A" * 86 + "=="
    _raw(database, f"UPDATE audit_signatures SET signature = '{forged}'")
    check = _check(database)
    assert not check.ok and check.problem == "the signature does not verify with the key"


def test_signing_with_another_delegations_key_is_refused(
    database: Database, az_key: Path, tmp_path: Path
) -> None:
    _fill(database, 1)
    other, _ = audit.generate_keypair(tmp_path / "other")
    with pytest.raises(InvalidInput, match="does not belong to delegation 'AZ'"):
        _sign(database, other)
    with pytest.raises(InvalidInput, match="has no public key"):
        _sign(database, az_key, delegation="AM")


def test_checking_an_unsigned_day_is_not_found(database: Database, az_key: Path) -> None:
    with pytest.raises(NotFound, match="has not signed"):
        _check(database)


def test_a_non_key_file_is_refused_with_its_name(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.key"
    bogus.write_text("hello")
    with pytest.raises(InvalidValue, match=r"bogus\.key"):
        audit.private_key_from_file(bogus)
