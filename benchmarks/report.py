"""How fast a daily report of a busy day renders: 1,000 incidents to PDF (target <= 5 s).

Builds a SQLite centre with N incidents on one day (mixed types, statuses and places, 5% of
them disputed with both delegations' positions), then times, in the same run: composing the
report, rendering it to HTML (the baseline: chart, map and templates, no layout) and the whole
`report daily --format pdf` path. Usage: python benchmarks/report.py [N]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from ceasefire.config import Settings
from ceasefire.reports.render import render
from ceasefire.services import agreements, users, verification
from ceasefire.services.reports import compose, produce
from ceasefire.storage.schema import incidents
from ceasefire.storage.sql import Database

DAY = date(2021, 3, 9)
ISSUED = datetime(2021, 3, 9, 16, 0, tzinfo=UTC)
TYPES = ("small_arms_fire", "mortar_fire", "artillery_shelling", "sniper_fire", "drone_strike")
PLACES = (
    ("Khankendi", 146970, 39.8265, 46.7656),
    ("Shusha", 147105, 39.7583, 46.7485),
    ("Aghdam", None, 39.9911, 46.9279),
    ("Lachin", None, 39.6383, 46.5461),
    ("Tovuz", None, 40.9925, 45.6284),
)
PARTIES = (["Armenian armed forces"], ["Azerbaijani armed forces"], [])


def build(database: Database, n: int) -> None:
    rng = random.Random(10)
    users.add_delegation(database, "AZ", "Azerbaijani delegation")
    users.add_delegation(database, "AM", "Armenian delegation")
    users.add_user(database, "aziz", "officer", delegation="AZ")
    users.add_user(database, "anahit", "officer", delegation="AM")
    agreements.load_bundled(database)
    now = datetime.now(UTC)
    rows = []
    for i in range(n):
        name, geonameid, lat, lon = rng.choice(PLACES)
        killed = rng.random() < 0.1
        cell = {"best": 1, "low": 1, "high": 2}
        rows.append(
            {
                "category": "violation" if i % 10 else "explosive_ordnance",
                "type": rng.choice(TYPES) if i % 10 else "mine_explosion",
                "status": "reported",
                "time_start": DAY,
                "time_end": DAY,
                "time_precision": "day",
                "place_name": name,
                "gazetteer_id": geonameid,
                "lat": lat + rng.uniform(-0.05, 0.05),
                "lon": lon + rng.uniform(-0.05, 0.05),
                "place_precision": "settlement",
                "casualties": {"killed": {"military": cell, "total": cell}} if killed else {},
                "claimants": ["Ministry of Defence"],
                "perpetrators": rng.choice(PARTIES),
                "summary": "Fire reported.",
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
    with database.begin() as conn:
        conn.execute(incidents.insert(), rows)
    for incident_id in range(1, n + 1, 20):
        verification.record_position(
            database, incident_id, username="aziz", position="disputes", reason="Not observed."
        )
        verification.record_position(
            database, incident_id, username="anahit", position="confirms", reason="Heard fire."
        )


def timed(label: str, action: object) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()  # type: ignore[operator]
    seconds = time.perf_counter() - start
    print(f"{label:<42} {seconds:6.2f} s")
    return seconds, result


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    settings = Settings()
    with tempfile.TemporaryDirectory() as folder:
        database = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        database.init()
        build(database, n)
        print(f"a day with {n} incidents (SQLite)")
        produce(database, "daily", DAY, settings=settings, output_format="pdf", issued_at=ISSUED)
        _, report = timed("compose the report", lambda: compose(
            database, "daily", DAY, settings=settings, issued_at=ISSUED))  # fmt: skip
        html_s, _ = timed("baseline: render HTML (chart, map)", lambda: render(
            report, "html", "en"))  # type: ignore[arg-type]  # fmt: skip
        pdf_s, pdf = timed("report daily --format pdf (all of it)", lambda: produce(
            database, "daily", DAY, settings=settings, output_format="pdf", issued_at=ISSUED))  # fmt: skip
        print(f"PDF: {len(pdf) // 1024} KiB, {pdf_s / html_s:.1f}x the HTML render")  # type: ignore[arg-type]
        print(f"target <= 5 s: {'met' if pdf_s <= 5 else 'MISSED'}")
        database.dispose()


if __name__ == "__main__":
    main()
