"""Accidents and victims: links to hazardous areas, victims, suggested areas around accidents."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ceasefire.domain.geodesy import geodesic_area_m2
from ceasefire.domain.mine_action import (
    AgeGroup,
    Review,
    Sex,
    Victim,
    VictimOutcome,
    VictimRole,
)
from ceasefire.errors import InvalidValue, NotFound
from ceasefire.services import accidents, hazards
from ceasefire.services.incidents import incident_json
from ceasefire.services.ingest import ingest_paths
from ceasefire.storage.sql import Database
from mine_action_support import AGHDAM_FIELD, collection, feature
from verification_support import make_incident

INSIDE = {"lon": 46.935, "lat": 40.005}  # in AGHDAM_FIELD
OUTSIDE = {"lon": 47.10, "lat": 39.70}


def _accident(database: Database, **place: Any) -> int:
    return make_incident(
        database,
        category="explosive_ordnance",
        type="mine_explosion",
        place_name="Aghdam",
        summary="A shepherd stepped on a mine.",
        **place,
    )


def _field(database: Database) -> int:
    fields = collection(feature("Aghdam north field", "suspected", AGHDAM_FIELD))
    [area] = hazards.import_geojson(database, fields, where="f", actor="a").added
    return area


def _suggest(database: Database, **ids: Any) -> accidents.SuggestResult:
    return accidents.suggest_areas(database, radius_m=250.0, actor="system", **ids)


def test_an_accident_can_be_linked_and_unlinked(database: Database) -> None:
    area, incident = _field(database), _accident(database, **OUTSIDE)
    accidents.link_incident(database, incident, area, actor="analyst")
    assert hazards.show_area(database, area)["incidents"] == [incident]
    with database.connect() as conn:
        shown = incident_json(conn, incident)
    assert shown["mine_action"]["hazard_area_id"] == area
    assert shown["history"][-1]["action"] == "hazard_linked"
    accidents.unlink_incident(database, incident, actor="analyst")
    assert hazards.show_area(database, area)["incidents"] == []
    with pytest.raises(InvalidValue, match="linked to no hazardous area"):
        accidents.unlink_incident(database, incident, actor="analyst")


def test_only_explosive_ordnance_incidents_are_accidents(database: Database) -> None:
    area, shelling = _field(database), make_incident(database)
    with pytest.raises(InvalidValue, match="only explosive_ordnance incidents"):
        accidents.link_incident(database, shelling, area, actor="a")
    with pytest.raises(InvalidValue, match="only explosive_ordnance incidents"):
        accidents.add_victims(database, shelling, Victim(), actor="a")
    with pytest.raises(NotFound, match="no incident 999"):
        accidents.link_incident(database, 999, area, actor="a")


def test_victims_are_recorded_as_far_as_known_and_listed_with_the_incident(
    database: Database,
) -> None:
    incident = _accident(database, **OUTSIDE)
    child = Victim(AgeGroup.CHILD, Sex.FEMALE, VictimRole.CIVILIAN, VictimOutcome.KILLED)
    accidents.add_victims(database, incident, child, actor="officer")
    record = accidents.add_victims(
        database, incident, Victim(role=VictimRole.DEMINER), count=2, actor="officer"
    )
    assert record["victim_count"] == 3
    assert [(v["age_group"], v["sex"], v["role"], v["outcome"]) for v in record["victims"]] == [
        ("child", "female", "civilian", "killed"),
        ("unknown", "unknown", "deminer", "unknown"),
        ("unknown", "unknown", "deminer", "unknown"),
    ]
    with database.connect() as conn:
        assert incident_json(conn, incident)["mine_action"]["victims"] == record["victims"]
    with pytest.raises(InvalidValue, match="count"):
        accidents.add_victims(database, incident, child, count=0, actor="officer")


def test_an_accident_outside_every_known_area_gets_a_suggested_suspected_circle(
    database: Database,
) -> None:
    _field(database)
    incident = _accident(database, **OUTSIDE)
    result = _suggest(database)
    [(for_incident, area)] = result.suggested
    assert for_incident == incident and result.linked == []
    suggested = hazards.list_areas(database, review=Review.PENDING)
    assert [s["id"] for s in suggested] == [area]
    item = suggested[0]
    assert (item["status"], item["evidence"], item["suggested_for_incident"]) == (
        "suspected",
        "indirect",
        incident,
    )
    assert item["incidents"] == [incident]
    assert item["area_m2"] == pytest.approx(math.pi * 250.0**2, rel=0.01)
    assert item["area_m2"] == round(geodesic_area_m2(item["geometry"]), 1)
    assert [i["id"] for i in hazards.list_areas(database)] != [area]  # not in the register yet


def test_an_accident_inside_a_known_area_is_linked_to_it(database: Database) -> None:
    area = _field(database)
    incident = _accident(database, **INSIDE)
    result = _suggest(database)
    assert result.linked == [(incident, area)] and result.suggested == []


def test_suggesting_again_adds_nothing(database: Database) -> None:
    _accident(database, **OUTSIDE)
    assert len(_suggest(database).suggested) == 1
    again = _suggest(database)
    assert again.suggested == [] and again.linked == []


def test_a_second_accident_inside_a_pending_suggestion_joins_it(database: Database) -> None:
    first = _accident(database, **OUTSIDE)
    second = _accident(database, lon=OUTSIDE["lon"] + 0.001, lat=OUTSIDE["lat"])
    result = _suggest(database)
    [(_, area)] = result.suggested
    assert result.linked == [(second, area)]
    assert hazards.show_area(database, area)["incidents"] == [first, second]


def test_accidents_placed_only_to_a_district_or_not_at_all_get_no_suggestion(
    database: Database,
) -> None:
    _accident(database, place_precision="district", **OUTSIDE)
    _accident(database, lon=None, lat=None, place_precision="unknown")
    make_incident(database, **OUTSIDE)  # shelling, no accident
    assert _suggest(database).suggested == []


def test_accepting_a_suggestion_puts_it_in_the_register(database: Database) -> None:
    _accident(database, **OUTSIDE)
    [(_, area)] = _suggest(database).suggested
    hazards.review_suggestion(database, area, accept=True, reason="plausible", actor="analyst")
    assert [i["id"] for i in hazards.list_areas(database)] == [area]


def test_rejecting_a_suggestion_unlinks_it_for_good(database: Database) -> None:
    incident = _accident(database, **OUTSIDE)
    [(_, area)] = _suggest(database).suggested
    shown = hazards.review_suggestion(
        database, area, accept=False, reason="a road accident", actor="analyst"
    )
    assert (shown["review"], shown["incidents"]) == ("rejected", [])
    assert _suggest(database).suggested == []  # the same accident is not suggested again
    with pytest.raises(InvalidValue, match="rejected suggestion"):
        accidents.link_incident(database, incident, area, actor="analyst")


def test_work_on_a_pending_suggestion_waits_for_its_acceptance(database: Database) -> None:
    _accident(database, **OUTSIDE)
    [(_, area)] = _suggest(database).suggested
    with pytest.raises(InvalidValue, match="pending suggestion"):
        hazards.change_status(
            database, area, "confirmed", day=date(2021, 3, 1), reason="x", actor="a"
        )


def test_ingesting_a_mine_blast_suggests_an_area_around_it(
    database: Database, tmp_path: Path, fake_extract: Callable[..., Any]
) -> None:
    report = tmp_path / "report.json"
    report.write_text(
        json.dumps(
            {
                "text": "A mine exploded near Aghdam. Two people were hurt.",
                "published": "2021-03-03",
            }
        )
    )
    summary = ingest_paths(database, [str(report)], extractor=fake_extract)
    [incident] = summary.incident_ids
    [suggested] = hazards.list_areas(database, review=Review.PENDING)
    assert suggested["suggested_for_incident"] == incident
    assert hazards.show_area(database, suggested["id"])["history"][0]["day"] == "2021-03-03"
