"""Fixtures for the web UI: the stock centre (tokens, two ingested reports) behind a TestClient."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ceasefire.domain.model import Claim, Document
from ceasefire.services import ingest
from ceasefire.storage.sql import Database
from web_support import Site, make_site


@pytest.fixture
def site(
    database: Database,
    tmp_path: Path,
    fake_extract: Callable[[Document], list[Claim]],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Site]:
    """The stock centre (SQLite and PostgreSQL); the ingest page extracts with the fake."""
    monkeypatch.setattr(ingest, "timeline_extractor", lambda _database: fake_extract)
    yield from make_site(database, tmp_path, fake_extract)
