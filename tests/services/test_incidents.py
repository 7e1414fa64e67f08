"""Incident queries (filters, keyset pages, shapes) and analyst operations (merge, split...)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy import func, select
from tests.services.test_linking import AGHDAM, DUKANLAR, KHANKENDI, incident_of, report, store

from ceasefire.domain.taxonomy import Category
from ceasefire.domain.values import BBox
from ceasefire.errors import InvalidValue, NotFound
from ceasefire.services import incident_edits as edits
from ceasefire.services.incidents import (
    IncidentFilter,
    incident_json,
    list_incidents,
    to_csv,
    to_geojson,
)
from ceasefire.storage.schema import audit_log, claims, incident_history, incidents
from ceasefire.storage.sql import Database


@pytest.fixture
def stocked(database: Database) -> dict[str, int]:
    """Three incidents: a shootout told twice, a mine blast, a report without place."""
    [a] = store(database, [report(killed=5)], document_id="doc-a")
    [b] = store(database, [report(killed=5, claimed_by="Azerbaijani MoD", party=True)])
    [mine] = store(
        database,
        [
            report(
                category=Category.EXPLOSIVE_ORDNANCE,
                type_="mine_explosion",
                place=AGHDAM,
                start=date(2023, 4, 2),
            )
        ],
    )
    [lost] = store(database, [report(type_="mortar_fire", place=None, start=date(2023, 5, 1))])
    return {"a": a, "b": b, "mine": mine, "lost": lost}


def _live(database: Database) -> list[int]:
    with database.connect() as conn:
        return list(
            conn.execute(
                select(incidents.c.id)
                .where(incidents.c.merged_into.is_(None))
                .order_by(incidents.c.id)
            ).scalars()
        )


def _claims_are_each_in_one_live_incident(database: Database) -> None:
    with database.connect() as conn:
        rows = conn.execute(
            select(claims.c.id, claims.c.category, incidents.c.merged_into).outerjoin(
                incidents, incidents.c.id == claims.c.incident_id
            )
        ).all()
    for claim_id, category, merged_into in rows:
        assert category == "context" or merged_into is None, (
            f"claim {claim_id} in a retired incident"
        )


# --- queries -------------------------------------------------------------------------------


def test_listing_gives_the_contract_shape(database: Database, stocked: dict[str, int]) -> None:
    with database.connect() as conn:
        page = list_incidents(conn)
    assert page.next is None
    assert [len(i["claims"]) for i in page.items] == [2, 1, 1]
    shootout = page.items[0]
    assert set(shootout) >= {
        "id", "category", "type", "status", "time", "place", "casualties", "claimants",
        "perpetrators", "disputed_attribution", "third_party_reported", "claims",
    }  # fmt: skip
    assert shootout["time"] == {"start": "2023-03-05", "end": "2023-03-05", "precision": "day"}
    assert shootout["place"]["name"] == "Khankendi"
    first_claim = shootout["claims"][0]
    assert first_claim["document_id"] == "doc-a"  # the envelope id
    assert shootout["claims"][1]["document_id"].isdigit()  # else the source id
    assert first_claim["evidence"] == {"start": 0, "end": 10, "quote": "the quote"}
    assert page.items[2]["place"] is None


def test_filters_by_time_place_category_and_status(
    database: Database, stocked: dict[str, int]
) -> None:
    def ids(where: IncidentFilter) -> list[int]:
        with database.connect() as conn:
            return [i["id"] for i in list_incidents(conn, where).items]

    shootout, mine, lost = (incident_of(database, stocked[k]) for k in ("a", "mine", "lost"))
    assert ids(IncidentFilter(start=date(2023, 4, 1))) == [mine, lost]
    assert ids(IncidentFilter(end=date(2023, 4, 1))) == [shootout]
    assert ids(IncidentFilter(bbox=BBox(46.6, 39.7, 46.8, 39.9))) == [shootout]
    assert ids(IncidentFilter(category="explosive_ordnance")) == [mine]
    assert ids(IncidentFilter(status="confirmed")) == []


def test_filters_of_one_shape_with_other_values_find_their_own_incidents(
    database: Database, stocked: dict[str, int]
) -> None:
    # Statements are built once per set of filters and run with each request's values.
    def ids(where: IncidentFilter, limit: int | None = None) -> list[int]:
        with database.connect() as conn:
            return [i["id"] for i in list_incidents(conn, where, limit=limit).items]

    shootout, mine, lost = (incident_of(database, stocked[k]) for k in ("a", "mine", "lost"))
    assert ids(IncidentFilter(start=date(2023, 4, 1), category="violation")) == [lost]
    assert ids(IncidentFilter(start=date(2023, 1, 1), category="violation")) == [shootout, lost]
    assert ids(IncidentFilter(start=date(2023, 1, 1), category="explosive_ordnance")) == [mine]
    assert ids(IncidentFilter(start=date(2023, 1, 1), category="violation"), limit=1) == [shootout]
    assert ids(IncidentFilter(bbox=BBox(46.6, 39.7, 46.8, 39.9))) == [shootout]
    assert ids(IncidentFilter(bbox=BBox(40.0, 30.0, 41.0, 31.0))) == []


def test_an_undated_incident_matches_every_time_range(database: Database) -> None:
    [vague] = store(
        database, [report(place=AGHDAM, start=date(2020, 11, 10), end=date(2026, 1, 1))]
    )
    store(database, [report(start=date(2021, 1, 1))])
    with database.connect() as conn:
        found = list_incidents(conn, IncidentFilter(start=date(2024, 1, 1), end=date(2024, 2, 1)))
    assert [i["id"] for i in found.items] == [incident_of(database, vague)]
    assert found.items[0]["time"]["precision"] == "year"


def test_keyset_pages_cover_every_incident_once(
    database: Database, stocked: dict[str, int]
) -> None:
    seen: list[int] = []
    cursor = None
    with database.connect() as conn:
        while True:
            page = list_incidents(conn, limit=1, cursor=cursor)
            seen.extend(i["id"] for i in page.items)
            if page.next is None:
                break
            cursor = page.next
    assert seen == [i["id"] for i in list_incidents_all(database)]
    assert len(seen) == 3


def list_incidents_all(database: Database) -> list[dict[str, object]]:
    with database.connect() as conn:
        return list_incidents(conn).items


def test_a_foreign_cursor_is_refused(database: Database) -> None:
    with database.connect() as conn, pytest.raises(InvalidValue, match="cursor"):
        list_incidents(conn, limit=5, cursor="not-a-cursor")


def test_geojson_and_csv_exports(database: Database, stocked: dict[str, int]) -> None:
    with database.connect() as conn:
        page = list_incidents(conn)
    collection = to_geojson(page)
    assert collection["type"] == "FeatureCollection"
    geometries = [f["geometry"] for f in collection["features"]]
    assert geometries[0] == {"type": "Point", "coordinates": [KHANKENDI.lon, KHANKENDI.lat]}
    assert geometries[2] is None
    rows = list(csv.DictReader(io.StringIO(to_csv(page.items))))
    assert len(rows) == 3
    assert (rows[0]["killed_best"], rows[0]["claims"]) == ("5", "2")


def test_incident_json_shows_sources_reasons_and_history(
    database: Database, stocked: dict[str, int]
) -> None:
    incident = incident_of(database, stocked["b"])
    assert incident is not None
    with database.connect() as conn:
        found = incident_json(conn, incident)
    second = found["claims"][1]
    assert second["source"]["url"].startswith("https://example.org/")
    assert second["link"]["decision"] == "linked"
    assert "casualties agree (5 killed)" in second["link"]["reasons"]
    assert [h["action"] for h in found["history"]] == ["created", "claim_linked"]
    with database.connect() as conn, pytest.raises(NotFound):
        incident_json(conn, 999_999)


# --- analyst operations --------------------------------------------------------------------


def test_merge_moves_every_claim_and_retires_the_others(
    database: Database, stocked: dict[str, int]
) -> None:
    keep, other = incident_of(database, stocked["a"]), incident_of(database, stocked["mine"])
    assert keep is not None and other is not None
    before = incident_json_version(database, keep)
    edits.merge_incidents(database, [keep, other], actor="analyst")
    assert incident_of(database, stocked["mine"]) == keep
    assert other not in _live(database)
    with database.connect() as conn:
        retired = incident_json(conn, other)
        actions = list(conn.execute(select(audit_log.c.action)).scalars())
    assert retired["merged_into"] == keep and retired["claims"] == []
    assert "incident.merge" in actions
    assert incident_json_version(database, keep) > before
    _claims_are_each_in_one_live_incident(database)
    with pytest.raises(InvalidValue, match="merged into"):
        edits.merge_incidents(database, [keep, other], actor="analyst")


def incident_json_version(database: Database, incident_id: int) -> int:
    with database.connect() as conn:
        return int(
            conn.execute(
                select(incidents.c.version).where(incidents.c.id == incident_id)
            ).scalar_one()
        )


def test_split_moves_the_named_claims_to_a_new_incident(
    database: Database, stocked: dict[str, int]
) -> None:
    old = incident_of(database, stocked["a"])
    assert old is not None
    result = edits.split_incident(database, old, [stocked["b"]], actor="analyst")
    assert incident_of(database, stocked["b"]) == result.incident_id != old
    assert incident_of(database, stocked["a"]) == old
    with pytest.raises(InvalidValue, match="at least one claim behind"):
        edits.split_incident(database, old, [stocked["a"]], actor="analyst")
    with pytest.raises(InvalidValue, match="not in incident"):
        edits.split_incident(database, old, [stocked["mine"]], actor="analyst")
    with database.connect() as conn:
        history = conn.execute(
            select(incident_history.c.action).where(incident_history.c.incident_id == old)
        ).scalars()
        assert "split" in list(history)


def test_link_and_unlink_keep_every_claim_in_one_incident(
    database: Database, stocked: dict[str, int]
) -> None:
    shootout, mine = incident_of(database, stocked["a"]), incident_of(database, stocked["mine"])
    assert shootout is not None and mine is not None
    edits.link_claim(database, stocked["mine"], shootout, actor="analyst")
    assert incident_of(database, stocked["mine"]) == shootout
    assert mine not in _live(database)  # emptied: retired, not deleted
    result = edits.unlink_claim(database, stocked["mine"], actor="analyst")
    assert incident_of(database, stocked["mine"]) == result.incident_id
    with pytest.raises(InvalidValue, match="already alone"):
        edits.unlink_claim(database, stocked["mine"], actor="analyst")
    with pytest.raises(NotFound):
        edits.link_claim(database, 999_999, shootout, actor="analyst")
    _claims_are_each_in_one_live_incident(database)
    with database.connect() as conn:
        assert (
            conn.execute(
                select(func.count()).select_from(claims).where(claims.c.incident_id.is_(None))
            ).scalar_one()
            == 0
        )


def _suggested(database: Database) -> tuple[int, int, dict[str, object]]:
    [a] = store(database, [report(type_="mortar_fire", killed=5)])
    [b] = store(database, [report(type_="artillery_shelling", place=DUKANLAR, killed=1)])
    with database.connect() as conn:
        [suggestion] = [s for s in edits.pending_suggestions(conn) if s["claim_id"] == b]
    assert suggestion["incident_id"] == incident_of(database, a)
    return a, b, suggestion


def test_accepting_a_suggestion_links_its_claim(database: Database) -> None:
    a, b, suggestion = _suggested(database)
    edits.accept_suggestion(database, int(suggestion["id"]), actor="analyst")  # type: ignore[call-overload]
    assert incident_of(database, b) == incident_of(database, a)
    with pytest.raises(InvalidValue, match="answered or out of date"):
        edits.accept_suggestion(database, int(suggestion["id"]), actor="analyst")  # type: ignore[call-overload]
    _claims_are_each_in_one_live_incident(database)


def test_rejecting_a_suggestion_takes_it_off_the_list(database: Database) -> None:
    a, b, suggestion = _suggested(database)
    edits.reject_suggestion(database, int(suggestion["id"]), actor="analyst")  # type: ignore[call-overload]
    assert incident_of(database, b) != incident_of(database, a)
    with database.connect() as conn:
        assert suggestion["id"] not in {s["id"] for s in edits.pending_suggestions(conn)}
    with pytest.raises(NotFound):
        edits.reject_suggestion(database, 999_999, actor="analyst")
