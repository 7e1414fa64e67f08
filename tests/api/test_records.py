"""Complaints and restrictions over HTTP: the CLI's steps, with roles (both backends)."""

from __future__ import annotations

from typing import Any

from api_support import Api

COMPLAINT = {
    "text": "On 3 March fire was opened on our positions near Aghdam.",
    "headline": "Complaint about fire near Aghdam",
    "by": "AZ",
    "against": "AM",
}


def _post(api: Api, who: str, url: str, body: dict[str, object]) -> Any:
    return api.client.post(url, json=body, headers=api.headers(who))


def test_a_complaint_goes_through_every_step(api: Api) -> None:
    lodged = _post(api, "aziz", "/api/v1/complaints", COMPLAINT)
    assert lodged.status_code == 201, lodged.text
    number = lodged.json()["id"]
    assert lodged.json()["stage"] == "lodged"
    assert _post(api, "head", f"/api/v1/complaints/{number}/notify", {}).json()["stage"] == (
        "notified"
    )
    answered = _post(api, "anahit", f"/api/v1/complaints/{number}/response", {"text": "Denied."})
    assert answered.json()["response"] == "Denied."
    verdict = _post(
        api, "head", f"/api/v1/complaints/{number}/verify", {"outcome": "unattributable"}
    )
    assert verdict.json()["outcome"] == "unattributable"
    listed = api.get("/api/v1/complaints").json()["items"]
    assert [(c["id"], c["stage"]) for c in listed] == [(number, "verified")]
    tally = {row["party"]: row for row in api.get("/api/v1/complaints/tally").json()}
    assert (tally["AZ"]["unattributable"], tally["AM"]["against"]) == (1, 1)


def test_complaint_roles_and_order_are_enforced(api: Api) -> None:
    assert _post(api, "vic", "/api/v1/complaints", COMPLAINT).status_code == 403
    other_side = _post(api, "anahit", "/api/v1/complaints", COMPLAINT)
    assert other_side.status_code == 403
    number = _post(api, "aziz", "/api/v1/complaints", COMPLAINT).json()["id"]
    early = _post(api, "head", f"/api/v1/complaints/{number}/verify", {"outcome": "substantiated"})
    assert early.status_code == 409
    assert early.json()["error"]["code"] == "invalid_transition"
    again = _post(api, "aziz", "/api/v1/complaints", COMPLAINT)
    assert again.status_code == 409
    assert again.json()["error"]["message"].startswith("complaint: this text was already lodged")
    missing = _post(api, "head", "/api/v1/complaints/999/notify", {})
    assert missing.status_code == 404


def test_restrictions_are_recorded_by_the_signed_in_user_and_listed(api: Api) -> None:
    body = {"date": "2021-03-09", "kind": "access_denied", "description": "Patrol stopped."}
    added = _post(api, "ana", "/api/v1/restrictions", {**body, "lat": 39.77, "lon": 46.75})
    assert added.status_code == 201, added.text
    assert added.json()["recorded_by"] == "ana"
    assert _post(api, "vic", "/api/v1/restrictions", body).status_code == 403
    half_placed = _post(api, "ana", "/api/v1/restrictions", {**body, "lat": 39.77})
    assert half_placed.json()["error"]["field"] == "lon"
    listed = api.get("/api/v1/restrictions", **{"from": "2021-03-09", "to": "2021-03-09"})
    assert [r["kind"] for r in listed.json()["items"]] == ["access_denied"]
    assert api.get("/api/v1/restrictions", who=None).status_code == 401
