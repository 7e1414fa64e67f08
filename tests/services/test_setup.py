"""Setting up databases: init/upgrade, the schema check, and the demo database."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire.demo import SOURCES_DIR, source_files, sources_by_kind
from ceasefire.domain.taxonomy import SourceKind
from ceasefire.errors import ConfigurationError
from ceasefire.services import setup
from ceasefire.services.ingest import Extractor
from ceasefire.storage import migrations
from ceasefire.storage.sql import Database


def test_init_database_reports_created_then_current(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'centre.db'}")
    first = setup.init_database(database)
    second = setup.init_database(database)
    database.dispose()
    head = migrations.head_revision()
    assert (first.before, first.after, first.changed) == (None, head, True)
    assert (second.before, second.after, second.changed) == (head, head, False)


def test_require_schema_passes_at_head_and_names_the_fix_otherwise(
    database: Database, tmp_path: Path
) -> None:
    setup.require_schema(database)
    empty = Database(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(ConfigurationError, match="init"):
        setup.require_schema(empty)
    empty.dispose()


def test_demo_sources_are_grouped_by_the_kind_in_their_name() -> None:
    grouped = sources_by_kind()
    assert set(grouped) == {SourceKind.MEDIA, SourceKind.PARTY_STATEMENT, SourceKind.PATROL}
    assert sum(len(files) for files in grouped.values()) == len(source_files())
    assert all(path.parent == SOURCES_DIR for path in source_files())


def test_build_demo_is_idempotent(database: Database, fake_extract: Extractor) -> None:
    first = setup.build_demo(database, extractor=fake_extract)
    again = setup.build_demo(database, extractor=fake_extract)
    assert first.ingest.new_sources == first.counts.sources > 10
    assert (again.ingest.new_sources, again.ingest.unchanged) == (0, first.counts.sources)
    assert again.counts == first.counts
    assert sum(n for _, n in again.by_category) == again.counts.incidents
    assert again.latest and again.latest[0].date >= again.latest[-1].date
