"""The UI in a real browser: `ceasefire serve` as a process, Debian's chromium via Playwright.

Covers signing in through the form and recording a position, escaping of hostile source text
on every page that shows it (nothing runs, the payload shows as text), and that no page asks
anything of another server. Screenshots go to each test's tmp_path.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from api_support import served, stock_centre
from ceasefire.domain.model import Claim, Document
from ceasefire.storage.sql import Database

CHROMIUM = Path("/usr/bin/chromium")
SCRIPT = "<script>window.__xss=1</script>"
IMAGE = '<img src=x onerror="window.__xss=1">'

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(autouse=True)
def _needs_chromium() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is missing and CI=true forbids skipping the browser tests")
        pytest.skip(f"needs Debian's chromium at {CHROMIUM}")


@pytest.fixture
def server(
    tmp_path: Path, fake_extract: Callable[[Document], list[Claim]]
) -> Iterator[tuple[str, dict[str, str]]]:
    """`ceasefire serve` over a new SQLite database holding the stock centre; (URL, tokens)."""
    database = Database(f"sqlite:///{tmp_path / 'ui.db'}")
    database.init()
    tokens = stock_centre(database, tmp_path, fake_extract)
    database.dispose()
    with served(database) as base:
        yield base, tokens


@contextmanager
def browser_page(base: str, requests: list[str], headers: dict[str, str] | None = None) -> Iterator:  # type: ignore[type-arg]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"], headless=True
        )
        try:
            context = browser.new_context(extra_http_headers=headers or {})
            page = context.new_page()
            page.on("request", lambda request: requests.append(request.url))
            yield page
        finally:
            browser.close()


def _only_local(requests: list[str], base: str) -> None:
    strangers = [url for url in requests if not url.startswith(base + "/")]
    assert requests and not strangers, strangers


def test_an_officer_signs_in_and_records_a_position(
    server: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    base, tokens = server
    requests: list[str] = []
    with browser_page(base, requests) as page:
        page.goto(f"{base}/incidents/1")
        assert "/login" in page.url
        page.fill("#token", tokens["aziz"])
        page.click("#login-form button[type=submit]")
        page.wait_for_url(f"{base}/incidents/1")
        assert page.inner_text("#incident-status") == "reported"
        page.select_option("#position", "confirms")
        page.fill("#reason", "Joint patrol found fresh impact marks")
        page.click("#position-form button[type=submit]")
        # A locator wait, not wait_for_function: the page's CSP forbids evaluating strings.
        page.locator("#position-result", has_text="Recorded").wait_for()
        assert page.inner_text("#incident-status") == "under_review"
        assert "Joint patrol found fresh impact marks" in page.inner_text("#current-positions")
        page.screenshot(path=str(tmp_path / "incident-after-position.png"), full_page=True)
        page.reload()
        assert page.inner_text("#incident-status") == "under_review"
    _only_local(requests, base)


def _no_script_ran(page, dialogs: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []


def test_hostile_source_text_is_shown_escaped_and_never_runs(
    server: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    base, tokens = server
    requests: list[str] = []
    dialogs: list[str] = []
    headline = f"Shelling near Aghdam {SCRIPT} {IMAGE}"
    text = (
        f"The Defence Ministry of Azerbaijan said Armenian forces opened fire on Azerbaijani "
        f"positions near Aghdam on 3 March 2021 {SCRIPT}. A soldier was wounded {IMAGE}."
    )
    with browser_page(base, requests, {"Authorization": f"Bearer {tokens['ana']}"}) as page:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{base}/ingest")
        page.fill("#headline", headline)
        page.fill("#text", text)
        page.fill("#outlet", "Agency <b>bold</b>")
        page.fill("#published", "2021-03-04")
        page.click("#ingest-form button[type=submit]")
        page.wait_for_selector("#save-form")
        page.screenshot(path=str(tmp_path / "ingest-preview.png"), full_page=True)
        _no_script_ran(page, dialogs)
        assert SCRIPT in page.inner_text("main") and IMAGE in page.inner_text("main")
        page.click("#save-form button[type=submit]")
        page.wait_for_selector("#saved")
        links = page.eval_on_selector_all(
            "#saved a[href^='/incidents/']", "els => els.map(e => e.getAttribute('href'))"
        )
        assert links, page.inner_text("main")
        page.goto(base + links[0])
        _no_script_ran(page, dialogs)
        assert SCRIPT in page.inner_text("main")
        page.screenshot(path=str(tmp_path / "incident-hostile.png"), full_page=True)
    with browser_page(base, requests, {"Authorization": f"Bearer {tokens['aziz']}"}) as page:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{base}/review")
        _no_script_ran(page, dialogs)
        assert SCRIPT in page.inner_text("#awaiting") and IMAGE in page.inner_text("#awaiting")
        page.screenshot(path=str(tmp_path / "review-hostile.png"), full_page=True)
    _only_local(requests, base)
