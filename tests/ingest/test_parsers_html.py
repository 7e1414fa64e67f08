"""HTML pages: main text and metadata through trafilatura."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ceasefire.errors import ParseError
from ceasefire.ingest.parsers import parse_bytes

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Mortar fire near Aghdam | Example Monitor</title>
<meta property="og:site_name" content="Example Monitor">
<meta property="og:title" content="Mortar fire near Aghdam">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-03-05T09:30:00+04:00">
<link rel="canonical" href="https://monitor.example/2021/03/aghdam">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Mortar fire near Aghdam</h1>
<p>The Defence Ministry said on Friday that positions near Aghdam came under mortar fire
overnight, in the first such report since the ceasefire took effect.</p>
<p>No casualties were reported, according to the ministry, which said its units returned
fire and that the situation was under control by the morning.</p>
</article>
<footer>Copyright 2021 Example Monitor. All rights reserved. Cookie settings.</footer>
</body></html>
"""


def test_page_gives_title_date_author_site_and_main_text() -> None:
    [parsed] = parse_bytes(PAGE.encode(), name="aghdam.html", format="html")
    document = parsed.document
    assert document.headline == "Mortar fire near Aghdam"
    assert document.published == datetime(2021, 3, 5, 9, 30, tzinfo=timezone(timedelta(hours=4)))
    assert document.author == "Jane Doe"
    assert document.source == "Example Monitor"
    assert document.url == "https://monitor.example/2021/03/aghdam"
    assert document.body.startswith("The Defence Ministry said on Friday")
    assert "under control by the morning" in document.body
    assert "Cookie" not in document.body and "Sport" not in document.body
    assert parsed.raw == PAGE.encode() and parsed.format == "html"


def test_page_is_found_by_auto() -> None:
    [parsed] = parse_bytes(PAGE.encode(), name="aghdam.html")
    assert parsed.format == "html"


def test_page_without_text_is_an_error_naming_the_file() -> None:
    with pytest.raises(ParseError) as caught:
        parse_bytes(
            b"<html><head><title>T</title></head><body><script>x=1</script></body></html>",
            name="empty.html",
            format="html",
        )
    assert caught.value.where == "empty.html"


def test_very_large_page_is_read_in_linear_time_without_menus() -> None:
    paragraph = "<p>" + "Positions near Aghdam came under fire. " * 20 + "</p>\n"
    page = (
        "<html><head><title>Long report</title></head><body><nav>Menu Sport</nav><article>"
        + paragraph * 7000
        + "</article><footer>Cookie settings</footer></body></html>"
    ).encode()
    assert len(page) > 3 * 1024 * 1024
    [parsed] = parse_bytes(page, name="long.html")
    assert parsed.document.headline == "Long report"
    assert parsed.document.body.count("\n") == 6999
    assert "Menu" not in parsed.document.body and "Cookie" not in parsed.document.body
