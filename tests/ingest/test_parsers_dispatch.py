"""The dispatcher: format sniffing, decoding, size limit and the errors every format shares."""

from __future__ import annotations

import pytest

from ceasefire.errors import InputTooLarge, ParseError, UnknownFormat
from ceasefire.ingest.parsers import FORMATS, ParsedDocument, parse_bytes
from ceasefire.ingest.parsers.sniff import sniff_format


def test_formats_are_the_contract() -> None:
    assert FORMATS == ("auto", "text", "html", "feed", "json")


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ('{"text": "x"}', "json"),
        ('  [{"text": "x"}]', "json"),
        ('{"text": "x"}\n{"text": "y"}', "json"),
        ('<?xml version="1.0"?><rss version="2.0">', "feed"),
        ('<?xml version="1.0"?>\n<!-- c -->\n<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("<rss>", "feed"),
        ("<!DOCTYPE html><html>", "html"),
        ("<html><body><p>x</p></body></html>", "html"),
        ('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', "html"),
        ("Headline\nBody text.", "text"),
        ("<3 this ceasefire", "text"),
        ("[FICTIONAL DEMO] Shelling near Alibeyli\nMortar fire was heard at dawn.", "text"),
        ("[Update] Two soldiers wounded\n\nThe ministry said...", "text"),
        ("{Corrected} Mine blast in Fuzuli\nA deminer was injured.", "text"),
        ("[1, 2", "text"),
        ("[" * 5000, "text"),
        ('["a"]\n["b"]', "text"),  # JSON Lines of arrays are no envelopes
        ('{"text": "x"}\n{"text": broken}', "json"),  # the first line decides JSON Lines
        ("[]", "json"),
    ],
)
def test_auto_sniffs_the_format(start: str, expected: str) -> None:
    assert sniff_format(start) == expected


def test_text_whose_first_line_starts_with_a_bracket_is_read_as_text() -> None:
    raw = (
        b"[FICTIONAL DEMO] Shelling near Alibeyli village\n\n"
        b"Mortar rounds landed near the school of Alibeyli village of Tovuz district.\n"
    )
    [parsed] = parse_bytes(raw, name="demo.txt")
    assert parsed.format == "text"
    assert parsed.document.headline == "[FICTIONAL DEMO] Shelling near Alibeyli village"
    assert parsed.document.body.startswith("Mortar rounds landed")


def test_explicit_json_format_still_names_file_and_line_of_bad_json() -> None:
    raw = b"[FICTIONAL DEMO] Shelling near Alibeyli village\nMortar rounds landed.\n"
    with pytest.raises(ParseError) as caught:
        parse_bytes(raw, name="demo.txt", format="json")
    assert caught.value.where == "demo.txt:1" and "invalid JSON" in str(caught.value)


def test_unknown_format_is_refused_naming_the_file() -> None:
    with pytest.raises(UnknownFormat) as caught:
        parse_bytes(b"x", name="a.doc", format="docx")
    assert caught.value.where == "a.doc" and "auto, text, html, feed, json" in str(caught.value)


def test_input_above_the_limit_is_refused_before_parsing() -> None:
    with pytest.raises(InputTooLarge) as caught:
        parse_bytes(b"\xff" * 101, name="big.bin", max_bytes=100)
    assert caught.value.where == "big.bin"


@pytest.mark.parametrize("raw", [b"", b"   \n\t\n"])
def test_empty_file_is_an_error(raw: bytes) -> None:
    with pytest.raises(ParseError, match="empty"):
        parse_bytes(raw, name="empty.txt")


def test_bytes_that_are_not_utf8_are_an_error_naming_the_file() -> None:
    with pytest.raises(ParseError) as caught:
        parse_bytes("Xankəndi".encode("cp1254", errors="replace") + b"\xff\xfe\xfd", name="a.txt")
    assert caught.value.where == "a.txt" and "UTF-8" in str(caught.value)


def test_binary_with_nul_bytes_is_an_error() -> None:
    with pytest.raises(ParseError, match="binary"):
        parse_bytes(b"PK\x03\x04\x00\x00", name="a.zip")


@pytest.mark.parametrize(
    "raw",
    [
        "Şuşa\nXankəndi şəhəri".encode("utf-8-sig"),
        "Şuşa\nXankəndi şəhəri".encode("utf-16"),  # with byte-order mark
        "Şuşa\nXankəndi şəhəri".encode("utf-16-be").join([b"\xfe\xff", b""]),
    ],
)
def test_utf8_bom_and_utf16_with_bom_are_decoded(raw: bytes) -> None:
    [parsed] = parse_bytes(raw, name="a.txt", format="text")
    assert (parsed.document.headline, parsed.document.body) == ("Şuşa", "Xankəndi şəhəri")


def test_parsed_document_is_a_frozen_value() -> None:
    [parsed] = parse_bytes(b'{"text": "x"}', name="a.json")
    assert isinstance(parsed, ParsedDocument)
    with pytest.raises(AttributeError):
        parsed.format = "text"  # type: ignore[misc]
