"""The spatial and full-text extras stay in step with their tables and answer queries."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import delete, select, update

from ceasefire.errors import InvalidValue
from ceasefire.storage.schema import incidents, sources
from ceasefire.storage.spatial import BBox, bbox_clause, text_search_clause
from ceasefire.storage.sql import Database

NOW = datetime(2020, 12, 24, 11, 0, tzinfo=UTC)
AGHDAM = (46.9, 39.99)  # lon, lat
SHUSHA = (46.75, 39.76)
AROUND_AGHDAM = BBox(46.8, 39.9, 47.0, 40.1)


def _add_incident(conn: Any, lon_lat: tuple[float, float] | None, place: str) -> int:
    lon, lat = lon_lat if lon_lat else (None, None)
    row = {
        "category": "explosive_ordnance",
        "type": "mine_explosion",
        "time_start": date(2020, 12, 20),
        "time_end": date(2020, 12, 20),
        "time_precision": "day",
        "place_name": place,
        "lon": lon,
        "lat": lat,
        "created_at": NOW,
        "updated_at": NOW,
    }
    return int(
        conn.execute(incidents.insert().values(**row).returning(incidents.c.id)).scalar_one()
    )


def _inside(database: Database, bbox: BBox) -> set[int]:
    with database.connect() as conn:
        rows = conn.execute(select(incidents.c.id).where(bbox_clause(database.dialect, bbox)))
        return {r.id for r in rows}


def test_bbox_finds_incidents_inside_and_leaves_out_the_rest(database: Database) -> None:
    with database.begin() as conn:
        aghdam = _add_incident(conn, AGHDAM, "Aghdam")
        _add_incident(conn, SHUSHA, "Shusha")
        _add_incident(conn, None, "unknown place")
    assert _inside(database, AROUND_AGHDAM) == {aghdam}


def test_moving_or_deleting_an_incident_updates_the_spatial_index(database: Database) -> None:
    with database.begin() as conn:
        moved = _add_incident(conn, SHUSHA, "Shusha")
        deleted = _add_incident(conn, AGHDAM, "Aghdam")
    with database.begin() as conn:
        conn.execute(update(incidents).where(incidents.c.id == moved).values(lon=46.91, lat=40.0))
        conn.execute(delete(incidents).where(incidents.c.id == deleted))
    assert _inside(database, AROUND_AGHDAM) == {moved}
    with database.begin() as conn:
        conn.execute(update(incidents).where(incidents.c.id == moved).values(lon=None, lat=None))
    assert _inside(database, AROUND_AGHDAM) == set()


def test_bbox_edge_is_exact_despite_single_precision_index(database: Database) -> None:
    with database.begin() as conn:
        _add_incident(conn, (46.8000001, 39.95), "just inside")
        outside = _add_incident(conn, (46.7999999, 39.95), "just outside")
    found = _inside(database, AROUND_AGHDAM)
    assert outside not in found and len(found) == 1


@pytest.mark.parametrize(
    "text", ["46.8,39.9,47.0", "a,b,c,d", "47,39,46,40", "46,39,47,91", "46,39,47,40,1"]
)
def test_bad_bbox_is_refused_naming_the_field(text: str) -> None:
    with pytest.raises(InvalidValue, match="bbox"):
        BBox.parse(text)


def test_text_search_finds_sources_by_words_in_headline_or_body(database: Database) -> None:
    with database.begin() as conn:
        for n, (headline, body) in enumerate(
            [
                ("Mine blast near Aghdam", "A tractor hit an anti-tank mine."),
                ("Statement on the corridor", "Traffic through Lachin continued."),
            ]
        ):
            conn.execute(
                sources.insert().values(
                    sha256=f"{n:064d}",
                    kind="media",
                    format="text",
                    headline=headline,
                    body=body,
                    received_at=NOW,
                    raw=body.encode(),
                )
            )
    with database.connect() as conn:

        def found(query: str) -> list[str]:
            clause = text_search_clause(database.dialect, query)
            return [r.headline for r in conn.execute(select(sources.c.headline).where(clause))]

        assert found("aghdam") == ["Mine blast near Aghdam"]
        assert found("Lachin traffic") == ["Statement on the corridor"]
        assert found("tractor corridor") == []
