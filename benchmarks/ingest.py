"""Benchmark: ingest throughput (parse, extract, store, link, audit) on SQLite and PostgreSQL.

Writes N synthetic news reports as JSON envelopes (real gazetteer places, three years, each
event told 1-4 times by different claimants and in different words), then times
`services.ingest.ingest_paths` into a fresh SQLite file and a fresh PostgreSQL database. In
the same run it times extraction alone on the same documents (no database) as the baseline,
so the ratio is what storing, linking and auditing cost on top of reading.

    nice python benchmarks/ingest.py                       # 2,000 documents, both backends
    nice python benchmarks/ingest.py --count 500 --backends sqlite
Prints documents/s, claims/s and the ingest/extraction time ratio per backend.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from linking import load_places

from ceasefire.ingest.parsers import parse_bytes
from ceasefire.ingest.pipeline import extract
from ceasefire.services.ingest import ingest_paths
from ceasefire.storage.sql import Database

FIRST_DAY = date(2020, 11, 10)
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"

# (claimant sentence, event sentence): the same event in different words.
ACCOUNTS = [
    (
        "the Azerbaijani Defence Ministry said",
        "Armenian armed forces fired at Azerbaijani army positions near {place} with "
        "small arms on {day}",
    ),
    (
        "the Artsakh Defence Army said",
        "Azerbaijani units opened fire at positions near {place} on {day}",
    ),
    (
        "the Russian Defence Ministry said in its daily bulletin",
        "peacekeepers recorded a ceasefire violation near {place} on {day}",
    ),
    (
        "local officials said",
        "a mine exploded under a tractor near {place} on {day}, injuring {n} civilians",
    ),
]


def write_reports(folder: Path, count: int, seed: int = 3) -> int:
    rng = random.Random(seed)
    places = load_places()
    written = 0
    while written < count:
        name, _, _ = rng.choice(places)
        day = FIRST_DAY + timedelta(days=rng.randrange(3 * 365))
        mine = rng.random() < 0.25
        tellers = [ACCOUNTS[3]] if mine else rng.sample(ACCOUNTS[:3], rng.randint(1, 3))
        n = rng.randint(1, 4)
        for claimant, event in tellers[: count - written]:
            sentence = event.format(place=name, day=f"{day:%B} {day.day}", n=n)
            body = f"{sentence[0].upper()}{sentence[1:]}, {claimant}. No other details were given."
            published = day + timedelta(days=rng.randint(0, 1))
            envelope = {"id": f"r{written}", "text": body, "published": published.isoformat()}
            (folder / f"r{written:06d}.json").write_text(json.dumps(envelope), encoding="utf-8")
            written += 1
    return written


def extraction_only(folder: Path) -> tuple[float, int]:
    began = time.perf_counter()
    claims = 0
    for path in sorted(folder.iterdir()):
        for item in parse_bytes(path.read_bytes(), name=str(path)):
            claims += len(extract(item.document))
    return time.perf_counter() - began, claims


def fresh_postgres() -> tuple[str, Callable[[], None]]:
    name = f"ceasefire_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", drop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "reports"
        folder.mkdir()
        write_reports(folder, args.count)
        extract(parse_bytes(b"warm up the pipeline", name="warm")[0].document)
        base, claims = extraction_only(folder)
        print(f"{'backend':>10} {'docs':>6} {'claims':>6} {'seconds':>8} {'docs/s':>7} "
              f"{'claims/s':>8} {'extract s':>9} {'ratio':>6}")  # fmt: skip
        print(f"{'(extract)':>10} {args.count:>6} {claims:>6} {base:>8.1f} "
              f"{args.count / base:>7.1f} {claims / base:>8.1f} {base:>9.1f} {1:>6.2f}")  # fmt: skip
        for backend in args.backends.split(","):
            drop: Callable[[], None] = lambda: None  # noqa: E731
            if backend == "sqlite":
                url = f"sqlite:///{scratch}/bench.db"
            else:
                url, drop = fresh_postgres()
            try:
                database = Database(url)
                database.init()
                began = time.perf_counter()
                summary = ingest_paths(database, [str(folder)])
                took = time.perf_counter() - began
                database.dispose()
            finally:
                drop()
            if summary.failures or summary.new_sources != args.count:
                raise SystemExit(f"{backend}: ingest failed: {summary.to_json()}")
            print(f"{backend:>10} {args.count:>6} {summary.claims:>6} {took:>8.1f} "
                  f"{args.count / took:>7.1f} {summary.claims / took:>8.1f} {base:>9.1f} "
                  f"{took / base:>6.2f}", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
