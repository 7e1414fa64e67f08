"""The spatial and full-text extras stay in step with their tables and answer queries."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from ceasefire.domain.taxonomy import Category
from ceasefire.errors import InvalidValue
from ceasefire.storage.schema import incidents, sources
from ceasefire.storage.spatial import (
    BBox,
    bbox_clause,
    category_span,
    extent_clause,
    extent_shape,
    extent_values,
    text_search_clause,
)
from ceasefire.storage.sql import Database

NOW = datetime(2020, 12, 24, 11, 0, tzinfo=UTC)
AGHDAM = (46.9, 39.99)  # lon, lat
SHUSHA = (46.75, 39.76)
AROUND_AGHDAM = BBox(46.8, 39.9, 47.0, 40.1)


def _add_incident(
    conn: Any,
    lon_lat: tuple[float, float] | None,
    place: str,
    *,
    days: tuple[date, date] = (date(2020, 12, 20), date(2020, 12, 20)),
    category: str = "explosive_ordnance",
) -> int:
    lon, lat = lon_lat if lon_lat else (None, None)
    row = {
        "category": category,
        "type": "mine_explosion" if category == "explosive_ordnance" else "small_arms_fire",
        "time_start": days[0],
        "time_end": days[1],
        "time_precision": "day" if days[0] == days[1] else "year",
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


def _found(database: Database, **filters: Any) -> set[int]:
    with database.connect() as conn:
        clause = extent_clause(database.dialect, **filters)
        return {r.id for r in conn.execute(select(incidents.c.id).where(clause))}


def test_extent_filters_on_place_time_and_category_together(database: Database) -> None:
    december = (date(2020, 12, 1), date(2020, 12, 31))
    with database.begin() as conn:
        mine = _add_incident(conn, AGHDAM, "Aghdam")
        fire = _add_incident(conn, AGHDAM, "Aghdam", category="violation")
        later = _add_incident(conn, AGHDAM, "Aghdam", days=(date(2021, 3, 2), date(2021, 3, 2)))
        # A window of a whole year reaches into December although it starts in January.
        year = _add_incident(conn, AGHDAM, "Aghdam", days=(date(2020, 1, 1), date(2020, 12, 31)))
        elsewhere = _add_incident(conn, SHUSHA, "Shusha")
    start, end = december
    assert _found(database, bbox=AROUND_AGHDAM, start=start, end=end) == {mine, fire, year}
    assert _found(
        database, bbox=AROUND_AGHDAM, start=start, end=end, category="explosive_ordnance"
    ) == {mine, year}
    assert _found(database, start=date(2021, 3, 1), end=date(2021, 3, 5)) == {later}
    assert _found(database, category="violation") == {fire}
    assert _found(database, end=date(2020, 12, 19)) == {year}
    assert elsewhere in _found(database, start=start, end=end)
    # The day bounds are inclusive at both ends.
    assert _found(database, bbox=AROUND_AGHDAM, start=date(2021, 3, 2), end=date(2021, 3, 2)) == {
        later
    }


def test_an_extent_shape_built_once_answers_other_values_like_extent_clause(
    database: Database,
) -> None:
    with database.begin() as conn:
        mine = _add_incident(conn, AGHDAM, "Aghdam")
        fire = _add_incident(conn, AGHDAM, "Aghdam", category="violation")
        march = (date(2021, 3, 2), date(2021, 3, 2))
        later = _add_incident(conn, SHUSHA, "Shusha", days=march, category="violation")
        year = (date(2020, 1, 1), date(2020, 12, 31))
        vague = _add_incident(conn, SHUSHA, "Shusha", days=year, category="violation")
    shape = extent_shape(database.dialect, bbox=True, start=True, end=True, category=True)
    query = select(incidents.c.id).where(shape)
    around_shusha = BBox(46.7, 39.7, 46.8, 39.8)
    cases = [
        (AROUND_AGHDAM, date(2020, 12, 1), date(2020, 12, 31), "explosive_ordnance", {mine}),
        (AROUND_AGHDAM, date(2020, 12, 1), date(2020, 12, 31), "violation", {fire}),
        (around_shusha, date(2020, 12, 1), date(2021, 3, 5), "violation", {later, vague}),
        (around_shusha, date(2021, 3, 1), date(2021, 3, 5), "violation", {later}),
    ]
    for box, start, end, category, expected in cases:
        filters: dict[str, Any] = {"start": start, "end": end, "category": category}
        with database.connect() as conn:
            values = extent_values(box, **filters)
            found = {r.id for r in conn.execute(query, values)}
        assert found == _found(database, bbox=box, **filters) == expected
    assert extent_shape(database.dialect, bbox=True, start=True, end=True, category=True) is shape


def test_changing_time_category_or_merging_moves_the_incident_in_the_index(
    database: Database,
) -> None:
    with database.begin() as conn:
        moved = _add_incident(conn, AGHDAM, "Aghdam")
        merged = _add_incident(conn, AGHDAM, "Aghdam")
    with database.begin() as conn:
        conn.execute(
            update(incidents)
            .where(incidents.c.id == moved)
            .values(time_start=date(2021, 5, 1), time_end=date(2021, 5, 2), category="violation")
        )
        conn.execute(update(incidents).where(incidents.c.id == merged).values(merged_into=moved))
    in_december = {"start": date(2020, 12, 1), "end": date(2020, 12, 31)}
    assert _found(database, bbox=AROUND_AGHDAM, **in_december) == set()
    assert _found(database, bbox=AROUND_AGHDAM, category="violation") == {moved}
    assert _inside(database, AROUND_AGHDAM) == {moved}


def test_categories_differ_in_their_first_letter_so_the_index_keeps_them_apart() -> None:
    spans = {category_span(c.value) for c in Category}
    assert len(spans) == len(Category), (
        "two categories share a first letter: the place/time/category index can no longer "
        "tell them apart (results stay right, queries get slower); give category_span a "
        "finer key"
    )


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


def test_a_window_that_ends_before_it_starts_is_refused(database: Database) -> None:
    with pytest.raises(IntegrityError), database.begin() as conn:
        _add_incident(conn, AGHDAM, "Aghdam", days=(date(2021, 3, 2), date(2021, 3, 1)))
    assert _found(database) == set()
