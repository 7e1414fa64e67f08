"""What every parser shares: decoding received bytes, reading dates, canonical raw bytes."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time
from email.utils import parsedate_to_datetime
from typing import Any

from ceasefire.errors import ParseError

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})\b"
)
_MONTH_DAY_YEAR = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"
)
_ISO_DATE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_DOTTED_DATE = re.compile(r"\b(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4})\b")
_CLOCK = re.compile(
    r"\b(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)\b(?:\s*(?P<ampm>[AaPp])\.?[Mm]\.?)?"
)


def decode(raw: bytes, name: str) -> str:
    """Text of `raw`: UTF-8 (with or without BOM) or UTF-16 with BOM; newlines become "\\n"."""
    try:
        if raw.startswith(_UTF8_BOM):
            text = raw[len(_UTF8_BOM) :].decode("utf-8")
        elif raw.startswith(_UTF16_BOMS):
            text = raw.decode("utf-16")
        else:
            text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ParseError(
            name,
            f"not UTF-8 text (bad byte at offset {error.start}); "
            "convert it to UTF-8 (UTF-16 needs a byte-order mark)",
        ) from None
    if "\x00" in text:
        raise ParseError(
            name,
            "holds NUL characters: a binary file (or UTF-16 without a byte-order mark), not text",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def require_content(text: str, name: str) -> None:
    if not text.strip():
        raise ParseError(name, "empty file: no document to read")


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_date(text: str) -> date | None:
    """The first calendar date written in `text`: "24 December 2020", "Dec. 24, 2020", ISO."""
    for pattern in (_ISO_DATE, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _DOTTED_DATE):
        for match in pattern.finditer(text):
            month_text = match["month"]
            month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower())
            if month is None:
                continue
            found = _valid_date(int(match["year"]), month, int(match["day"]))
            if found is not None:
                return found
    return None


def find_datetime(text: str) -> datetime | None:
    """Date and clock time written in `text` ("11:00 | 24 December 2020"); midnight if no time."""
    day = find_date(text)
    if day is None:
        return None
    clock = _CLOCK.search(_ISO_DATE.sub(" ", text))
    if clock is None:
        return datetime.combine(day, time())
    hour = int(clock["hour"])
    if clock["ampm"]:
        hour = hour % 12 + (12 if clock["ampm"].lower() == "p" else 0)
    return datetime.combine(day, time(hour, int(clock["minute"])))


def parse_timestamp(value: str) -> datetime | None:
    """An ISO 8601 or RFC 822 timestamp, keeping its UTC offset; None if it is neither."""
    text = value.strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time())
        return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def from_struct_time(value: Any) -> datetime | None:
    """A UTC datetime from the `time.struct_time` feedparser gives, or None."""
    try:
        year, month, day, hour, minute, second = (int(part) for part in value[:6])
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def at_midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def canonical_bytes(value: Any) -> bytes:
    """A stable serialisation (sorted keys, UTF-8): equal content gives equal bytes."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


__all__ = [
    "MONTHS",
    "at_midnight",
    "canonical_bytes",
    "decode",
    "find_date",
    "find_datetime",
    "from_struct_time",
    "parse_timestamp",
    "require_content",
]
