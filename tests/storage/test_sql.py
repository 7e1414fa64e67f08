"""The database handle: URL checks, connection failures and the one-writer transactions."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ceasefire.errors import ConfigurationError, DatabaseUnavailable
from ceasefire.storage.schema import delegations, users
from ceasefire.storage.sql import Database, among, ids_value


@pytest.mark.parametrize("url", ["nonsense://x", "mysql://root@localhost/db", "::::"])
def test_unsupported_url_is_a_configuration_error(url: str) -> None:
    with pytest.raises(ConfigurationError):
        Database(url)


def test_postgres_url_without_driver_uses_psycopg() -> None:
    assert Database("postgresql://u@h/db").url.drivername == "postgresql+psycopg"


def test_unreachable_postgres_is_reported_in_one_line() -> None:
    database = Database("postgresql://postgres@127.0.0.1:1/none")
    with pytest.raises(DatabaseUnavailable) as caught:
        database.init()
    assert "\n" not in str(caught.value)
    assert "127.0.0.1:1" in str(caught.value)


def test_sqlite_file_in_missing_folder_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable):
        Database(f"sqlite:///{tmp_path}/no/such/folder/x.db").init()


def test_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not database pages " * 200)
    with pytest.raises(ConfigurationError, match="not a SQLite database"):
        Database(f"sqlite:///{path}").init()


def test_failed_write_transaction_leaves_nothing_behind(database: Database) -> None:
    now = datetime(2020, 11, 10, tzinfo=UTC)
    with pytest.raises(RuntimeError), database.begin() as conn:
        conn.execute(delegations.insert().values(code="A", name="Delegation A", created_at=now))
        raise RuntimeError("abort half-way")
    with database.connect() as conn:
        assert conn.execute(select(func.count()).select_from(delegations)).scalar_one() == 0


@pytest.mark.parametrize("wanted", [[], ["b"], ["a", "c"], ["a", "b", "c", "nobody"]])
def test_among_matches_any_number_of_ids_with_one_statement(
    database: Database, wanted: list[str]
) -> None:
    now = datetime(2020, 11, 10, tzinfo=UTC)
    with database.begin() as conn:
        ids = {
            name: conn.execute(
                users.insert()
                .values(username=name, role="analyst", created_at=now)
                .returning(users.c.id)
            ).scalar_one()
            for name in ("a", "b", "c")
        }
    query = select(users.c.username).where(among(users.c.id, database.dialect))
    with database.connect() as conn:
        bound = ids_value([ids.get(name, 999) for name in wanted], database.dialect)
        found = conn.execute(query, {"ids": bound})
        assert sorted(found.scalars()) == [name for name in wanted if name in ids]
