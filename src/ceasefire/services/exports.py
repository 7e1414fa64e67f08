"""Exporting incidents as GeoJSON, CSV, ACLED or UCDP GED, streamed in constant memory.

Incidents are read in keyset pages (`incidents.list_incidents`, oldest first) and each page is
written before the next is read, so a million incidents need no more memory than one page.
GeoJSON is one RFC 7946 FeatureCollection written feature by feature.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final, TextIO

import orjson
from sqlalchemy import Connection, select

from ceasefire.domain.exchange import ACLED_COLUMNS, UCDP_COLUMNS
from ceasefire.domain.taxonomy import SourceKind
from ceasefire.errors import UnknownFormat
from ceasefire.services import setup
from ceasefire.services.exchange_rows import Row, acled_row, original_row, ucdp_row
from ceasefire.services.incidents import (
    CSV_COLUMNS,
    IncidentFilter,
    csv_rows,
    geojson_feature,
    list_incidents,
)
from ceasefire.services.paging import Page
from ceasefire.storage.schema import claims, sources
from ceasefire.storage.sql import Database, among, ids_value

FORMATS: Final = ("geojson", "csv", "acled", "ucdp")
#: Incidents per page read from the database.
PAGE_SIZE: Final = 1000

_DatasetRow = Callable[[dict[str, Any], dict[str, str] | None], Row]
_DATASETS: Final[dict[str, tuple[tuple[str, ...], _DatasetRow]]] = {
    "acled": (ACLED_COLUMNS, acled_row),
    "ucdp": (UCDP_COLUMNS, ucdp_row),
}


def export_incidents(
    database: Database, out: TextIO, *, format: str, where: IncidentFilter | None = None
) -> int:
    """Write the incidents matching `where` to `out` as `format`; returns how many.

    Example: `export_incidents(db, sys.stdout, format="acled", where=IncidentFilter(start=d))`.
    """
    if format not in FORMATS:
        raise UnknownFormat("--format", f"unknown format {format!r}; expected {', '.join(FORMATS)}")
    setup.require_schema(database)
    with database.connect() as conn:
        pages = _pages(conn, where or IncidentFilter())
        if format == "geojson":
            return _write_geojson(out, pages)
        if format == "csv":
            return _write_csv(out, CSV_COLUMNS, (list(csv_rows(p.items)) for p in pages))
        columns, to_row = _DATASETS[format]
        return _write_csv(out, columns, _dataset_rows(conn, pages, format, to_row))


def _pages(conn: Connection, where: IncidentFilter) -> Iterator[Page]:
    cursor: str | None = None
    while True:
        page = list_incidents(conn, where, limit=PAGE_SIZE, cursor=cursor)
        yield page
        if page.next is None:
            return
        cursor = page.next


def _write_geojson(out: TextIO, pages: Iterator[Page]) -> int:
    written = 0
    out.write('{"type":"FeatureCollection","features":[')
    for page in pages:
        for item in page.items:
            out.write(",\n" if written else "\n")
            out.write(orjson.dumps(geojson_feature(item)).decode())
            written += 1
    out.write("\n]}\n")
    return written


def _write_csv(out: TextIO, columns: Sequence[str], pages: Iterator[list[Row]]) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    written = 0
    for rows in pages:
        writer.writerows(rows)
        written += len(rows)
    return written


def _dataset_rows(
    conn: Connection, pages: Iterator[Page], dataset: str, to_row: _DatasetRow
) -> Iterator[list[Row]]:
    for page in pages:
        originals = _imported_rows(conn, [item["id"] for item in page.items], dataset)
        yield [to_row(item, originals.get(item["id"])) for item in page.items]


def _imported_rows(
    conn: Connection, incident_ids: Sequence[int], dataset: str
) -> dict[int, dict[str, str]]:
    """For each incident holding a row imported from `dataset`, that row's cells (the first)."""
    if not incident_ids:
        return {}
    query = (
        select(claims.c.incident_id, sources.c.raw)
        .join(sources, sources.c.id == claims.c.source_id)
        .where(
            among(claims.c.incident_id, conn.dialect.name),
            sources.c.kind == SourceKind.IMPORT.value,
            sources.c.format == dataset,
        )
        .order_by(claims.c.id)
    )
    found: dict[int, dict[str, str]] = {}
    ids = {"ids": ids_value(incident_ids, conn.dialect.name)}
    for incident_id, raw in conn.execute(query, ids):
        if incident_id not in found:
            found[int(incident_id)] = original_row(bytes(raw))
    return found
