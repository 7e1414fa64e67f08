"""RSS 2.0 and Atom feeds: each entry becomes a document."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from ceasefire.errors import ParseError
from ceasefire.ingest.parsers import parse_bytes

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Caucasus Wire</title><link>https://wire.example</link>
<item><title>Positions in Tovuz fired upon</title><link>https://wire.example/1</link>
<guid>wire-1</guid><author>desk@wire.example (Desk)</author><category>Security</category>
<pubDate>Thu, 24 Dec 2020 01:00:00 +0400</pubDate>
<description>&lt;p&gt;Positions in &lt;b&gt;Tovuz&lt;/b&gt; came under fire.&lt;/p&gt;&lt;p&gt;No one was hurt &amp;amp; work resumed.&lt;/p&gt;</description></item>
<item><title>Mine found near Fuzuli</title><link>https://wire.example/2</link>
<description>A mine was found.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Border Monitor</title>
<id>urn:monitor</id><updated>2022-09-14T08:00:00Z</updated>
<entry><title>Shelling near Jermuk</title><id>urn:monitor:1</id>
<link href="https://monitor.example/jermuk"/><published>2022-09-13T06:30:00+04:00</published>
<updated>2022-09-14T08:00:00Z</updated><author><name>Ani Petrosyan</name></author>
<summary>Short summary.</summary>
<content type="html">&lt;p&gt;Shelling was reported near Jermuk on Tuesday.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Two injured&lt;/li&gt;&lt;/ul&gt;</content>
</entry></feed>"""


def test_each_rss_item_is_a_document_with_html_stripped() -> None:
    parsed = parse_bytes(RSS, name="wire.xml", format="feed")
    assert [p.document.headline for p in parsed] == [
        "Positions in Tovuz fired upon",
        "Mine found near Fuzuli",
    ]
    first = parsed[0].document
    assert first.body == "Positions in Tovuz came under fire.\nNo one was hurt & work resumed."
    assert first.published == datetime(2020, 12, 24, 1, 0, tzinfo=timezone(timedelta(hours=4)))
    assert (first.id, first.url, first.source, first.section) == (
        "wire-1",
        "https://wire.example/1",
        "Caucasus Wire",
        "Security",
    )
    assert parsed[1].document.published is None
    assert all(p.format == "feed" for p in parsed)


def test_atom_entry_takes_its_full_content_and_dates() -> None:
    [parsed] = parse_bytes(ATOM, name="monitor.atom", format="feed")
    document = parsed.document
    assert document.body == "Shelling was reported near Jermuk on Tuesday.\nTwo injured"
    assert document.published == datetime(2022, 9, 13, 6, 30, tzinfo=timezone(timedelta(hours=4)))
    assert document.modified == datetime(2022, 9, 14, 8, 0, tzinfo=UTC)
    assert (document.author, document.url) == ("Ani Petrosyan", "https://monitor.example/jermuk")


def test_entry_raw_is_stable_and_differs_between_entries() -> None:
    first = parse_bytes(RSS, name="wire.xml", format="feed")
    again = parse_bytes(RSS.replace(b"Caucasus Wire", b"Renamed"), name="x.xml", format="feed")
    assert [p.raw for p in first] == [p.raw for p in again]
    assert first[0].raw != first[1].raw


def test_auto_recognises_rss_and_atom() -> None:
    assert parse_bytes(RSS, name="wire")[0].format == "feed"
    assert parse_bytes(ATOM, name="monitor")[0].format == "feed"


def test_text_that_is_not_a_feed_is_refused() -> None:
    with pytest.raises(ParseError, match="not an RSS or Atom feed"):
        parse_bytes(b"just words", name="words.txt", format="feed")
