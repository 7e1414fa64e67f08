"""Test support for the HTTP API: a centre with tokens, two ingested reports, a client, and
`ceasefire serve` as a real process."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from ceasefire.config import Settings
from ceasefire.domain.model import Claim, Document
from ceasefire.services import agreements, ingest, users
from ceasefire.storage.sql import Database
from verification_support import Centre, make_centre

REPORTS = (
    {
        "id": "az-mod-0304",
        "headline": "Fire opened on positions near Aghdam",
        "text": "Armed forces opened fire near Aghdam. Officials said nothing else.",
        "published": "2021-03-04",
    },
    {
        "id": "media-0310",
        "headline": "Shepherd hurt by a landmine",
        "text": "A shepherd stepped on a mine in the pasture. A meeting followed.",
        "published": "2021-03-10",
    },
)


@dataclass
class Api:
    client: TestClient
    settings: Settings
    tokens: dict[str, str]

    def headers(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def get(self, url: str, who: str | None = "vic", **params: Any) -> Any:
        headers = self.headers(who) if who else {}
        return self.client.get(url, params=params, headers=headers)


def settings_for(database: Database, **overrides: Any) -> Settings:
    url = database.url.render_as_string(hide_password=False)
    return replace(Settings(database_url=url), **overrides)


def stock_centre(
    database: Database, folder: Path, extract: Callable[[Document], list[Claim]]
) -> dict[str, str]:
    """The bundled agreements, delegations, five users with tokens, and the two REPORTS
    ingested; returns the tokens."""
    agreements.load_bundled(database)
    centre: Centre = make_centre(database)
    for report in REPORTS:
        path = folder / f"{report['id']}.json"
        path.write_text(json.dumps(report))
        ingest.ingest_paths(
            database, [str(path)], format="json", actor=centre.analyst, extractor=extract
        )
    everyone = (centre.az_officer, centre.am_officer, centre.admin, centre.analyst, centre.viewer)
    return {who: users.create_token(database, who).secret for who in everyone}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(database: Database, **env: str) -> Iterator[str]:
    """`ceasefire serve` on a free loopback port over `database`; yields the base URL."""
    port = free_port()
    url = database.url.render_as_string(hide_password=False)
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from ceasefire.cli import main; main()",
            "serve",
            "--port",
            f"{port}",
        ],
        env={**os.environ, "CEASEFIRE_DATABASE": url, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base
    finally:
        server.terminate()
        server.communicate(timeout=30)


def _wait_until_up(base: str, server: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, server.communicate()[1].decode()
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"ceasefire serve did not answer on {base} within {seconds}s")
