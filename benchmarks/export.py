"""Benchmark: streaming exports of 1M incidents, rows/s and peak memory, against a raw SELECT.

Bulk-loads N synthetic incidents (as benchmarks/query.py does) into a fresh SQLite file and/or
PostgreSQL database, then runs each export format through `services.exports.export_incidents`
(the code behind `ceasefire export`) in a child process writing to /dev/null, and a baseline:
the same rows read by one raw SELECT (fetchmany) and written with csv.writer. Each child's peak
RSS comes from wait4, so the parent's loading does not count.

    nice python benchmarks/export.py                              # 1M incidents, SQLite
    nice python benchmarks/export.py --size 100000 --backends sqlite,postgresql
Target: peak RSS <= 300 MB for every format, whatever N.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from query import COLUMNS, load

from ceasefire.services.exports import FORMATS, export_incidents
from ceasefire.storage.sql import Database

BASELINE = "raw-sql"


def run_child(url: str, what: str) -> None:
    """In the child: export `what` (a format, or the baseline) to /dev/null."""
    database = Database(url)
    with open(os.devnull, "w", encoding="utf-8", newline="") as out:
        if what != BASELINE:
            export_incidents(database, out, format=what)
            return
        writer = csv.writer(out, lineterminator="\n")
        with database.connect() as conn:
            result = conn.exec_driver_sql(
                f"SELECT {COLUMNS} FROM incidents ORDER BY time_start, id"
            )
            writer.writerow(result.keys())
            while rows := result.fetchmany(1000):
                writer.writerows(rows)
    database.dispose()


def measure(url: str, what: str) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one child process."""
    began = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, "--child", what, "--url", url])
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{what} failed with status {status}")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.url, args.child)
        return 0
    print(f"{'backend':>10} {'incidents':>9} {'load s':>7} {'format':>8} {'seconds':>8} "
          f"{'rows/s':>8} {'peak MB':>8} {'x baseline':>10}")  # fmt: skip
    for backend in args.backends.split(","):
        with tempfile.TemporaryDirectory() as folder:
            began = time.perf_counter()
            url, drop = load(backend, args.size, Path(folder))
            loaded = time.perf_counter() - began
            try:
                base, _ = measure(url, BASELINE)  # also warms the page cache
                for what in (BASELINE, *FORMATS):
                    seconds, peak = measure(url, what)
                    base = seconds if what == BASELINE else base
                    print(f"{backend:>10} {args.size:>9} {loaded:>7.1f} {what:>8} "
                          f"{seconds:>8.1f} {args.size / seconds:>8.0f} {peak:>8.0f} "
                          f"{seconds / base:>10.1f}", flush=True)  # fmt: skip
            finally:
                drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
