"""Rendered reports: neutral words, traceable figures, three languages, the same bytes twice."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from ceasefire.config import Settings
from ceasefire.reports.lexicon import loaded_terms, neutral_text
from ceasefire.reports.naming import place_label
from ceasefire.reports.render import id_ranges
from ceasefire.services.reports import produce
from ceasefire.storage.sql import Database
from report_support import DAY, ISSUED, monitored_day

SETTINGS = Settings()
_DATA_URI = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")
_TAG = re.compile(r"<[^>]+>")


@pytest.fixture
def backend() -> str:
    """Rendering does not depend on the backend: SQLite only."""
    return "sqlite"


def _text(database: Database, output_format: str, language: str) -> str:
    content = produce(
        database, "daily", DAY, settings=SETTINGS, output_format=output_format,
        language=language, issued_at=ISSUED,
    )  # fmt: skip
    if output_format == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return _TAG.sub(" ", _DATA_URI.sub("", content.decode()))


@pytest.mark.parametrize("language", ["en", "ru", "tr"])
@pytest.mark.parametrize("output_format", ["md", "html"])
def test_reports_never_repeat_loaded_words_of_claims_or_positions(
    database: Database, output_format: str, language: str
) -> None:
    monitored_day(database)
    text = _text(database, output_format, language)
    assert "Khankendi" in text  # the data did reach the report
    assert loaded_terms(text) == []


def test_the_lexicon_knows_loaded_words_in_all_three_languages() -> None:
    text = "martyred, liberated, occupied, terrorist, aggressor, genocide; оккупанты; şehit, işgal"
    assert len(loaded_terms(text)) == 9
    assert loaded_terms(neutral_text("The aggressor's occupants fired")) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ru", ["Ежедневный отчёт", "Нарушения", "Приложение"]),
        ("tr", ["Günlük rapor", "İlçe", "Şikâyetler"]),
    ],
)
def test_pdf_renders_cyrillic_and_turkish_letters(
    database: Database, language: str, words: list[str]
) -> None:
    monitored_day(database)
    text = _text(database, "pdf", language)
    for word in words:
        assert word in text
    assert loaded_terms(text) == []


def test_html_links_each_figure_to_the_incidents_it_counts(database: Database) -> None:
    day = monitored_day(database)
    html = produce(
        database, "daily", DAY, settings=SETTINGS, output_format="html", issued_at=ISSUED
    )
    page = html.decode()
    for incident in (day.mortar, day.disputed, day.accident):
        assert f'id="incident-{incident}"' in page
    # "Ceasefire violations recorded: 2" links to its annex line, which links to both incidents.
    anchor = re.search(
        r'Ceasefire violations recorded:</strong> <a class="fig" href="#(f\d+)">2</a>', page
    )
    assert anchor is not None
    entry = re.search(rf'<li id="{anchor.group(1)}">(.*?)</li>', page)
    assert entry is not None
    for incident in (day.mortar, day.disputed):
        assert f'href="#incident-{incident}"' in entry.group(1)
    assert page.count("data:image/png;base64,") == 2  # the chart and the map


def test_markdown_has_an_annex_of_the_periods_incidents(database: Database) -> None:
    day = monitored_day(database)
    text = _text(database, "md", "en")
    annex = text.split("## Annex: incidents of the period")[1]
    for incident in (day.mortar, day.disputed, day.accident):
        assert f"\n| {incident} | 2021-03-09 |" in annex
    assert "F1:" in text


@pytest.mark.parametrize("output_format", ["md", "html", "pdf"])
def test_same_database_date_and_issue_time_give_the_same_bytes(
    database: Database, output_format: str
) -> None:
    monitored_day(database)

    def once() -> bytes:
        return produce(
            database, "weekly", DAY, settings=SETTINGS, output_format=output_format,
            language="ru", issued_at=ISSUED,
        )  # fmt: skip

    assert once() == once()


def test_places_the_parties_name_differently_show_both_names() -> None:
    assert place_label("Khankendi", 146970) == "Khankendi (Stepanakert)"
    assert place_label("Tovuz", None) == "Tovuz"
    assert place_label(None, None) == ""


def test_consecutive_incident_ids_are_shown_as_ranges() -> None:
    assert id_ranges([1, 2, 3, 7, 9, 10]) == [(1, 3), (7, 7), (9, 10)]


@pytest.mark.parametrize(
    ("policy", "label"),
    [
        ("both", "Khankendi (Stepanakert)"),
        ("gazetteer", "Khankendi"),
        ("azerbaijani", "Khankendi"),
        ("armenian", "Stepanakert"),
    ],
)
def test_the_naming_policy_setting_decides_how_a_place_is_named(policy: str, label: str) -> None:
    assert place_label("Khankendi", 146970, policy) == label


def test_the_naming_policy_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from ceasefire.config import Settings

    monkeypatch.setenv("CEASEFIRE_PLACE_NAMES", "armenian")
    assert Settings.from_env().place_names == "armenian"
