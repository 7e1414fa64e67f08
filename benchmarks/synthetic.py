"""Synthetic incidents for the benchmarks: N rows (real gazetteer places, three years) bulk-loaded
into a fresh SQLite file (executemany) or PostgreSQL database (COPY), and random
bbox + time + category filters over them. Used by `query.py` and `api.py`.

    url, drop = load("sqlite", 100_000, folder)
"""

from __future__ import annotations

import json
import random
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from linking import load_places

from ceasefire.domain.values import BBox
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


def load(backend: str, n: int, folder: Path) -> tuple[str, Callable[[], None]]:
    """A database of `n` incidents on `backend` (a SQLite file in `folder`) and its dropper."""
    if backend == "sqlite":
        return load_sqlite(folder / "bench.db", n), lambda: None
    return load_postgres(n)


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
