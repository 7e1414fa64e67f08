"""Agreements in the database: add/list/show, the bundled timeline on init, claims recording them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from ceasefire.domain.agreements import Agreement
from ceasefire.errors import Conflict, NotFound
from ceasefire.ingest.agreements import bundled
from ceasefire.services import agreements, audit, setup
from ceasefire.services.incidents import list_incidents
from ceasefire.services.ingest import ingest_paths
from ceasefire.storage.schema import audit_log, claims
from ceasefire.storage.sql import Database

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
