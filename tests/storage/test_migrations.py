"""The migrations, applied in order, must build exactly the tables of storage/schema.py."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from ceasefire.storage import migrations, spatial
from ceasefire.storage.schema import metadata
from ceasefire.storage.sql import Database

FIX = (
    "storage/schema.py and the migrations differ: add a revision next to "
    "src/ceasefire/storage/migrations/versions/r0003_mine_action.py that makes the same change "
    "(`scripts/regen-migration` prints the op.create_table code of the current schema.py; "
    "keep downgrade() in step). Differences:\n"
)


def _include_name(name: str | None, type_: str, parent_names: dict[str, str | None]) -> bool:
    return not spatial.is_extra(name, type_, parent_names.get("table_name"))


def test_migrations_build_exactly_the_schema_of_schema_py(database: Database) -> None:
    with database.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_name": _include_name, "compare_type": True}
        )
        differences = compare_metadata(context, metadata)
    assert not differences, FIX + "\n".join(f"  {d}" for d in differences)


def test_init_on_empty_database_reaches_head_and_creates_the_extras(
    empty_database_url: str,
) -> None:
    database = Database(empty_database_url)
    try:
        before, after = database.init()
        assert (before, after) == (None, migrations.head_revision())
        with database.connect() as conn:
            inspector = inspect(conn)
            tables = set(inspector.get_table_names())
            assert {t.name for t in metadata.sorted_tables} <= tables
            if database.dialect == "sqlite":
                assert {"incidents_rtree", "sources_fts"} <= tables
            else:
                columns = {c["name"] for c in inspector.get_columns("incidents")}
                indexes = {i["name"] for i in inspector.get_indexes("incidents")}
                assert "geom" in columns
                assert "ix_incidents_geom" in indexes
    finally:
        database.dispose()


def test_running_init_twice_changes_nothing(database: Database) -> None:
    head = migrations.head_revision()
    assert database.revision() == head
    assert database.init() == (head, head)
    assert database.revision() == head


def test_downgrade_removes_every_table_and_upgrade_restores_them(empty_database_url: str) -> None:
    database = Database(empty_database_url)
    try:
        database.init()
        with database.begin() as conn:
            migrations.downgrade(conn)
        with database.connect() as conn:
            left = set(inspect(conn).get_table_names()) - {"alembic_version", "spatial_ref_sys"}
        assert left == set()
        assert database.init()[0] is None
    finally:
        database.dispose()
