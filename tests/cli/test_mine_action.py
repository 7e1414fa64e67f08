"""`ceasefire hazards|clearance|victims` through the entry point: output shapes and exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ceasefire.storage.sql import Database
from mine_action_support import AGHDAM_FIELD, BOW_TIE, box, collection, feature
from verification_support import make_incident

Run = Callable[..., Any]
OPEN_RING = {
    "type": "Polygon",
    "coordinates": [[[46.9, 40.0], [46.91, 40.0], [46.91, 40.01], [46.9, 40.01]]],
}


@pytest.fixture
def areas_file(tmp_path: Path) -> Path:
    path = tmp_path / "areas.geojson"
    path.write_text(
        json.dumps(
            collection(
                feature("Aghdam north field", "suspected", AGHDAM_FIELD, district="Aghdam"),
                feature("Bow tie", "confirmed", BOW_TIE),
                feature("Open ring", "confirmed", OPEN_RING),
                feature("Fuzuli verge", "confirmed", box(47.14, 39.59, 47.15, 39.6)),
            )
        )
    )
    return path


@pytest.fixture
def cli(run_cli: Run, database: Database) -> Run:
    """`ceasefire --database URL ...` on the test database."""
    url = database.url.render_as_string(hide_password=False)
    return lambda *args: run_cli("--database", url, *args)


@pytest.fixture
def stocked(cli: Run, areas_file: Path) -> Run:
    """`cli` after importing areas_file: areas 1 (Aghdam north field) and 2 (Fuzuli verge)."""
    cli("hazards", "import", str(areas_file))
    return cli


def _items(cli: Callable[..., Any]) -> list[dict[str, Any]]:
    listed = cli("hazards", "--format", "json")
    assert listed.exit_code == 0, listed.stderr
    items: list[dict[str, Any]] = json.loads(listed.stdout)["items"]
    return items


def test_import_lands_valid_features_names_the_bad_ones_and_exits_2(
    cli: Run, areas_file: Path
) -> None:
    result = cli("hazards", "import", str(areas_file))
    assert result.exit_code == 2
    assert "2 areas added, 0 already stored, 2 refused" in result.stdout
    errors = result.stderr.splitlines()
    assert errors[0].startswith(f"error: {areas_file}: feature 2 (index 1) 'Bow tie': ")
    assert "self-intersection" in errors[0]
    assert "feature 3 (index 2) 'Open ring'" in errors[1] and "not closed" in errors[1]
    assert [i["name"] for i in _items(cli)] == ["Aghdam north field", "Fuzuli verge"]


def test_importing_the_same_file_twice_adds_nothing(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "good.geojson"
    path.write_text(json.dumps(collection(feature("Field", "suspected", AGHDAM_FIELD))))
    assert cli("hazards", "import", str(path)).exit_code == 0
    again = cli("hazards", "import", str(path), "--json")
    assert again.exit_code == 0
    assert json.loads(again.stdout) == {"added": [], "unchanged": 1, "refused": []}
    assert len(_items(cli)) == 1


def test_listing_as_json_and_geojson(stocked: Run) -> None:
    cli = stocked
    [first, _] = _items(cli)
    assert {"id", "name", "status", "area_m2", "remaining_m2"} <= set(first)
    assert first["area_m2"] == first["remaining_m2"] > 900_000
    geojson = json.loads(cli("hazards", "--format", "geojson").stdout)
    assert geojson["type"] == "FeatureCollection"
    assert geojson["features"][0]["geometry"] == AGHDAM_FIELD
    table = cli("hazards")
    assert table.exit_code == 0 and "2 hazardous areas" in table.stdout


def test_clearance_reduces_then_clears_and_over_release_exits_2(stocked: Run) -> None:
    cli = stocked
    [field, _] = _items(cli)
    area = str(field["id"])
    over = cli("clearance", "add", area, "--date", "2021-04-02", "--area-m2", "9999999")
    assert over.exit_code == 2
    assert over.stderr.startswith("error: area_m2: ") and "more than the" in over.stderr
    assert _items(cli)[0] == field
    partial = cli(
        "clearance", "add", area, "--date", "2021-04-02", "--area-m2", "100000",
        "--method", "technical_survey", "--items", "ap_mine=2,UXO=1", "--items", "AT mine=1",
        "--json",
    )  # fmt: skip
    assert partial.exit_code == 0, partial.stderr
    record = json.loads(partial.stdout)
    assert record["items"] == {"ap_mine": 2, "uxo": 1, "at_mine": 1}
    assert record["status"] == "reduced"
    rest = str(record["remaining_m2"])
    done = cli("clearance", "add", area, "--date", "2021-04-09", "--area-m2", rest)
    assert done.exit_code == 0, done.stderr
    assert "0.0 m² remain, status cleared" in done.stdout
    assert (_items(cli)[0]["status"], _items(cli)[0]["remaining_m2"]) == ("cleared", 0.0)


def test_an_unknown_item_type_exits_2(stocked: Run) -> None:
    cli = stocked
    bad = cli(
        "clearance", "add", "1", "--date", "2021-04-02", "--area-m2", "5", "--items", "tank=1"
    )
    assert bad.exit_code == 2 and "items: 'tank' is not one of" in bad.stderr


def test_status_changes_follow_the_machine(stocked: Run) -> None:
    cli = stocked
    ok = cli("hazards", "status", "1", "confirmed", "--reason", "mine seen", "--date", "2021-03-09")
    assert ok.exit_code == 0 and "is confirmed" in ok.stdout
    refused = cli("hazards", "status", "1", "suspected", "--reason", "second thoughts")
    assert refused.exit_code == 2
    assert "cannot go from confirmed to suspected" in refused.stderr
    shown = json.loads(cli("hazards", "show", "1", "--json").stdout)
    assert [(h["day"], h["to"]) for h in shown["history"]][-1] == ("2021-03-09", "confirmed")


def test_victims_and_the_hazard_link_are_listed_with_the_incident(
    stocked: Run, database: Database
) -> None:
    cli = stocked
    incident = make_incident(
        database, category="explosive_ordnance", type="mine_explosion", lon=46.935, lat=40.005
    )
    assert cli("hazards", "link", str(incident), "1").exit_code == 0
    added = cli(
        "victims", "add", str(incident), "--age", "child", "--sex", "male",
        "--role", "civilian", "--outcome", "injured", "--count", "2",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    listed = json.loads(cli("victims", "list", str(incident), "--json").stdout)
    assert listed["hazard_area_id"] == 1 and listed["victim_count"] == 2
    shown = json.loads(cli("incident", str(incident), "--json").stdout)
    assert shown["mine_action"]["victims"] == listed["victims"]
    text = cli("incident", str(incident)).stdout
    assert "hazardous area: 1" in text and "injured, civilian, child, male" in text
    bad = cli("victims", "add", str(incident), "--age", "teen")
    assert bad.exit_code == 2 and "--age: 'teen' is not one of" in bad.stderr


def test_suggest_then_accept_an_area_around_an_accident(cli: Run, database: Database) -> None:
    make_incident(database, category="explosive_ordnance", type="uxo_explosion")
    suggested = cli("hazards", "suggest", "--radius", "300", "--json")
    assert suggested.exit_code == 0, suggested.stderr
    [pair] = json.loads(suggested.stdout)["suggested"]
    waiting = json.loads(cli("hazards", "--suggested", "--format", "json").stdout)["items"]
    assert [w["id"] for w in waiting] == [pair["hazard_area_id"]]
    assert cli("hazards", "accept", str(pair["hazard_area_id"])).exit_code == 0
    assert [i["status"] for i in _items(cli)] == ["suspected"]
    again = cli("hazards", "reject", str(pair["hazard_area_id"]))
    assert again.exit_code == 2 and "no suggestion waiting" in again.stderr
