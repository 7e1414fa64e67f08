"""Ingest: parse, extract, store and link each document in one transaction; same bytes, no-op."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ceasefire.domain.audit import AuditEntry, verify_chain
from ceasefire.domain.taxonomy import SourceKind
from ceasefire.errors import ConfigurationError
from ceasefire.services.ingest import Extractor, ingest_paths
from ceasefire.storage.schema import audit_log, claims, sources
from ceasefire.storage.sql import Database


def envelope(text: str, **fields: str) -> str:
    return json.dumps({"text": text, "published": "2021-03-03", **fields})


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "aghdam.json").write_text(
        envelope("A tractor hit a mine near Aghdam. Two men were killed", headline="Mine blast")
    )
    (folder / "khojavend.json").write_text(
        envelope("Units opened fire near Khojavend. Nobody was hurt. A meeting was held")
    )
    return folder


def _count(database: Database, table: object) -> int:
    with database.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_ingesting_stores_sources_claims_incidents_and_audit(
    database: Database, reports: Path, fake_extract: Extractor
) -> None:
    summary = ingest_paths(database, [str(reports)], extractor=fake_extract)
    assert summary.to_json() == {
        "files": 2,
        "documents": 2,
        "new_sources": 2,
        "unchanged": 0,
        "claims": 3,
        "incidents_touched": 2,  # the context claim opens no incident
        "failures": [],
    }
    with database.connect() as conn:
        stored = conn.execute(select(sources).order_by(sources.c.id)).mappings().all()
        assert [s["headline"] for s in stored] == ["Mine blast", ""]
        assert stored[0]["kind"] == "media" and stored[0]["format"] == "json"
        rows = conn.execute(select(claims).order_by(claims.c.id)).mappings().all()
        assert [(c["source_id"], c["ordinal"]) for c in rows] == [
            (stored[0]["id"], 0),
            (stored[1]["id"], 0),
            (stored[1]["id"], 1),
        ]
        assert rows[2]["incident_id"] is None and rows[0]["incident_id"] is not None
        actions = conn.execute(select(audit_log.c.action).order_by(audit_log.c.seq)).scalars()
        assert list(actions).count("source.ingest") == 2


def test_ingesting_same_article_twice_adds_nothing(
    database: Database, reports: Path, fake_extract: Extractor
) -> None:
    ingest_paths(database, [str(reports)], extractor=fake_extract)
    before = [_count(database, t) for t in (sources, claims, audit_log)]
    again = ingest_paths(database, [str(reports / "aghdam.json")], extractor=fake_extract)
    assert (again.new_sources, again.unchanged, again.claims) == (0, 1, 0)
    assert [_count(database, t) for t in (sources, claims, audit_log)] == before


def test_bad_file_among_good_ones_is_reported_and_the_rest_stored(
    database: Database, reports: Path, fake_extract: Extractor
) -> None:
    bad = reports / "broken.json"
    bad.write_text('{"text": "Shelling near Fuzuli", ')
    missing = reports.parent / "missing.json"
    summary = ingest_paths(database, [str(reports), str(missing)], extractor=fake_extract)
    assert summary.new_sources == 2
    assert [f.file for f in summary.failures] == [str(bad), str(missing)]
    assert "invalid JSON" in summary.failures[0].message
    assert not summary.ok


def test_source_kind_and_publication_date_are_recorded(
    database: Database, tmp_path: Path, fake_extract: Extractor
) -> None:
    note = tmp_path / "patrol.json"
    note.write_text(json.dumps({"text": "Fresh fire marks on a wall."}))
    ingest_paths(
        database,
        [str(note)],
        kind=SourceKind.PATROL,
        published=date(2021, 3, 5),
        extractor=fake_extract,
    )
    with database.connect() as conn:
        row = conn.execute(select(sources.c.kind, sources.c.published)).one()
    assert row.kind == "patrol"
    assert row.published.date() == date(2021, 3, 5)


def test_every_ingest_keeps_the_audit_chain_intact(
    database: Database, reports: Path, fake_extract: Extractor
) -> None:
    ingest_paths(database, [str(reports)], extractor=fake_extract)
    with database.connect() as conn:
        entries = [
            AuditEntry(**row)
            for row in conn.execute(select(audit_log).order_by(audit_log.c.seq)).mappings()
        ]
    assert entries and verify_chain(entries) is None


def test_uninitialised_database_is_refused_with_the_command_to_run(
    tmp_path: Path, fake_extract: Extractor
) -> None:
    database = Database(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(ConfigurationError, match=r"ceasefire .*init"):
        ingest_paths(database, [], extractor=fake_extract)
    database.dispose()


def _write_reports(folder: Path, count: int) -> None:
    folder.mkdir()
    for number in range(count):
        day = 1 + number % 28
        text = (
            f"On March {day}, an anti-tank mine exploded near the village of Khidirli in the "
            f"Aghdam district, injuring {1 + number % 4} civilians, the Azerbaijani Defence "
            f"Ministry said. Shelling was also reported near Fuzuli. Report {number}."
        )
        (folder / f"report-{number:03d}.json").write_text(
            json.dumps({"id": f"r{number}", "text": text, "published": f"2021-03-{day:02d}"})
        )


def _assert_every_source_is_whole(database: Database) -> int:
    """Each stored source has its claims, their links and its audit entry; returns the count."""
    with database.connect() as conn:
        stored = conn.execute(select(sources.c.id)).scalars().all()
        entries = [
            AuditEntry(**row)
            for row in conn.execute(select(audit_log).order_by(audit_log.c.seq)).mappings()
        ]
        by_source: dict[int, list[int]] = {}
        for claim in conn.execute(select(claims).order_by(claims.c.id)).mappings():
            by_source.setdefault(claim["source_id"], []).append(claim["id"])
            if claim["category"] != "context":
                assert claim["incident_id"] is not None, f"claim {claim['id']} is not linked"
    ingested = {
        int(e.entity_id or 0): json.loads(e.payload) for e in entries if e.action == "source.ingest"
    }
    assert verify_chain(entries) is None
    assert set(ingested) == set(stored)
    for source_id in stored:
        assert ingested[source_id]["claims"] == by_source.get(source_id, [])
    return len(stored)


@pytest.mark.slow
def test_killed_ingest_leaves_only_whole_sources_and_a_rerun_completes(
    database: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    _write_reports(folder, 500)
    url = database.url.render_as_string(hide_password=False)
    command = [sys.executable, "-c", "from ceasefire.cli import main; main()"]
    args = ["--database", url, "ingest", str(folder), "--json"]
    process = subprocess.Popen([*command, *args], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if _count(database, sources) >= 25:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "ingest ended before it could be killed"
    stored = _assert_every_source_is_whole(database)
    assert 25 <= stored < 500
    rerun = subprocess.run([*command, *args], capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert (summary["new_sources"], summary["unchanged"]) == (500 - stored, stored)
    assert _assert_every_source_is_whole(database) == 500


def test_a_claim_keeps_every_town_of_one_attack_through_storage(
    database: Database, tmp_path: Path
) -> None:
    from ceasefire.services.incidents import list_incidents

    path = tmp_path / "towns.json"
    path.write_text(
        envelope("Rockets hit Goris, Vardenis and Jermuk on Tuesday, the ministry said.")
    )
    ingest_paths(database, [str(path)])
    with database.connect() as conn:
        [item] = list_incidents(conn).items
    [claim] = item["claims"]
    assert claim["place"]["name"] == "Goris"
    assert [p["name"] for p in claim["places"]] == ["Goris", "Vardenis", "Jermuk"]
