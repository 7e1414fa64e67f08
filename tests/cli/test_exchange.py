"""`ceasefire import` and `ceasefire export` through the real entry point."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ceasefire.domain.exchange import ACLED_COLUMNS

Run = Callable[..., Any]
DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def centre(tmp_path: Path, run_cli: Run) -> str:
    url = f"sqlite:///{tmp_path / 'centre.db'}"
    run_cli("--database", url, "init")
    return url


def test_import_prints_a_summary_and_a_second_run_adds_nothing(centre: str, run_cli: Run) -> None:
    sample = str(DATA / "acled-sample.csv")
    first = run_cli("--database", centre, "import", "--format", "acled", sample, "--json")
    assert first.exit_code == 0, first.stderr
    assert json.loads(first.stdout)["new"] == 4
    again = run_cli("--database", centre, "import", "--format", "acled", sample, "--json")
    assert json.loads(again.stdout)["unchanged"] == 4


def test_import_with_a_bad_row_names_line_and_field_and_exits_2(
    centre: str, run_cli: Run, tmp_path: Path
) -> None:
    text = (DATA / "ucdp-ged-sample.csv").read_bytes().decode()
    bad = tmp_path / "ged.csv"
    bad.write_bytes(text.replace("39.79496", "north", 1).encode())
    result = run_cli("--database", centre, "import", "--format", "ucdp", str(bad))
    assert result.exit_code == 2
    assert "4" in result.stdout and "latitude" in result.stdout and "'north'" in result.stdout
    assert "1 of 2 rows failed" in result.stderr


def test_import_of_a_missing_file_is_a_clean_error(centre: str, run_cli: Run) -> None:
    result = run_cli("--database", centre, "import", "--format", "acled", "nowhere.csv")
    assert result.exit_code == 2 and result.stderr.startswith("error: nowhere.csv")


def test_export_writes_acled_to_stdout_or_to_a_file(
    centre: str, run_cli: Run, tmp_path: Path
) -> None:
    run_cli("--database", centre, "import", "--format", "acled", str(DATA / "acled-sample.csv"))
    shown = run_cli("--database", centre, "export", "--format", "acled", "--from", "2021-05-01")
    assert shown.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(shown.stdout)))
    assert list(rows[0]) == list(ACLED_COLUMNS) and [r["event_id_cnty"] for r in rows] == [
        "XAM9004"
    ]
    target = tmp_path / "out.geojson"
    saved = run_cli("--database", centre, "export", "--format", "geojson", "-o", str(target))
    assert saved.exit_code == 0 and "wrote 4 incidents" in saved.stderr
    assert len(json.loads(target.read_text())["features"]) == 4


def test_export_with_a_bad_date_exits_2(centre: str, run_cli: Run) -> None:
    result = run_cli("--database", centre, "export", "--format", "csv", "--from", "March")
    assert result.exit_code == 2 and "--from" in result.stderr
