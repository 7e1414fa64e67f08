"""JSON envelopes: one object, an array, or JSON Lines; errors name file, line and field."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from ceasefire.errors import ParseError
from ceasefire.ingest.parsers import parse_bytes

ENVELOPE = (
    b'{"id": "a1", "headline": "Shots near Tovuz", "text": "Shots were fired near Tovuz.", '
    b'"published": "2021-05-03", "source": "AzerNews", "url": "https://example.org/a1", '
    b'"language": "en"}'
)


def test_one_envelope_is_one_document_with_every_field() -> None:
    [parsed] = parse_bytes(ENVELOPE, name="a1.json", format="json")
    document = parsed.document
    assert (document.id, document.headline, document.body) == (
        "a1",
        "Shots near Tovuz",
        "Shots were fired near Tovuz.",
    )
    assert document.published == datetime(2021, 5, 3)
    assert (document.source, document.url, document.language) == (
        "AzerNews",
        "https://example.org/a1",
        "en",
    )
    assert parsed.raw == ENVELOPE and parsed.format == "json"


def test_json_lines_give_one_document_per_line_with_that_line_as_raw() -> None:
    lines = [b'{"id": 1, "text": "first"}', b'{"id": 2, "text": "second"}']
    parsed = parse_bytes(b"\n".join(lines) + b"\n\n", name="batch.jsonl", format="json")
    assert [p.document.body for p in parsed] == ["first", "second"]
    assert [p.document.id for p in parsed] == ["1", "2"]
    assert [p.raw for p in parsed] == lines


def test_array_of_envelopes_is_read_too() -> None:
    parsed = parse_bytes(b'[{"text": "one"}, {"text": "two"}]', name="a.json", format="json")
    assert [p.document.body for p in parsed] == ["one", "two"]
    assert parsed[0].raw != parsed[1].raw


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("null", None),
        ('"2020-12-24"', datetime(2020, 12, 24)),
        ('"2020-12-24T11:00:00"', datetime(2020, 12, 24, 11)),
        ('"2020-12-24T11:00:00Z"', datetime(2020, 12, 24, 11, tzinfo=UTC)),
        (
            '"2020-12-24T11:00:00+04:00"',
            datetime(2020, 12, 24, 11, tzinfo=timezone(timedelta(hours=4))),
        ),
    ],
)
def test_published_may_be_null_a_date_or_a_datetime(
    published: str, expected: datetime | None
) -> None:
    raw = b'{"text": "t", "published": ' + published.encode() + b"}"
    [parsed] = parse_bytes(raw, name="a.json", format="json")
    assert parsed.document.published == expected


def test_published_option_fills_only_missing_dates() -> None:
    raw = b'{"text": "a", "published": null}\n{"text": "b", "published": "2021-01-02"}'
    parsed = parse_bytes(raw, name="a.jsonl", format="json", published=date(2020, 11, 10))
    assert [p.document.published for p in parsed] == [datetime(2020, 11, 10), datetime(2021, 1, 2)]


def test_missing_text_names_file_line_and_field() -> None:
    raw = b'{"text": "ok"}\n{"text": "ok"}\n{"headline": "no text"}\n'
    with pytest.raises(ParseError) as caught:
        parse_bytes(raw, name="batch.jsonl", format="json")
    assert caught.value.where == "batch.jsonl:3: field 'text'"
    assert "required" in str(caught.value)


def test_broken_line_names_file_and_line() -> None:
    raw = b'{"text": "ok"}\n{"text": "broken"\n'
    with pytest.raises(ParseError) as caught:
        parse_bytes(raw, name="batch.jsonl", format="json")
    assert caught.value.where == "batch.jsonl:2"


def test_broken_first_line_names_line_one() -> None:
    with pytest.raises(ParseError) as caught:
        parse_bytes(b'{"text": \n', name="a.json", format="json")
    assert caught.value.where.startswith("a.json:")


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b'{"text": 5}', "a.json: field 'text'"),
        (b'{"text": "  "}', "a.json: field 'text'"),
        (b'{"text": "t", "published": "yesterday"}', "a.json: field 'published'"),
        (b'{"text": "t", "published": 20201224}', "a.json: field 'published'"),
        (b'{"text": "t", "headline": ["x"]}', "a.json: field 'headline'"),
        (b'{"text": "t", "id": {"x": 1}}', "a.json: field 'id'"),
        (b'"just a string"', "a.json"),
        (b"[1, 2]", "a.json[0]"),
    ],
)
def test_bad_values_name_the_field(raw: bytes, where: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_bytes(raw, name="a.json", format="json")
    assert caught.value.where == where
