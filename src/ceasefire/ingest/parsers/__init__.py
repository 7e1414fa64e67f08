"""Parsers: received bytes → `ParsedDocument`s, one per article, entry or envelope.

`parse_bytes(raw, name=..., format="auto")` is the one entry point. Formats: `text` (agency
plain-text exports), `html` (web pages, via trafilatura), `feed` (RSS 2.0 / Atom, via
feedparser), `json` (envelopes: one object, an array or JSON Lines) and `auto` (sniffed).
Errors name the file and, when known, the line or field:

    >>> parse_bytes(b'{"text": "Shelling reported."}', name="a.json")[0].document.body
    'Shelling reported.'
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from ceasefire.domain.model import Document
from ceasefire.errors import InputTooLarge, ParseError, UnknownFormat
from ceasefire.ingest.parsers._common import at_midnight, decode, require_content
from ceasefire.ingest.parsers.feed import parse_feed
from ceasefire.ingest.parsers.html import parse_html
from ceasefire.ingest.parsers.json import parse_json
from ceasefire.ingest.parsers.sniff import sniff_format
from ceasefire.ingest.parsers.text import parse_text

FORMATS: Final = ("auto", "text", "html", "feed", "json")
DEFAULT_MAX_BYTES: Final = 10 * 1024 * 1024

_Parser = Callable[[str, bytes, str], list[tuple[Document, bytes]]]
_PARSERS: Final[dict[str, _Parser]] = {
    "text": parse_text,
    "html": parse_html,
    "feed": parse_feed,
    "json": parse_json,
}


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """One document with the bytes that identify it and the format that read it."""

    document: Document
    raw: bytes
    format: str


def parse_bytes(
    raw: bytes,
    *,
    name: str,
    format: str = "auto",
    published: datetime.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[ParsedDocument]:
    """Parse `raw` (read from `name`) as `format`; `published` fills missing publication dates.

    Raises `InputTooLarge` above `max_bytes` (before parsing), `UnknownFormat` for a format
    not in `FORMATS`, and `ParseError` naming the file, line or field for bad input.
    """
    if format not in FORMATS:
        raise UnknownFormat(
            name, f"unknown format {format!r}; expected one of {', '.join(FORMATS)}"
        )
    if len(raw) > max_bytes:
        raise InputTooLarge(
            name, f"{len(raw)} bytes is above the limit of {max_bytes} bytes (CEASEFIRE_MAX_INPUT)"
        )
    text = decode(raw, name)
    require_content(text, name)
    chosen = sniff_format(text, name) if format == "auto" else format
    documents = _PARSERS[chosen](text, raw, name)
    fallback = None if published is None else at_midnight(published)
    return [
        ParsedDocument(
            document=replace(document, published=fallback)
            if document.published is None and fallback is not None
            else document,
            raw=document_raw,
            format=chosen,
        )
        for document, document_raw in documents
    ]


STDIN: Final = "-"


def read_input(path: str, limit: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file (or stdin for "-"), refused above `limit` before reading it all."""
    name = "<stdin>" if path == STDIN else path
    try:
        if path == STDIN:
            raw = sys.stdin.buffer.read(limit + 1)
        else:
            with Path(path).open("rb") as stream:
                raw = stream.read(limit + 1)
    except OSError as error:
        raise ParseError(name, error.strerror or str(error)) from None
    if len(raw) > limit:
        raise InputTooLarge(
            name, f"more than {limit} bytes, the input limit (CEASEFIRE_MAX_INPUT); split the file"
        )
    return raw


__all__ = ["DEFAULT_MAX_BYTES", "FORMATS", "STDIN", "ParsedDocument", "parse_bytes", "read_input"]
