"""Importing ACLED and UCDP GED files: each row a source of kind `import` with one claim.

Rows are read one at a time and written in batches, each batch one transaction (source rows,
claims, links, audit entries), so memory stays flat and an interrupted run leaves whole rows
only. A row's identity is its bytes (the header and the row) and its dataset's event id: a
row already imported, under either, adds nothing. A bad row is reported with its line and
field and skipped; the good rows land. Rows of one dataset never share an incident (the
linker's dataset rule, `domain.linking.score_incident`); later press claims do join them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection, select

from ceasefire.domain.agreements import Agreement, in_force, point_of
from ceasefire.domain.exchange import (
    ACLED_REQUIRED,
    PUBLISHERS,
    UCDP_REQUIRED,
    ImportedEvent,
    RowProblem,
)
from ceasefire.domain.model import Document
from ceasefire.domain.taxonomy import SourceKind
from ceasefire.errors import InvalidValue, ParseError, UnknownFormat
from ceasefire.ingest.parsers import ParsedDocument
from ceasefire.ingest.parsers.acled import acled_event
from ceasefire.ingest.parsers.table import TableRow, read_table
from ceasefire.ingest.parsers.ucdp import ucdp_event
from ceasefire.services import agreements, setup
from ceasefire.services.ingest import source_id, store_source
from ceasefire.storage.schema import sources
from ceasefire.storage.sql import Database

_READERS: Final[dict[str, tuple[tuple[str, ...], Callable[[TableRow], ImportedEvent]]]] = {
    "acled": (ACLED_REQUIRED, acled_event),
    "ucdp": (UCDP_REQUIRED, ucdp_event),
}
FORMATS: Final = tuple(_READERS)
#: Rows per write transaction.
BATCH_ROWS: Final = 200

Progress = Callable[[int, int], None]  # (bytes read, file size)


@dataclass
class ImportSummary:
    """Totals of one import; `to_json()` is what `ceasefire import --json` prints."""

    file: str
    rows: int = 0
    new: int = 0
    unchanged: int = 0
    incident_ids: set[int] = field(default_factory=set)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "rows": self.rows,
            "new": self.new,
            "unchanged": self.unchanged,
            "incidents": len(self.incident_ids),
            "problems": [
                {"line": p.line, "field": p.field, "error": p.message} for p in self.problems
            ],
        }


def import_file(
    database: Database,
    path: str,
    *,
    format: str,
    actor: str = "system",
    on_progress: Progress | None = None,
) -> ImportSummary:
    """Import every good row of an ACLED or UCDP GED CSV file; bad rows land in `problems`.

    Example: `import_file(db, "acled.csv", format="acled").new` is the number of new rows.
    """
    if format not in _READERS:
        raise UnknownFormat(path, f"unknown format {format!r}; expected one of acled, ucdp")
    setup.require_schema(database)
    required, read_event = _READERS[format]
    summary = ImportSummary(path)
    with database.connect() as conn:
        timeline = agreements.stored(conn)
        known = _event_ids(conn, format)
    try:
        size = Path(path).stat().st_size
        with Path(path).open(encoding="utf-8-sig", newline="") as stream:
            batch: list[ImportedEvent] = []
            for row in read_table(stream, path, required):
                summary.rows += 1
                event = _event(row, read_event, timeline, summary.problems)
                if event is not None:
                    batch.append(event)
                if len(batch) >= BATCH_ROWS:
                    _store_batch(database, batch, path, actor, known, summary)
                    batch = []
                if on_progress is not None:
                    on_progress(row.read_bytes, size)
            _store_batch(database, batch, path, actor, known, summary)
    except OSError as exc:
        raise ParseError(path, exc.strerror or str(exc)) from None
    except UnicodeDecodeError as exc:
        raise ParseError(path, f"not UTF-8 text ({exc.reason})") from None
    return summary


def _event(
    row: TableRow,
    read_event: Callable[[TableRow], ImportedEvent],
    timeline: Sequence[Agreement],
    problems: list[RowProblem],
) -> ImportedEvent | None:
    """The row's event with the agreement in force at its time and place; None if it is bad."""
    try:
        event = read_event(row)
    except InvalidValue as exc:
        message = str(exc).removeprefix(f"{exc.field}: ")
        problems.append(RowProblem(row.line, exc.field, message))
        return None
    claim = event.claim
    place = claim.place
    point = None if place is None else point_of(place.lon, place.lat, place.precision.value)
    found = in_force(timeline, claim.time.start, claim.time.end, point)
    if found is None:
        return event
    return replace(event, claim=replace(claim, agreement=found.name))


def _event_ids(conn: Connection, dataset: str) -> set[str]:
    """Event ids of the dataset already imported (a revised row of one is not a new event)."""
    query = select(sources.c.document_id).where(
        sources.c.kind == SourceKind.IMPORT.value, sources.c.format == dataset
    )
    return {str(i) for i in conn.execute(query).scalars() if i is not None}


def _store_batch(
    database: Database,
    batch: Sequence[ImportedEvent],
    filename: str,
    actor: str,
    known: set[str],
    summary: ImportSummary,
) -> None:
    """Store a batch of rows in one transaction; `known` and `summary` change only on commit."""
    if not batch:
        return
    added: list[str] = []
    incidents: set[int] = set()
    unchanged = 0
    with database.begin() as conn:
        for event in batch:
            sha256 = hashlib.sha256(event.raw).hexdigest()
            if event.event_id in known or event.event_id in added:
                unchanged += 1
                continue
            if source_id(conn, sha256) is not None:
                unchanged += 1
                continue
            stored = store_source(
                conn,
                _parsed(event),
                sha256,
                filename,
                SourceKind.IMPORT,
                actor,
                [(event.claim, None)],
            )
            incidents.update(stored.incident_ids)
            added.append(event.event_id)
    known.update(added)
    summary.new += len(added)
    summary.unchanged += unchanged
    summary.incident_ids.update(incidents)


def _parsed(event: ImportedEvent) -> ParsedDocument:
    claim = event.claim
    document = Document(
        body=claim.evidence.quote,
        id=event.event_id,
        headline=event.headline,
        source=PUBLISHERS[event.dataset],
        language="en",
    )
    return ParsedDocument(document, event.raw, event.dataset)
