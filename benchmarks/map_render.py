"""Benchmark: time until the map page has clustered every incident, 100k vs. 1k incidents.

Loads N synthetic incidents (real gazetteer places, three years; the loader of
`benchmarks/query.py`) into a fresh SQLite file, runs `ceasefire serve` on it, opens `/` in
Debian's chromium (Playwright) with a viewer's bearer token, and measures from navigation
until `<body data-rendered>` is set (every page of `/api/v1/incidents/points` fetched and
every marker clustered). Prints the median of R runs per size and the bytes the page
transferred (its own requests, as the browser's resource timing reports them).

    nice python benchmarks/map_render.py                       # 100k, and 1k as the baseline
    nice python benchmarks/map_render.py --sizes 1000,10000,100000 --runs 5
Target: the map stays usable with 100k incidents in view (first render in a few seconds).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import load_sqlite

from ceasefire.services import users
from ceasefire.storage.sql import Database

CHROMIUM = "/usr/bin/chromium"


def viewer_token(url: str) -> str:
    database = Database(url)
    try:
        users.add_user(database, "bench-viewer", "viewer")
        return users.create_token(database, "bench-viewer").secret
    finally:
        database.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(url: str) -> Iterator[str]:
    """`ceasefire serve` on a free port over `url`; yields the base URL."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from ceasefire.cli import main; main()", "serve", "--port", f"{port}"],
        env={**os.environ, "CEASEFIRE_DATABASE": url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise SystemExit(f"ceasefire serve did not start on {base}")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


_TRANSFER = """() => {
  const entries = [...performance.getEntriesByType('navigation'),
                   ...performance.getEntriesByType('resource')];
  const points = entries.filter((e) => e.name.includes('/incidents/points'));
  const sum = (list) => list.reduce((n, e) => n + (e.transferSize || e.encodedBodySize || 0), 0);
  return {total: sum(entries), points: sum(points), requests: entries.length};
}"""


def measure(base: str, token: str, runs: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    times: list[float] = []
    transfer: dict[str, float] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for _ in range(runs):
            context = browser.new_context(
                extra_http_headers={"Authorization": f"Bearer {token}"},
                viewport={"width": 1280, "height": 900},
            )
            page = context.new_page()
            started = time.perf_counter()
            page.goto(f"{base}/")
            # Polled through the DevTools protocol: wait_for_function evaluates a string in the
            # page, which the UI's Content-Security-Policy forbids.
            deadline = started + 300
            while page.evaluate("document.body.dataset.rendered") is None:
                if time.perf_counter() > deadline:
                    raise SystemExit("the map did not finish rendering in 300 s")
                page.wait_for_timeout(50)
            times.append(time.perf_counter() - started)
            rendered = int(page.evaluate("document.body.dataset.rendered"))
            transfer = {**page.evaluate(_TRANSFER), "rendered": rendered}
            context.close()
        browser.close()
    return {"median_s": statistics.median(times), "best_s": min(times), **transfer}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,100000", help="incident counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="page loads per size")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"map render in chromium, median of {args.runs} loads, SQLite")
    print(f"{'incidents':>10} {'rendered':>9} {'median s':>9} {'best s':>7} "
          f"{'points MB':>10} {'total MB':>9} {'requests':>8}")  # fmt: skip
    results = {}
    with tempfile.TemporaryDirectory(prefix="ceasefire-map-bench-") as folder:
        for n in sizes:
            url = load_sqlite(Path(folder) / f"map-{n}.db", n)
            token = viewer_token(url)
            with served(url) as base:
                found = measure(base, token, args.runs)
            results[n] = found
            print(f"{n:>10,} {int(found['rendered']):>9,} {found['median_s']:>9.2f} "
                  f"{found['best_s']:>7.2f} {found['points'] / 1e6:>10.2f} "
                  f"{found['total'] / 1e6:>9.2f} {int(found['requests']):>8}")  # fmt: skip
    if len(sizes) > 1:
        low, high = results[sizes[0]], results[sizes[-1]]
        print(f"{sizes[-1]:,} vs {sizes[0]:,}: {high['median_s'] / low['median_s']:.1f}x the time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
