"""Importing ACLED and UCDP files: one source and claim per row, never merged with each other."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ceasefire.errors import ParseError
from ceasefire.services import agreements
from ceasefire.services.imports import import_file
from ceasefire.services.incidents import incident_json
from ceasefire.services.ingest import ingest_paths
from ceasefire.storage.schema import audit_log, claims, incidents, sources
from ceasefire.storage.sql import Database

DATA = Path(__file__).resolve().parent.parent / "data"
ACLED = str(DATA / "acled-sample.csv")
UCDP = str(DATA / "ucdp-ged-sample.csv")


def _count(database: Database, table: object) -> int:
    with database.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_each_acled_row_becomes_an_import_source_with_one_claim_and_its_own_incident(
    database: Database,
) -> None:
    agreements.load_bundled(database)
    summary = import_file(database, ACLED, format="acled")
    assert (summary.rows, summary.new, summary.unchanged, summary.ok) == (4, 4, 0, True)
    # XAZ9001 and XAZ9002 are the same day at the same place: still two incidents.
    assert len(summary.incident_ids) == 4
    with database.connect() as conn:
        stored = conn.execute(select(sources).order_by(sources.c.id)).mappings().all()
        assert {(s["kind"], s["format"], s["publisher"]) for s in stored} == {
            ("import", "acled", "ACLED")
        }
        assert [s["document_id"] for s in stored] == ["XAZ9001", "XAZ9002", "XAZ9003", "XAM9004"]
        first = conn.execute(select(claims).where(claims.c.source_id == stored[0]["id"])).one()
    assert first.perpetrator_alleged == "Military Forces of Armenia (2018-)"
    assert first.target == "Military Forces of Azerbaijan (2003-)"
    assert first.claimed_by == "Ministry of Defence of Azerbaijan" and first.claimant_is_party
    assert first.casualties["killed"]["military"] == {"min": 1, "max": 1}
    assert first.quote.startswith("On 4 March 2021, Armenian forces fired small arms")
    assert first.agreement == "Trilateral statement of 10 November 2020"


def test_importing_the_same_file_twice_adds_nothing(database: Database, tmp_path: Path) -> None:
    import_file(database, ACLED, format="acled")
    before = [_count(database, t) for t in (sources, claims, incidents, audit_log)]
    copy = tmp_path / "again.csv"
    shutil.copyfile(ACLED, copy)
    again = import_file(database, str(copy), format="acled")
    assert (again.new, again.unchanged) == (0, 4)
    assert [_count(database, t) for t in (sources, claims, incidents, audit_log)] == before


def test_a_revised_row_of_an_imported_event_is_not_a_new_event(
    database: Database, tmp_path: Path
) -> None:
    import_file(database, ACLED, format="acled")
    revised = tmp_path / "revised.csv"
    revised.write_text(Path(ACLED).read_text().replace(",1615000000", ",1616000000"))
    assert import_file(database, str(revised), format="acled").new == 0


def test_bad_rows_are_reported_by_line_and_field_and_the_good_rows_land(
    database: Database, tmp_path: Path
) -> None:
    lines = Path(ACLED).read_bytes().decode().split("\r\n")
    lines[2] = lines[2].replace("2021-03-04", "4th of March", 1)  # line 3
    lines[4] = lines[4].replace("39.9910", "north")  # line 5 (its notes span two lines)
    bad = tmp_path / "bad.csv"
    bad.write_bytes("\r\n".join(lines).encode())
    summary = import_file(database, str(bad), format="acled")
    assert [(p.line, p.field) for p in summary.problems] == [(3, "event_date"), (5, "latitude")]
    assert "'north'" in summary.problems[1].message
    assert summary.new == 2 and _count(database, sources) == 2


def test_a_file_without_a_required_column_lands_nothing(database: Database, tmp_path: Path) -> None:
    text = Path(ACLED).read_text(encoding="utf-8").replace("latitude", "lat", 1)
    bad = tmp_path / "no-latitude.csv"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ParseError, match="missing required column 'latitude'"):
        import_file(database, str(bad), format="acled")
    assert _count(database, sources) == 0


def test_progress_is_reported_up_to_the_file_size(database: Database) -> None:
    seen: list[tuple[int, int]] = []
    import_file(
        database, ACLED, format="acled", on_progress=lambda done, total: seen.append((done, total))
    )
    assert len(seen) == 4 and seen[-1][0] == seen[-1][1] == Path(ACLED).stat().st_size


def test_a_press_report_ingested_later_joins_the_imported_incident_of_its_event(
    database: Database, tmp_path: Path
) -> None:
    summary = import_file(database, ACLED, format="acled")
    article = tmp_path / "terter.json"
    article.write_text(
        json.dumps(
            {
                "headline": "Soldier killed near Terter",
                "text": "One Azerbaijani soldier was killed on Thursday when Armenian forces "
                "opened fire on Azerbaijani positions near Terter, the Azerbaijani Defence "
                "Ministry said.",
                "published": "2021-03-05",
                "source": "Sample News",
            }
        )
    )
    ingested = ingest_paths(database, [str(article)])
    assert ingested.incidents_touched == 1
    (incident_id,) = ingested.incident_ids
    assert incident_id in summary.incident_ids
    with database.connect() as conn:
        found = incident_json(conn, incident_id)
    assert [c["document_id"] for c in found["claims"]][:1] == ["XAZ9001"]
    assert found["claims"][1]["link"]["decision"] == "linked"


def test_ucdp_rows_become_incidents_with_their_deaths(database: Database) -> None:
    summary = import_file(database, UCDP, format="ucdp")
    assert (summary.new, len(summary.incident_ids), summary.ok) == (2, 2, True)
    with database.connect() as conn:
        casualties = conn.execute(select(incidents.c.casualties).order_by(incidents.c.id)).scalars()
        totals = [c["killed"]["total"] for c in casualties]
    assert [(t["best"], t["high"]) for t in totals] == [(2, 3), (2, 2)]
