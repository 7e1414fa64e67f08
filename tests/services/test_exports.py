"""Exports stream every incident page by page; an ACLED import exports back unchanged."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ceasefire.domain.exchange import ACLED_COLUMNS, UCDP_COLUMNS
from ceasefire.errors import UnknownFormat
from ceasefire.services import exports
from ceasefire.services.exports import export_incidents
from ceasefire.services.imports import import_file
from ceasefire.services.incidents import IncidentFilter, list_incidents, to_csv
from ceasefire.storage.sql import Database

DATA = Path(__file__).resolve().parent.parent / "data"
ACLED = DATA / "acled-sample.csv"
ROUND_TRIP = (
    "event_id_cnty",
    "event_date",
    "sub_event_type",
    "location",
    "latitude",
    "longitude",
    "notes",
)


def _export(database: Database, format: str, **where: object) -> str:
    out = io.StringIO()
    export_incidents(database, out, format=format, where=IncidentFilter(**where))  # type: ignore[arg-type]
    return out.getvalue()


def _acled_rows(text: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    return [r for r in rows if not r["event_id_cnty"].startswith("#")]


def test_an_imported_acled_file_exports_back_with_its_identity_and_notes_unchanged(
    database: Database,
) -> None:
    import_file(database, str(ACLED), format="acled")
    text = _export(database, "acled")
    assert text.splitlines()[0] == ",".join(ACLED_COLUMNS)
    original = _acled_rows(ACLED.read_text(encoding="utf-8"))
    exported = _acled_rows(text)
    assert [{k: r[k] for k in ROUND_TRIP} for r in exported] == [
        {k: r[k] for k in ROUND_TRIP} for r in original
    ]
    assert [r["fatalities"] for r in exported] == ["1", "0", "1", "0"]
    assert [r["time_precision"] for r in exported] == ["1", "1", "2", "1"]


def test_incidents_of_our_own_export_to_acled_through_the_mapping_table(
    database: Database,
) -> None:
    import_file(database, str(DATA / "ucdp-ged-sample.csv"), format="ucdp")
    rows = _acled_rows(_export(database, "acled"))
    assert [r["event_id_cnty"] for r in rows] == ["CF1", "CF2"]
    assert {(r["event_type"], r["sub_event_type"]) for r in rows} == {("Battles", "Armed clash")}
    assert [r["geo_precision"] for r in rows] == ["1", "2"]
    assert rows[0]["interaction"] == "11" and rows[0]["fatalities"] == "2"


def test_ucdp_export_writes_ged_columns_and_best_low_high(database: Database) -> None:
    import_file(database, str(DATA / "ucdp-ged-sample.csv"), format="ucdp")
    import_file(database, str(ACLED), format="acled")
    rows = list(csv.DictReader(io.StringIO(_export(database, "ucdp"), newline="")))
    assert list(rows[0]) == list(UCDP_COLUMNS)
    first = rows[0]
    assert (first["id"], first["date_prec"], first["where_prec"]) == ("990001", "1", "1")
    assert (first["deaths_b"], first["best"], first["low"], first["high"]) == ("2", "2", "2", "3")
    assert first["geom_wkt"] == "POINT (46.74989 39.76006)"
    acled_one = next(r for r in rows if r["date_start"] == "2021-03-04" and r["best"] == "1")
    assert acled_one["id"].startswith("CF") and acled_one["side_a"].startswith("Military Forces")
    assert acled_one["deaths_unknown"] == "1"  # whose soldier is not recorded


def test_geojson_export_is_one_feature_collection_with_lon_lat_points(database: Database) -> None:
    import_file(database, str(ACLED), format="acled")
    collection = json.loads(_export(database, "geojson"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 4
    first = collection["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [46.9316, 40.342]}


def test_csv_export_writes_the_same_columns_as_the_incidents_command(database: Database) -> None:
    import_file(database, str(ACLED), format="acled")
    with database.connect() as conn:
        listed = to_csv(list_incidents(conn).items)
    assert _export(database, "csv") == listed


def test_exports_stream_in_pages_and_keep_the_date_filter(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "PAGE_SIZE", 1)
    import_file(database, str(ACLED), format="acled")
    from datetime import date

    everything = _acled_rows(_export(database, "acled"))
    march = _acled_rows(_export(database, "acled", start=date(2021, 3, 1), end=date(2021, 3, 31)))
    assert len(everything) == 4
    assert [r["event_id_cnty"] for r in march] == ["XAZ9001", "XAZ9002", "XAZ9003"]
    assert (
        json.loads(_export(database, "geojson", start=date(2021, 5, 1)))["features"][0][
            "properties"
        ]["time"]["start"]
        == "2021-05-20"
    )


def test_an_empty_database_exports_a_header_or_an_empty_collection(database: Database) -> None:
    assert _export(database, "ucdp") == ",".join(UCDP_COLUMNS) + "\n"
    assert json.loads(_export(database, "geojson")) == {
        "type": "FeatureCollection",
        "features": [],
    }


def test_an_unknown_export_format_is_refused(database: Database) -> None:
    with pytest.raises(UnknownFormat):
        _export(database, "shapefile")
