"""Test support for the web UI: the stock centre behind a TestClient, sign-in, suggestions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from api_support import settings_for, stock_centre
from ceasefire.api import create_app
from ceasefire.config import Settings
from ceasefire.domain.model import Claim, Document
from ceasefire.services.linking import record_decision
from ceasefire.storage.schema import claims
from ceasefire.storage.sql import Database


@dataclass
class Site:
    client: TestClient
    database: Database
    settings: Settings
    tokens: dict[str, str]

    def bearer(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def login(self, who: str) -> str:
        """Sign in through the form; returns the session's CSRF token (from the page's meta)."""
        response = self.client.post(
            "/login", data={"token": self.tokens[who], "next": "/review"}, follow_redirects=False
        )
        assert response.status_code == 303, response.text
        page = self.client.get("/review")
        marker = 'name="csrf-token" content="'
        start = page.text.index(marker) + len(marker)
        return page.text[start : page.text.index('"', start)]

    def incident_ids(self) -> list[int]:
        with self.database.connect() as conn:
            found = conn.execute(
                select(claims.c.incident_id).where(claims.c.incident_id.is_not(None)).distinct()
            )
            return sorted(int(i) for i in found.scalars())

    def suggest(self, claim_incident: int, into: int) -> int:
        """A pending suggestion that the first claim of `claim_incident` belongs to `into`."""
        with self.database.begin() as conn:
            claim_id = conn.execute(
                select(claims.c.id).where(claims.c.incident_id == claim_incident)
            ).scalar_one()
            return record_decision(
                conn,
                claim_id,
                into,
                "suggested",
                0.6,
                ["same day", "near"],
                "system",
                datetime.now(UTC),
            )


def make_site(
    database: Database, folder: Path, extract: Callable[[Document], list[Claim]], **overrides: Any
) -> Iterator[Site]:
    tokens = stock_centre(database, folder, extract)
    settings = settings_for(database, **overrides)
    with TestClient(create_app(settings)) as client:
        yield Site(client, database, settings, tokens)
