"""Benchmark: bbox + time + category queries over 1M incidents, service vs. hand-written SQL.

Bulk-loads N synthetic incidents (real gazetteer places, three years) into a fresh SQLite file
and a fresh PostgreSQL database (executemany / COPY), then runs Q random queries that return at
most 500 rows each through `services.incidents.list_incidents` (the code behind the CLI and
API), and the same filters as raw SQL on the spatial index (R*Tree / PostGIS GiST) as the
baseline. Prints p50/p95 latency and the service/baseline ratio.

    nice python benchmarks/query.py                          # 1M incidents, both backends
    nice python benchmarks/query.py --size 100000 --backends sqlite
Target: p95 <= 20 ms and <= 2x the baseline.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from linking import load_places

from ceasefire.services.incidents import IncidentFilter, list_incidents
from ceasefire.storage.spatial import BBox
from ceasefire.storage.sql import Database

FIRST_DAY = date(2020, 11, 10)
CATEGORIES = ["violation"] * 8 + ["explosive_ordnance"] * 3 + ["detention", "other_incident"]
TYPES = {
    "violation": "small_arms_fire",
    "explosive_ordnance": "mine_explosion",
    "detention": "detention",
    "other_incident": "other_incident",
}
COLUMNS = (
    "id, category, type, status, time_start, time_end, time_precision, place_name, "
    "gazetteer_id, lat, lon, place_precision, casualties, claimants, perpetrators, "
    "third_party_reported, disputed_attribution, summary, version, created_at, updated_at"
)
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def incident_rows(n: int, seed: int = 11) -> Iterator[tuple[object, ...]]:
    rng = random.Random(seed)
    places = load_places()
    now = datetime.now(UTC)
    casualties = json.dumps({"killed": {"total": {"best": 1, "low": 1, "high": 2, "claims": 2}}})
    for i in range(1, n + 1):
        name, lat, lon = rng.choice(places)
        category = rng.choice(CATEGORIES)
        start = FIRST_DAY + timedelta(days=rng.randrange(3 * 365))
        end = start + timedelta(days=rng.choice([0, 0, 0, 1, 2, 6]))
        yield (
            i, category, TYPES[category], "reported", start, end,
            "day" if start == end else "days", name, None,
            lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.05, 0.05), "settlement",
            casualties, '["Azerbaijani Defence Ministry"]', '["Armenian armed forces"]',
            False, False, f"{TYPES[category]} near {name}", 1, now, now,
        )  # fmt: skip


def load_sqlite(path: Path, n: int) -> str:
    url = f"sqlite:///{path}"
    Database(url).init()
    engine = create_engine(url)
    raw = engine.raw_connection()
    cursor = raw.cursor()
    marks = ", ".join("?" * len(COLUMNS.split(",")))
    rows = (
        (*r[:4], r[4].isoformat(), r[5].isoformat(), *r[6:19], r[19].isoformat(), r[20].isoformat())  # type: ignore[union-attr]
        for r in incident_rows(n)
    )
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.executemany(f"INSERT INTO incidents ({COLUMNS}) VALUES ({marks})", rows)
    raw.commit()
    cursor.execute("ANALYZE")
    raw.commit()
    raw.close()
    engine.dispose()
    return url


def load_postgres(n: int) -> tuple[str, Callable[[], None]]:
    name = f"ceasefire_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    Database(url).init()
    engine = create_engine(url)
    raw = engine.raw_connection()
    with raw.cursor() as cursor:  # type: ignore[attr-defined]
        with cursor.copy(f"COPY incidents ({COLUMNS}) FROM STDIN") as copy:
            for row in incident_rows(n):
                copy.write_row(row)
        cursor.execute("SELECT setval('incidents_id_seq', %s)", (n,))
        cursor.execute("ANALYZE incidents")
    raw.commit()
    raw.close()
    engine.dispose()

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


def queries(q: int, seed: int = 5) -> list[tuple[str, BBox, date, date]]:
    rng = random.Random(seed)
    places = load_places()
    out = []
    for _ in range(q):
        _, lat, lon = rng.choice(places)
        half = rng.uniform(0.05, 0.4)
        start = FIRST_DAY + timedelta(days=rng.randrange(3 * 365 - 60))
        out.append(
            (
                rng.choice(CATEGORIES),
                BBox(lon - half, lat - half, lon + half, lat + half),
                start,
                start + timedelta(days=rng.randrange(7, 60)),
            )
        )
    return out


def baseline_sql(dialect: str) -> str:
    # The best plan measured here on both backends: the category/time index with lon/lat
    # inside it, the range bounded by the longest short window (31 days), as a person would
    # write it (the R*Tree / GiST plans read every row in the box: 2-5x slower).
    since = "date(:t0, '-31 days')" if dialect == "sqlite" else "CAST(:t0 AS date) - 31"
    hint = "INDEXED BY ix_incidents_category_time " if dialect == "sqlite" else ""
    return (
        f"SELECT {COLUMNS} FROM incidents {hint}"
        f"WHERE category = :c AND time_start BETWEEN {since} AND :t1 "
        "AND time_end >= :t0 AND lon BETWEEN :w AND :e AND lat BETWEEN :s AND :n "
        "AND merged_into IS NULL ORDER BY time_start, id LIMIT 500"
    )


def measure(url: str, work: list[tuple[str, BBox, date, date]]) -> dict[str, float]:
    database = Database(url)
    service: list[float] = []
    baseline: list[float] = []
    rows = 0
    sql = text(baseline_sql(database.dialect))
    with database.connect() as conn:
        for category, box, t0, t1 in work[:20]:  # warm the caches
            list_incidents(conn, IncidentFilter(t0, t1, box, category), limit=500)
        for category, box, t0, t1 in work:
            began = time.perf_counter()
            page = list_incidents(conn, IncidentFilter(t0, t1, box, category), limit=500)
            service.append(time.perf_counter() - began)
            rows += len(page.items)
            params = {"w": box.west, "s": box.south, "e": box.east, "n": box.north,
                      "c": category, "t0": t0, "t1": t1}  # fmt: skip
            began = time.perf_counter()
            conn.execute(sql, params).fetchall()
            baseline.append(time.perf_counter() - began)
    database.dispose()

    def pct(values: list[float], p: int) -> float:
        return statistics.quantiles(values, n=100)[p - 1] * 1000

    return {
        "rows_mean": rows / len(work),
        "p50_ms": pct(service, 50),
        "p95_ms": pct(service, 95),
        "base_p50_ms": pct(baseline, 50),
        "base_p95_ms": pct(baseline, 95),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    work = queries(args.queries)
    print(f"{'backend':>10} {'incidents':>9} {'load s':>7} {'rows':>6} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'base p50':>8} {'base p95':>8} {'p95 ratio':>9}")  # fmt: skip
    for backend in args.backends.split(","):
        with tempfile.TemporaryDirectory() as folder:
            began = time.perf_counter()
            drop: Callable[[], None] = lambda: None  # noqa: E731
            if backend == "sqlite":
                url = load_sqlite(Path(folder) / "bench.db", args.size)
            else:
                url, drop = load_postgres(args.size)
            loaded = time.perf_counter() - began
            try:
                r = measure(url, work)
            finally:
                drop()
        print(f"{backend:>10} {args.size:>9} {loaded:>7.1f} {r['rows_mean']:>6.0f} {r['p50_ms']:>7.2f} "
              f"{r['p95_ms']:>7.2f} {r['base_p50_ms']:>8.2f} {r['base_p95_ms']:>8.2f} "
              f"{r['p95_ms'] / r['base_p95_ms']:>9.2f}", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
