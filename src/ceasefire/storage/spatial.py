"""Dialect extras the portable schema cannot express: spatial and full-text indexes.

Incidents are found by place, time and category through one index per dialect whose boxes
have four dimensions: longitude, latitude, time (the window's first to last day, in units of
30 days since 1970, see `time_coordinate`) and category (see `category_span`). SQLite keeps
them in an R*Tree, PostgreSQL in an n-D GiST over a generated PostGIS line between the box's
corners; both hold live, placed incidents only. PostgreSQL also has a 2-D point `geom`
(with GiST) for GIS tools. Sources get an FTS5 index on SQLite and a GIN one on PostgreSQL.
Migrations call `create_extras_sql`; queries use the clause builders. The index only
pre-filters: every clause repeats the exact test on the table's columns.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Date,
    Float,
    String,
    and_,
    bindparam,
    func,
    literal_column,
    select,
)
from sqlalchemy.sql import column, table

from ceasefire.domain.values import BBox
from ceasefire.errors import InvalidValue
from ceasefire.storage.schema import hazard_areas, incidents, sources

#: Objects made here, outside `schema.metadata`; the schema comparison leaves them out.
SQLITE_EXTRA_PREFIXES = ("incidents_rtree", "sources_fts")
POSTGRES_EXTRA_TABLES = frozenset({"spatial_ref_sys"})
POSTGRES_EXTRA_INDEXES = frozenset(
    {"ix_incidents_geom", "ix_incidents_extent", "ix_sources_fulltext", "ix_hazard_areas_geom"}
)
POSTGRES_EXTRA_COLUMNS = frozenset(
    {("incidents", "geom"), ("incidents", "extent"), ("hazard_areas", "geom")}
)

# The same expression in the index and in the query, or PostgreSQL will not use the index.
_PG_TSVECTOR = "to_tsvector('simple', coalesce(headline, '') || ' ' || body)"

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
#: Days per unit of the index's time axis (see `time_coordinate`).
DAYS_PER_UNIT = 30
# Bounds for a dimension a query leaves open (PostgreSQL needs a whole box).
_OPEN_LOW, _OPEN_HIGH = -1e9, 1e9

_SQLITE_LIVE = "NEW.lon IS NOT NULL AND NEW.lat IS NOT NULL AND NEW.merged_into IS NULL"
#: Width of an incident's box along the category axis (see `category_span`).
CATEGORY_WIDTH = 0.5
_SQLITE_BOX = (
    "NEW.id, NEW.lon, NEW.lon, NEW.lat, NEW.lat, "
    f"(julianday(NEW.time_start) - 2440587.5) / {DAYS_PER_UNIT}.0, "
    f"(julianday(NEW.time_end) - 2440587.5) / {DAYS_PER_UNIT}.0, "
    f"unicode(NEW.category), unicode(NEW.category) + {CATEGORY_WIDTH}"
)
_SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS incidents_rtree USING rtree("
    "id, min_lon, max_lon, min_lat, max_lat, min_time, max_time, min_category, max_category)",
    f"""CREATE TRIGGER IF NOT EXISTS incidents_rtree_insert AFTER INSERT ON incidents
    WHEN {_SQLITE_LIVE} BEGIN
      INSERT INTO incidents_rtree VALUES ({_SQLITE_BOX});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS incidents_rtree_update
    AFTER UPDATE OF id, lon, lat, time_start, time_end, category, merged_into ON incidents BEGIN
      DELETE FROM incidents_rtree WHERE id = OLD.id;
      INSERT INTO incidents_rtree SELECT {_SQLITE_BOX} WHERE {_SQLITE_LIVE};
    END""",
    """CREATE TRIGGER IF NOT EXISTS incidents_rtree_delete AFTER DELETE ON incidents BEGIN
      DELETE FROM incidents_rtree WHERE id = OLD.id;
    END""",
    "CREATE VIRTUAL TABLE IF NOT EXISTS sources_fts "
    "USING fts5(headline, body, content='sources', content_rowid='id')",
    """CREATE TRIGGER IF NOT EXISTS sources_fts_insert AFTER INSERT ON sources BEGIN
      INSERT INTO sources_fts(rowid, headline, body) VALUES (NEW.id, NEW.headline, NEW.body);
    END""",
    """CREATE TRIGGER IF NOT EXISTS sources_fts_update AFTER UPDATE OF headline, body
    ON sources BEGIN
      INSERT INTO sources_fts(sources_fts, rowid, headline, body)
        VALUES ('delete', OLD.id, OLD.headline, OLD.body);
      INSERT INTO sources_fts(rowid, headline, body) VALUES (NEW.id, NEW.headline, NEW.body);
    END""",
    """CREATE TRIGGER IF NOT EXISTS sources_fts_delete AFTER DELETE ON sources BEGIN
      INSERT INTO sources_fts(sources_fts, rowid, headline, body)
        VALUES ('delete', OLD.id, OLD.headline, OLD.body);
    END""",
)

_SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS sources_fts_delete",
    "DROP TRIGGER IF EXISTS sources_fts_update",
    "DROP TRIGGER IF EXISTS sources_fts_insert",
    "DROP TABLE IF EXISTS sources_fts",
    "DROP TRIGGER IF EXISTS incidents_rtree_delete",
    "DROP TRIGGER IF EXISTS incidents_rtree_update",
    "DROP TRIGGER IF EXISTS incidents_rtree_insert",
    "DROP TABLE IF EXISTS incidents_rtree",
)

_PG_CORNER = (
    f"ST_MakePoint(lon, lat, ({{day}} - DATE '1970-01-01') / {DAYS_PER_UNIT}.0, "
    "ascii(category) + {width})"
)
_POSTGRES_DDL = (
    "CREATE EXTENSION IF NOT EXISTS postgis",
    """ALTER TABLE incidents ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326)
    GENERATED ALWAYS AS (CASE WHEN lon IS NULL OR lat IS NULL THEN NULL
                         ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED""",
    "CREATE INDEX IF NOT EXISTS ix_incidents_geom ON incidents USING gist (geom)",
    f"""ALTER TABLE incidents ADD COLUMN IF NOT EXISTS extent geometry
    GENERATED ALWAYS AS (CASE WHEN lon IS NULL OR lat IS NULL OR merged_into IS NOT NULL
                         THEN NULL ELSE ST_MakeLine({_PG_CORNER.format(day="time_start", width=0)},
                                                    {_PG_CORNER.format(day="time_end", width=CATEGORY_WIDTH)})
                         END) STORED""",
    "CREATE INDEX IF NOT EXISTS ix_incidents_extent ON incidents "
    "USING gist (extent gist_geometry_ops_nd)",
    f"CREATE INDEX IF NOT EXISTS ix_sources_fulltext ON sources USING gin ({_PG_TSVECTOR})",
)

_POSTGRES_DROP = (
    "DROP INDEX IF EXISTS ix_sources_fulltext",
    "DROP INDEX IF EXISTS ix_incidents_extent",
    "ALTER TABLE incidents DROP COLUMN IF EXISTS extent",
    "DROP INDEX IF EXISTS ix_incidents_geom",
    "ALTER TABLE incidents DROP COLUMN IF EXISTS geom",
)


def create_extras_sql(dialect: str) -> Sequence[str]:
    """The statements that add the extras for `dialect` (after the portable tables exist)."""
    return {"sqlite": _SQLITE_DDL, "postgresql": _POSTGRES_DDL}.get(dialect, ())


def drop_extras_sql(dialect: str) -> Sequence[str]:
    """The statements that remove the extras again (before the portable tables go)."""
    return {"sqlite": _SQLITE_DROP, "postgresql": _POSTGRES_DROP}.get(dialect, ())


# Hazardous areas (migration 0003): PostGIS keeps a geometry made from the stored GeoJSON, so
# there is one write path; SQLite finds candidates by the bbox columns and tests them in Python.
_POSTGRES_HAZARD_DDL = (
    """ALTER TABLE hazard_areas ADD COLUMN IF NOT EXISTS geom geometry(Geometry, 4326)
    GENERATED ALWAYS AS (ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326)) STORED""",
    "CREATE INDEX IF NOT EXISTS ix_hazard_areas_geom ON hazard_areas USING gist (geom)",
)
_POSTGRES_HAZARD_DROP = (
    "DROP INDEX IF EXISTS ix_hazard_areas_geom",
    "ALTER TABLE hazard_areas DROP COLUMN IF EXISTS geom",
)


def create_hazard_extras_sql(dialect: str) -> Sequence[str]:
    """The statements that add the PostGIS geometry of hazardous areas (none on SQLite)."""
    return _POSTGRES_HAZARD_DDL if dialect == "postgresql" else ()


def drop_hazard_extras_sql(dialect: str) -> Sequence[str]:
    return _POSTGRES_HAZARD_DROP if dialect == "postgresql" else ()


def is_extra(name: str | None, type_: str, parent_table: str | None = None) -> bool:
    """True for a dialect-extra object: the schema comparison and autogenerate skip it."""
    if name is None:
        return False
    if name == "alembic_version" or name.startswith(SQLITE_EXTRA_PREFIXES):
        return True
    if type_ == "table":
        return name in POSTGRES_EXTRA_TABLES
    if type_ == "index":
        return name in POSTGRES_EXTRA_INDEXES
    if type_ == "column":
        return (parent_table, name) in POSTGRES_EXTRA_COLUMNS
    return False


_incidents_rtree = table(
    "incidents_rtree",
    *(
        column(f"{end}_{dim}")
        for dim in ("lon", "lat", "time", "category")
        for end in ("min", "max")
    ),
    column("id"),
)
_sources_fts = table("sources_fts", column("rowid"))


def time_coordinate(day: date) -> float:
    """The index's time coordinate of a day: units of 30 days since 1970-01-01.

    R*Trees split boxes by their area and margins, so the axes should be of like scale: with
    months, a query of a few weeks over a few tenths of a degree is roughly a cube (measured
    on 1M incidents filled in random order: days 0.32 ms, months 0.11 ms per query at p50).
    The R*Tree rounds its 32-bit bounds outwards, so it never leaves out a match.
    """
    return (day.toordinal() - _EPOCH_ORDINAL) / DAYS_PER_UNIT


def category_span(category: str) -> tuple[float, float]:
    """An incident's extent along the index's category axis: [c, c + 0.5], c the code point
    of the category's first letter (a test keeps first letters distinct).

    The extent must not be zero: with zero-width boxes on a few discrete values, R*Tree
    splits lose their sense of volume and a tree filled in random order was 70x slower to
    search (measured on 1M incidents); half a unit keeps categories apart and volumes real.
    A shared first letter would only make the index less selective: the exact test follows.
    """
    code = float(ord(category[0]))
    return code, code + CATEGORY_WIDTH


def extent_clause(
    dialect: str,
    bbox: BBox | tuple[float, float, float, float] | None = None,
    *,
    start: date | None = None,
    end: date | None = None,
    category: str | None = None,
) -> ColumnElement[bool]:
    """A WHERE clause on `incidents`: placed in `bbox`, window reaching into [start, end],
    of `category` (each optional; an empty one is none), found through the place/time/category
    index of the dialect.

    Example: `select(incidents).where(extent_clause(db.dialect, box, start=d0, end=d1))`.
    Incidents without coordinates are never inside; merged-away ones are not indexed.
    """
    return _extent(
        dialect,
        bbox=bbox is not None,
        start=start is not None,
        end=end is not None,
        category=bool(category),
        values=extent_values(bbox, start=start, end=end, category=category),
    )


def extent_values(
    bbox: BBox | tuple[float, float, float, float] | None = None,
    *,
    start: date | None = None,
    end: date | None = None,
    category: str | None = None,
) -> dict[str, Any]:
    """The values an `extent_shape` clause binds, by name, for these filters.

    Example: `conn.execute(select(incidents.c.id).where(extent_shape(d, bbox=True, start=False,
    end=False, category=False)), extent_values(box))`.
    """
    values: dict[str, Any] = {}
    if bbox is not None:
        box = BBox(*bbox).checked()
        values |= {"west": box.west, "south": box.south, "east": box.east, "north": box.north}
    if start is not None:
        values |= {"start": start, "start_time": time_coordinate(start)}
    if end is not None:
        values |= {"end": end, "end_time": time_coordinate(end)}
    if category:
        values |= {"category": category, "category_code": category_span(category)[0]}
    return {f"extent_{name}": value for name, value in values.items()}


@functools.cache
def extent_shape(
    dialect: str, *, bbox: bool, start: bool, end: bool, category: bool
) -> ColumnElement[bool]:
    """The clause of `extent_clause` for the filters that are set, with their values left to
    bind by name (`extent_values`): built once per shape, run with any values."""
    return _extent(dialect, bbox=bbox, start=start, end=end, category=category, values=None)


def _extent(
    dialect: str,
    *,
    bbox: bool,
    start: bool,
    end: bool,
    category: bool,
    values: dict[str, Any] | None,
) -> ColumnElement[bool]:
    def bound(name: str, type_: Any) -> BindParameter[Any]:
        key = f"extent_{name}"
        if values is None:
            return bindparam(key, type_=type_)
        # Unique: two clauses with their own values may share a statement.
        return bindparam(key, values[key], type_=type_, unique=True)

    c = incidents.c
    exact: list[ColumnElement[bool]] = [c.merged_into.is_(None)]
    if bbox:
        # Exact test on the stored floats: the R*Tree holds 32-bit bounds, so it only pre-filters.
        exact += [
            c.lon.between(bound("west", Float), bound("east", Float)),
            c.lat.between(bound("south", Float), bound("north", Float)),
        ]
    else:
        exact += [c.lon.is_not(None), c.lat.is_not(None)]
    first = bound("start", Date) if start else None
    last = bound("end", Date) if end else None
    if dialect == "postgresql" and (start or end):
        # As a range overlap no B-tree serves it, so the planner will not AND a scan of the
        # time index (tens of thousands of rows) with the n-D one (measured: 10 vs 6 ms).
        window = func.daterange(c.time_start, c.time_end, "[]")
        exact.append(window.op("&&")(func.daterange(first, last, "[]")))
    else:
        if first is not None:
            exact.append(c.time_end >= first)
        if last is not None:
            exact.append(c.time_start <= last)
    if category:
        exact.append(c.category == bound("category", String))
    code = bound("category_code", Float) if category else None
    low: list[Any] = [
        bound("west", Float) if bbox else _OPEN_LOW,
        bound("south", Float) if bbox else _OPEN_LOW,
        bound("start_time", Float) if start else _OPEN_LOW,
        code if category else _OPEN_LOW,
    ]
    high: list[Any] = [
        bound("east", Float) if bbox else _OPEN_HIGH,
        bound("north", Float) if bbox else _OPEN_HIGH,
        bound("end_time", Float) if end else _OPEN_HIGH,
        code if category else _OPEN_HIGH,
    ]
    if dialect == "sqlite":
        rt = _incidents_rtree.c
        bounds = []
        for dim, lo, hi in zip(("lon", "lat", "time", "category"), low, high, strict=True):
            if lo is not _OPEN_LOW:
                bounds.append(rt[f"max_{dim}"] >= lo)
            if hi is not _OPEN_HIGH:
                bounds.append(rt[f"min_{dim}"] <= hi)
        inside = select(rt.id).where(*bounds)
        return and_(c.id.in_(inside), *exact)
    if dialect == "postgresql":
        extent: ColumnElement[Any] = literal_column("incidents.extent")
        query_box = func.ST_MakeLine(func.ST_MakePoint(*low), func.ST_MakePoint(*high))
        return and_(extent.op("&&&")(query_box), *exact)
    return and_(*exact)


def bbox_clause(
    dialect: str, bbox: BBox | tuple[float, float, float, float]
) -> ColumnElement[bool]:
    """A WHERE clause on `incidents` keeping live incidents placed inside the box (indexed).

    Example: `select(incidents).where(bbox_clause(db.dialect, BBox(46.5, 39.5, 47.5, 40.2)))`.
    """
    return extent_clause(dialect, bbox)


def text_search_clause(dialect: str, query: str) -> ColumnElement[bool]:
    """A WHERE clause on `sources` matching words of `query` in headline or body (indexed)."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in query).split() if w]
    if not words:
        raise InvalidValue("query", "needs at least one word")
    if dialect == "sqlite":
        match = " ".join(f'"{w}"' for w in words)
        inside = select(_sources_fts.c.rowid).where(
            literal_column("sources_fts").op("MATCH")(match)
        )
        return sources.c.id.in_(inside)
    if dialect == "postgresql":
        vector: ColumnElement[Any] = literal_column(_PG_TSVECTOR)
        return vector.op("@@")(func.plainto_tsquery("simple", " ".join(words)))
    pattern = [sources.c.body.contains(w) for w in words]
    return and_(*pattern)


def hazard_cover_clause(dialect: str, lon: float, lat: float) -> ColumnElement[bool]:
    """A WHERE clause on `hazard_areas` keeping areas whose box holds the point; on PostgreSQL
    also whose polygon covers it (PostGIS ST_Covers through the GiST index).

    On SQLite the box only pre-filters: test the polygon after (domain/hazard_geometry.py).
    """
    box = and_(
        hazard_areas.c.min_lon <= lon,
        hazard_areas.c.max_lon >= lon,
        hazard_areas.c.min_lat <= lat,
        hazard_areas.c.max_lat >= lat,
    )
    if dialect == "postgresql":
        geom: ColumnElement[Any] = literal_column("hazard_areas.geom")
        point = func.ST_SetSRID(func.ST_MakePoint(lon, lat), 4326)
        return and_(func.ST_Covers(geom, point), box)
    return box
