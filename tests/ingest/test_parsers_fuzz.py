"""Any input gives documents or a ParseError: never another exception, never a hang."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire.errors import ParseError
from ceasefire.ingest.parsers import FORMATS, parse_bytes

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
#: Fragments of every format, so that generated inputs reach deep into each parser.
_FRAGMENTS = st.sampled_from(
    [
        "{", "}", "[", "]", '"text"', ":", ",", '"published"', "null", '"2020-12-24"', "\n",
        "<rss>", "</rss>", "<item>", "<title>", "<feed>", "<entry>", "<?xml version='1.0'?>",
        "<html>", "<body>", "<p>", "</p>", "<script>", "&amp;", "- ", "Published Date: ",
        "11:00 | 24 December 2020", "- Anadolu Agency", "Aghdam", "\r\n", "\ufeff", "\x00",
    ]
)  # fmt: skip
_TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(_FRAGMENTS | st.text(string.printable, max_size=12), max_size=40).map("".join),
)


def _parse_or_parse_error(raw: bytes, format: str) -> None:
    try:
        parsed = parse_bytes(raw, name="fuzz.in", format=format)
    except ParseError as error:
        assert str(error).startswith("fuzz.in")
        return
    for item in parsed:
        assert item.format in FORMATS[1:]
        assert isinstance(item.document.body, str) and isinstance(item.raw, bytes)


@FUZZ
@given(raw=st.binary(max_size=400), format=st.sampled_from(FORMATS))
def test_arbitrary_bytes_parse_or_raise_parse_error(raw: bytes, format: str) -> None:
    _parse_or_parse_error(raw, format)


@FUZZ
@given(text=_TEXTS, format=st.sampled_from(FORMATS))
def test_arbitrary_text_parses_or_raises_parse_error(text: str, format: str) -> None:
    _parse_or_parse_error(text.encode("utf-8", errors="surrogatepass"), format)
