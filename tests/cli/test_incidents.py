"""`ceasefire incidents`, `incident`, `merge`, `split`, `link`, `unlink`, `suggestion(s)`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from tests.services.test_linking import AGHDAM, DUKANLAR, incident_of, report, store

from ceasefire.domain.taxonomy import Category
from ceasefire.storage.sql import Database

Cli = Callable[..., Any]


@pytest.fixture
def url(database: Database) -> str:
    store(database, [report(killed=5)], document_id="doc-a")
    store(database, [report(killed=5, claimed_by="Azerbaijani MoD", party=True)])
    store(
        database,
        [
            report(
                category=Category.EXPLOSIVE_ORDNANCE,
                type_="mine_explosion",
                place=AGHDAM,
                start=date(2023, 4, 2),
            )
        ],
    )
    return database.url.render_as_string(hide_password=False)


def test_incidents_json_is_a_page_with_items_and_next(run_cli: Cli, url: str) -> None:
    result = run_cli("--database", url, "incidents", "--format", "json")
    assert result.exit_code == 0, result.stderr
    page = json.loads(result.stdout)
    assert page["next"] is None
    assert [len(i["claims"]) for i in page["items"]] == [2, 1]
    assert page["items"][0]["claims"][0]["document_id"] == "doc-a"


def test_incidents_pages_with_limit_and_cursor(run_cli: Cli, url: str) -> None:
    first = json.loads(
        run_cli("--database", url, "incidents", "--format", "json", "--limit", "1").stdout
    )
    assert len(first["items"]) == 1 and first["next"]
    second = json.loads(
        run_cli(
            "--database",
            url,
            "incidents",
            "--format",
            "json",
            "--limit",
            "1",
            "--cursor",
            first["next"],
        ).stdout
    )
    assert second["next"] is None
    assert second["items"][0]["id"] != first["items"][0]["id"]


def test_incidents_filters_and_other_formats(run_cli: Cli, url: str) -> None:
    mines = run_cli(
        "--database", url, "incidents", "--category", "explosive_ordnance", "--format", "geojson"
    )
    collection = json.loads(mines.stdout)
    assert [f["properties"]["type"] for f in collection["features"]] == ["mine_explosion"]
    rows = list(
        csv.DictReader(
            io.StringIO(
                run_cli(
                    "--database", url, "incidents", "--format", "csv", "--to", "2023-03-31"
                ).stdout
            )
        )
    )
    assert [r["type"] for r in rows] == ["shootout"]
    table = run_cli("--database", url, "incidents", "--bbox", "46.0,39.0,48.0,41.0")
    assert table.exit_code == 0 and "shootout" in table.stdout


def test_bad_filters_exit_2_with_a_message(run_cli: Cli, url: str) -> None:
    result = run_cli("--database", url, "incidents", "--bbox", "1,2,3")
    assert result.exit_code == 2
    assert "bbox" in result.stderr
    assert run_cli("--database", url, "incidents", "--from", "yesterday").exit_code == 2
    missing = run_cli("--database", url, "incident", "999999")
    assert missing.exit_code == 2 and "no incident 999999" in missing.stderr


def test_incident_view_shows_sources_quotes_and_reasons(run_cli: Cli, url: str) -> None:
    listed = json.loads(run_cli("--database", url, "incidents", "--format", "json").stdout)
    result = run_cli("--database", url, "incident", str(listed["items"][0]["id"]))
    assert result.exit_code == 0, result.stderr
    for text in (
        "Khankendi",
        "https://example.org/",
        'quote: "the quote"',
        "casualties agree (5 killed)",
    ):
        assert text in result.stdout


def test_analyst_commands_merge_split_link_unlink(
    run_cli: Cli, url: str, database: Database
) -> None:
    items = json.loads(run_cli("--database", url, "incidents", "--format", "json").stdout)["items"]
    shootout, mine = items[0]["id"], items[1]["id"]
    claim_ids = [c["id"] for c in items[0]["claims"]]
    merged = run_cli("--database", url, "merge", str(shootout), str(mine))
    assert merged.exit_code == 0, merged.stderr
    mine_claim = items[1]["claims"][0]["id"]
    assert incident_of(database, mine_claim) == shootout
    split = run_cli("--database", url, "split", str(shootout), "--claims", str(mine_claim))
    assert split.exit_code == 0 and "now form incident" in split.stdout
    assert run_cli("--database", url, "link", str(mine_claim), str(shootout)).exit_code == 0
    assert run_cli("--database", url, "unlink", str(claim_ids[1])).exit_code == 0
    assert incident_of(database, claim_ids[1]) != shootout
    refused = run_cli("--database", url, "merge", str(shootout))
    assert refused.exit_code == 2 and "at least two" in refused.stderr


def test_suggestions_are_listed_and_answered(run_cli: Cli, database: Database) -> None:
    store(database, [report(type_="mortar_fire", killed=5)])
    store(database, [report(type_="artillery_shelling", place=DUKANLAR, killed=1)])
    url = database.url.render_as_string(hide_password=False)
    pending = json.loads(run_cli("--database", url, "suggestions", "--json").stdout)
    assert len(pending) == 1
    assert "suggestions" in run_cli("--database", url, "suggestions").stdout
    accepted = run_cli("--database", url, "suggestion", "accept", str(pending[0]["id"]))
    assert accepted.exit_code == 0, accepted.stderr
    assert json.loads(run_cli("--database", url, "suggestions", "--json").stdout) == []
    again = run_cli("--database", url, "suggestion", "reject", str(pending[0]["id"]))
    assert again.exit_code == 2
