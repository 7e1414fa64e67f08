"""The map page `/` as served: the shell, its configuration in data- attributes, no inline
script, the basemap route and the tile setting (fast, TestClient, SQLite)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ceasefire.api import create_app
from ceasefire.config import Settings
from ceasefire.errors import ConfigurationError
from ceasefire.services import setup
from ceasefire.storage.sql import Database

STATIC = Path(__file__).resolve().parents[2] / "src" / "ceasefire" / "web" / "static"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    url = f"sqlite:///{tmp_path / 'map.db'}"
    database = Database(url)
    database.init()
    database.dispose()
    return Settings(database_url=url, public_read=True)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


def test_map_page_loads_only_scripts_from_the_server(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts, "the page loads its scripts"
    for attributes, body in scripts:
        assert body.strip() == "", "no inline script (CSP script-src 'self')"
        assert re.search(r'src="/static/', attributes)
    assert "http://" not in html and "https://" not in html
    assert 'data-tile-url=""' in html
    assert 'data-api="/api/v1"' in html


def test_map_page_lists_the_filters(client: TestClient) -> None:
    html = client.get("/").text
    for name in ("from", "to", "category", "status", "district", "claimant"):
        assert f'name="{name}"' in html
    assert "Khojavend District" in html
    assert '<option value="explosive_ordnance">' in html
    assert 'value="context"' not in html  # context is never counted as an incident


def test_tile_url_reaches_the_page_escaped(settings: Settings) -> None:
    tiled = replace(
        settings,
        tile_url="https://tiles.example.org/{z}/{x}/{y}.png?a=1&b=2",
        tile_attribution='<b onmouseover="x()">Tiles</b>',
    )
    with TestClient(create_app(tiled)) as client:
        html = client.get("/").text
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png?a=1&amp;b=2"' in html
    assert "<b onmouseover" not in html
    assert "&lt;b onmouseover=&#34;x()&#34;&gt;Tiles&lt;/b&gt;" in html


def test_tile_url_setting_is_read_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings.from_env().tile_url == ""
    monkeypatch.setenv("CEASEFIRE_TILE_URL", "https://t.example.org/{z}/{x}/{y}.png")
    assert Settings.from_env().tile_url == "https://t.example.org/{z}/{x}/{y}.png"
    monkeypatch.setenv("CEASEFIRE_TILE_URL", "javascript:alert(1)")
    with pytest.raises(ConfigurationError, match="CEASEFIRE_TILE_URL"):
        Settings.from_env()


def test_basemap_is_the_bundled_natural_earth_outlines(client: TestClient) -> None:
    response = client.get("/map/basemap.geojson")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/geo+json"
    names = {f["properties"]["name"] for f in response.json()["features"]}
    assert names == {"Azerbaijan", "Armenia"}


def test_map_scripts_insert_no_markup(client: TestClient) -> None:
    for name in ("map.js", "timeline.js"):
        source = (STATIC / name).read_text()
        assert "innerHTML" not in source and "insertAdjacentHTML" not in source
        assert "http://" not in source.replace("http://www.w3.org/2000/svg", "")
        assert client.get(f"/static/app/{name}").status_code == 200
    for vendor in (
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/markercluster/leaflet.markercluster.js",
    ):
        assert client.get(vendor).status_code == 200


def test_a_tile_server_is_the_one_other_image_origin_the_map_page_allows(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'tiles.db'}")
    setup.init_database(database)
    database.dispose()
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'tiles.db'}",
        public_read=True,
        tile_url="https://tiles.example.org/{z}/{x}/{y}.png",
    )
    with TestClient(create_app(settings)) as client:
        policy = client.get("/").headers["content-security-policy"]
    assert "img-src 'self' data: https://tiles.example.org;" in policy
    assert "script-src" not in policy or "tiles.example.org" not in policy.split("script-src")[1]
