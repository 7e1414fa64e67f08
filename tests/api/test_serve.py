"""`ceasefire serve` as a real process on a free port, called over HTTP (both backends)."""

from __future__ import annotations

import httpx

from api_support import served
from ceasefire.services import users
from ceasefire.storage.sql import Database
from verification_support import make_centre, make_incident


def test_served_api_records_a_position_over_http(database: Database) -> None:
    centre = make_centre(database)
    incident = make_incident(database)
    token = users.create_token(database, centre.az_officer).secret
    with served(database) as base:
        assert httpx.get(f"{base}/openapi.json", timeout=5).json()["info"]["title"] == "ceasefire"
        unauthorized = httpx.post(
            f"{base}/api/v1/incidents/{incident}/positions",
            json={"position": "confirms", "reason": "seen"},
            timeout=5,
        )
        assert unauthorized.status_code == 401
        recorded = httpx.post(
            f"{base}/api/v1/incidents/{incident}/positions",
            json={"position": "confirms", "reason": "seen", "expected_version": 1},
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        )
        assert recorded.status_code == 201, recorded.text
        assert recorded.json()["status"] == "under_review"
