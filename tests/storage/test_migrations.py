"""The migrations, applied in order, must build exactly the tables of storage/schema.py."""

from __future__ import annotations

from datetime import UTC, date, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from ceasefire.storage import migrations, spatial
from ceasefire.storage.schema import agreements, incidents, metadata
from ceasefire.storage.sql import Database

FIX = (
    "storage/schema.py and the migrations differ: add a revision next to "
    "src/ceasefire/storage/migrations/versions/r0004_incident_agreement.py that makes the same change "
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


def test_upgrading_from_0003_stores_the_agreement_in_force_of_each_incident(
    empty_database_url: str,
) -> None:
    database = Database(empty_database_url)
    now = datetime.now(UTC)
    day = date(2021, 3, 4)
    try:
        with database.begin() as conn:
            migrations.upgrade(conn, "0003")
            conn.execute(
                agreements.insert().values(
                    id="trilateral-statement-2020-11-10",
                    name="Trilateral statement of 10 November 2020",
                    kind="statement",
                    parties=["Armenia", "Azerbaijan", "Russia"],
                    effective=datetime(2020, 11, 9, 21, tzinfo=UTC),
                    time_zone="Europe/Moscow",
                    sources=[],
                    notes="",
                    created_by="test",
                    created_at=now,
                )
            )
            # The columns of revision 0003 only: `agreement` does not exist yet.
            conn.execute(
                text(
                    "INSERT INTO incidents (category, type, status, time_start, time_end, "
                    "time_precision, place_precision, casualties, claimants, perpetrators, "
                    "third_party_reported, disputed_attribution, summary, version, created_at, "
                    "updated_at) VALUES ('violation', 'shootout', 'reported', :day, :day, 'day', "
                    "'unknown', '{}', '[]', '[]', false, false, '', 1, :now, :now)"
                ),
                {"day": day, "now": now},
            )
        database.init()
        with database.connect() as conn:
            stored = conn.execute(select(incidents.c.agreement)).scalars().all()
        assert stored == ["Trilateral statement of 10 November 2020"]
    finally:
        database.dispose()
