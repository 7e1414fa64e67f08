"""Agreements in the database: add/list/show, the bundled timeline on init, claims recording them."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from tests.services.test_linking import incident_of, report, store

from ceasefire.domain.agreements import Agreement
from ceasefire.errors import Conflict, NotFound
from ceasefire.ingest.agreements import bundled
from ceasefire.services import agreements, audit, setup
from ceasefire.services.incidents import list_incidents
from ceasefire.services.ingest import ingest_paths
from ceasefire.services.linking import refresh_incident
from ceasefire.storage.schema import audit_log, claims, incidents
from ceasefire.storage.sql import Database
from verification_support import make_incident

LOCAL_TRUCE = Agreement(
    "local-truce-2025-03-01",
    "Local truce of 1 March 2025",
    "truce",
    ("Armenia", "Azerbaijan"),
    datetime(2025, 3, 1, 9, 30, tzinfo=ZoneInfo("Asia/Yerevan")),
    zone={"type": "Polygon", "coordinates": [[[45, 40], [46, 40], [46, 41], [45, 41], [45, 40]]]},
    sources=("Centre's own record, 2025-03-01",),
)


def test_an_added_agreement_is_listed_and_shown_on_its_own_clock(database: Database) -> None:
    agreements.add(database, LOCAL_TRUCE, actor="analyst")
    assert agreements.list_agreements(database) == [LOCAL_TRUCE]
    shown = agreements.show(database, LOCAL_TRUCE.id)
    assert shown == LOCAL_TRUCE
    assert shown.to_json()["effective"] == "2025-03-01T09:30"


def test_adding_an_existing_id_or_name_is_a_conflict(database: Database) -> None:
    agreements.add(database, LOCAL_TRUCE)
    with pytest.raises(Conflict, match="id 'local-truce-2025-03-01'"):
        agreements.add(database, LOCAL_TRUCE)
    renamed = Agreement("other-id", LOCAL_TRUCE.name, "truce", ("Armenia",), LOCAL_TRUCE.effective)
    with pytest.raises(Conflict, match="name"):
        agreements.add(database, renamed)


def test_adding_an_agreement_is_audited(database: Database) -> None:
    agreements.add(database, LOCAL_TRUCE, actor="analyst")
    with database.connect() as conn:
        entry = conn.execute(select(audit_log).order_by(audit_log.c.seq.desc())).first()
        assert audit.verify(conn).intact
    assert entry is not None
    assert (entry.action, entry.entity_id, entry.actor) == (
        "agreement.add",
        LOCAL_TRUCE.id,
        "analyst",
    )
    assert json.loads(entry.payload)["name"] == LOCAL_TRUCE.name


def test_showing_an_unknown_agreement_is_not_found(database: Database) -> None:
    with pytest.raises(NotFound, match="no agreement 'nothing'"):
        agreements.show(database, "nothing")


def test_init_stores_the_bundled_timeline_once_and_keeps_a_centres_additions(
    empty_database_url: str,
) -> None:
    database = Database(empty_database_url)
    try:
        first = setup.init_database(database)
        assert first.agreements_loaded == len(bundled())
        agreements.add(database, LOCAL_TRUCE)
        second = setup.init_database(database)
        assert second.agreements_loaded == 0
        stored = agreements.list_agreements(database)
        assert stored == sorted([*bundled(), LOCAL_TRUCE], key=lambda a: a.effective)
    finally:
        database.dispose()


def test_ingested_claims_and_their_incident_record_the_stored_agreement(
    database: Database, tmp_path: Path
) -> None:
    agreements.load_bundled(database)
    report = tmp_path / "report.json"
    report.write_text(
        json.dumps(
            {
                "text": "Armenian forces opened fire on Azerbaijani positions in Shusha on "
                "Monday, the Azerbaijani Defence Ministry said.",
                "published": "2021-03-03",
            }
        )
    )
    summary = ingest_paths(database, [str(report)])
    assert summary.ok and summary.claims >= 1
    statement = "Trilateral statement of 10 November 2020"
    with database.connect() as conn:
        recorded = set(conn.execute(select(claims.c.agreement)).scalars())
        items = list_incidents(conn).items
    assert recorded == {statement}
    assert [item["agreement"] for item in items] == [statement]
    assert {c["agreement"] for c in items[0]["claims"]} == {statement}


TRILATERAL = "Trilateral statement of 10 November 2020"


def _agreement_of(database: Database, incident_id: int) -> str | None:
    with database.connect() as conn:
        query = select(incidents.c.agreement).where(incidents.c.id == incident_id)
        return conn.execute(query).scalar_one()


def test_linking_stores_the_agreement_in_force_and_a_refresh_follows_the_estimates(
    database: Database,
) -> None:
    agreements.load_bundled(database)
    [claim] = store(database, [report(start=date(2021, 3, 4))])
    incident = incident_of(database, claim)
    assert incident is not None
    assert _agreement_of(database, incident) == TRILATERAL
    with database.begin() as conn:  # an analyst corrected the claim's date into the first truce
        day = date(2020, 10, 12)
        conn.execute(
            claims.update().where(claims.c.id == claim).values(time_start=day, time_end=day)
        )
        refresh_incident(conn, incident)
    assert (
        _agreement_of(database, incident)
        == "Humanitarian truce of 10 October 2020 (Moscow statement)"
    )


def test_adding_an_agreement_sets_it_on_the_incidents_it_covers_and_no_others(
    database: Database,
) -> None:
    in_zone = {"lat": 40.5, "lon": 45.5}
    covered = make_incident(
        database, time_start=date(2025, 3, 1), time_end=date(2025, 3, 1), **in_zone
    )
    before = make_incident(
        database, time_start=date(2025, 2, 27), time_end=date(2025, 2, 28), **in_zone
    )
    elsewhere = make_incident(database, time_start=date(2025, 3, 2), time_end=date(2025, 3, 2))
    unplaced = make_incident(
        database,
        time_start=date(2025, 3, 2),
        time_end=date(2025, 3, 2),
        place_precision="country",
        **in_zone,
    )
    assert {_agreement_of(database, i) for i in (covered, before, elsewhere, unplaced)} == {None}
    agreements.add(database, LOCAL_TRUCE)
    assert _agreement_of(database, covered) == LOCAL_TRUCE.name
    # A country-wide place is on no side of a zone: a zoned agreement still qualifies.
    assert _agreement_of(database, unplaced) == LOCAL_TRUCE.name
    assert _agreement_of(database, before) is None
    assert _agreement_of(database, elsewhere) is None
    with database.connect() as conn:
        listed = {item["id"]: item["agreement"] for item in list_incidents(conn).items}
    assert listed[covered] == LOCAL_TRUCE.name


def test_a_later_agreement_replaces_the_stored_one_only_from_its_first_day(
    database: Database,
) -> None:
    agreements.load_bundled(database)
    in_zone = {"lat": 40.5, "lon": 45.5}
    earlier = make_incident(
        database, time_start=date(2025, 2, 28), time_end=date(2025, 2, 28), **in_zone
    )
    later = make_incident(
        database, time_start=date(2025, 3, 2), time_end=date(2025, 3, 2), **in_zone
    )
    stored_before = _agreement_of(database, later)
    assert stored_before is not None
    agreements.add(database, LOCAL_TRUCE)
    assert _agreement_of(database, earlier) == stored_before
    assert _agreement_of(database, later) == LOCAL_TRUCE.name
    with database.begin() as conn:  # everything is already right: nothing to change
        assert agreements.assign_to_incidents(conn) == 0


def test_loading_the_bundled_timeline_sets_the_agreement_of_stored_incidents(
    database: Database,
) -> None:
    incident = make_incident(database, time_start=date(2021, 3, 4), time_end=date(2021, 3, 4))
    assert _agreement_of(database, incident) is None
    agreements.load_bundled(database)
    assert _agreement_of(database, incident) == TRILATERAL
