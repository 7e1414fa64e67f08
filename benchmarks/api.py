"""Benchmark: `GET /api/v1/incidents?limit=500` under `ceasefire serve` against a bare ASGI baseline.

Loads N synthetic incidents into SQLite (`synthetic.py`, as `query.py` does), adds a viewer
with a token, and builds W requests of 500 rows: no filter at a random keyset cursor, time and
category, and bbox + time + category (each with and without a cursor). For every request it
records the SQL the service runs (SQLAlchemy's cursor events), so the baseline runs the very
same statements. Then it starts, as real processes under the same uvicorn settings,
`ceasefire serve` and a raw ASGI callable (this file, `--baseline`) that runs those statements
on one sqlite3 connection and dumps the rows with orjson as `{"items", "next"}` or a GeoJSON
FeatureCollection. Concurrent clients (httpx, asyncio) send the requests at each concurrency
level, JSON and GeoJSON, the two servers taking turns (`--rounds` each, the median run kept:
the machine may be shared); it prints requests/s, p50/p95 latency and the API's throughput
as a share of the baseline's.

    nice python benchmarks/api.py                          # 1M incidents
    nice python benchmarks/api.py --size 100000 --requests 300 --concurrency 1,8
Target: API throughput >= 50% of the baseline's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import orjson
from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import CATEGORIES, FIRST_DAY, load, queries

from ceasefire.domain.values import BBox
from ceasefire.services import users
from ceasefire.services.incidents import IncidentFilter, encode_cursor, list_incidents
from ceasefire.storage.sql import Database

LIMIT = 500


# --- the work ---------------------------------------------------------------------------------


def requests_of(size: int, count: int, seed: int = 3) -> list[dict[str, str]]:
    """Query parameters of `count` requests: a third each of no filter, time + category, bbox."""
    rng = random.Random(seed)
    boxes = queries(count, seed=seed)
    out: list[dict[str, str]] = []
    for n in range(count):
        params = {"limit": str(LIMIT)}
        category, box, start, end = boxes[n]
        kind = n % 3
        if kind == 0:  # the whole table from a random point on
            day = FIRST_DAY + timedelta(days=rng.randrange(3 * 365 - 30))
            params["cursor"] = encode_cursor(day, rng.randrange(1, size))
        elif kind == 1:
            span = timedelta(days=rng.randrange(30, 365))
            params |= {"from": start.isoformat(), "to": (start + span).isoformat()}
            params["category"] = rng.choice(CATEGORIES)
        else:
            params |= {"bbox": _bbox(box), "from": start.isoformat(), "to": end.isoformat()}
            params["category"] = category
        out.append(params)
    return out


def _bbox(box: BBox) -> str:
    return f"{box.west:.4f},{box.south:.4f},{box.east:.4f},{box.north:.4f}"


def record_sql(url: str, work: list[dict[str, str]]) -> list[dict[str, Any]]:
    """For each request, the statements the service runs for it, and how many incidents it gives."""
    database = Database(url)
    seen: list[tuple[str, Any]] = []

    def capture(_c: Any, _cur: Any, statement: str, parameters: Any, _ctx: Any, _m: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):  # not the BEGIN of the connection
            seen.append((statement, list(parameters)))

    event.listen(database.engine, "before_cursor_execute", capture)
    recorded = []
    with database.connect() as conn:
        for params in work:
            seen.clear()
            where = IncidentFilter(
                start=_day(params.get("from")),
                end=_day(params.get("to")),
                bbox=BBox.parse(params["bbox"]) if "bbox" in params else None,
                category=params.get("category"),
            )
            page = list_incidents(conn, where, limit=LIMIT, cursor=params.get("cursor"))
            recorded.append({"statements": list(seen), "rows": len(page.items)})
    database.dispose()
    return recorded


def _day(text: str | None) -> Any:
    from datetime import date

    return date.fromisoformat(text) if text else None


# --- the baseline: a raw ASGI callable ---------------------------------------------------------


def baseline_app(db_path: str, recorded: list[dict[str, Any]]) -> Callable[..., Awaitable[None]]:
    """`GET /q?i=N&format=json|geojson` runs request N's statements and dumps the first's rows."""
    conn = sqlite3.connect(db_path, check_same_thread=False)

    def rows_of(i: int) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for n, (sql, params) in enumerate(recorded[i]["statements"]):
            cursor = conn.execute(sql, params)
            names = [c[0] for c in cursor.description]
            rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
            if n == 0:
                found = rows[:LIMIT]
        return found

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        query = parse_qs(scope["query_string"].decode())
        if scope["path"] == "/health":
            body = b'{"status":"ok"}'
        else:
            rows = rows_of(int(query["i"][0]))
            last = rows[-1] if rows else None
            following = f"{last['time_start']}|{last['id']}" if last else None
            if query.get("format", ["json"])[0] == "geojson":
                features = [
                    {
                        "type": "Feature",
                        "id": row["id"],
                        "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                        "properties": row,
                    }
                    for row in rows
                ]
                body = orjson.dumps(
                    {"type": "FeatureCollection", "features": features, "next": following}
                )
            else:
                body = orjson.dumps({"items": rows, "next": following})
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


def serve_baseline(port: int, db_path: str, recorded_path: str) -> None:
    import uvicorn

    recorded = json.loads(Path(recorded_path).read_text())
    # The same settings as `ceasefire serve` (cli/serve.py).
    uvicorn.run(baseline_app(db_path, recorded), host="127.0.0.1", port=port, log_level="info")


# --- clients ----------------------------------------------------------------------------------


async def _run_clients(
    urls: list[tuple[str, dict[str, str]]], headers: dict[str, str], concurrency: int
) -> tuple[float, list[float], int]:
    latencies: list[float] = []
    failures = 0
    position = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(headers=headers, limits=limits, timeout=120) as client:

        async def worker() -> None:
            nonlocal position, failures
            while position < len(urls):
                url, params = urls[position]
                position += 1
                began = time.perf_counter()
                response = await client.get(url, params=params)
                await response.aread()
                latencies.append(time.perf_counter() - began)
                failures += response.status_code != 200

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - began
    return wall, latencies, failures


def measure(
    urls: list[tuple[str, dict[str, str]]], headers: dict[str, str], concurrency: int
) -> dict[str, float]:
    asyncio.run(_run_clients(urls[: max(concurrency * 2, 10)], headers, concurrency))  # warm
    wall, latencies, failures = asyncio.run(_run_clients(urls, headers, concurrency))
    if failures:
        raise AssertionError(f"{failures} requests failed")
    cuts = statistics.quantiles(latencies, n=100)
    return {"rps": len(urls) / wall, "p50": cuts[49] * 1000, "p95": cuts[94] * 1000}


# --- servers ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(command: list[str], env: dict[str, str], health: str) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"{command} exited with {server.returncode}")
        try:
            if httpx.get(health, timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError(f"{command} did not answer on {health}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300, help="per server, format and level")
    parser.add_argument("--concurrency", default="1,8")
    parser.add_argument("--rounds", type=int, default=3, help="turns per server; median kept")
    parser.add_argument("--baseline", nargs=3, metavar=("PORT", "DB", "RECORDED"))
    args = parser.parse_args()
    if args.baseline:
        serve_baseline(int(args.baseline[0]), args.baseline[1], args.baseline[2])
        return 0
    levels = [int(n) for n in args.concurrency.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        url, _ = load("sqlite", args.size, Path(folder))
        loaded = time.perf_counter() - began
        database = Database(url)
        users.add_user(database, "bench", "viewer")
        token = users.create_token(database, "bench").secret
        database.dispose()
        work = requests_of(args.size, args.requests)
        recorded = record_sql(url, work)
        recorded_path = Path(folder) / "recorded.json"
        recorded_path.write_text(json.dumps(recorded))
        rows = statistics.mean(r["rows"] for r in recorded)
        print(f"{args.size} incidents loaded in {loaded:.1f} s; {len(work)} requests, "
              f"{rows:.0f} rows each on average", flush=True)  # fmt: skip
        api_port, base_port = _free_port(), _free_port()
        api = _start(
            [sys.executable, "-c", "from ceasefire.cli import main; main()", "serve",
             "--port", str(api_port)],
            {"CEASEFIRE_DATABASE": url},
            f"http://127.0.0.1:{api_port}/api/v1/health",
        )  # fmt: skip
        db_path = url.removeprefix("sqlite:///")
        base = _start(
            [sys.executable, __file__, "--baseline", str(base_port), db_path, str(recorded_path)],
            {},
            f"http://127.0.0.1:{base_port}/health",
        )
        try:
            _check_same_rows(api_port, base_port, work, token)
            print(f"{'format':>8} {'clients':>7} {'API req/s':>9} {'p50 ms':>7} {'p95 ms':>7} "
                  f"{'base req/s':>10} {'p50 ms':>7} {'p95 ms':>7} {'ratio':>6}")  # fmt: skip
            for fmt in ("json", "geojson"):
                api_urls = [
                    (f"http://127.0.0.1:{api_port}/api/v1/incidents", {**p, "format": fmt})
                    for p in work
                ]
                base_urls = [
                    (f"http://127.0.0.1:{base_port}/q", {"i": str(i), "format": fmt})
                    for i in range(len(work))
                ]
                for n, level in enumerate(levels):
                    turns = [("api", api_urls), ("base", base_urls)]
                    runs: dict[str, list[dict[str, float]]] = {"api": [], "base": []}
                    for r in range(args.rounds):  # the servers take turns; the median run counts
                        for name, urls in turns if (n + r) % 2 == 0 else turns[::-1]:
                            auth = {"Authorization": f"Bearer {token}"} if name == "api" else {}
                            runs[name].append(measure(urls, auth, level))
                    a, b = (_median_run(runs[name]) for name in ("api", "base"))
                    print(f"{fmt:>8} {level:>7} {a['rps']:>9.1f} {a['p50']:>7.1f} {a['p95']:>7.1f} "
                          f"{b['rps']:>10.1f} {b['p50']:>7.1f} {b['p95']:>7.1f} "
                          f"{a['rps'] / b['rps']:>6.2f}", flush=True)  # fmt: skip
        finally:
            for server in (api, base):
                server.terminate()
                server.wait(timeout=30)
    return 0


def _median_run(runs: list[dict[str, float]]) -> dict[str, float]:
    return sorted(runs, key=lambda run: run["rps"])[len(runs) // 2]


def _check_same_rows(api_port: int, base_port: int, work: list[dict[str, str]], token: str) -> None:
    """The API and the baseline give the same incidents for the first requests."""
    headers = {"Authorization": f"Bearer {token}"}
    for i, params in enumerate(work[:6]):
        api = httpx.get(f"http://127.0.0.1:{api_port}/api/v1/incidents", params=params,
                        headers=headers, timeout=60).json()  # fmt: skip
        base = httpx.get(f"http://127.0.0.1:{base_port}/q", params={"i": str(i)}, timeout=60).json()
        if [x["id"] for x in api["items"]] != [x["id"] for x in base["items"]]:
            raise AssertionError(f"request {i}: the API and the baseline differ")


if __name__ == "__main__":
    sys.exit(main())
