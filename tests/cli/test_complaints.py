"""`ceasefire complaint ...` and `ceasefire restriction ...` through the real entry point."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ceasefire.storage.sql import Database

Run = Callable[..., Any]


@pytest.fixture
def cli(run_cli: Run, database: Database) -> Run:
    url = database.url.render_as_string(hide_password=False)
    run = lambda *args: run_cli("--database", url, *args)  # noqa: E731
    for args in (
        ("delegation", "add", "AZ", "--name", "Azerbaijani delegation"),
        ("delegation", "add", "AM", "--name", "Armenian delegation"),
        ("user", "add", "aziz", "--role", "officer", "--delegation", "AZ"),
    ):
        assert run(*args).exit_code == 0
    return run


def test_complaint_goes_through_its_steps_and_is_tallied(cli: Run, tmp_path: Path) -> None:
    text = tmp_path / "am-complaint.txt"
    text.write_text(
        "The Armenian side states that on 3 December a shepherd was detained near Hin Tagher.\n",
        encoding="utf-8",
    )
    lodged = cli(
        "complaint",
        "lodge",
        str(text),
        "--by",
        "AM",
        "--against",
        "AZ",
        "--due",
        "2020-12-10",
        "--json",
    )
    assert lodged.exit_code == 0, lodged.stderr
    complaint = json.loads(lodged.stdout)
    number = str(complaint["id"])
    assert (complaint["stage"], complaint["response_due"]) == ("lodged", "2020-12-10")
    early = cli("complaint", "respond", number, "--text", "too early")
    assert early.exit_code == 2 and "notified first" in early.stderr
    assert cli("complaint", "notify", number).exit_code == 0
    assert cli("complaint", "respond", number, "--text", "He crossed the line.").exit_code == 0
    verified = cli("complaint", "verify", number, "--outcome", "substantiated")
    assert verified.exit_code == 0 and "outcome substantiated" in verified.stdout
    tally = {row["party"]: row for row in json.loads(cli("complaint", "tally", "--json").stdout)}
    assert (tally["AM"]["lodged"], tally["AM"]["substantiated"], tally["AZ"]["against"]) == (
        1,
        1,
        1,
    )
    table = cli("complaint", "tally").stdout.splitlines()
    assert table[0].split("\t")[:6] == [
        "party",
        "lodged",
        "substantiated",
        "not_substantiated",
        "unattributable",
        "pending",
    ]
    assert "AM\t1\t1\t0\t0\t0\t0" in table


def test_restrictions_add_and_list_between_dates(cli: Run) -> None:
    added = cli(
        "restriction",
        "add",
        "--date",
        "2020-11-15",
        "--kind",
        "access_denied",
        "--place",
        "Lachin",
        "--by",
        "armed men at checkpoint",
        "--description",
        "Patrol turned back",
        "--as",
        "aziz",
    )
    assert added.exit_code == 0, added.stderr
    cli(
        "restriction",
        "add",
        "--date",
        "2020-11-25",
        "--kind",
        "uav_fired_upon",
        "--description",
        "UAV shot at",
    )
    listed = json.loads(
        cli("restriction", "list", "--from", "2020-11-10", "--to", "2020-11-20", "--json").stdout
    )
    assert [(r["date"], r["kind"], r["place"], r["recorded_by"]) for r in listed] == [
        ("2020-11-15", "access_denied", "Lachin", "aziz")
    ]
    assert len(cli("restriction", "list").stdout.splitlines()) == 2


def test_bad_restriction_kind_exits_2(cli: Run) -> None:
    result = cli(
        "restriction", "add", "--date", "2020-11-15", "--kind", "insults", "--description", "x"
    )
    assert result.exit_code == 2 and "kind" in result.stderr
