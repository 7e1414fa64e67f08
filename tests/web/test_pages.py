"""The incident page, the review queue and the suggestions API (TestClient, both backends)."""

from __future__ import annotations

import re

from sqlalchemy import select

from ceasefire.domain.model import Casualties, CasualtyGroup, Count
from ceasefire.services import incident_edits
from ceasefire.storage.schema import claims
from web_support import Site


def test_incident_page_shows_claims_sources_quotes_and_positions(site: Site) -> None:
    incident = site.incident_ids()[0]
    page = site.client.get(f"/incidents/{incident}", headers=site.bearer("aziz"))
    assert page.status_code == 200
    text = page.text
    assert "Armed forces opened fire near Aghdam" in text  # the quote, in its sentence
    assert "Fire opened on positions near Aghdam" in text  # the source's headline
    assert "precision: day" in text and "precision: settlement" in text
    assert "Ministry of Defence of Azerbaijan" in text
    assert "no position yet" in text and 'id="position-form"' in text
    assert "Audit log" in text and "Linking decisions" in text


def test_incident_page_shows_estimates_and_contradictions_of_merged_claims(site: Site) -> None:
    # two reports that disagree on the dead and on who fired, put in one incident
    first, second = site.incident_ids()[:2]
    with site.database.begin() as conn:
        for incident, dead, accused in (
            (first, 2, "Armenian forces"),
            (second, 4, "Azerbaijani forces"),
        ):
            conn.execute(
                claims.update()
                .where(claims.c.incident_id == incident)
                .values(
                    casualties=Casualties(
                        killed=CasualtyGroup(civilian=Count.exact(dead))
                    ).to_json(),
                    perpetrator_alleged=accused,
                )
            )
        claimed = conn.execute(select(claims.c.claimed_by)).scalars().all()
    incident_edits.merge_incidents(site.database, [first, second], actor="analyst")
    page = site.client.get(f"/incidents/{first}", headers=site.bearer("aziz"))
    assert page.status_code == 200
    table = page.text.split('<table class="estimates">')[1].split("</table>")[0]
    cells = re.sub(r"\s+", "", table)
    # best, low, high and how many claims: the range keeps both reports' figures
    assert "<td>killed</td><td>civilian</td><td>2</td><td>2</td><td>4</td><td>2</td>" in cells
    assert "the claims blame different sides" in page.text
    assert all(name in page.text for name in claimed)


def test_incident_page_names_places_by_the_naming_policy(site: Site) -> None:
    from ceasefire.web import incident_page

    view = {"place": {"name": "Khankendi", "gazetteer_id": 146970}, "claims": []}
    incident_page._label_places(view, "both")
    assert view["place"]["label"] == "Khankendi (Stepanakert)"
    incident_page._label_places(view, "gazetteer")
    assert view["place"]["label"] == "Khankendi"


def test_the_position_form_records_through_the_service_without_javascript(site: Site) -> None:
    incident = site.incident_ids()[0]
    csrf = site.login("aziz")
    response = site.client.post(
        f"/incidents/{incident}/positions",
        data={"position": "confirms", "reason": "patrol report 12", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = site.client.get(f"/incidents/{incident}")
    assert "under_review" in page.text and "patrol report 12" in page.text
    assert "position.record" in page.text  # the audit log entry of the change


def test_the_position_form_without_csrf_is_refused(site: Site) -> None:
    incident = site.incident_ids()[0]
    site.login("aziz")
    response = site.client.post(
        f"/incidents/{incident}/positions", data={"position": "confirms", "reason": "x"}
    )
    assert response.status_code == 403


def test_viewers_get_no_position_form(site: Site) -> None:
    page = site.client.get(f"/incidents/{site.incident_ids()[0]}", headers=site.bearer("vic"))
    assert page.status_code == 200 and 'id="position-form"' not in page.text


def test_public_read_shows_confirmed_incidents_only_and_no_internal_fields(
    site: Site,
) -> None:
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from ceasefire.api import create_app

    incident = site.incident_ids()[0]
    with TestClient(create_app(replace(site.settings, public_read=True))) as public:
        assert public.get(f"/incidents/{incident}").status_code == 404  # not confirmed
        for who in ("aziz", "anahit"):
            body = {"position": "confirms", "reason": "joint patrol"}
            answer = public.post(
                f"/api/v1/incidents/{incident}/positions", json=body, headers=site.bearer(who)
            )
            assert answer.status_code == 201
        page = public.get(f"/incidents/{incident}")
        assert page.status_code == 200 and "confirmed" in page.text
        assert "joint patrol" not in page.text and "Audit log" not in page.text
        assert "position-form" not in page.text
        assert public.get("/review", follow_redirects=False).status_code == 303


def test_review_queue_lists_incidents_awaiting_the_officers_delegation(site: Site) -> None:
    first, *_ = site.incident_ids()
    queue = site.client.get("/review", headers=site.bearer("aziz"))
    assert queue.status_code == 200 and f'href="/incidents/{first}"' in queue.text
    site.client.post(
        f"/api/v1/incidents/{first}/positions",
        json={"position": "disputes", "reason": "no trace"},
        headers=site.bearer("aziz"),
    )
    assert (
        f'href="/incidents/{first}"'
        not in site.client.get("/review", headers=site.bearer("aziz")).text.split(
            'id="suggestions"'
        )[0]
    )
    other = site.client.get("/review", headers=site.bearer("anahit")).text
    assert f'href="/incidents/{first}"' in other


def test_suggestions_are_listed_and_accepted_through_the_api(site: Site) -> None:
    first, second = site.incident_ids()[:2]
    suggestion = site.suggest(second, first)
    listed = site.client.get("/api/v1/suggestions", headers=site.bearer("vic"))
    assert listed.status_code == 200
    assert [s["id"] for s in listed.json()["items"]] == [suggestion]
    assert (
        f'id="suggestion-{suggestion}"'
        in site.client.get("/review", headers=site.bearer("ana")).text
    )
    refused = site.client.post(
        f"/api/v1/suggestions/{suggestion}/accept", headers=site.bearer("vic")
    )
    assert refused.status_code == 403
    accepted = site.client.post(
        f"/api/v1/suggestions/{suggestion}/accept", headers=site.bearer("ana")
    )
    assert accepted.status_code == 200
    assert accepted.json()["answer"] == "accepted" and accepted.json()["incident_id"] == first
    again = site.client.post(f"/api/v1/suggestions/{suggestion}/accept", headers=site.bearer("ana"))
    assert again.status_code == 422 and again.json()["error"]["field"] == "suggestion"
    assert site.client.get("/api/v1/suggestions", headers=site.bearer("ana")).json()["items"] == []


def test_suggestions_are_rejected_with_the_session_and_csrf(site: Site) -> None:
    first, second = site.incident_ids()[:2]
    suggestion = site.suggest(second, first)
    csrf = site.login("aziz")
    url = f"/api/v1/suggestions/{suggestion}/reject"
    assert site.client.post(url).status_code == 403
    rejected = site.client.post(url, headers={"X-CSRF-Token": csrf})
    assert rejected.status_code == 200 and rejected.json()["answer"] == "rejected"
    page = site.client.get(f"/incidents/{first}").text
    assert "rejected" in page


def test_unknown_suggestions_are_404_and_anonymous_callers_401(site: Site) -> None:
    assert (
        site.client.post("/api/v1/suggestions/999/accept", headers=site.bearer("ana")).status_code
        == 404
    )
    assert site.client.get("/api/v1/suggestions").status_code == 401
