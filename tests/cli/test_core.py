"""`ceasefire init`, `ingest` and `demo` through the real entry point."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ceasefire.demo import source_files
from ceasefire.services import setup
from ceasefire.storage.sql import Database

Run = Callable[..., Any]


def test_init_twice_creates_then_reports_the_schema_is_current(
    run_cli: Run, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'centre.db'}"
    first = run_cli("--database", url, "init")
    second = run_cli("--database", url, "init")
    assert first.exit_code == second.exit_code == 0
    assert "created schema revision" in first.stdout
    assert "already at schema revision" in second.stdout


def test_database_url_comes_from_the_environment(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CEASEFIRE_DATABASE", f"sqlite:///{tmp_path / 'env.db'}")
    assert run_cli("init").exit_code == 0
    assert (tmp_path / "env.db").exists()


@pytest.mark.parametrize(
    "url", ["nonsense://x", "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"]
)
def test_bad_or_unreachable_database_exits_2_with_one_line(run_cli: Run, url: str) -> None:
    result = run_cli("--database", url, "init")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_ingest_json_summary_and_idempotence(
    run_cli: Run, database: Database, tmp_path: Path
) -> None:
    report = tmp_path / "aghdam.json"
    report.write_text(
        json.dumps(
            {
                "text": "An anti-tank mine exploded near Aghdam on Tuesday, killing two "
                "civilians, the Azerbaijani Defence Ministry said.",
                "published": "2021-03-03",
            }
        )
    )
    url = database.url.render_as_string(hide_password=False)
    first = run_cli("--database", url, "ingest", str(report), "--json")
    again = run_cli("--database", url, "ingest", str(report), "--json")
    assert first.exit_code == again.exit_code == 0, first.stderr
    summary, repeat = json.loads(first.stdout), json.loads(again.stdout)
    assert (summary["files"], summary["new_sources"], summary["failures"]) == (1, 1, [])
    assert (repeat["new_sources"], repeat["unchanged"], repeat["claims"]) == (0, 1, 0)


def test_ingest_reports_the_bad_file_and_exits_2(
    run_cli: Run, database: Database, tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Shelling was reported near Fuzuli on Monday, residents said.\n")
    bad = tmp_path / "bad.json"
    bad.write_text('{"headline": "no text field"}')
    url = database.url.render_as_string(hide_password=False)
    result = run_cli("--database", url, "ingest", str(bad), str(good))
    assert result.exit_code == 2
    assert "bad.json" in result.stdout and "text" in result.stdout
    assert "new sources" in result.stdout
    assert result.stderr == "error: 1 of 2 files failed\n"


def test_ingest_refuses_a_bad_publication_date(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("ingest", "--published", "24/12/2020", str(tmp_path))
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stdout + result.stderr


def test_demo_builds_and_shows_the_fictional_scenario(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CEASEFIRE_DATABASE", f"sqlite:///{tmp_path / 'centre.db'}")
    result = run_cli("demo")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / setup.DEMO_FILENAME).exists()
    assert not (tmp_path / "centre.db").exists()  # the demo never writes into the centre's DB
    assert "Incidents by category" in result.stdout
    assert "explosive_ordnance" in result.stdout and "violation" in result.stdout
    again = run_cli("demo")
    assert again.exit_code == 0
    assert f"0 sources added now, {len(source_files()) + 1} unchanged" in again.stdout


def test_every_demo_source_says_it_is_fictional() -> None:
    files = source_files()
    assert len(files) >= 10
    for path in files:
        assert "FICTIONAL DEMO" in path.read_text(encoding="utf-8"), path.name
