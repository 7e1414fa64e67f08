"""RSS 2.0 and Atom feeds via feedparser: each entry is a document, HTML stripped."""

from __future__ import annotations

import html
import io
import re
from datetime import datetime
from typing import Any

from ceasefire.domain.model import Document
from ceasefire.errors import ParseError
from ceasefire.ingest.parsers._common import canonical_bytes, from_struct_time, parse_timestamp

_ENCODING_DECLARATION = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*)["'][^"']*["']""")
_BLOCK_TAG = re.compile(
    r"<\s*/?\s*(?:p|div|br|li|ul|ol|h[1-6]|blockquote|tr|article|section)\b[^>]*>", re.IGNORECASE
)
_ANY_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def parse_feed(text: str, raw: bytes, name: str) -> list[tuple[Document, bytes]]:
    """One `Document` per feed entry; its raw bytes are a canonical serialisation of the entry."""
    import feedparser  # only when a feed comes in

    # The text is already decoded: hand feedparser UTF-8 and a matching declaration.
    data = _ENCODING_DECLARATION.sub(r'\1"utf-8"', text, count=1).encode("utf-8")
    try:
        feed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    except Exception as error:  # feedparser's loose parser raises assorted types
        raise ParseError(name, f"cannot read the feed: {error}") from None
    if not feed.get("version"):
        problem = feed.get("bozo_exception")
        detail = f": {problem}" if problem else ""
        raise ParseError(name, f"not an RSS or Atom feed{detail}")
    feed_title = _plain(feed.feed.get("title", "")) or None
    documents = []
    for index, entry in enumerate(feed.entries, start=1):
        documents.append(_entry_document(entry, f"{name}: entry {index}", feed_title))
    return documents


def _field(entry: Any, key: str) -> Any:
    """An entry field as parsed, without feedparser's deprecated fallbacks (which warn)."""
    return dict.get(entry, key)


def _entry_document(entry: Any, where: str, feed_title: str | None) -> tuple[Document, bytes]:
    title = _plain(_field(entry, "title") or "")
    summary = _plain(_field(entry, "summary") or "")
    contents = [_plain(part.get("value", "")) for part in _field(entry, "content") or []]
    content = max(contents, key=len, default="")
    body = content if len(content) >= len(summary) else summary
    if not body:
        body = title
    if not body:
        raise ParseError(where, "entry has neither title nor text")
    published = _entry_time(entry, "published") or _entry_time(entry, "updated")
    modified = _entry_time(entry, "updated")
    link = _field(entry, "link") or None
    author = _plain(_field(entry, "author") or "") or None
    identifier = _field(entry, "id") or link
    canonical = {
        "id": identifier,
        "title": title,
        "link": link,
        "author": author,
        "published": _field(entry, "published") or _field(entry, "updated"),
        "text": body,
    }
    document = Document(
        body=body,
        id=identifier,
        headline=title,
        published=published,
        modified=modified if modified != published else None,
        source=feed_title,
        url=link,
        author=author,
        section=_first_tag(entry),
    )
    return document, canonical_bytes(canonical)


def _entry_time(entry: Any, key: str) -> datetime | None:
    written = _field(entry, key)
    if isinstance(written, str):
        parsed = parse_timestamp(written)
        if parsed is not None:
            return parsed
    return from_struct_time(_field(entry, f"{key}_parsed"))


def _first_tag(entry: Any) -> str | None:
    for tag in _field(entry, "tags") or []:
        term = tag.get("term")
        if isinstance(term, str) and term.strip():
            return term.strip()
    return None


def _plain(markup: str) -> str:
    """Text of an HTML fragment: block tags become line breaks, entities are decoded."""
    if not isinstance(markup, str):
        return ""
    text = _ANY_TAG.sub("", _BLOCK_TAG.sub("\n", markup))
    text = html.unescape(text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()
