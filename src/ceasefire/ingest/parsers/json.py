"""JSON envelopes: one object, a JSON array of objects, or JSON Lines (one object a line).

An envelope is `{"id", "headline", "text", "published", "source", "url", "language"}`; only
`text` is required. `published` may be null, a date ("2020-12-24") or a datetime.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from ceasefire.domain.model import Document
from ceasefire.errors import ParseError
from ceasefire.ingest.parsers._common import canonical_bytes, parse_timestamp

_OPTIONAL_TEXT_FIELDS = ("headline", "source", "url", "language", "section", "agency", "author")


def parse_json(text: str, raw: bytes, name: str) -> list[tuple[Document, bytes]]:
    """Documents of a JSON file with the raw bytes of each envelope."""
    if text.lstrip().startswith("["):
        try:
            items = _load(text, name)
        except _ExtraData:
            raise ParseError(
                name, "more than one JSON array; use one array or JSON Lines"
            ) from None
        if not isinstance(items, list):
            raise ParseError(name, "expected a JSON array of envelopes")
        return [
            (envelope(item, f"{name}[{index}]"), canonical_bytes(item))
            for index, item in enumerate(items)
        ]
    try:
        whole = _load(text, name)
    except _ExtraData:
        return list(_json_lines(text, name))
    return [(envelope(whole, name), raw)]


class _ExtraData(Exception):
    """More than one JSON value: the file is JSON Lines."""


def _json_lines(text: str, name: str) -> Iterator[tuple[Document, bytes]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = _load(line, name, first_line=number)
        except _ExtraData:
            raise ParseError(f"{name}:{number}", "more than one JSON value on the line") from None
        where = f"{name}:{number}"
        yield envelope(item, where), line.encode("utf-8")


def _load(text: str, name: str, first_line: int = 1) -> Any:
    """The JSON value of `text`; errors name the file and line ("name:LINE")."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":
            raise _ExtraData from None
        line = first_line + error.lineno - 1
        raise ParseError(
            f"{name}:{line}", f"invalid JSON: {error.msg} (column {error.colno})"
        ) from None
    except RecursionError:
        raise ParseError(name, "JSON nested too deeply") from None


def envelope(item: Any, where: str) -> Document:
    """The `Document` of one envelope; `where` names it in errors ("file.jsonl:3")."""
    if not isinstance(item, dict):
        raise ParseError(where, f"expected a JSON object, got {type(item).__name__}")
    body = item.get("text")
    if body is None:
        raise ParseError(f"{where}: field 'text'", "is required")
    if not isinstance(body, str):
        raise ParseError(f"{where}: field 'text'", "must be a string")
    if not body.strip():
        raise ParseError(f"{where}: field 'text'", "is empty")
    fields: dict[str, Any] = {}
    for key in _OPTIONAL_TEXT_FIELDS:
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            raise ParseError(f"{where}: field {key!r}", "must be a string or null")
        fields[key] = value
    identifier = item.get("id")
    if identifier is not None and (
        isinstance(identifier, bool) or not isinstance(identifier, str | int)
    ):
        raise ParseError(f"{where}: field 'id'", "must be a string, a number or null")
    return Document(
        body=body.replace("\r\n", "\n"),
        id=None if identifier is None else str(identifier),
        headline=fields["headline"] or "",
        published=_timestamp(item.get("published"), f"{where}: field 'published'"),
        modified=_timestamp(item.get("modified"), f"{where}: field 'modified'"),
        section=fields["section"],
        agency=fields["agency"],
        source=fields["source"],
        url=fields["url"],
        author=fields["author"],
        language=fields["language"] or "en",
    )


def _timestamp(value: Any, where: str) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ParseError(where, "must be a date (YYYY-MM-DD), a datetime or null")
    parsed = parse_timestamp(value)
    if parsed is None:
        raise ParseError(where, f"not a date or datetime: {value[:40]!r}")
    return parsed
