"""The ingest page: preview without saving, corrections, save in one go, idempotency, roles."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from ceasefire.storage.schema import claims, sources
from web_support import Site

ARTICLE = {
    "headline": "Fire reported near Aghdam",
    "text": "Forces opened fire near Aghdam on Tuesday. A mine was found near the road. "
    "Nothing else happened",
    "outlet": "Test Agency",
    "published": "2021-03-09",
    "url": "https://example.org/a",
}


def _counts(site: Site) -> tuple[int, int]:
    with site.database.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(sources)).scalar_one(),
            conn.execute(select(func.count()).select_from(claims)).scalar_one(),
        )


def _preview(site: Site, who: str = "ana", **fields: str) -> str:
    response = site.client.post(
        "/ingest/preview", data={**ARTICLE, **fields}, headers=site.bearer(who)
    )
    assert response.status_code == 200, response.text
    return response.text


def _hidden(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))


def test_preview_shows_the_claims_and_saves_nothing(site: Site) -> None:
    before = _counts(site)
    page = _preview(site)
    assert "Forces opened fire near Aghdam on Tuesday" in page
    assert 'name="d0c0.category"' in page and 'name="d0c1.category"' in page
    assert _counts(site) == before


def test_saving_stores_the_source_once(site: Site) -> None:
    sources_before, claims_before = _counts(site)
    form = _hidden(_preview(site))
    saved = site.client.post("/ingest/save", data=form, headers=site.bearer("ana"))
    assert saved.status_code == 200 and "1 new source(s), 2 claim(s)" in saved.text
    assert _counts(site) == (sources_before + 1, claims_before + 2)
    again = site.client.post("/ingest/save", data=form, headers=site.bearer("ana"))
    assert "0 new source(s)" in again.text and "1 already ingested" in again.text
    assert _counts(site) == (sources_before + 1, claims_before + 2)
    assert "already ingested" in _preview(site)


def test_corrections_and_drops_are_applied_before_saving(site: Site) -> None:
    form = _hidden(_preview(site))
    form.update(
        {
            "d0c0.category": "violation",
            "d0c0.type": "mortar_fire",
            "d0c0.start": "2021-03-08",
            "d0c0.end": "2021-03-08",
            "d0c0.place": "Stepanakert",
            "d0c0.claimed_by": "Ministry of Defence of Armenia",
            "d0c0.accused": "Azerbaijan",
            "d0c0.killed": "2",
            "d0c0.injured": "",
            "d0c1.drop": "on",
        }
    )
    saved = site.client.post("/ingest/save", data=form, headers=site.bearer("ana"))
    assert saved.status_code == 200 and "1 claim(s)" in saved.text and "1 dropped" in saved.text
    with site.database.connect() as conn:
        row = conn.execute(select(claims).order_by(claims.c.id.desc())).mappings().first()
    assert row is not None
    assert (row["type"], row["place_name"], row["claimed_by"]) == (
        "mortar_fire",
        "Khankendi",
        "Ministry of Defence of Armenia",
    )
    assert row["perpetrator_alleged"] == "Azerbaijan" and str(row["time_start"]) == "2021-03-08"
    assert row["casualties"]["killed"]["unknown"] == {"min": 2, "max": 2}


def test_a_bad_correction_names_the_field(site: Site) -> None:
    form = _hidden(_preview(site))
    form["d0c0.place"] = "Nowhereville Xyz"
    answer = site.client.post("/ingest/save", data=form, headers=site.bearer("ana"))
    assert answer.status_code == 422 and 'data-field="claims[0.0].place"' in answer.text
    form["d0c0.place"], form["d0c0.type"] = "", "not_a_type"
    answer = site.client.post("/ingest/save", data=form, headers=site.bearer("ana"))
    assert answer.status_code == 422 and "claims[0.0].type" in answer.text


def test_bad_input_is_refused_with_the_field_named(site: Site) -> None:
    response = site.client.post(
        "/ingest/preview", data={**ARTICLE, "published": "yesterday"}, headers=site.bearer("ana")
    )
    assert response.status_code == 422 and 'data-field="published"' in response.text
    response = site.client.post(
        "/ingest/preview", data={**ARTICLE, "text": " "}, headers=site.bearer("ana")
    )
    assert response.status_code == 422 and 'data-field="text"' in response.text


def test_an_uploaded_file_is_previewed_in_its_format(site: Site) -> None:
    lines = b'{"text": "Shots were fired at the post. Calm after"}\n{"text": "A mine went off"}\n'
    response = site.client.post(
        "/ingest/preview",
        files={"upload": ("brief.jsonl", lines, "application/json")},
        data={"format": "auto"},
        headers=site.bearer("ana"),
    )
    assert response.status_code == 200 and "Document 2" in response.text


def test_viewers_may_not_ingest(site: Site) -> None:
    response = site.client.post("/ingest/preview", data=ARTICLE, headers=site.bearer("vic"))
    assert response.status_code == 403


def test_the_session_needs_the_csrf_field_to_preview(site: Site) -> None:
    csrf = site.login("ana")
    assert site.client.post("/ingest/preview", data=ARTICLE).status_code == 403
    assert (
        site.client.post("/ingest/preview", data={**ARTICLE, "csrf_token": csrf}).status_code == 200
    )
