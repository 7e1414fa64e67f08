"""Land release: remaining m² go down, zero clears the area, over-release changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from ceasefire.domain.mine_action import ItemType, Release, ReleaseMethod
from ceasefire.errors import InvalidTransition, InvalidValue
from ceasefire.services import audit, hazards, land_release
from ceasefire.storage.schema import clearance_tasks
from ceasefire.storage.sql import Database
from mine_action_support import AGHDAM_FIELD, collection, feature

DAY = date(2021, 4, 2)


@pytest.fixture
def area(database: Database) -> int:
    fields = collection(feature("Aghdam north field", "confirmed", AGHDAM_FIELD))
    [added] = hazards.import_geojson(database, fields, where="f", actor="a", day=DAY).added
    return added


def _remaining(database: Database, area: int) -> float:
    return float(hazards.show_area(database, area)["remaining_m2"])


def test_a_release_reduces_what_remains_and_keeps_the_items(database: Database, area: int) -> None:
    before = _remaining(database, area)
    items = ((ItemType.AP_MINE, 3), (ItemType.UXO, 1))
    release = Release(ReleaseMethod.CLEARANCE, DAY, 2500.0, items, team="Team 4")
    record = land_release.add_release(database, area, release, actor="officer")
    assert record["remaining_m2"] == round(before - 2500.0, 1)
    assert (record["status"], record["previous_status"]) == ("reduced", "confirmed")
    shown = hazards.show_area(database, area)
    assert shown["releases"] == [
        {
            "id": record["id"],
            "hazard_area_id": area,
            "method": "clearance",
            "date": "2021-04-02",
            "area_m2": 2500.0,
            "items": {"ap_mine": 3, "uxo": 1},
            "team": "Team 4",
        }
    ]
    assert shown["history"][-1]["to"] == "reduced"
    assert shown["released_m2"] == 2500.0


def test_releasing_what_remains_clears_the_area(database: Database, area: int) -> None:
    land_release.add_release(
        database, area, Release(ReleaseMethod.TECHNICAL_SURVEY, DAY, 1000.0), actor="a"
    )
    rest = _remaining(database, area)
    record = land_release.add_release(
        database, area, Release(ReleaseMethod.CLEARANCE, DAY, rest), actor="a"
    )
    assert (record["remaining_m2"], record["status"]) == (0.0, "cleared")
    history = [h["to"] for h in hazards.show_area(database, area)["history"]]
    assert history == ["confirmed", "reduced", "cleared"]
    with database.connect() as conn:
        assert audit.verify(conn).intact


def test_releasing_more_than_remains_is_refused_and_changes_nothing(
    database: Database, area: int
) -> None:
    before = hazards.show_area(database, area)
    with database.connect() as conn:
        entries = audit.count(conn)
    too_much = Release(ReleaseMethod.CLEARANCE, DAY, before["remaining_m2"] + 1)
    with pytest.raises(InvalidValue, match="more than the"):
        land_release.add_release(database, area, too_much, actor="a")
    assert hazards.show_area(database, area) == before
    with database.connect() as conn:
        assert audit.count(conn) == entries
        assert conn.execute(select(func.count()).select_from(clearance_tasks)).scalar_one() == 0


def test_a_cleared_area_takes_no_more_release(database: Database, area: int) -> None:
    rest = _remaining(database, area)
    land_release.add_release(database, area, Release(ReleaseMethod.CLEARANCE, DAY, rest), actor="a")
    with pytest.raises(InvalidTransition, match="no land left"):
        land_release.add_release(
            database, area, Release(ReleaseMethod.CLEARANCE, DAY, 1.0), actor="a"
        )
