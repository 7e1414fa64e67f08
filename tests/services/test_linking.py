"""Linking on ingest, in the database: decisions with reasons, suggestions, estimates, races."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ceasefire.domain.model import (
    Casualties,
    CasualtyGroup,
    Claim,
    Count,
    Evidence,
    PlaceRef,
    TimeWindow,
)
from ceasefire.domain.taxonomy import Category, PlacePrecision, TimePrecision
from ceasefire.services import incident_edits as edits
from ceasefire.services import verification
from ceasefire.services.ingest import claim_row
from ceasefire.services.linking import link_claims
from ceasefire.storage.schema import audit_log, claims, incidents, link_decisions, sources
from ceasefire.storage.sql import Database
from verification_support import make_centre

DAY = date(2023, 3, 5)
KHANKENDI = PlaceRef("Khankendi", 174875, 39.8177, 46.7528, PlacePrecision.SETTLEMENT)
DUKANLAR = PlaceRef("Dükanlar", 586001, 39.7594, 46.7091, PlacePrecision.SETTLEMENT)
AGHDAM = PlaceRef("Aghdam", 587378, 39.9911, 46.93, PlacePrecision.SETTLEMENT)
KARABAKH = PlaceRef("Nagorno-Karabakh", 409432, 40.0, 46.58333, PlacePrecision.REGION)
KALBAJAR = PlaceRef("Kalbajar District", 586047, 40.1027, 46.1747, PlacePrecision.DISTRICT)
YELLIDZHA = PlaceRef("Yellidzha", 584682, 40.09474, 45.9509, PlacePrecision.SETTLEMENT)


def report(
    *,
    claimed_by: str = "Russian Defence Ministry",
    perpetrator: str | None = None,
    place: PlaceRef | None = KHANKENDI,
    killed: int | None = None,
    type_: str = "shootout",
    start: date = DAY,
    end: date | None = None,
    category: Category = Category.VIOLATION,
    party: bool = False,
) -> Claim:
    casualties = (
        Casualties(killed=CasualtyGroup(unknown=Count.exact(killed))) if killed else Casualties()
    )
    return Claim(
        category=category,
        type=type_,
        summary=f"{type_.replace('_', ' ')} near {place.name if place else 'somewhere'}",
        time=TimeWindow(
            start, end or start, TimePrecision.DAY if end in (None, start) else TimePrecision.YEAR
        ),
        place=place,
        evidence=Evidence(0, 10, "the quote"),
        claimed_by=claimed_by,
        claimant_is_party=party,
        perpetrator_alleged=perpetrator,
        casualties=casualties,
    )


_sources = iter(range(1, 10_000))


def store(database: Database, found: list[Claim], *, document_id: str | None = None) -> list[int]:
    """One source with its claims, linked in the same transaction (as ingest does)."""
    n = next(_sources)
    with database.begin() as conn:
        source_id = int(
            conn.execute(
                sources.insert()
                .values(
                    sha256=f"{n:064d}",
                    kind="media",
                    format="json",
                    document_id=document_id,
                    headline=f"report {n}",
                    body="body",
                    publisher=f"Outlet {n}",
                    url=f"https://example.org/{n}",
                    related_headlines=[],
                    received_at=datetime.now(UTC),
                    raw=f"raw {n}".encode(),
                )
                .returning(sources.c.id)
            ).scalar_one()
        )
        ids = [
            int(
                conn.execute(
                    claims.insert().values(**claim_row(source_id, i, c)).returning(claims.c.id)
                ).scalar_one()
            )
            for i, c in enumerate(found)
        ]
        link_claims(conn, ids)
    return ids


def incident_of(database: Database, claim_id: int) -> int | None:
    with database.connect() as conn:
        return conn.execute(
            select(claims.c.incident_id).where(claims.c.id == claim_id)
        ).scalar_one()


def incident_row(database: Database, incident_id: int) -> dict[str, object]:
    with database.connect() as conn:
        return dict(
            conn.execute(select(incidents).where(incidents.c.id == incident_id)).mappings().one()
        )


def decisions(database: Database, claim_id: int) -> list[dict[str, object]]:
    with database.connect() as conn:
        query = (
            select(link_decisions)
            .where(link_decisions.c.claim_id == claim_id)
            .order_by(link_decisions.c.id)
        )
        return [dict(r) for r in conn.execute(query).mappings()]


def test_reports_of_one_event_from_two_sources_share_one_incident(database: Database) -> None:
    [first] = store(database, [report(killed=5, claimed_by="Russian Defence Ministry")])
    [second] = store(
        database, [report(killed=5, claimed_by="Azerbaijani Defence Ministry", party=True)]
    )
    incident = incident_of(database, first)
    assert incident is not None and incident_of(database, second) == incident
    [new] = decisions(database, first)
    assert (new["decision"], new["incident_id"]) == ("new", incident)
    [linked] = decisions(database, second)
    assert linked["decision"] == "linked"
    assert linked["score"] is not None and float(linked["score"]) >= 0.7  # type: ignore[arg-type]
    assert "same place (Khankendi)" in linked["reasons"]  # type: ignore[operator]
    assert "casualties agree (5 killed)" in linked["reasons"]  # type: ignore[operator]
    row = incident_row(database, incident)
    assert row["claimants"] == ["Russian Defence Ministry", "Azerbaijani Defence Ministry"]
    assert row["casualties"]["killed"]["total"] == {"best": 5, "low": 5, "high": 5, "claims": 2}  # type: ignore[index]
    assert row["third_party_reported"] is True
    assert int(row["version"]) >= 2  # type: ignore[call-overload]


def test_two_claims_of_one_source_at_one_place_stay_two_incidents(database: Database) -> None:
    a, b = store(database, [report(killed=1), report(killed=1)])
    assert incident_of(database, a) != incident_of(database, b)


def test_mutual_accusation_in_one_source_is_one_disputed_incident(database: Database) -> None:
    a, b = store(
        database,
        [
            report(
                claimed_by="Azerbaijani Defence Ministry",
                perpetrator="Karabakh Defence Army",
                party=True,
            ),
            report(
                claimed_by="Artsakh Defence Ministry",
                perpetrator="Azerbaijani armed forces",
                party=True,
            ),
        ],
    )
    incident = incident_of(database, a)
    assert incident is not None and incident_of(database, b) == incident
    row = incident_row(database, incident)
    assert row["disputed_attribution"] is True
    assert row["perpetrators"] == ["Karabakh Defence Army", "Azerbaijani armed forces"]
    assert row["third_party_reported"] is False


def test_middle_band_stores_a_suggestion_not_a_link(database: Database) -> None:
    [a] = store(database, [report(type_="mortar_fire", killed=5)])
    [b] = store(database, [report(type_="artillery_shelling", place=DUKANLAR, killed=1)])
    assert incident_of(database, a) != incident_of(database, b)
    kinds = {(d["decision"], d["incident_id"]) for d in decisions(database, b)}
    assert ("suggested", incident_of(database, a)) in kinds
    assert ("new", incident_of(database, b)) in kinds


def test_context_claims_join_no_incident(database: Database) -> None:
    [meeting] = store(database, [report(category=Category.CONTEXT, type_="meeting")])
    assert incident_of(database, meeting) is None
    assert decisions(database, meeting) == []


def test_a_vague_report_is_only_suggested_and_leaves_the_incident_estimates_alone(
    database: Database,
) -> None:
    mine = dict(category=Category.EXPLOSIVE_ORDNANCE, type_="mine_explosion")
    [dated] = store(database, [report(**mine, place=AGHDAM, killed=4)])  # type: ignore[arg-type]
    incident = incident_of(database, dated)
    assert incident is not None
    before = incident_row(database, incident)
    undated = dict(start=date(2020, 11, 10), end=date(2026, 1, 1), place=KARABAKH, killed=6)
    [vague] = store(database, [report(**mine, **undated)])  # type: ignore[arg-type]
    assert incident_of(database, vague) != incident
    [new, suggested] = decisions(database, vague)
    assert new["decision"] == "new" and suggested["decision"] == "suggested"
    assert suggested["incident_id"] == incident
    assert str(suggested["reasons"][-1]).startswith("only suggested: the claim has a time window")  # type: ignore[index]
    after = incident_row(database, incident)
    for column in ("time_start", "time_end", "place_name", "place_precision", "casualties"):
        assert after[column] == before[column]


def test_an_accepted_suggestion_counts_without_blurring_time_or_place(
    database: Database,
) -> None:
    mine = dict(category=Category.EXPLOSIVE_ORDNANCE, type_="mine_explosion")
    [dated] = store(database, [report(**mine, place=AGHDAM, killed=4)])  # type: ignore[arg-type]
    undated = dict(start=date(2020, 11, 10), end=date(2026, 1, 1), place=KARABAKH, killed=6)
    [vague] = store(database, [report(**mine, **undated)])  # type: ignore[arg-type]
    [suggestion] = [d for d in decisions(database, vague) if d["decision"] == "suggested"]
    edits.accept_suggestion(database, int(suggestion["id"]), actor="analyst")  # type: ignore[call-overload]
    incident = incident_of(database, dated)
    assert incident is not None and incident_of(database, vague) == incident
    row = incident_row(database, incident)
    assert row["casualties"]["killed"]["total"] == {"best": 4, "low": 4, "high": 6, "claims": 2}  # type: ignore[index]
    assert (row["time_start"], row["time_end"], row["time_precision"]) == (DAY, DAY, "day")
    assert (row["place_name"], row["place_precision"]) == ("Aghdam", "settlement")


def test_a_district_and_a_village_in_it_reported_the_same_day_share_one_incident(
    database: Database,
) -> None:
    [district] = store(
        database,
        [
            report(
                claimed_by="Azerbaijani Defence Ministry", place=KALBAJAR, type_="fire_unspecified"
            )
        ],
    )
    [village] = store(
        database,
        [report(claimed_by="Armenian Defence Ministry", place=YELLIDZHA, type_="small_arms_fire")],
    )
    assert incident_of(database, village) == incident_of(database, district)
    [linked] = decisions(database, village)
    assert "Yellidzha lies in Kalbajar District" in linked["reasons"]  # type: ignore[operator]


NEARBY = PlaceRef("Shusha", 587084, 39.7586, 46.7503, PlacePrecision.SETTLEMENT)  # 6 km


def _one_event_in_two_incidents(database: Database) -> tuple[list[int], int, int]:
    """A toll at Khankendi, an account from Shusha 6 km away that nothing ties to it, and a
    counter-claim from Shusha that fits both: two incidents of one event."""
    [toll] = store(
        database,
        [
            report(
                claimed_by="Azerbaijani Defence Ministry", perpetrator="Karabakh police", killed=2
            )
        ],
    )
    [account] = store(
        database, [report(claimed_by="OSCE monitors", place=NEARBY, type_="small_arms_fire")]
    )
    [counter] = store(
        database,
        [report(claimed_by="Karabakh police", perpetrator="Azerbaijani forces", place=NEARBY)],
    )
    first, second = incident_of(database, toll), incident_of(database, account)
    assert first is not None and second is not None and first != second
    return [toll, account, counter], first, second


def test_a_report_that_ties_two_incidents_of_one_event_merges_them(database: Database) -> None:
    claim_ids, first, second = _one_event_in_two_incidents(database)
    [bridge] = store(
        database, [report(claimed_by="Russian Defence Ministry", place=NEARBY, killed=2)]
    )
    survivor = incident_of(database, bridge)
    assert {incident_of(database, c) for c in claim_ids} == {survivor}
    retired = ({first, second} - {survivor}).pop()
    assert incident_row(database, retired)["merged_into"] == survivor
    moved = [d for c in claim_ids for d in decisions(database, c) if d["decision"] == "merged"]
    assert moved and all(f"claim {bridge} ties both" in d["reasons"][0] for d in moved)  # type: ignore[index]
    with database.connect() as conn:
        actions = list(conn.execute(select(audit_log.c.action)).scalars())
    assert "incident.merge" in actions


def test_an_incident_under_review_is_only_suggested_not_merged(database: Database) -> None:
    _, first, second = _one_event_in_two_incidents(database)
    centre = make_centre(database)
    for incident in (first, second):
        verification.record_position(
            database, incident, username=centre.az_officer, position="confirms", reason="seen"
        )
    [bridge] = store(
        database, [report(claimed_by="Russian Defence Ministry", place=NEARBY, killed=2)]
    )
    survivor = incident_of(database, bridge)
    other = ({first, second} - {survivor}).pop()
    assert incident_row(database, other)["merged_into"] is None
    assert [
        d["incident_id"] for d in decisions(database, bridge) if d["decision"] == "suggested"
    ] == [other]


def _at_village(name: str, **kw: object) -> Claim:
    village = PlaceRef(name, None, None, None, PlacePrecision.SETTLEMENT, text=name)
    return replace(report(place=None, **kw), places=(village,))  # type: ignore[arg-type]


def test_reports_naming_one_uncharted_village_on_one_day_share_one_incident(
    database: Database,
) -> None:
    [first] = store(database, [_at_village("Nerkin Hand", claimed_by="Armenian MoD", killed=4)])
    [second] = store(database, [_at_village("Nerkin Khanda", claimed_by="Caliber")])
    [elsewhere] = store(database, [_at_village("Verin Shorzha", claimed_by="Caliber")])
    assert incident_of(database, second) == incident_of(database, first)
    assert incident_of(database, elsewhere) != incident_of(database, first)
    [linked] = decisions(database, second)
    assert "the same settlement named (not in the gazetteer)" in linked["reasons"]  # type: ignore[operator]


def test_every_link_is_in_the_audit_log(database: Database) -> None:
    store(database, [report(killed=5)])
    store(database, [report(killed=5)])
    with database.connect() as conn:
        actions = list(conn.execute(select(audit_log.c.action).order_by(audit_log.c.seq)).scalars())
    assert actions == ["incident.create", "incident.link"]


# --- concurrency ---------------------------------------------------------------------------


def _write_reports(folder: Path) -> list[str]:
    texts = {
        "a.json": "Five people were killed in a shootout near Stepanakert on 5 March 2023.",
        "b.json": "A mine exploded near Aghdam on 3 March 2023, killing two civilians.",
        "c.json": "Azerbaijani forces opened fire near Shusha on 4 March 2023.",
    }
    paths = []
    for name, body in texts.items():
        path = folder / name
        path.write_text(json.dumps({"id": name, "text": body, "published": "2023-03-06"}))
        paths.append(str(path))
    return paths


def test_two_concurrent_ingests_of_the_same_files_make_no_duplicates(
    database: Database, tmp_path: Path
) -> None:
    paths = _write_reports(tmp_path)
    url = database.url.render_as_string(hide_password=False)
    env = {**os.environ, "CEASEFIRE_DATABASE": url}
    command = [sys.executable, "-c", "from ceasefire.cli import main; main()", "ingest", "--json"]
    runs = [
        subprocess.Popen(
            [*command, *order], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for order in (paths, paths[::-1])
    ]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()
    with database.connect() as conn:
        n_sources = conn.execute(select(func.count()).select_from(sources)).scalar_one()
        stored = conn.execute(select(claims.c.category, claims.c.incident_id)).all()
        live = conn.execute(
            select(func.count()).select_from(incidents).where(incidents.c.merged_into.is_(None))
        ).scalar_one()
    assert n_sources == len(paths)
    linked = [incident for category, incident in stored if category != "context"]
    assert linked and all(incident is not None for incident in linked)
    assert live == len(set(linked))  # no incident without claims, no claim lost


_RACER = """
import sys
from datetime import date
from ceasefire.domain.model import Claim, Evidence, PlaceRef, TimeWindow
from ceasefire.domain.taxonomy import Category, PlacePrecision, TimePrecision
from ceasefire.services.ingest import ingest_paths
from ceasefire.storage.sql import Database

def extract(document):
    day = date(2023, 3, 5)
    return [Claim(
        category=Category.VIOLATION, type="small_arms_fire", summary=document.body[:60],
        time=TimeWindow(day, day, TimePrecision.DAY),
        place=PlaceRef("Aghdam", 587378, 39.99, 46.93, PlacePrecision.SETTLEMENT),
        evidence=Evidence(0, 5, document.body[:5]), claimed_by="Azerbaijani Defence Ministry",
        claimant_is_party=True, perpetrator_alleged="Armenian armed forces")]

ingest_paths(Database(sys.argv[1]), sys.argv[2:], extractor=extract)
"""


def test_racing_ingests_of_one_event_from_many_sources_make_one_incident(
    database: Database, tmp_path: Path
) -> None:
    paths = []
    for n in range(10):
        path = tmp_path / f"report{n}.json"
        path.write_text(json.dumps({"text": f"Report {n}: fire near Aghdam on 5 March 2023."}))
        paths.append(str(path))
    url = database.url.render_as_string(hide_password=False)
    runs = [
        subprocess.Popen([sys.executable, "-c", _RACER, url, *order], stderr=subprocess.PIPE)
        for order in (paths, paths[::-1])
    ]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()
    with database.connect() as conn:
        held = conn.execute(select(claims.c.incident_id)).scalars().all()
    assert len(held) == len(paths)
    assert len(set(held)) == 1  # each linker saw the other's committed claims


# --- measured on real text -----------------------------------------------------------------


#: Floors near the figures reached (pairwise precision, recall). Weak dates and places are
#: only suggested (issue 9): with today's extraction, all 46 same-event pairs dev still misses
#: and 65 of the 73 dev2 misses involve a claim with a window over 3 days or no place finer
#: than a region. Four of the nine wrong dev2 pairs join the claim of the Nerkin Hand deaths
#: that the scorer pairs with another gold incident of its article (the claim's window, Feb
#: 12-13, overlaps both). Raise these floors as extraction dates and places claims better.
LINK_FLOORS = {"dev": (0.95, 0.24), "dev2": (0.58, 0.15)}


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(LINK_FLOORS))
def test_linking_each_dev_set_stays_above_its_floor(
    tmp_path: Path, shared_dir: Path, name: str
) -> None:
    database_url = f"sqlite:///{tmp_path / 'dev.db'}"
    env = {**os.environ, "CEASEFIRE_DATABASE": database_url}
    cli = [sys.executable, "-c", "from ceasefire.cli import main; main()"]
    articles = shared_dir / f"eval/{name}/articles.jsonl"
    subprocess.run([*cli, "init"], env=env, check=True, capture_output=True)
    subprocess.run(
        [*cli, "ingest", "--format", "json", str(articles)],
        env=env,
        check=True,
        capture_output=True,
    )
    listed = subprocess.run(
        [*cli, "incidents", "--format", "json", "--limit", "1000"],
        env=env,
        check=True,
        capture_output=True,
    )
    (tmp_path / "inc.json").write_bytes(listed.stdout)
    scored = subprocess.run(
        [
            sys.executable,
            str(shared_dir / "eval/score_links.py"),
            str(shared_dir / f"eval/{name}/gold.jsonl"),
            str(shared_dir / f"eval/{name}/clusters.csv"),
            str(tmp_path / "inc.json"),
            "--json",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(scored.stdout)
    precision, recall = LINK_FLOORS[name]
    assert result["pairwise_precision"] >= precision, result
    assert result["pairwise_recall"] >= recall, result


def test_reports_are_replaceable_values() -> None:
    # The helper builds valid claims; a changed copy stays valid (guards the fixtures above).
    assert replace(report(), summary="x").summary == "x"
