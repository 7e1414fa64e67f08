"""The map in a real browser: `ceasefire serve` over the demo database, Debian's chromium
driven by Playwright. Markers and clusters, the date filter, the timeline brush, the hazard
layer, escaped popups, and not one request outside the server. Screenshots go to tmp_path.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from api_support import served
from ceasefire.services import hazards, setup
from ceasefire.storage.schema import incidents
from ceasefire.storage.sql import Database
from mine_action_support import AGHDAM_FIELD, box, collection, feature

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists() and os.environ.get("CI", "").lower() != "true",
        reason="needs Debian's chromium at /usr/bin/chromium",
    ),
]

#: Shown in a popup: must arrive as text, never as markup.
PAYLOAD = '<img src="/xss-probe" onerror="window.__xss = 1">'


@dataclass
class Site:
    base: str
    token: str


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The demo, two hazardous areas and an incident with markup in its claimant, served."""
    folder = tmp_path_factory.mktemp("map-browser")
    database = Database(f"sqlite:///{folder / 'demo.db'}")
    try:
        setup.build_demo(database)
        token = setup.demo_officer_token(database).secret
        hazards.import_geojson(
            database,
            collection(
                feature("Aghdam north field", "confirmed", AGHDAM_FIELD),
                feature("Fuzuli south field", "cleared", box(47.1, 39.55, 47.13, 39.58)),
            ),
            where="test",
            actor="analyst",
        )
        _incident_with_markup(database)
        with served(database) as base:
            yield Site(base, token)
    finally:
        database.dispose()


def _incident_with_markup(database: Database) -> None:
    now = datetime.now(UTC)
    day = date(2021, 2, 1)
    with database.begin() as conn:
        conn.execute(
            incidents.insert().values(
                category="other_incident", type="other_incident", status="reported",
                time_start=day, time_end=day, time_precision="day", place_name=PAYLOAD,
                lat=40.6, lon=47.8, place_precision="settlement", casualties={},
                claimants=[PAYLOAD], perpetrators=[], summary=PAYLOAD, version=1,
                created_at=now, updated_at=now,
            )
        )  # fmt: skip


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, site: Site) -> Iterator[Any]:
    context = browser.new_context(
        extra_http_headers={"Authorization": f"Bearer {site.token}"},
        viewport={"width": 1280, "height": 900},
    )
    opened = context.new_page()
    opened.requested = []
    opened.errors = []
    opened.on("request", lambda request: opened.requested.append(request.url))
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    yield opened
    context.close()


def _wait_until(page: Any, expression: str, timeout: float = 20.0) -> None:
    """Poll a JavaScript expression from the test (page.evaluate goes through the DevTools
    protocol; Playwright's wait_for_function evaluates a string in the page, which the UI's
    CSP forbids)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        page.wait_for_timeout(100)


def _rendered(page: Any) -> int:
    _wait_until(page, "document.body.dataset.rendered !== undefined")
    return int(page.evaluate("document.body.dataset.rendered"))


def _assert_all_requests_stay_on(page: Any, base: str) -> None:
    assert page.requested, "the page made requests"
    outside = [url for url in page.requested if not url.startswith(base + "/")]
    assert outside == []
    assert page.errors == []


def test_map_shows_clusters_and_filters_by_date(page: Any, site: Site, tmp_path: Path) -> None:
    page.goto(site.base + "/")
    everything = _rendered(page)
    assert everything >= 9  # the demo's placed incidents and the one added here
    assert page.locator(".marker-cluster").count() >= 1
    page.screenshot(path=tmp_path / "map.png")

    page.fill("#filter-from", "2021-03-07")
    page.fill("#filter-to", "2021-03-12")
    page.click("button[type=submit]")
    _wait_until(
        page,
        f"document.body.dataset.rendered !== undefined && "
        f"document.body.dataset.rendered !== '{everything}'",
        timeout=20_000,
    )
    later = _rendered(page)
    assert 0 < later < everything
    assert "from=2021-03-07" in page.url
    page.screenshot(path=tmp_path / "map-filtered.png")
    _assert_all_requests_stay_on(page, site.base)


def test_brushing_the_timeline_sets_the_date_filter(page: Any, site: Site, tmp_path: Path) -> None:
    page.goto(site.base + "/")
    everything = _rendered(page)
    chart = page.locator("#timeline")
    _wait_until(page, "Number(document.getElementById('timeline').dataset.days) > 1")
    area = chart.bounding_box()
    assert area is not None
    y = area["y"] + area["height"] / 2
    # From the right end (the last days) back to two thirds across.
    page.mouse.move(area["x"] + area["width"] - 2, y)
    page.mouse.down()
    page.mouse.move(area["x"] + area["width"] * 0.8, y, steps=5)
    page.mouse.move(area["x"] + area["width"] * 0.67, y, steps=5)
    page.mouse.up()
    _wait_until(page, "document.getElementById('filter-from').value !== ''")
    start = page.input_value("#filter-from")
    end = page.input_value("#filter-to")
    assert start < end
    _wait_until(
        page,
        f"document.body.dataset.rendered !== undefined && "
        f"document.body.dataset.rendered !== '{everything}'",
        timeout=20_000,
    )
    assert _rendered(page) < everything
    assert page.locator(".timeline-selection").get_attribute("width") not in (None, "0")
    page.screenshot(path=tmp_path / "timeline.png")
    _assert_all_requests_stay_on(page, site.base)


def test_hazard_layer_draws_areas_by_status(page: Any, site: Site, tmp_path: Path) -> None:
    page.goto(site.base + "/")
    _rendered(page)
    _wait_until(page, "document.getElementById('map').dataset.hazards === '2'")
    assert page.locator("path.hazard-confirmed").count() == 1
    assert page.locator("path.hazard-cleared").count() == 1
    assert page.locator(".map-legend").inner_text().count("cleared") == 1
    assert page.locator(".leaflet-control-layers").inner_text().count("Hazardous areas") == 1
    page.screenshot(path=tmp_path / "hazards.png")
    _assert_all_requests_stay_on(page, site.base)


def test_popup_shows_source_text_as_text(page: Any, site: Site, tmp_path: Path) -> None:
    page.goto(site.base + "/?claimant=onerror")
    assert _rendered(page) == 1
    marker = page.locator("path.incident")
    marker.wait_for(timeout=10_000)
    marker.click()
    popup = page.locator(".leaflet-popup-content")
    popup.get_by_text("Open the incident").wait_for(timeout=10_000)
    assert PAYLOAD in popup.inner_text()
    assert popup.locator("img").count() == 0
    assert page.evaluate("window.__xss") is None
    assert popup.locator("a").get_attribute("href", timeout=1000).startswith("/incidents/")
    page.screenshot(path=tmp_path / "popup.png")
    assert not any("xss-probe" in url for url in page.requested)
    _assert_all_requests_stay_on(page, site.base)
