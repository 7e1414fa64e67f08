"""The API tests' centre: the stock reports ingested, tokens for each role, a client."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api_support import Api, settings_for, stock_centre
from ceasefire.api import create_app
from ceasefire.domain.model import Claim, Document
from ceasefire.storage.sql import Database


@pytest.fixture
def api(
    database: Database, tmp_path: Path, fake_extract: Callable[[Document], list[Claim]]
) -> Iterator[Api]:
    tokens = stock_centre(database, tmp_path, fake_extract)
    settings = settings_for(database)
    with TestClient(create_app(settings)) as client:
        yield Api(client, settings, tokens)
