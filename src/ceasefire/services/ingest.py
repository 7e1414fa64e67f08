"""Ingesting sources: parse each file, extract claims, store and link them, one document at a time.

Each document is one write transaction (source row, its claims, their links, the audit entry),
so an interrupted run leaves whole sources only and a re-run completes the rest. A source is
identified by the SHA-256 of its raw bytes: ingesting it again is a no-op ("unchanged").
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from ceasefire.config import Settings
from ceasefire.domain.agreements import Agreement
from ceasefire.domain.model import Claim, Document
from ceasefire.domain.taxonomy import SourceKind
from ceasefire.errors import InvalidInput, InvalidValue, ParseError
from ceasefire.ingest.parsers import STDIN, ParsedDocument, parse_bytes, read_input
from ceasefire.services import accidents, agreements, audit, setup
from ceasefire.services.linking import link_claims
from ceasefire.storage.schema import claims, sources
from ceasefire.storage.sql import Database

Extractor = Callable[[Document], list[Claim]]


@dataclass(frozen=True, slots=True)
class FileFailure:
    """A file that could not be ingested (whole or in part), with the reason."""

    file: str
    message: str


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What ingesting one file did; given to the progress callback."""

    file: str
    documents: int
    new_sources: int
    unchanged: int
    claims: int
    failure: FileFailure | None = None


@dataclass
class IngestSummary:
    """Totals of one ingest run; `to_json()` is what `ceasefire ingest --json` prints."""

    files: int = 0
    documents: int = 0
    new_sources: int = 0
    unchanged: int = 0
    claims: int = 0
    incident_ids: set[int] = field(default_factory=set)
    failures: list[FileFailure] = field(default_factory=list)

    @property
    def incidents_touched(self) -> int:
        return len(self.incident_ids)

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "documents": self.documents,
            "new_sources": self.new_sources,
            "unchanged": self.unchanged,
            "claims": self.claims,
            "incidents_touched": self.incidents_touched,
            "failures": [{"file": f.file, "error": f.message} for f in self.failures],
        }


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files to ingest: each path, or the files under a folder (sorted, hidden ones skipped)."""
    found: list[str] = []
    for path in paths:
        candidate = Path(path)
        if path != STDIN and candidate.is_dir():
            found.extend(
                str(p)
                for p in sorted(candidate.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.parts)
            )
        else:
            found.append(path)
    return found


def ingest_paths(
    database: Database,
    paths: Sequence[str],
    *,
    format: str = "auto",
    published: date | None = None,
    kind: SourceKind = SourceKind.MEDIA,
    actor: str = "system",
    settings: Settings | None = None,
    extractor: Extractor | None = None,
    on_file: Callable[[FileOutcome], None] | None = None,
) -> IngestSummary:
    """Ingest every file (folders are walked); a bad file is reported and the rest go on."""
    setup.require_schema(database)
    settings = settings or Settings.from_env()
    read = _Reader(extractor or _stored_timeline_extractor(database), _encoder_for(settings))
    summary = IngestSummary()
    for path in expand_paths(paths):
        outcome = _ingest_file(
            database, path, format, published, kind, actor, settings.max_input_bytes, read, summary
        )
        summary.files += 1
        summary.documents += outcome.documents
        summary.new_sources += outcome.new_sources
        summary.unchanged += outcome.unchanged
        summary.claims += outcome.claims
        if outcome.failure is not None:
            summary.failures.append(outcome.failure)
        if on_file is not None:
            on_file(outcome)
    if summary.incident_ids:
        # Accidents outside every known hazardous area get a suggested one (issue 12).
        accidents.suggest_areas(
            database,
            radius_m=settings.hazard_radius_m,
            actor=actor,
            incident_ids=summary.incident_ids,
        )
    return summary


def timeline_extractor(database: Database) -> Extractor:
    """The extractor that records the agreements this database holds (not the bundled ones)."""
    return _stored_timeline_extractor(database)


def encoder_for(settings: Settings) -> Encoder | None:
    """The sentence encoder the settings ask for (text_similarity=embeddings), else None."""
    return _encoder_for(settings)


def _stored_timeline_extractor(database: Database) -> Extractor:
    with database.connect() as conn:
        timeline = agreements.stored(conn)
    return _extractor_for(timeline)


@lru_cache(maxsize=4)
def _extractor_for(timeline: tuple[Agreement, ...]) -> Extractor:
    # Building the stages is costly; one extractor per timeline serves every ingest call.
    from ceasefire.ingest.pipeline import ExtractorConfig, build_extractor

    return build_extractor(ExtractorConfig(agreements=timeline))


Encoder = Callable[[Sequence[str]], list[bytes]]


def _encoder_for(settings: Settings) -> Encoder | None:
    """The sentence encoder when text_similarity=embeddings (loaded here, once per process)."""
    if settings.text_similarity != "embeddings":
        return None
    from ceasefire.embeddings import encoder

    return encoder().encode


@dataclass(frozen=True, slots=True)
class _Reader:
    """A document's claims ready to store: extracted, then with their text vectors (or None)."""

    extract: Extractor
    encode: Encoder | None = None

    def __call__(self, document: Document) -> list[tuple[Claim, bytes | None]]:
        return with_vectors(self.extract(document), self.encode)


def with_vectors(
    found: Sequence[Claim], encode: Encoder | None
) -> list[tuple[Claim, bytes | None]]:
    """Each claim with the sentence vector the linker compares (None without an encoder)."""
    if encode is None:
        return [(claim, None) for claim in found]
    vectors = encode([f"{c.summary} {c.evidence.quote}" for c in found])
    return list(zip(found, vectors, strict=True))


def _ingest_file(
    database: Database,
    path: str,
    format: str,
    published: date | None,
    kind: SourceKind,
    actor: str,
    limit: int,
    read: _Reader,
    summary: IngestSummary,
) -> FileOutcome:
    name = "<stdin>" if path == STDIN else path
    documents = new = unchanged = claim_count = 0
    try:
        raw = read_input(path, limit)
        parsed = parse_bytes(raw, name=name, format=format, published=published, max_bytes=limit)
        documents = len(parsed)
        for number, item in enumerate(parsed, start=1):
            where = name if documents == 1 else f"{name} (document {number})"
            stored = _ingest_document(database, item, name, kind, actor, read, where)
            if stored is None:
                unchanged += 1
                continue
            new += 1
            claim_count += stored.claims
            summary.incident_ids.update(stored.incident_ids)
    except InvalidInput as exc:
        failure = FileFailure(name, _without_prefix(str(exc), name))
        return FileOutcome(name, documents, new, unchanged, claim_count, failure)
    except OSError as exc:
        failure = FileFailure(name, exc.strerror or str(exc))
        return FileOutcome(name, documents, new, unchanged, claim_count, failure)
    return FileOutcome(name, documents, new, unchanged, claim_count)


def _without_prefix(message: str, name: str) -> str:
    # ParseError already names the file; the summary shows it in its own column.
    return message[len(name) + 2 :] if message.startswith(f"{name}: ") else message


@dataclass(frozen=True, slots=True)
class StoredSource:
    source_id: int
    claims: int
    incident_ids: frozenset[int]


def _ingest_document(
    database: Database,
    item: ParsedDocument,
    filename: str,
    kind: SourceKind,
    actor: str,
    read: _Reader,
    where: str,
) -> StoredSource | None:
    """Store one document with its claims in one transaction; None when it is already stored."""
    sha256 = hashlib.sha256(item.raw).hexdigest()
    with database.connect() as conn:
        if source_id(conn, sha256) is not None:
            return None
    # Extraction is CPU work: do it before taking the write lock.
    try:
        found = read(item.document)
    except InvalidValue as exc:
        raise ParseError(where, f"extraction produced a bad claim: {exc}") from exc
    try:
        with database.begin() as conn:
            if source_id(conn, sha256) is not None:  # another writer got there first
                return None
            return store_source(conn, item, sha256, filename, kind, actor, found)
    except IntegrityError:
        # Two writers raced on the same bytes (PostgreSQL); the loser's document is unchanged.
        with database.connect() as conn:
            if source_id(conn, sha256) is not None:
                return None
        raise


_INSERT_SOURCE = sources.insert().returning(sources.c.id)
_INSERT_CLAIM = claims.insert().returning(claims.c.id)


def source_id(conn: Connection, sha256: str) -> int | None:
    found = conn.execute(select(sources.c.id).where(sources.c.sha256 == sha256)).scalar()
    return None if found is None else int(found)


def store_source(
    conn: Connection,
    item: ParsedDocument,
    sha256: str,
    filename: str,
    kind: SourceKind,
    actor: str,
    found: list[tuple[Claim, bytes | None]],
) -> StoredSource:
    """Insert a source with its claims, link them and append the audit entry (caller's
    transaction); the caller has checked that no source has these bytes."""
    document = item.document
    # Values go as parameters, not `.values(...)`: the compiled statement is then cached.
    source_row = {
        "sha256": sha256,
        "kind": kind.value,
        "format": item.format,
        "filename": filename,
        "document_id": document.id,
        "headline": document.headline,
        "body": document.body,
        "published": document.published,
        "modified": document.modified,
        "section": document.section,
        "agency": document.agency,
        "publisher": document.source,
        "author": document.author,
        "url": document.url,
        "language": document.language,
        "related_headlines": list(document.related_headlines),
        "reliability": "F",
        "received_at": datetime.now(UTC),
        "raw": item.raw,
    }
    source_id = int(conn.execute(_INSERT_SOURCE, source_row).scalar_one())
    claim_ids = [
        int(conn.execute(_INSERT_CLAIM, claim_row(source_id, ordinal, claim, vector)).scalar_one())
        for ordinal, (claim, vector) in enumerate(found)
    ]
    if claim_ids:
        link_claims(conn, claim_ids, actor=actor)
    incident_ids = frozenset(
        int(i)
        for i in conn.execute(
            select(claims.c.incident_id)
            .where(claims.c.id.in_(claim_ids), claims.c.incident_id.is_not(None))
            .distinct()
        ).scalars()
    )
    audit.append(
        conn,
        actor=actor,
        action="source.ingest",
        entity="source",
        entity_id=source_id,
        payload={
            "sha256": sha256,
            "filename": filename,
            "format": item.format,
            "kind": kind.value,
            "claims": claim_ids,
        },
    )
    return StoredSource(source_id, len(claim_ids), incident_ids)


def claim_row(
    source_id: int, ordinal: int, claim: Claim, vector: bytes | None = None
) -> dict[str, Any]:
    """The `claims` row of a domain claim (without `incident_id`: linking sets it)."""
    place = claim.place
    return {
        "source_id": source_id,
        "ordinal": ordinal,
        "category": claim.category.value,
        "type": claim.type,
        "summary": claim.summary,
        "time_start": claim.time.start,
        "time_end": claim.time.end,
        "time_precision": claim.time.precision.value,
        "time_text": claim.time.text,
        "place_name": place.name if place else None,
        "gazetteer_id": place.gazetteer_id if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "place_precision": place.precision.value if place else "unknown",
        "place_text": place.text if place else "",
        "perpetrator_alleged": claim.perpetrator_alleged,
        "target": claim.target,
        "claimed_by": claim.claimed_by,
        "claimant_is_party": claim.claimant_is_party,
        "disputed_by": claim.disputed_by,
        "casualties": claim.casualties.to_json(),
        "evidence_start": claim.evidence.start,
        "evidence_end": claim.evidence.end,
        "quote": claim.evidence.quote,
        "confidence": claim.confidence,
        "credibility": claim.credibility,
        "text_vector": vector,
        "agreement": claim.agreement,
        "places": [p.to_json() for p in claim.places] if claim.places else None,
    }
