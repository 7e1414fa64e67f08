"""`ceasefire demo --serve`: the demo is built, a demo officer's token printed, the UI served."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ceasefire.services import setup, users
from ceasefire.storage.sql import Database


def test_demo_serve_prints_the_address_and_a_working_token(
    run_cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: dict[str, Any] = {}

    def fake_serve(ctx: Any, host: str, port: int) -> None:
        served.update(host=host, port=port, url=ctx.find_root().obj.database_url)

    monkeypatch.setattr("ceasefire.cli.serve.serve", fake_serve)
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    result = run_cli("demo", "--database", url, "--serve")
    assert result.exit_code == 0, result.stderr
    assert "Web UI: http://127.0.0.1:8000/" in result.stdout
    assert served == {"host": "127.0.0.1", "port": 8000, "url": url}
    token = result.stdout.split("token: ")[1].split()[0]
    database = Database(url)
    try:
        with database.connect() as conn:
            user = users.authenticate(conn, token)
    finally:
        database.dispose()
    assert (user.username, user.role.value, user.delegation) == ("demo-officer", "officer", "AZ")


def test_demo_officer_is_added_once_and_gets_a_new_token_each_time(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'demo.db'}")
    try:
        database.init()
        first = setup.demo_officer_token(database)
        second = setup.demo_officer_token(database)
        assert first.secret != second.secret
        assert [u.username for u in users.list_users(database)] == ["demo-officer"]
        assert {d.code for d in users.list_delegations(database)} == {"AZ", "AM"}
    finally:
        database.dispose()
