"""Plain text: the agency layout (headline, lede, metadata, body, related headlines) and bare text."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from ceasefire.ingest.parsers import parse_bytes

AGENCY_ARTICLE = """Shelling reported near Tartar - ministry
"Our positions came under fire," the ministry said in a statement on Monday.
- Europe
- Trend News Agency
- Published Date: 09:15 | 3 May 2021
- Modified Date: 10:40 | 3 May 2021
The Defence Ministry said its positions near Tartar came under mortar fire late Sunday.
No casualties were reported.
BACKGROUND
The ceasefire was signed on Nov. 10.
- Football: Qarabag win the league
- Markets close higher
"""


def _parse(text: str, **options: object) -> object:
    [parsed] = parse_bytes(text.encode(), name="trend-2021-05-03.txt", format="text", **options)  # type: ignore[arg-type]
    return parsed


def test_agency_layout_fills_every_field() -> None:
    parsed = _parse(AGENCY_ARTICLE)
    document = parsed.document  # type: ignore[attr-defined]
    assert document.headline == "Shelling reported near Tartar - ministry"
    assert document.section == "Europe"
    assert document.agency == "Trend News Agency"
    assert document.published == datetime(2021, 5, 3, 9, 15)
    assert document.modified == datetime(2021, 5, 3, 10, 40)
    assert document.id == "trend-2021-05-03"


def test_lede_opens_the_body_and_cross_head_stays_as_its_own_line() -> None:
    body = _parse(AGENCY_ARTICLE).document.body  # type: ignore[attr-defined]
    lines = body.split("\n")
    assert lines[0].startswith('"Our positions came under fire,"')
    assert "BACKGROUND" in lines
    assert lines[-1] == "The ceasefire was signed on Nov. 10."


def test_related_headlines_are_kept_out_of_the_body() -> None:
    document = _parse(AGENCY_ARTICLE).document  # type: ignore[attr-defined]
    assert document.related_headlines == (
        "Football: Qarabag win the league",
        "Markets close higher",
    )
    assert "Qarabag" not in document.body and "Markets" not in document.body


def test_windows_newlines_and_blank_lines_do_not_change_the_result() -> None:
    spaced = AGENCY_ARTICLE.replace("\n", "\r\n\r\n")
    assert _parse(spaced).document == _parse(AGENCY_ARTICLE).document  # type: ignore[attr-defined]


def test_raw_is_the_whole_file() -> None:
    assert _parse(AGENCY_ARTICLE).raw == AGENCY_ARTICLE.encode()  # type: ignore[attr-defined]


def test_plain_text_has_a_headline_when_the_first_line_looks_like_one() -> None:
    document = _parse(
        "Two soldiers wounded in Nakhchivan\nTwo soldiers were wounded on Friday.\n",
        published=date(2021, 6, 4),
    ).document  # type: ignore[attr-defined]
    assert document.headline == "Two soldiers wounded in Nakhchivan"
    assert document.body == "Two soldiers were wounded on Friday."
    assert document.published == datetime(2021, 6, 4)
    assert document.related_headlines == ()


def test_plain_text_of_sentences_is_all_body() -> None:
    text = "A mine exploded near Fuzuli.\nOne deminer was injured.\n- a list item that stays\n"
    document = _parse(text).document  # type: ignore[attr-defined]
    assert document.headline == ""
    assert document.body == text.strip()


@pytest.mark.shared
def test_anadolu_article_is_read_as_the_design_says(shared_dir: Path) -> None:
    path = shared_dir / "data" / "articles" / "anadolu-2020-12-24-turkish-troops-upper-karabakh.txt"
    [parsed] = parse_bytes(path.read_bytes(), name=path.name)
    document = parsed.document
    assert parsed.format == "text"
    assert document.headline.startswith("Turkish troops deployed in Upper Karabakh")
    assert (document.section, document.agency) == ("World", "Anadolu Agency")
    assert document.published == datetime(2020, 12, 24, 11, 0)
    assert document.modified == datetime(2020, 12, 31, 11, 10)
    assert len(document.related_headlines) == 5
    assert document.related_headlines[0].startswith("Brazil reports more than 1,000 COVID-19")
    assert "COVID" not in document.body and "Macron" not in document.body
    assert document.body.startswith('"Our activities will intensify')
    assert "LIBERATION OF UPPER KARABAKH" in document.body.split("\n")
    assert document.body.endswith("withdrawing in line with the agreement.")
    assert "- World" not in document.body
