"""Dialect extras the portable schema cannot express: spatial and full-text indexes.

SQLite gets an R*Tree over incident points and an FTS5 index over sources, both kept in step
by triggers; PostgreSQL gets a PostGIS point computed from lon/lat with a GiST index, and a
GIN index for text search. Migrations call `create_extras`; queries use the clause builders.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, func, literal_column, select
from sqlalchemy.sql import column, table

from ceasefire.errors import InvalidValue
from ceasefire.storage.schema import incidents, sources

#: Objects made here, outside `schema.metadata`; the schema comparison leaves them out.
SQLITE_EXTRA_PREFIXES = ("incidents_rtree", "sources_fts")
POSTGRES_EXTRA_TABLES = frozenset({"spatial_ref_sys"})
POSTGRES_EXTRA_INDEXES = frozenset({"ix_incidents_geom", "ix_sources_fulltext"})
POSTGRES_EXTRA_COLUMNS = frozenset({("incidents", "geom")})

# The same expression in the index and in the query, or PostgreSQL will not use the index.
_PG_TSVECTOR = "to_tsvector('simple', coalesce(headline, '') || ' ' || body)"

_SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS incidents_rtree "
    "USING rtree(id, min_lon, max_lon, min_lat, max_lat)",
    """CREATE TRIGGER IF NOT EXISTS incidents_rtree_insert AFTER INSERT ON incidents
    WHEN NEW.lon IS NOT NULL AND NEW.lat IS NOT NULL BEGIN
      INSERT INTO incidents_rtree VALUES (NEW.id, NEW.lon, NEW.lon, NEW.lat, NEW.lat);
    END""",
    """CREATE TRIGGER IF NOT EXISTS incidents_rtree_update AFTER UPDATE OF id, lon, lat
    ON incidents BEGIN
      DELETE FROM incidents_rtree WHERE id = OLD.id;
      INSERT INTO incidents_rtree SELECT NEW.id, NEW.lon, NEW.lon, NEW.lat, NEW.lat
        WHERE NEW.lon IS NOT NULL AND NEW.lat IS NOT NULL;
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

_POSTGRES_DDL = (
    "CREATE EXTENSION IF NOT EXISTS postgis",
    """ALTER TABLE incidents ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326)
    GENERATED ALWAYS AS (CASE WHEN lon IS NULL OR lat IS NULL THEN NULL
                         ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED""",
    "CREATE INDEX IF NOT EXISTS ix_incidents_geom ON incidents USING gist (geom)",
    f"CREATE INDEX IF NOT EXISTS ix_sources_fulltext ON sources USING gin ({_PG_TSVECTOR})",
)

_POSTGRES_DROP = (
    "DROP INDEX IF EXISTS ix_sources_fulltext",
    "DROP INDEX IF EXISTS ix_incidents_geom",
    "ALTER TABLE incidents DROP COLUMN IF EXISTS geom",
)


def create_extras_sql(dialect: str) -> Sequence[str]:
    """The statements that add the extras for `dialect` (after the portable tables exist)."""
    return {"sqlite": _SQLITE_DDL, "postgresql": _POSTGRES_DDL}.get(dialect, ())


def drop_extras_sql(dialect: str) -> Sequence[str]:
    """The statements that remove the extras again (before the portable tables go)."""
    return {"sqlite": _SQLITE_DROP, "postgresql": _POSTGRES_DROP}.get(dialect, ())


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


class BBox(NamedTuple):
    """A lon/lat box in WGS84: west, south, east, north (GeoJSON order)."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, text: str) -> BBox:
        """`BBox.parse("46.5,39.5,47.5,40.2")`; a bad box raises InvalidValue naming `bbox`."""
        parts = text.split(",")
        try:
            values = [float(p) for p in parts]
        except ValueError:
            raise InvalidValue("bbox", f"expected W,S,E,N numbers, got {text!r}") from None
        if len(values) != 4:
            raise InvalidValue("bbox", f"expected 4 numbers W,S,E,N, got {len(values)}")
        return cls(*values).checked()

    def checked(self) -> BBox:
        w, s, e, n = self
        if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= 90 and -90 <= n <= 90):
            raise InvalidValue("bbox", f"outside lon -180..180 / lat -90..90: {tuple(self)}")
        if w > e or s > n:
            raise InvalidValue("bbox", f"west must be <= east and south <= north: {tuple(self)}")
        return self


_incidents_rtree = table(
    "incidents_rtree",
    column("id"),
    column("min_lon"),
    column("max_lon"),
    column("min_lat"),
    column("max_lat"),
)
_sources_fts = table("sources_fts", column("rowid"))


def bbox_clause(
    dialect: str, bbox: BBox | tuple[float, float, float, float]
) -> ColumnElement[bool]:
    """A WHERE clause on `incidents` keeping points inside the box, through the spatial index.

    Example: `select(incidents).where(bbox_clause(db.dialect, BBox(46.5, 39.5, 47.5, 40.2)))`.
    """
    w, s, e, n = BBox(*bbox).checked()
    # Exact test on the stored floats: the R*Tree holds 32-bit bounds, so it only pre-filters.
    exact = and_(incidents.c.lon.between(w, e), incidents.c.lat.between(s, n))
    if dialect == "sqlite":
        inside = select(_incidents_rtree.c.id).where(
            _incidents_rtree.c.max_lon >= w,
            _incidents_rtree.c.min_lon <= e,
            _incidents_rtree.c.max_lat >= s,
            _incidents_rtree.c.min_lat <= n,
        )
        return and_(incidents.c.id.in_(inside), exact)
    if dialect == "postgresql":
        geom: ColumnElement[Any] = literal_column("incidents.geom")
        envelope = func.ST_MakeEnvelope(w, s, e, n, 4326)
        return and_(geom.op("&&")(envelope), exact)
    return exact


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
