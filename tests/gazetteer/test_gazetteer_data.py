"""The bundled data file: attribution, size, and agreement with its sources in ../shared."""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
import sys
from pathlib import Path

import pytest

import ceasefire.gazetteer
from ceasefire.gazetteer import Gazetteer, distance_km

REPO = Path(__file__).resolve().parents[2]
DATA_FILE = REPO / "src" / "ceasefire" / "gazetteer" / "data" / "gazetteer.json.gz"


def test_bundled_gazetteer_is_loaded_once() -> None:
    assert Gazetteer.bundled() is Gazetteer.bundled()


def test_data_file_credits_geonames_and_stays_small() -> None:
    data = json.loads(gzip.decompress(DATA_FILE.read_bytes()))
    assert "GeoNames (geonames.org), CC BY 4.0" in data["attribution"]
    assert "GeoNames (geonames.org), CC BY 4.0" in (ceasefire.gazetteer.__doc__ or "")
    assert DATA_FILE.stat().st_size < 3 * 1024 * 1024


def test_villages_we_add_lie_near_their_rayon_seat() -> None:
    g = Gazetteer.bundled()
    for village, seat, km in ((-2001, 584821, 15.0), (-2002, 148619, 20.0)):  # Tovuz, Aghdam
        place, town = g.get(village), g.get(seat)
        assert place.admin1 == town.admin1 and place.feature_class == "P"
        assert distance_km(place.lat, place.lon, town.lat, town.lon) < km


@pytest.mark.shared
def test_every_contested_alias_reaches_its_geonames_place(shared_dir: Path) -> None:
    g = Gazetteer.bundled()
    path = shared_dir / "data" / "gazetteer" / "contested_place_aliases_AZ.csv"
    with path.open(encoding="utf-8", newline="") as rows:
        checked = list(csv.DictReader(rows))
    assert len(checked) >= 80
    for row in checked:
        found = [p.geonameid for p in g.lookup(row["queried_alias"])]
        assert int(row["geonameid"]) in found, row["queried_alias"]
        place = g.get(int(row["geonameid"]))
        assert (place.lat, place.lon) == (float(row["lat"]), float(row["lon"]))


@pytest.mark.shared
@pytest.mark.slow
def test_shipped_file_is_what_the_build_script_makes(shared_dir: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", REPO / "scripts" / "build_gazetteer.py"
    )
    assert spec is not None and spec.loader is not None
    build_gazetteer = importlib.util.module_from_spec(spec)
    sys.modules["build_gazetteer"] = build_gazetteer  # dataclasses look their module up
    spec.loader.exec_module(build_gazetteer)
    rebuilt = build_gazetteer.build(shared_dir)
    shipped = json.loads(gzip.decompress(DATA_FILE.read_bytes()))
    assert rebuilt == shipped
