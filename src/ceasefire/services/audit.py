"""The audit log: appending inside the caller's transaction, verifying, daily digests, signatures.

A delegation signs the day's digest (the chain head at the end of the day, UTC) with its
Ed25519 key; `check_signature` later proves both that the signature is the delegation's and
that the chain up to the signed head still hashes to it.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Connection, func, select, text

from ceasefire.domain.audit import (
    GENESIS_HASH,
    AuditEntry,
    ChainBreak,
    DayDigest,
    canonical_json,
    end_of_day,
    verify_chain,
)
from ceasefire.errors import InvalidInput, InvalidValue, NotFound
from ceasefire.storage.schema import audit_log, audit_signatures, delegations

_AUDIT_LOCK_KEY = 7_240_001  # advisory lock id that serialises appends on PostgreSQL


def lock_chain(conn: Connection) -> None:
    """Hold the audit chain's write lock until commit (PostgreSQL; SQLite has one writer).

    Concurrent writers must not fork the chain; taking it again in the same transaction is free.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _AUDIT_LOCK_KEY})


def append(
    conn: Connection,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | int | None,
    payload: dict[str, Any],
) -> AuditEntry:
    """Append one entry; call inside the write transaction that makes the change."""
    lock_chain(conn)
    last = conn.execute(
        select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    ).first()
    seq, prev_hash = (last.seq + 1, last.hash) if last else (1, GENESIS_HASH)
    at = datetime.now(UTC).replace(microsecond=0)
    body = canonical_json(payload)
    ident = None if entity_id is None else str(entity_id)
    digest = AuditEntry.compute_hash(seq, at, actor, action, entity, ident, body, prev_hash)
    conn.execute(
        audit_log.insert().values(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            entity=entity,
            entity_id=ident,
            payload=body,
            prev_hash=prev_hash,
            hash=digest,
        )
    )
    return AuditEntry(seq, at, actor, action, entity, ident, body, prev_hash, digest)


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(audit_log)).scalar_one())


def entries(conn: Connection, *, upto_seq: int | None = None) -> Generator[AuditEntry, None, None]:
    """The stored entries in `seq` order, read in batches (the log can be long).

    Close the iterator when stopping early (PostgreSQL reads through a server-side cursor).
    """
    query = select(audit_log).order_by(audit_log.c.seq)
    if upto_seq is not None:
        query = query.where(audit_log.c.seq <= upto_seq)
    with conn.execute(query.execution_options(yield_per=2000)) as result:
        for row in result.mappings():
            yield AuditEntry(
                seq=row["seq"],
                at=row["at"],
                actor=row["actor"],
                action=row["action"],
                entity=row["entity"],
                entity_id=row["entity_id"],
                payload=row["payload"],
                prev_hash=row["prev_hash"],
                hash=row["hash"],
            )


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The outcome of re-computing the chain: how many entries, and the first break if any."""

    entries: int
    head: AuditEntry | None
    broken: ChainBreak | None

    @property
    def intact(self) -> bool:
        return self.broken is None


def verify(conn: Connection, *, upto_seq: int | None = None) -> ChainReport:
    """Re-compute every hash (up to `upto_seq`) and report the first entry that breaks."""
    seen = 0
    head: AuditEntry | None = None
    stored = entries(conn, upto_seq=upto_seq)

    def counted() -> Iterator[AuditEntry]:
        nonlocal seen, head
        for entry in stored:
            seen += 1
            head = entry
            yield entry

    with closing(stored):
        broken = verify_chain(counted())
    return ChainReport(seen, head, broken)


def digest(conn: Connection, day: date) -> DayDigest:
    """The chain head at the end of `day` (UTC): the last entry stored before midnight."""
    row = conn.execute(
        select(audit_log.c.seq, audit_log.c.hash)
        .where(audit_log.c.at < end_of_day(day))
        .order_by(audit_log.c.seq.desc())
        .limit(1)
    ).first()
    if row is None:
        raise NotFound(f"the audit log has no entry on or before {day.isoformat()}")
    return DayDigest(day, row.seq, row.hash)


# --- keys and signatures ------------------------------------------------------------------------


def generate_keypair(prefix: Path) -> tuple[Path, Path]:
    """Write a new Ed25519 key pair to PREFIX.key (private, mode 600) and PREFIX.pub (PEM)."""
    key_path, pub_path = Path(f"{prefix}.key"), Path(f"{prefix}.pub")
    for path in (key_path, pub_path):
        if path.exists():
            raise InvalidInput(f"{path}: already exists; choose another --out prefix")
    private = Ed25519PrivateKey.generate()
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(private_pem)
    pub_path.write_bytes(public_pem)
    return key_path, pub_path


def public_key_from_pem(pem: str, where: str = "public_key") -> Ed25519PublicKey:
    """An Ed25519 public key from PEM text; anything else is an InvalidValue naming `where`."""
    try:
        key = serialization.load_pem_public_key(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise InvalidValue(where, f"not a PEM public key ({exc})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidValue(where, f"an Ed25519 key is needed, got {type(key).__name__}")
    return key


def private_key_from_file(path: Path) -> Ed25519PrivateKey:
    """An unencrypted Ed25519 private key (PEM), as `audit keygen` writes it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read the key ({exc.strerror})") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise InvalidValue(str(path), f"not an unencrypted PEM private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidValue(str(path), f"an Ed25519 key is needed, got {type(key).__name__}")
    return key


def _delegation_key(conn: Connection, code: str) -> Ed25519PublicKey:
    row = conn.execute(select(delegations.c.public_key).where(delegations.c.code == code)).first()
    if row is None:
        raise NotFound(f"no delegation {code!r}")
    if not row.public_key:
        raise InvalidInput(
            f"delegation {code!r} has no public key: register one with "
            f"`ceasefire delegation add {code} --name ... --public-key FILE`"
        )
    return public_key_from_pem(row.public_key, f"delegation {code} public_key")


@dataclass(frozen=True, slots=True)
class SignedDigest:
    digest: DayDigest
    delegation: str
    signature: str  # base64


def sign(
    conn: Connection, *, day: date, delegation: str, private_key: Ed25519PrivateKey, actor: str
) -> SignedDigest:
    """Sign the day's digest for `delegation` and store it; the key must match its public key."""
    public = _delegation_key(conn, delegation)
    day_digest = digest(conn, day)
    signature = private_key.sign(day_digest.message())
    try:
        public.verify(signature, day_digest.message())
    except InvalidSignature:
        raise InvalidInput(
            f"the key does not belong to delegation {delegation!r} (its registered public key "
            "does not verify the signature)"
        ) from None
    encoded = base64.b64encode(signature).decode("ascii")
    conn.execute(
        audit_signatures.insert().values(
            day=day,
            head_seq=day_digest.head_seq,
            head_hash=day_digest.head_hash,
            delegation=delegation,
            signature=encoded,
            signed_at=datetime.now(UTC),
        )
    )
    append(
        conn,
        actor=actor,
        action="audit.sign",
        entity="audit_digest",
        entity_id=day.isoformat(),
        payload={
            "delegation": delegation,
            "head_seq": day_digest.head_seq,
            "head_hash": day_digest.head_hash,
        },
    )
    return SignedDigest(day_digest, delegation, encoded)


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    """Whether a stored signature holds: `ok`, or `problem` says what is wrong."""

    signed: DayDigest
    delegation: str
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def check_signature(conn: Connection, *, day: date, delegation: str) -> SignatureCheck:
    """Check the latest stored signature of `day` by `delegation` and the chain up to its head."""
    row = conn.execute(
        select(audit_signatures)
        .where(audit_signatures.c.day == day, audit_signatures.c.delegation == delegation)
        .order_by(audit_signatures.c.id.desc())
        .limit(1)
    ).first()
    if row is None:
        raise NotFound(f"delegation {delegation!r} has not signed the digest of {day.isoformat()}")
    signed = DayDigest(day, row.head_seq, row.head_hash)
    public = _delegation_key(conn, delegation)
    try:
        public.verify(base64.b64decode(row.signature, validate=True), signed.message())
    except (InvalidSignature, ValueError):
        return SignatureCheck(signed, delegation, "the signature does not verify with the key")
    report = verify(conn, upto_seq=signed.head_seq)
    if report.broken is not None:
        problem = f"chain broken at seq {report.broken.seq}: {report.broken.reason}"
        return SignatureCheck(signed, delegation, problem)
    if report.head is None or report.head.seq != signed.head_seq:
        return SignatureCheck(signed, delegation, f"entry seq {signed.head_seq} is missing")
    if report.head.hash != signed.head_hash:
        return SignatureCheck(
            signed, delegation, f"the chain no longer hashes to the signed head {signed.head_hash}"
        )
    return SignatureCheck(signed, delegation, None)
