"""Reading dataset tables (ACLED, UCDP GED CSV files) row by row, in constant memory.

Each row keeps its physical line number and its raw text (with the header line before it:
a row alone is readable, and its bytes are its identity). The HXL hashtag row that HDX files
carry under the header (`#event+code`, `#date+occurred`, ...) is skipped.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TextIO

from ceasefire.errors import InvalidValue, ParseError

# Notes fields can be long; the default 128 KiB cell limit is not a property of the formats.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass(frozen=True, slots=True)
class TableRow:
    """One record: its first line in the file, its cells by column, its raw text."""

    line: int
    values: dict[str, str]
    raw: bytes
    read_bytes: int  # of the file so far, for progress

    def text(self, column: str) -> str:
        """The stripped cell; "" when the row has no such cell."""
        return (self.values.get(column) or "").strip()

    def required(self, column: str) -> str:
        found = self.text(column)
        if not found:
            raise InvalidValue(column, "missing (required)")
        return found

    def number(self, column: str, low: float, high: float) -> float:
        """A decimal number in [low, high] (latitude, longitude)."""
        found = self.required(column)
        try:
            value = float(found)
        except ValueError:
            raise InvalidValue(column, f"not a number: {found!r}") from None
        if not low <= value <= high:
            raise InvalidValue(column, f"out of range {low:g}..{high:g}: {found!r}")
        return value

    def count(self, column: str, default: int | None = None) -> int:
        """A whole number >= 0; `default` when the cell is empty (None: required)."""
        found = self.text(column)
        if not found and default is not None:
            return default
        if not found:
            raise InvalidValue(column, "missing (required)")
        try:
            value = int(float(found)) if found.endswith(".0") else int(found)
        except ValueError:
            raise InvalidValue(column, f"not a whole number: {found!r}") from None
        if value < 0:
            raise InvalidValue(column, f"must be >= 0: {found!r}")
        return value

    def code(self, column: str, allowed: Sequence[int], default: int) -> int:
        value = self.count(column, default)
        if value not in allowed:
            raise InvalidValue(column, f"expected one of {', '.join(map(str, allowed))}: {value}")
        return value

    def day(self, column: str) -> date:
        """A date as ISO (`2021-03-04`, time of day ignored) or as `04 March 2021`."""
        found = self.required(column)
        try:
            return date.fromisoformat(found[:10])
        except ValueError:
            pass
        for layout in ("%d %B %Y", "%d %b %Y", "%d/%m/%Y"):
            try:
                return datetime.strptime(found, layout).date()
            except ValueError:
                continue
        raise InvalidValue(column, f"not a date: {found!r}")


class _Lines:
    """The file's lines as the csv reader takes them, remembered until the record ends."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.taken: list[str] = []
        self.count = 0
        self.size = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.stream)
        self.taken.append(line)
        self.count += 1
        self.size += len(line.encode())
        return line


def _is_hxl(cells: Sequence[str]) -> bool:
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(c.startswith("#") for c in filled)


def read_table(stream: TextIO, name: str, required: Sequence[str]) -> Iterator[TableRow]:
    """The rows of a CSV table under its header; a header without a `required` column is
    a ParseError (nothing is read). Open the file with `newline=""`."""
    lines = _Lines(stream)
    reader = csv.reader(lines)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        raise ParseError(name, "empty file: no header row") from None
    except csv.Error as exc:
        raise ParseError(f"{name}: line 1", str(exc)) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise ParseError(
            f"{name}: line 1", f"missing required column {', '.join(map(repr, missing))}"
        )
    head = "".join(lines.taken)
    first = True
    while True:
        lines.taken = []
        start = lines.count + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ParseError(f"{name}: line {start}", str(exc)) from None
        if not any(c.strip() for c in cells):
            continue
        if first and _is_hxl(cells):
            first = False
            continue
        first = False
        values = dict(zip(header, cells, strict=False))
        raw = (head + "".join(lines.taken)).encode()
        yield TableRow(start, values, raw, lines.size)
