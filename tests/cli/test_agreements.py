"""`ceasefire agreement add|list|show` and `extract --agreements FILE` through the entry point."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ceasefire.ingest.agreements import bundled
from ceasefire.storage.sql import Database

Run = Callable[..., Any]
BORDER = {"type": "Polygon", "coordinates": [[[45, 40], [46, 40], [46, 41], [45, 41], [45, 40]]]}


def _url(database: Database) -> str:
    return database.url.render_as_string(hide_password=False)


def test_add_from_options_then_list_and_show_as_json(
    run_cli: Run, database: Database, tmp_path: Path
) -> None:
    zone = tmp_path / "border.geojson"
    zone.write_text(json.dumps({"type": "Feature", "properties": {}, "geometry": BORDER}))
    url = _url(database)
    added = run_cli(
        "--database", url, "agreement", "add", "--name", "Local truce", "--kind", "truce",
        "--party", "Armenia", "--party", "Azerbaijan", "--effective", "2025-03-01T09:30",
        "--tz", "Asia/Yerevan", "--zone", str(zone), "--source", "Our record", "--json",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    assert json.loads(added.stdout)["id"] == "local-truce-2025-03-01"
    listed = run_cli("--database", url, "agreement", "list", "--json")
    assert [a["name"] for a in json.loads(listed.stdout)] == ["Local truce"]
    shown = run_cli("--database", url, "agreement", "show", "local-truce-2025-03-01", "--json")
    assert json.loads(shown.stdout)["zone"] == BORDER
    text = run_cli("--database", url, "agreement", "show", "local-truce-2025-03-01")
    assert "effective  2025-03-01T09:30 Asia/Yerevan" in text.stdout


def test_adding_the_same_agreement_twice_exits_2_with_one_line(
    run_cli: Run, database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "statement.json"
    path.write_text(json.dumps(bundled()[5].to_json()))
    url = _url(database)
    assert run_cli("--database", url, "agreement", "add", "--file", str(path)).exit_code == 0
    again = run_cli("--database", url, "agreement", "add", "--file", str(path))
    assert again.exit_code == 2
    assert again.stderr.startswith("error: ") and "already stored" in again.stderr
    assert again.stderr.count("\n") == 1


def test_a_bad_agreement_file_exits_2_naming_the_field(
    run_cli: Run, database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**bundled()[0].to_json(), "time_zone": "Nowhere/Land"}))
    result = run_cli("--database", _url(database), "agreement", "add", "--file", str(path))
    assert result.exit_code == 2
    assert f"{path}: field 'time_zone'" in result.stderr


def test_extract_with_an_agreements_file_records_that_files_agreement(
    run_cli: Run, tmp_path: Path
) -> None:
    timeline = tmp_path / "agreements.json"
    custom = {
        "name": "Our monitored truce",
        "kind": "truce",
        "parties": ["Armenia", "Azerbaijan"],
        "effective": "2021-01-01T00:00",
        "time_zone": "Asia/Baku",
    }
    timeline.write_text(json.dumps({"agreements": [custom]}))
    article = tmp_path / "article.json"
    article.write_text(
        json.dumps(
            {
                "text": "Armenian forces opened fire on Azerbaijani positions in Shusha on "
                "Monday, the Azerbaijani Defence Ministry said.",
                "published": "2021-03-03",
            }
        )
    )
    bundled_run = run_cli("extract", str(article))
    custom_run = run_cli("extract", "--agreements", str(timeline), str(article))
    assert bundled_run.exit_code == custom_run.exit_code == 0, custom_run.stderr
    before = json.loads(bundled_run.stdout)["claims"]
    after = json.loads(custom_run.stdout)["claims"]
    assert {c["agreement"] for c in before} == {"Trilateral statement of 10 November 2020"}
    assert {c["agreement"] for c in after} == {"Our monitored truce"}
