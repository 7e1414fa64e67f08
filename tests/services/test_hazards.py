"""Hazardous areas in the database: import, listing, status changes with history and audit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from ceasefire.domain.geodesy import geodesic_area_m2
from ceasefire.domain.mine_action import Review
from ceasefire.errors import InvalidTransition, InvalidValue, NotFound, ParseError
from ceasefire.services import audit, hazards
from ceasefire.storage.schema import audit_log, hazard_areas
from ceasefire.storage.sql import Database
from mine_action_support import AGHDAM_FIELD, BOW_TIE, box, collection, feature

DAY = date(2021, 3, 1)
FIELDS = collection(
    feature(
        "Aghdam north field", "suspected", AGHDAM_FIELD, district="Aghdam", evidence="indirect"
    ),
    feature("Bow tie", "confirmed", BOW_TIE),
    feature("Fuzuli road verge", "confirmed", box(47.14, 39.59, 47.15, 39.6), evidence="direct"),
)


def _import(database: Database, value: object = FIELDS) -> hazards.ImportResult:
    return hazards.import_geojson(database, value, where="areas.geojson", actor="analyst", day=DAY)


def test_valid_features_land_and_an_invalid_one_is_refused_by_index_and_name(
    database: Database,
) -> None:
    result = _import(database)
    assert len(result.added) == 2 and result.unchanged == 0
    assert result.refused == [
        "areas.geojson: feature 2 (index 1) 'Bow tie': geometry: not a valid polygon: "
        "self-intersection at [46.905, 40.005]"
    ]
    assert not result.ok
    names = [item["name"] for item in hazards.list_areas(database)]
    assert names == ["Aghdam north field", "Fuzuli road verge"]


def test_importing_the_same_file_twice_adds_nothing(database: Database) -> None:
    _import(database)
    with database.connect() as conn:
        entries = audit.count(conn)
    again = _import(database)
    assert (again.added, again.unchanged) == ([], 2)
    assert len(hazards.list_areas(database)) == 2
    with database.connect() as conn:
        assert audit.count(conn) == entries


def test_a_feature_without_name_or_with_a_bad_status_is_refused(database: Database) -> None:
    result = _import(
        database,
        collection(
            feature("", "suspected", AGHDAM_FIELD),
            feature("Somewhere", "dangerous", AGHDAM_FIELD),
            feature("Somewhere else", "suspected", AGHDAM_FIELD, evidence="rumour"),
        ),
    )
    assert result.added == []
    assert "feature 1 (index 0): name: every hazardous area needs a name" in result.refused[0]
    assert "'Somewhere': status: 'dangerous' is not one of" in result.refused[1]
    assert "evidence: 'rumour' is not one of direct, indirect" in result.refused[2]


def test_a_file_that_is_no_feature_collection_is_a_parse_error(database: Database) -> None:
    with pytest.raises(ParseError, match=r"areas\.geojson: expected a GeoJSON FeatureCollection"):
        _import(database, {"type": "Polygon"})


def test_areas_are_stored_with_their_geodesic_area_and_first_history(database: Database) -> None:
    [first, _] = _import(database).added
    item = hazards.show_area(database, first)
    expected = round(geodesic_area_m2(AGHDAM_FIELD), 1)
    assert item["area_m2"] == item["remaining_m2"] == expected
    assert (item["status"], item["district"], item["evidence"]) == (
        "suspected",
        "Aghdam",
        "indirect",
    )
    assert item["history"] == [
        {
            "day": "2021-03-01",
            "from": None,
            "to": "suspected",
            "reason": "imported from areas.geojson",
            "recorded_by": "analyst",
        }
    ]
    assert item["geometry"] == AGHDAM_FIELD


def test_an_imported_released_area_has_nothing_left(database: Database) -> None:
    [area] = _import(database, collection(feature("Done", "cleared", AGHDAM_FIELD))).added
    assert hazards.show_area(database, area)["remaining_m2"] == 0.0


def test_a_status_change_is_kept_with_its_day_and_reason_and_audited(database: Database) -> None:
    [area, _] = _import(database).added
    day = date(2021, 3, 9)
    hazards.change_status(
        database, area, "confirmed", day=day, reason="AT mine seen by patrol", actor="officer"
    )
    item = hazards.show_area(database, area)
    assert item["status"] == "confirmed"
    assert item["history"][-1] == {
        "day": "2021-03-09",
        "from": "suspected",
        "to": "confirmed",
        "reason": "AT mine seen by patrol",
        "recorded_by": "officer",
    }
    with database.connect() as conn:
        last = conn.execute(select(audit_log).order_by(audit_log.c.seq.desc())).first()
        assert audit.verify(conn).intact
    assert last is not None
    assert (last.action, last.entity_id, last.actor) == ("hazard.status", str(area), "officer")


def test_a_cancelled_area_has_nothing_left_and_is_final(database: Database) -> None:
    [area, _] = _import(database).added
    hazards.change_status(database, area, "cancelled", day=DAY, reason="NTS", actor="a")
    assert hazards.show_area(database, area)["remaining_m2"] == 0.0
    with pytest.raises(InvalidTransition, match="from cancelled to suspected"):
        hazards.change_status(database, area, "suspected", day=DAY, reason="again", actor="a")


def test_a_refused_transition_changes_nothing(database: Database) -> None:
    [_, area] = _import(database).added  # confirmed
    with pytest.raises(InvalidTransition, match="from confirmed to cancelled"):
        hazards.change_status(database, area, "cancelled", day=DAY, reason="x", actor="a")
    item = hazards.show_area(database, area)
    assert item["status"] == "confirmed" and len(item["history"]) == 1


def test_a_status_change_needs_a_reason_and_a_known_area(database: Database) -> None:
    [area, _] = _import(database).added
    with pytest.raises(InvalidValue, match="reason"):
        hazards.change_status(database, area, "confirmed", day=DAY, reason=" ", actor="a")
    with pytest.raises(NotFound, match="no hazardous area 99"):
        hazards.change_status(database, 99, "confirmed", day=DAY, reason="x", actor="a")


def test_listing_filters_by_status_and_gives_rfc7946_geojson(database: Database) -> None:
    _import(database)
    confirmed = hazards.list_areas(database, status="confirmed")
    assert [i["name"] for i in confirmed] == ["Fuzuli road verge"]
    geojson = hazards.to_geojson(hazards.list_areas(database))
    assert geojson["type"] == "FeatureCollection"
    first = geojson["features"][0]
    assert first["geometry"] == AGHDAM_FIELD
    assert first["bbox"] == [46.93, 40.0, 46.94, 40.01]
    assert {"id", "name", "status", "area_m2", "remaining_m2"} <= set(first["properties"])
    assert "geometry" not in first["properties"]


def test_a_suggestion_can_be_answered_only_once(database: Database) -> None:
    [area, _] = _import(database).added
    with database.begin() as conn:
        conn.execute(
            hazard_areas.update().where(hazard_areas.c.id == area).values(review="pending")
        )
    assert hazards.list_areas(database, review=Review.PENDING)[0]["id"] == area
    hazards.review_suggestion(database, area, accept=True, reason="", actor="analyst")
    with pytest.raises(InvalidValue, match="no suggestion waiting"):
        hazards.review_suggestion(database, area, accept=False, reason="", actor="analyst")
