"""The map's data in SQL: incidents per day, compact points, district and claimant filters
(both backends)."""

from __future__ import annotations

from datetime import date

import pytest

from ceasefire.domain.values import BBox
from ceasefire.errors import InvalidValue
from ceasefire.gazetteer import Gazetteer
from ceasefire.services import incident_filters
from ceasefire.services.incident_map import per_day, points
from ceasefire.services.incidents import IncidentFilter, list_incidents
from ceasefire.storage.sql import Database
from verification_support import make_incident

HADRUT = 148105  # in Khojavend District
TOVUZ = 584821  # in Tovuz Rayon


def _district(place_id: int) -> int:
    gazetteer = Gazetteer.bundled()
    district = gazetteer.district_of(gazetteer.get(place_id))
    assert district is not None
    return district.geonameid


@pytest.fixture
def three(database: Database) -> dict[str, int]:
    """Two violations in Hadrut (Azerbaijani claimant) and a mine blast near Tovuz (Armenian),
    on two days; one incident without coordinates."""
    return {
        "hadrut_1": make_incident(database, gazetteer_id=HADRUT, time_start=date(2021, 3, 4),
                                  time_end=date(2021, 3, 4),
                                  claimants=["Azerbaijani Defence Ministry"]),
        "hadrut_2": make_incident(database, gazetteer_id=HADRUT, time_start=date(2021, 3, 4),
                                  time_end=date(2021, 3, 5), status="confirmed",
                                  claimants=["Azerbaijani Defence Ministry", "Caucasus Wire"]),
        "tovuz": make_incident(database, gazetteer_id=TOVUZ, category="explosive_ordnance",
                               type="mine_explosion", lat=40.99, lon=45.63,
                               time_start=date(2021, 3, 6), time_end=date(2021, 3, 6),
                               claimants=["Armenian Defence Ministry"]),
        "unplaced": make_incident(database, gazetteer_id=None, lat=None, lon=None,
                                  place_name=None, time_start=date(2021, 3, 6),
                                  time_end=date(2021, 3, 6), claimants=["Hotline caller"]),
    }  # fmt: skip


def _ids(database: Database, where: IncidentFilter) -> list[int]:
    with database.connect() as conn:
        return [item["id"] for item in list_incidents(conn, where).items]


def test_district_filter_keeps_incidents_at_places_of_that_district(
    database: Database, three: dict[str, int]
) -> None:
    khojavend = IncidentFilter(district=_district(HADRUT))
    assert _ids(database, khojavend) == [three["hadrut_1"], three["hadrut_2"]]
    assert _ids(database, IncidentFilter(district=_district(TOVUZ))) == [three["tovuz"]]
    # The index path (bbox) applies it too.
    boxed = IncidentFilter(district=_district(TOVUZ), bbox=BBox(44, 38, 50, 42))
    assert _ids(database, boxed) == [three["tovuz"]]


def test_claimant_filter_matches_words_of_a_claimant_in_any_case(
    database: Database, three: dict[str, int]
) -> None:
    assert _ids(database, IncidentFilter(claimant="azerbaijan")) == [
        three["hadrut_1"],
        three["hadrut_2"],
    ]
    assert _ids(database, IncidentFilter(claimant="ARMENIAN")) == [three["tovuz"]]
    assert _ids(database, IncidentFilter(claimant="caucasus wire")) == [three["hadrut_2"]]
    assert _ids(database, IncidentFilter(claimant="100%")) == []


def test_unknown_district_and_empty_claimant_are_refused() -> None:
    with pytest.raises(InvalidValue, match="district"):
        incident_filters.district_clause(1)
    with pytest.raises(InvalidValue, match="claimant"):
        incident_filters.claimant_clause("  ")


def test_districts_list_rayons_and_marzer_by_name() -> None:
    found = incident_filters.districts()
    names = {d["name"] for d in found}
    assert {"Khojavend District", "Tovuz Rayon"} <= names
    assert {d["country"] for d in found} == {"AZ", "AM"}


def test_per_day_counts_incidents_by_start_day_and_category(
    database: Database, three: dict[str, int]
) -> None:
    with database.connect() as conn:
        days = per_day(conn)
        assert days == [
            {"day": "2021-03-04", "count": 2, "by_category": {"violation": 2}},
            {
                "day": "2021-03-06",
                "count": 2,
                "by_category": {"explosive_ordnance": 1, "violation": 1},
            },
        ]
        violations = per_day(conn, IncidentFilter(category="violation", status="confirmed"))
        assert violations == [{"day": "2021-03-04", "count": 1, "by_category": {"violation": 1}}]
        assert per_day(conn, IncidentFilter(start=date(2021, 3, 6))) == days[1:]


def test_points_are_placed_incidents_by_id_in_pages(
    database: Database, three: dict[str, int]
) -> None:
    with database.connect() as conn:
        first = points(conn, limit=2)
        assert [row[0] for row in first.rows] == [three["hadrut_1"], three["hadrut_2"]]
        assert first.rows[0] == (three["hadrut_1"], 47.03, 39.52, "violation", "reported",
                                 "2021-03-04")  # fmt: skip
        rest = points(conn, limit=2, cursor=first.next)
        assert [row[0] for row in rest.rows] == [three["tovuz"]]  # the unplaced one is left out
        assert rest.next is None
        early = points(conn, IncidentFilter(end=date(2021, 3, 5)))
        assert early.to_json() == {
            "fields": ["id", "lon", "lat", "category", "status", "day"],
            "items": first.rows,
            "next": None,
        }
        with pytest.raises(InvalidValue, match="limit"):
            points(conn, limit=0)


def test_claimant_with_control_characters_is_refused() -> None:
    with pytest.raises(InvalidValue, match="claimant"):
        incident_filters.claimant_clause("azer\x00baijan")
