"""`ceasefire serve` as a real process on a free port, called over HTTP (both backends)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx

from ceasefire.services import users
from ceasefire.storage.sql import Database
from verification_support import make_centre, make_incident


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


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


def test_served_api_records_a_position_over_http(database: Database) -> None:
    centre = make_centre(database)
    incident = make_incident(database)
    token = users.create_token(database, centre.az_officer).secret
    port = _free_port()
    env = {**os.environ, "CEASEFIRE_DATABASE": database.url.render_as_string(hide_password=False)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from ceasefire.cli import main; main()",
            "serve",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        assert httpx.get(f"{base}/openapi.json", timeout=5).json()["info"]["title"] == "ceasefire"
        unauthorized = httpx.post(
            f"{base}/api/v1/incidents/{incident}/positions",
            json={"position": "confirms", "reason": "seen"},
            timeout=5,
        )
        assert unauthorized.status_code == 401
        recorded = httpx.post(
            f"{base}/api/v1/incidents/{incident}/positions",
            json={"position": "confirms", "reason": "seen", "expected_version": 1},
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        )
        assert recorded.status_code == 201, recorded.text
        assert recorded.json()["status"] == "under_review"
    finally:
        server.terminate()
        server.communicate(timeout=30)
