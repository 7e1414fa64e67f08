"""Plain-text articles: the layout agencies use for text exports, or bare text.

The layout (Anadolu Agency's, and others of the same shape):

    Headline
    Lede (standfirst)                         → first paragraph of the body
    - World                                   → section
    - Anadolu Agency                          → agency
    - Published Date: 11:00 | 24 December 2020
    - Modified Date: 11:10 | 31 December 2020
    Body paragraphs, CROSS-HEADS kept as their own line
    - Related headline of another article     → related_headlines, never the body

Text without the dash-bulleted metadata is a headline (when the first line looks like one)
and a body.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from pathlib import PurePath

from ceasefire.domain.model import Document
from ceasefire.ingest.parsers._common import find_datetime

_BULLET = re.compile(r"^\s*[-–—•*]\s+(?P<item>\S.*?)\s*$")
_KEYED = re.compile(r"^(?P<key>[A-Za-z][A-Za-z ]{1,30}?)\s*:\s*(?P<value>.+)$")
_BYLINE = re.compile(r"^(?:by|author|written by)\b[:\s]+(?P<author>.+)$", re.IGNORECASE)
_PUBLISHED_KEYS = ("published", "publication", "date", "posted", "released", "issued")
_MODIFIED_KEYS = ("modified", "updated", "last updated", "edited", "revised")
_AUTHOR_KEYS = ("author", "authors", "by", "reporter", "writer")
_SECTION_KEYS = ("section", "category", "topic", "rubric")
_AGENCY_KEYS = ("agency", "source", "news agency", "publisher")
_AGENCY_WORDS = re.compile(
    r"\b(agency|news|press|service|tass|reuters|afp|apa|azertac|armenpress|interfax|"
    r"ria|trend|times|post|radio|tv|television|media|network|ajansı|ajansi)\b",
    re.IGNORECASE,
)
#: How far down the metadata block may start (headline + lede lines before it).
_MAX_LINES_BEFORE_METADATA = 6
_MAX_HEADLINE_CHARS = 250


def parse_text(text: str, raw: bytes, name: str) -> list[tuple[Document, bytes]]:
    """One `Document` from a plain-text article (the whole file is its raw bytes)."""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    metadata_at = _metadata_block_start(lines)
    document = _bare_text(lines) if metadata_at is None else _agency_layout(lines, metadata_at)
    return [(_with_id(document, name), raw)]


def _with_id(document: Document, name: str) -> Document:
    stem = PurePath(name).stem if name not in ("-", "<stdin>") else None
    if not stem:
        return document
    return replace(document, id=stem)


def _is_bullet(line: str) -> bool:
    return _BULLET.match(line) is not None


def _bullet_item(line: str) -> str:
    match = _BULLET.match(line)
    return match["item"] if match else line


def _metadata_block_start(lines: list[str]) -> int | None:
    """Index of the first line of the metadata block, if the text has the agency layout.

    The block is a run of dash-bulleted lines after the headline, holding a date.
    """
    for start in range(1, min(len(lines), _MAX_LINES_BEFORE_METADATA + 1)):
        if not _is_bullet(lines[start]) or _is_bullet(lines[start - 1]):
            continue
        end = start
        while end < len(lines) and _is_bullet(lines[end]):
            end += 1
        block = [_bullet_item(line) for line in lines[start:end]]
        if end < len(lines) and any(find_datetime(item) for item in block):
            return start
    return None


def _agency_layout(lines: list[str], metadata_at: int) -> Document:
    headline = lines[0]
    lede = lines[1:metadata_at]
    end = metadata_at
    while end < len(lines) and _is_bullet(lines[end]):
        end += 1
    metadata = [_bullet_item(line) for line in lines[metadata_at:end]]
    rest = lines[end:]
    related: list[str] = []
    while rest and _is_bullet(rest[-1]):
        related.insert(0, _bullet_item(rest.pop()))
    fields = _read_metadata(metadata)
    return Document(
        body="\n".join([*lede, *rest]),
        headline=headline,
        published=fields.published,
        modified=fields.modified,
        section=fields.section,
        agency=fields.agency,
        source=fields.agency,
        author=fields.author,
        related_headlines=tuple(related),
    )


class _Metadata:
    __slots__ = ("agency", "author", "modified", "published", "section")

    def __init__(self) -> None:
        self.published: datetime | None = None
        self.modified: datetime | None = None
        self.section: str | None = None
        self.agency: str | None = None
        self.author: str | None = None


def _read_metadata(items: list[str]) -> _Metadata:
    found = _Metadata()
    bare: list[str] = []
    for item in items:
        byline = _BYLINE.match(item)
        keyed = _KEYED.match(item)
        if byline:
            found.author = found.author or byline["author"].strip()
        elif keyed:
            _read_keyed(found, keyed["key"].strip().lower(), keyed["value"].strip())
        else:
            bare.append(item)
    for item in bare:
        if found.agency is None and _AGENCY_WORDS.search(item):
            found.agency = item
        elif found.section is None:
            found.section = item
        elif found.agency is None:
            found.agency = item
    return found


def _read_keyed(found: _Metadata, key: str, value: str) -> None:
    words = key.split()
    if any(k in key for k in _MODIFIED_KEYS):
        found.modified = found.modified or find_datetime(value)
    elif any(k in words or key.startswith(k) for k in _PUBLISHED_KEYS):
        found.published = found.published or find_datetime(value)
    elif key in _AUTHOR_KEYS:
        found.author = found.author or value
    elif key in _SECTION_KEYS:
        found.section = found.section or value
    elif key in _AGENCY_KEYS:
        found.agency = found.agency or value


def _bare_text(lines: list[str]) -> Document:
    if len(lines) > 1 and _looks_like_headline(lines[0]):
        return Document(body="\n".join(lines[1:]), headline=lines[0])
    return Document(body="\n".join(lines))


def _looks_like_headline(line: str) -> bool:
    """Short, not a full sentence ending in a period, and not a bullet."""
    if len(line) > _MAX_HEADLINE_CHARS or _is_bullet(line):
        return False
    if line.endswith((".", ",", ";", ":")) and not line.endswith(("..", "etc.")):
        return False
    return any(ch.isalpha() for ch in line)
