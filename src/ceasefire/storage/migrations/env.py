"""Alembic environment: runs on the connection ceasefire hands over (or `-x url=...`)."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from alembic import context
from sqlalchemy import Connection, create_engine

from ceasefire.storage.schema import metadata
from ceasefire.storage.spatial import is_extra


def _include_name(
    name: str | None, type_: Any, parent_names: MutableMapping[Any, str | None]
) -> bool:
    # R*Tree, FTS5, PostGIS objects live outside schema.metadata; comparisons must skip them.
    return not is_extra(name, type_, parent_names.get("table_name"))


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_name=_include_name,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    given = context.config.attributes.get("connection")
    if isinstance(given, Connection):
        _run(given)
        return
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///ceasefire.db")
    engine = create_engine(url)
    with engine.begin() as connection:
        _run(connection)
    engine.dispose()


_main()
