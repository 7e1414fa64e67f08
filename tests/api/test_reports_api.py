"""Daily and weekly reports over HTTP: formats and media types, days, errors, public edition."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api_support import Api, settings_for
from ceasefire.api import create_app
from ceasefire.storage.sql import Database
from verification_support import make_incident


def test_report_days_list_newest_first_in_pages(api: Api) -> None:
    first = api.get("/api/v1/reports", limit=1).json()
    assert first["items"] == [{"date": "2021-03-10", "incidents": 1}]
    second = api.get("/api/v1/reports", limit=1, cursor=first["next"]).json()
    assert second == {"items": [{"date": "2021-03-04", "incidents": 1}], "next": None}
    bad = api.get("/api/v1/reports", cursor="nonsense")
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "cursor"


def test_daily_report_as_json_keeps_the_incident_ids(api: Api) -> None:
    response = api.get("/api/v1/reports/daily", date="2021-03-04")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    report = response.json()
    assert report["period"]["kind"] == "daily" and report["period"]["last_day"] == "2021-03-04"
    assert [line["type"] for line in report["incidents"]] == ["small_arms_fire"]
    assert report["violations"]["current"]["incident_ids"] == [report["incidents"][0]["id"]]
    assert report["public"] is False


def test_weekly_report_counts_the_seven_days(api: Api) -> None:
    report = api.get("/api/v1/reports/weekly", date="2021-03-10").json()
    assert report["period"]["first_day"] == "2021-03-04"
    assert len(report["incidents"]) == 2


@pytest.mark.parametrize(
    ("fmt", "lang", "media_type", "start"),
    [
        ("md", "en", "text/markdown; charset=utf-8", b"# Daily report"),
        ("html", "ru", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
        ("pdf", "tr", "application/pdf", b"%PDF-"),
    ],
)
def test_report_formats_have_their_media_type(
    api: Api, fmt: str, lang: str, media_type: str, start: bytes
) -> None:
    response = api.get("/api/v1/reports/daily", date="2021-03-10", format=fmt, lang=lang)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media_type
    assert response.content.lstrip().startswith(start)
    if fmt == "html":
        assert "Ежедневный отчёт" in response.text


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/v1/reports/daily", {"date": "9 March"}, "date"),
        ("/api/v1/reports/daily", {}, "date"),
        ("/api/v1/reports/daily", {"date": "2021-03-09", "format": "docx"}, "format"),
        ("/api/v1/reports/daily", {"date": "2021-03-09", "lang": "de"}, "lang"),
        ("/api/v1/reports/daily", {"date": "0001-01-01"}, "date"),
        ("/api/v1/reports/monthly", {"date": "2021-03-09"}, "kind"),
    ],
)
def test_bad_report_requests_are_422_with_the_field(
    api: Api, url: str, params: dict[str, str], field: str
) -> None:
    response = api.get(url, **params)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"] == field


def test_reports_need_a_token_unless_public(api: Api) -> None:
    for url in ("/api/v1/reports", "/api/v1/reports/daily?date=2021-03-04"):
        assert api.get(url, who=None).status_code == 401


def test_openapi_declares_every_report_media_type(api: Api) -> None:
    paths = api.client.get("/openapi.json").json()["paths"]
    responses = paths["/api/v1/reports/{kind}"]["get"]["responses"]
    assert set(responses["200"]["content"]) == {
        "application/json",
        "text/markdown",
        "text/html",
        "application/pdf",
    }
    assert {"401", "422"} <= set(responses)


def test_public_edition_shows_confirmed_incidents_only(api: Api, database: Database) -> None:
    confirmed = make_incident(database, status="confirmed")  # 2020-12-23
    settings = settings_for(database, public_read=True)
    with TestClient(create_app(settings)) as client:
        public = Api(client, settings, api.tokens)
        days = public.get("/api/v1/reports", who=None).json()["items"]
        assert days == [{"date": "2020-12-23", "incidents": 1}]
        report = public.get("/api/v1/reports/daily", who=None, date="2020-12-23").json()
        assert [line["id"] for line in report["incidents"]] == [confirmed]
        assert report["public"] is True and report["complaints"]["lodged"] == []
        hidden = public.get("/api/v1/reports/daily", who=None, date="2021-03-04").json()
        assert hidden["incidents"] == []
        md = public.get("/api/v1/reports/daily", who=None, date="2020-12-23", format="md").text
        assert "Public edition" in md and "Complaints" not in md
        full = public.get("/api/v1/reports/daily", who="vic", date="2021-03-04").json()
        assert len(full["incidents"]) == 1 and full["public"] is False
