"""The HTTP API for verification: auth, roles, positions, conflicts, errors as JSON (both backends)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest
from fastapi.testclient import TestClient

from ceasefire.api import create_app
from ceasefire.config import Settings
from ceasefire.services import users
from ceasefire.storage.sql import Database
from verification_support import make_centre, make_incident


@dataclass
class Api:
    client: TestClient
    settings: Settings
    tokens: dict[str, str]
    incident: int

    def headers(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def post_position(self, who: str, incident: int | None = None, **body: object) -> object:
        body.setdefault("position", "confirms")
        body.setdefault("reason", "patrol saw fresh craters")
        return self.client.post(
            f"/api/v1/incidents/{incident or self.incident}/positions",
            json=body,
            headers=self.headers(who),
        )


def _settings(database: Database, **overrides: object) -> Settings:
    return replace(
        Settings(database_url=database.url.render_as_string(hide_password=False)), **overrides
    )  # type: ignore[arg-type]


@pytest.fixture
def api(database: Database) -> Iterator[Api]:
    centre = make_centre(database)
    tokens = {
        who: users.create_token(database, who).secret
        for who in (
            centre.az_officer,
            centre.am_officer,
            centre.admin,
            centre.analyst,
            centre.viewer,
        )
    }
    settings = _settings(database)
    with TestClient(create_app(settings)) as client:
        yield Api(client, settings, tokens, make_incident(database))


def test_health_names_the_backend(api: Api, backend: str) -> None:
    response = api.client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json()["database"] == backend and response.json()["status"] == "ok"


def test_openapi_lists_the_verification_routes(api: Api) -> None:
    paths = api.client.get("/openapi.json").json()["paths"]
    assert {"/api/v1/incidents/{incident_id}", "/api/v1/incidents/{incident_id}/positions"} <= set(
        paths
    )


def test_docs_are_served_without_a_cdn(api: Api) -> None:
    page = api.client.get("/docs")
    assert page.status_code == 200 and "swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    script = api.client.get("/docs/static/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000


def test_officer_records_a_position_and_gets_the_new_status(api: Api) -> None:
    response = api.post_position("aziz", evidence=["attachment:" + "ab" * 32], expected_version=1)
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["incident_id"], body["status"], body["version"]) == (
        api.incident,
        "under_review",
        2,
    )
    assert body["positions"]["current"]["AZ"]["recorded_by"] == "aziz"
    assert body["positions"]["current"]["AM"] is None


def test_both_delegations_confirming_shows_confirmed_on_read(api: Api) -> None:
    api.post_position("aziz")
    api.post_position("anahit", expected_version=2)
    incident = api.client.get(f"/api/v1/incidents/{api.incident}", headers=api.headers("vic"))
    assert incident.status_code == 200
    body = incident.json()
    assert (body["id"], body["status"], body["version"]) == (api.incident, "confirmed", 3)
    assert [p["delegation"] for p in body["positions"]["history"]] == ["AZ", "AM"]
    assert body["summary"] == "Mortar fire reported near Hadrut." and body["claims"] == []


def _error(response: object, status: int, kind: str) -> str:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    error = response.json()["error"]  # type: ignore[attr-defined]
    assert error["type"] == kind
    return str(error["message"])


def test_missing_or_bad_token_is_401(api: Api) -> None:
    url = f"/api/v1/incidents/{api.incident}/positions"
    response = api.client.post(url, json={"position": "confirms", "reason": "x"})
    assert "bearer token is required" in _error(response, 401, "Unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"
    response = api.client.post(
        url, json={"position": "confirms", "reason": "x"}, headers={"Authorization": "Bearer nope"}
    )
    _error(response, 401, "Unauthorized")
    _error(api.client.get(f"/api/v1/incidents/{api.incident}"), 401, "Unauthorized")


@pytest.mark.parametrize("who", ["vic", "ana", "head"])
def test_non_officers_are_forbidden(api: Api, who: str) -> None:
    assert "needs role officer" in _error(api.post_position(who), 403, "Forbidden")


def test_officer_acting_for_another_delegation_is_forbidden(api: Api) -> None:
    message = _error(api.post_position("aziz", delegation="AM"), 403, "Forbidden")
    assert "cannot state the position of AM" in message


def test_unknown_incident_is_404(api: Api) -> None:
    _error(api.post_position("aziz", incident=9999), 404, "NotFound")
    _error(api.client.get("/api/v1/incidents/9999", headers=api.headers("vic")), 404, "NotFound")


def test_stale_version_is_409(api: Api) -> None:
    api.post_position("aziz")
    assert "at version 2, not 1" in _error(
        api.post_position("anahit", expected_version=1), 409, "Conflict"
    )


def test_position_on_a_closed_review_is_409_until_an_admin_reopens(api: Api) -> None:
    api.post_position("aziz")
    api.post_position("anahit")
    _error(api.post_position("anahit", position="disputes"), 409, "InvalidTransition")
    url = f"/api/v1/incidents/{api.incident}/reopen"
    _error(
        api.client.post(url, json={"reason": "video"}, headers=api.headers("aziz")),
        403,
        "Forbidden",
    )
    reopened = api.client.post(url, json={"reason": "video"}, headers=api.headers("head"))
    assert reopened.status_code == 200 and reopened.json()["status"] == "under_review"
    assert api.post_position("anahit", position="disputes").json()["status"] == "disputed"  # type: ignore[attr-defined]


def test_admin_closes_a_review(api: Api) -> None:
    url = f"/api/v1/incidents/{api.incident}/close"
    closed = api.client.post(url, json={"reason": "no access"}, headers=api.headers("head"))
    assert closed.status_code == 200 and closed.json()["status"] == "unconfirmed"
    _error(
        api.client.post(url, json={"reason": "again"}, headers=api.headers("head")),
        409,
        "InvalidTransition",
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"position": "agrees", "reason": "x"}, "position"),
        ({"position": "confirms"}, "reason"),
        ({"position": "confirms", "reason": "x", "expected_version": "2"}, "expected_version"),
        ({"position": "confirms", "reason": "x", "colour": "red"}, "colour"),
    ],
)
def test_bad_body_is_422_naming_the_field(api: Api, body: dict[str, object], field: str) -> None:
    response = api.client.post(
        f"/api/v1/incidents/{api.incident}/positions", json=body, headers=api.headers("aziz")
    )
    assert field in _error(response, 422, "InvalidInput")


def test_bad_evidence_reference_is_422(api: Api) -> None:
    assert "evidence" in _error(
        api.post_position("aziz", evidence=["http://x"]), 422, "InvalidValue"
    )


def test_unknown_route_is_json_404(api: Api) -> None:
    _error(api.client.get("/api/v1/nothing"), 404, "NotFound")


def test_audit_verify_reports_the_chain(api: Api) -> None:
    api.post_position("aziz")
    response = api.client.get("/api/v1/audit/verify", headers=api.headers("head"))
    assert response.status_code == 200
    assert response.json()["intact"] is True and response.json()["entries"] >= 12
    _error(api.client.get("/api/v1/audit/verify", headers=api.headers("vic")), 403, "Forbidden")


def test_public_read_shows_confirmed_incidents_only_without_positions(
    database: Database, api: Api
) -> None:
    other = make_incident(database)
    api.post_position("aziz")
    api.post_position("anahit")
    with TestClient(create_app(replace(api.settings, public_read=True))) as public:
        shown = public.get(f"/api/v1/incidents/{api.incident}")
        assert shown.status_code == 200 and shown.json()["status"] == "confirmed"
        assert "positions" not in shown.json() and "history" not in shown.json()
        _error(public.get(f"/api/v1/incidents/{other}"), 404, "NotFound")


def test_two_officers_posting_at_once_get_one_201_and_one_409(api: Api) -> None:
    barrier = threading.Barrier(2, timeout=30)
    statuses: dict[str, int] = {}

    def officer(who: str) -> None:
        read = api.client.get(f"/api/v1/incidents/{api.incident}", headers=api.headers(who)).json()
        barrier.wait()
        response = api.post_position(who, expected_version=read["version"])
        statuses[who] = response.status_code  # type: ignore[attr-defined]

    threads = [threading.Thread(target=officer, args=(who,)) for who in ("aziz", "anahit")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses.values()) == [201, 409]
