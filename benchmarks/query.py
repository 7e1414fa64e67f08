"""Benchmark: bbox + time + category queries over 1M incidents, service vs. hand-written SQL.

Bulk-loads N synthetic incidents (real gazetteer places, three years) into a fresh SQLite file
and a fresh PostgreSQL database (executemany / COPY), then runs Q random queries that return at
most 500 rows each through `services.incidents.list_incidents` (the code behind the CLI and
API), and the same filters as hand-written SQL on each index that can answer them (the
category/time B-tree, the place/time/category R*Tree / n-D GiST); the faster of those at p95 is the baseline.
Prints p50/p95 latency and the service/baseline ratio. Each query checks that the raw SQL
found as many rows as the service; the methods take turns at reading a query first.

    nice python benchmarks/query.py                          # 1M incidents, both backends
    nice python benchmarks/query.py --size 100000 --backends sqlite
Target: p95 <= 20 ms and <= 2x the baseline.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import COLUMNS, load, queries

from ceasefire.domain.values import BBox
from ceasefire.services.incidents import IncidentFilter, list_incidents
from ceasefire.storage.spatial import category_span, time_coordinate
from ceasefire.storage.sql import Database

_EXACT = (
    "category = :c AND time_start <= :t1 AND time_end >= :t0 "
    "AND lon BETWEEN :w AND :e AND lat BETWEEN :s AND :n AND merged_into IS NULL"
)


def baseline_sqls(dialect: str) -> dict[str, str]:
    """Hand-written queries for the same filter, each on one index; the fastest is the baseline.

    `btree`: the category/time index carrying lon/lat, the range bounded by the longest short
    window (31 days), as a person would write it when windows are short (it misses the rare
    year-long windows, so it does less than the service). `4d`: the place/time/category R*Tree / n-D GiST.
    """
    since = "date(:t0, '-31 days')" if dialect == "sqlite" else "CAST(:t0 AS date) - 31"
    hint = "INDEXED BY ix_incidents_category_time " if dialect == "sqlite" else ""
    order = "ORDER BY time_start, id LIMIT 500"
    btree = (
        f"SELECT {COLUMNS} FROM incidents {hint}WHERE time_start >= {since} AND {_EXACT} {order}"
    )
    if dialect == "sqlite":
        four_d = (
            f"SELECT {COLUMNS} FROM incidents WHERE id IN (SELECT id FROM incidents_rtree "
            "WHERE max_lon >= :w AND min_lon <= :e AND max_lat >= :s AND min_lat <= :n "
            "AND max_time >= :d0 AND min_time <= :d1 AND max_category >= :k "
            f"AND min_category <= :k) AND {_EXACT} {order}"
        )
    else:
        four_d = (
            f"SELECT {COLUMNS} FROM incidents WHERE extent &&& ST_MakeLine("
            "ST_MakePoint(:w, :s, :d0, :k), ST_MakePoint(:e, :n, :d1, :k)) "
            f"AND {_EXACT} {order}"
        )
    return {"btree": btree, "4d": four_d}


def measure(url: str, work: list[tuple[str, BBox, date, date]]) -> dict[str, float]:
    database = Database(url)
    service: list[float] = []
    baselines = {name: text(sql) for name, sql in baseline_sqls(database.dialect).items()}
    raw: dict[str, list[float]] = {name: [] for name in baselines}
    counts: dict[str, int] = {}
    rows = 0
    with database.connect() as conn:
        for category, box, t0, t1 in work[:20]:  # warm the caches
            list_incidents(conn, IncidentFilter(t0, t1, box, category), limit=500)
        for n, (category, box, t0, t1) in enumerate(work):
            params = {"w": box.west, "s": box.south, "e": box.east, "n": box.north,
                      "c": category, "t0": t0, "t1": t1, "d0": time_coordinate(t0),
                      "d1": time_coordinate(t1), "k": category_span(category)[0]}  # fmt: skip
            # The first to read a query's rows pays for the cold pages; take turns.
            turns = ["service", *baselines]
            for name in turns[n % len(turns) :] + turns[: n % len(turns)]:
                began = time.perf_counter()
                if name == "service":
                    page = list_incidents(conn, IncidentFilter(t0, t1, box, category), limit=500)
                    service.append(time.perf_counter() - began)
                    found = len(page.items)
                else:
                    found = len(conn.execute(baselines[name], params).fetchall())
                    raw[name].append(time.perf_counter() - began)
                counts[name] = found
            if len(set(counts.values())) > 1:
                raise AssertionError(f"row counts differ on query {n}: {counts}")
            rows += counts["service"]
    database.dispose()

    def pct(values: list[float], p: int) -> float:
        return statistics.quantiles(values, n=100)[p - 1] * 1000

    best = min(raw, key=lambda name: pct(raw[name], 95))
    return {
        "rows_mean": rows / len(work),
        "p50_ms": pct(service, 50),
        "p95_ms": pct(service, 95),
        "baseline": best,
        "base_p50_ms": pct(raw[best], 50),
        "base_p95_ms": pct(raw[best], 95),
        **{f"{name}_p95_ms": pct(values, 95) for name, values in raw.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    work = queries(args.queries)
    print(f"{'backend':>10} {'incidents':>9} {'load s':>7} {'rows':>6} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'baseline':>8} {'base p50':>8} {'base p95':>8} {'p95 ratio':>9} "
          f"{'btree p95':>9} {'4d p95':>7}")  # fmt: skip
    for backend in args.backends.split(","):
        with tempfile.TemporaryDirectory() as folder:
            began = time.perf_counter()
            url, drop = load(backend, args.size, Path(folder))
            loaded = time.perf_counter() - began
            try:
                r = measure(url, work)
            finally:
                drop()
        print(f"{backend:>10} {args.size:>9} {loaded:>7.1f} {r['rows_mean']:>6.0f} {r['p50_ms']:>7.2f} "
              f"{r['p95_ms']:>7.2f} {r['baseline']:>8} {r['base_p50_ms']:>8.2f} "
              f"{r['base_p95_ms']:>8.2f} {r['p95_ms'] / r['base_p95_ms']:>9.2f} "
              f"{r['btree_p95_ms']:>9.2f} {r['4d_p95_ms']:>7.2f}", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
