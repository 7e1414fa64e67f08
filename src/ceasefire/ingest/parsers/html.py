"""HTML pages: the main text and metadata (title, date, author, site) via trafilatura."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import PurePath
from typing import Any

from ceasefire.domain.model import Document
from ceasefire.errors import ParseError
from ceasefire.ingest.parsers._common import at_midnight, parse_timestamp

_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "pubdate")
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified")
#: Metadata lives in the head; looking further only costs time on big pages.
_HEAD_CHARS = 200_000
#: Above this size trafilatura takes seconds (10 s for 10 MB): a plain lxml reading is used.
_TRAFILATURA_MAX_CHARS = 2 * 1024 * 1024
_NOT_TEXT_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form")
_BLOCK_TAGS = frozenset(
    {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "br", "section"}
)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def parse_html(text: str, raw: bytes, name: str) -> list[tuple[Document, bytes]]:
    """One `Document` from an HTML page (the whole file is its raw bytes)."""
    if len(text) > _TRAFILATURA_MAX_CHARS:
        extracted = _extract_large(text, name)
    else:
        extracted = _extract(text, name)
    title = (extracted.get("title") or "").strip()
    body = (extracted.get("text") or "").strip()
    lines = body.split("\n")
    if title and lines and lines[0].strip() == title:
        body = "\n".join(lines[1:]).strip()
    if not body:
        raise ParseError(name, "no article text found in the HTML page")
    meta = _meta_values(text[:_HEAD_CHARS])
    published = _first_timestamp(meta, _PUBLISHED_META) or _date_only(extracted.get("date"))
    stem = PurePath(name).stem if name not in ("-", "<stdin>") else None
    return [
        (
            Document(
                body=body,
                id=stem or None,
                headline=title,
                published=published,
                modified=_first_timestamp(meta, _MODIFIED_META),
                source=_text_or_none(extracted.get("sitename")),
                url=_text_or_none(extracted.get("url")),
                author=_text_or_none(extracted.get("author")),
                language=_text_or_none(extracted.get("language")) or "en",
            ),
            raw,
        )
    ]


def _extract(text: str, name: str) -> dict[str, Any]:
    import trafilatura  # slow to import: only when an HTML page comes in

    try:
        result = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            as_dict=False,
        )
    except Exception as error:  # trafilatura/lxml raise many types on malformed pages
        raise ParseError(name, f"cannot read the HTML page: {error}") from None
    if result is None:
        raise ParseError(name, "no article text found in the HTML page")
    values = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    return {key: value for key, value in values.items() if value is not None}


def _extract_large(text: str, name: str) -> dict[str, Any]:
    """Title and text of a very large page by plain lxml: linear time, no scoring."""
    import lxml.etree  # type: ignore[import-untyped]
    import lxml.html  # type: ignore[import-untyped]

    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as error:
        raise ParseError(name, f"cannot read the HTML page: {error}") from None
    for element in root.iter(*_NOT_TEXT_TAGS):
        element.drop_tree()
    articles = root.findall(".//article")
    main = articles[0] if articles else root.find("body")
    lines: list[str] = []
    current: list[str] = []
    for event, element in lxml.etree.iterwalk(
        main if main is not None else root, events=("start", "end")
    ):
        if event == "start" and element.text:
            current.append(element.text)
        if event == "end":
            if element.tag in _BLOCK_TAGS and current:
                lines.append(" ".join("".join(current).split()))
                current = []
            if element.tail:
                current.append(element.tail)
    if current:
        lines.append(" ".join("".join(current).split()))
    meta = _meta_values(text[:_HEAD_CHARS])
    title = meta.get("og:title") or _first_title(text[:_HEAD_CHARS])
    return {
        "title": title,
        "text": "\n".join(line for line in lines if line),
        "sitename": meta.get("og:site_name"),
        "author": meta.get("author"),
    }


def _first_title(head: str) -> str:
    match = _TITLE.search(head)
    return " ".join(match.group(1).split()) if match else ""


def _meta_values(head: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for tag in _META_TAG.findall(head):
        attributes = {
            match[0].lower(): match[1] or match[2] or match[3] for match in _ATTRIBUTE.findall(tag)
        }
        key = (
            attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or ""
        ).lower()
        if key and "content" in attributes:
            values.setdefault(key, attributes["content"])
    return values


def _first_timestamp(meta: dict[str, str], keys: tuple[str, ...]) -> datetime | None:
    for key in keys:
        if key in meta:
            parsed = parse_timestamp(meta[key])
            if parsed is not None:
                return parsed
    return None


def _date_only(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    parsed = parse_timestamp(value[:10])
    return at_midnight(parsed.date()) if parsed else None


def _text_or_none(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
