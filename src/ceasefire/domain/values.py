"""Value types every edge shares (CLI options, HTTP query parameters, OGC requests).

Small immutable values that parse and check themselves; a bad one raises InvalidValue naming
the parameter. Storage builds its clauses from them; nothing here does I/O.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from ceasefire.errors import InvalidValue


class BBox(NamedTuple):
    """A lon/lat box in WGS84: west, south, east, north (GeoJSON order)."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, text: str, field: str = "bbox") -> BBox:
        """`BBox.parse("46.5,39.5,47.5,40.2")`; a bad box raises InvalidValue naming `field`."""
        parts = text.split(",")
        try:
            values = [float(p) for p in parts]
        except ValueError:
            raise InvalidValue(field, f"expected W,S,E,N numbers, got {text!r}") from None
        if len(values) != 4:
            raise InvalidValue(field, f"expected 4 numbers W,S,E,N, got {len(values)}")
        return cls(*values).checked(field)

    def checked(self, field: str = "bbox") -> BBox:
        w, s, e, n = self
        if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= 90 and -90 <= n <= 90):
            raise InvalidValue(field, f"outside lon -180..180 / lat -90..90: {tuple(self)}")
        if w > e or s > n:
            raise InvalidValue(field, f"west must be <= east and south <= north: {tuple(self)}")
        return self

    def intersects(self, other: BBox) -> bool:
        return not (
            other.west > self.east
            or other.east < self.west
            or other.south > self.north
            or other.north < self.south
        )


class DayRange(NamedTuple):
    """Days from `start` to `end` inclusive; either end may be open (None)."""

    start: date | None = None
    end: date | None = None

    @classmethod
    def parse_interval(cls, text: str, field: str = "datetime") -> DayRange:
        """An OGC API / ISO 8601 instant or interval, read to the day.

        `DayRange.parse_interval("2020-12-01/..")` == DayRange(date(2020, 12, 1), None);
        `"2020-12-23T10:00:00Z"` is that one day; `".."` or an empty end is open.
        """
        parts = text.split("/")
        if len(parts) > 2 or not text.strip():
            raise InvalidValue(field, f"expected an instant or START/END, got {text!r}")
        days = [_day(part, field) for part in parts]
        if len(days) == 1:
            if days[0] is None:
                raise InvalidValue(field, "an instant cannot be open ('..')")
            return cls(days[0], days[0])
        found = cls(days[0], days[1])
        if found.start is not None and found.end is not None and found.end < found.start:
            raise InvalidValue(field, f"the interval ends before it starts: {text!r}")
        return found


def _day(text: str, field: str) -> date | None:
    text = text.strip()
    if text in ("", ".."):
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")).date()
    except ValueError:
        raise InvalidValue(field, f"not an RFC 3339 date or date-time: {text!r}") from None
