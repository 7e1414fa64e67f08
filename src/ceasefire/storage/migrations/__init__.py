"""Alembic migrations, configured in code so that they run from an installed wheel.

`versions/r0001_initial.py` creates the first tables; each later change of `storage/schema.py`
is a new revision next to it (`r0002_agreements.py`: the agreements table and
`claims.agreement`). The test `tests/storage/test_migrations.py` shows any difference between
the revisions and schema.py; `scripts/regen-migration` prints `op.create_table` code to
paste from.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at this package; `connection` is used by env.py if given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("version_locations", str(MIGRATIONS_DIR / "versions"))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision shipped with this version of ceasefire."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at, or None when it holds no ceasefire schema."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Bring the schema to `revision` inside the caller's transaction."""
    command.upgrade(alembic_config(connection), revision)


def downgrade(connection: Connection, revision: str = "base") -> None:
    """Take the schema back to `revision` (default: empty) inside the caller's transaction."""
    command.downgrade(alembic_config(connection), revision)
