"""The database handle: one code path for SQLite and PostgreSQL, chosen by the URL.

SQLite: WAL, foreign keys on, and `BEGIN IMMEDIATE` for every write transaction so that
there is one writer at a time. PostgreSQL: psycopg 3 with PostGIS.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import orjson
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Integer,
    Text,
    any_,
    bindparam,
    create_engine,
    event,
    func,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError

from ceasefire.errors import CeasefireError, ConfigurationError, DatabaseUnavailable

SUPPORTED = ("sqlite", "postgresql")
_MIGRATION_LOCK_KEY = 7_240_000  # advisory lock id: one `init` at a time on PostgreSQL


class Database:
    """A configured engine plus the transaction helpers every service uses."""

    def __init__(self, url: str) -> None:
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise ConfigurationError(f"cannot read database URL {url!r}") from exc
        if parsed.get_backend_name() not in SUPPORTED:
            raise ConfigurationError(
                f"unsupported database URL {url!r}: use sqlite:///FILE or postgresql+psycopg://..."
            )
        if parsed.get_backend_name() == "postgresql" and parsed.drivername != "postgresql+psycopg":
            parsed = parsed.set(drivername="postgresql+psycopg")
        self.url = parsed
        self.dialect = parsed.get_backend_name()
        if self.dialect == "postgresql":
            _register_postgis_types()
        try:
            self.engine: Engine = self._create_engine()
        except (NoSuchModuleError, ImportError) as exc:
            raise ConfigurationError(
                f"no driver for {parsed.drivername}: install ceasefire[postgres]"
            ) from exc

    def _create_engine(self) -> Engine:
        # JSON columns (claims' casualties on every listed page): orjson parses ~4x faster.
        if self.dialect == "sqlite":
            engine = create_engine(
                self.url, connect_args={"timeout": 30}, json_deserializer=orjson.loads
            )
            event.listen(engine, "connect", _sqlite_on_connect)
            # Let us issue BEGIN ourselves (pysqlite's own transaction handling is off).
            event.listen(engine, "begin", _sqlite_on_begin)
            return engine
        return create_engine(
            self.url,
            pool_pre_ping=True,
            connect_args={"connect_timeout": 5},
            json_deserializer=orjson.loads,
        )

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One write transaction: committed when the block ends, rolled back on error."""
        try:
            with self.engine.connect() as conn:
                conn.execution_options(ceasefire_write=True)
                with conn.begin():
                    yield conn
        except DatabaseError as exc:
            translated = self._translated(exc)
            if translated is None:
                raise
            raise translated from exc

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reading."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except DatabaseError as exc:
            translated = self._translated(exc)
            if translated is None:
                raise
            raise translated from exc

    def _translated(self, exc: DatabaseError) -> CeasefireError | None:
        """A connection problem as a one-line domain error; None for any other error."""
        first_line = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else ""
        if isinstance(exc, OperationalError) and _is_connect_failure(exc):
            return DatabaseUnavailable(f"cannot reach database {self.safe_url}: {first_line}")
        if "file is not a database" in first_line:
            return ConfigurationError(f"{self.safe_url} is not a SQLite database file")
        return None

    def init(self) -> tuple[str | None, str]:
        """Bring the schema to the newest revision (idempotent); returns (before, after)."""
        from ceasefire.storage import migrations

        try:
            with self.begin() as conn:
                if self.dialect == "postgresql":
                    conn.execute(
                        text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK_KEY}
                    )
                before = migrations.current_revision(conn)
                migrations.upgrade(conn)
                after = migrations.current_revision(conn)
        except DatabaseError as exc:
            if "postgis" in str(exc.orig).lower():
                raise ConfigurationError(
                    f"PostGIS is not available in {self.safe_url}: install it on the server "
                    f"(Debian: postgresql-15-postgis-3) or run CREATE EXTENSION postgis as a superuser"
                ) from exc
            raise
        assert after is not None
        return before, after

    def revision(self) -> str | None:
        """The schema revision the database is at; None when `ceasefire init` never ran."""
        from ceasefire.storage import migrations

        with self.connect() as conn:
            return migrations.current_revision(conn)

    @property
    def safe_url(self) -> str:
        return self.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def _register_postgis_types() -> None:
    # GeoAlchemy2 teaches SQLAlchemy the `geometry` type, so reflecting `incidents` works.
    # Without the postgres extra, creating the engine reports the missing driver instead.
    with suppress(ImportError):
        import geoalchemy2  # noqa: F401


def _is_connect_failure(exc: OperationalError) -> bool:
    message = str(exc.orig).lower()
    return (
        exc.connection_invalidated
        or "connect" in message
        or "unable to open database file" in message  # SQLite: missing folder, no permission
    )


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # autocommit at the driver; SQLAlchemy emits BEGIN
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    # A write transaction takes the write lock up front: one writer, no upgrade deadlocks.
    if conn.get_execution_options().get("ceasefire_write"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def among(column: ColumnElement[Any], dialect: str, name: str = "ids") -> ColumnElement[bool]:
    """`column IN :name` with one statement text for any number of ids (bind `ids_value`).

    SQLAlchemy's plain `in_` writes one placeholder per id, so each page size is a new
    statement for the driver to parse; an array (PostgreSQL) or a JSON list (SQLite) is one,
    and a statement built once can be reused. Example:
    `conn.execute(select(claims).where(among(claims.c.incident_id, "sqlite")),
    {"ids": ids_value([1, 2], "sqlite")})`.
    """
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(Integer)))
    if dialect == "sqlite":
        each = func.json_each(bindparam(name, type_=Text)).table_valued("value")
        return column.in_(select(each.c.value))
    return column.in_(bindparam(name, expanding=True))


def ids_value(ids: Iterable[int], dialect: str) -> Any:
    """The bound value of an `among` parameter for these ids."""
    values = [int(i) for i in ids]
    return orjson.dumps(values).decode() if dialect == "sqlite" else values
