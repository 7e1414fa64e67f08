"""Agreements being monitored (ceasefires, truces, statements) and which one is in force.

An agreement takes effect at a moment in its own time zone, may end, and may apply only
inside a zone (a GeoJSON Polygon or MultiPolygon, lon/lat). Pure Python: the zone test is
ray casting here, so the domain needs no shapely.

    >>> in_force(timeline, date(2021, 3, 4), date(2021, 3, 4), point=(46.75, 39.82))
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from itertools import pairwise
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ceasefire.errors import InvalidValue, ParseError

KINDS: Final = ("ceasefire", "truce", "statement", "cessation_of_hostilities")
ZONE_TYPES: Final = ("Polygon", "MultiPolygon")
_FIELDS: Final = frozenset(
    {"id", "name", "kind", "parties", "effective", "time_zone", "ends", "zone", "sources", "notes"}
)
_SLUG: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_OFFSET: Final = re.compile(r"^(?:UTC)?([+-])(\d{2}):?(\d{2})$")

Point = tuple[float, float]  # (lon, lat), the GeoJSON order


@dataclass(frozen=True, slots=True)
class Agreement:
    """One ceasefire, truce or statement: when it takes effect (and ends), where it applies."""

    id: str  # slug, e.g. "trilateral-statement-2020-11-10"
    name: str
    kind: str  # one of KINDS
    parties: tuple[str, ...]
    effective: datetime  # timezone-aware; its zone is the agreement's own
    ends: datetime | None = None
    # A dict is unhashable; agreements are hashed (cached extractors), so the zone stays out.
    zone: Mapping[str, Any] | None = field(default=None, hash=False)
    sources: tuple[str, ...] = ()  # citations: publisher, title, date, URL
    notes: str = ""  # caveats: uncertain hours, how an approximate zone was made

    def __post_init__(self) -> None:
        _check(bool(_SLUG.match(self.id)), "id", f"must be a lower-case slug, got {self.id!r}")
        _check(bool(self.name.strip()), "name", "must not be empty")
        _check(self.kind in KINDS, "kind", f"must be one of {', '.join(KINDS)}: {self.kind!r}")
        _check(bool(self.parties), "parties", "must name at least one party")
        _check(self.effective.utcoffset() is not None, "effective", "needs a time zone")
        if self.ends is not None:
            _check(self.ends.utcoffset() is not None, "ends", "needs a time zone")
            _check(self.ends > self.effective, "ends", "must be after effective")
        if self.zone is not None:
            _check_zone(self.zone)

    @property
    def time_zone(self) -> str:
        """The name of the agreement's own zone ("Europe/Moscow"), or its offset ("+03:00")."""
        return time_zone_name(self.effective.tzinfo)

    def in_force_during(self, first: date, last: date) -> bool:
        """Whether the agreement's period overlaps the whole days first..last, in its own zone."""
        own = self.effective.tzinfo
        start = datetime.combine(first, time.min, tzinfo=own)
        end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=own)
        return self.effective < end and (self.ends is None or self.ends > start)

    def covers(self, point: Point) -> bool:
        """Whether the agreement applies at (lon, lat): everywhere when it has no zone."""
        return self.zone is None or zone_contains(self.zone, point)

    def to_json(self) -> dict[str, Any]:
        own = self.effective.tzinfo
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "parties": list(self.parties),
            "effective": _local_text(self.effective),
            "time_zone": self.time_zone,
            "ends": None if self.ends is None else _local_text(self.ends.astimezone(own)),
            "zone": None if self.zone is None else dict(self.zone),
            "sources": list(self.sources),
            "notes": self.notes,
        }

    @classmethod
    def from_json(cls, value: Mapping[str, Any], *, where: str = "") -> Agreement:
        """Read and check one agreement. A bad field raises InvalidValue naming it; with `where`
        ("agreements.json: item 3") a ParseError naming both."""
        try:
            return _from_json(value)
        except InvalidValue as error:
            if not where:
                raise
            message = str(error)[len(error.field) + 2 :]
            raise ParseError(f"{where}: field {error.field!r}", message) from None


def in_force(
    agreements: Sequence[Agreement], first: date, last: date, point: Point | None = None
) -> Agreement | None:
    """The agreement in force over first..last at `point` (lon, lat): the most recently effective.

    Agreements whose period overlaps the days qualify if they have no zone or their zone holds
    the point. Without a point, zoned ones qualify too, but an unzoned one wins a tie; with a
    point, a zoned one (more specific) wins it.
    """
    best: Agreement | None = None
    best_key: tuple[datetime, bool] | None = None
    for agreement in agreements:
        if not agreement.in_force_during(first, last):
            continue
        if point is not None and not agreement.covers(point):
            continue
        unzoned = agreement.zone is None
        key = (agreement.effective, unzoned if point is None else not unzoned)
        if best_key is None or key > best_key:
            best, best_key = agreement, key
    return best


#: Place precisions whose coordinates pin nothing down: a country's centre is on no side.
VAGUE_PRECISIONS: Final = frozenset({"country", "unknown"})


def point_of(lon: float | None, lat: float | None, precision: str) -> Point | None:
    """The (lon, lat) to test zones with, or None when the place is missing or too coarse."""
    if lon is None or lat is None or precision in VAGUE_PRECISIONS:
        return None
    return (lon, lat)


def agreement_id(name: str, effective: datetime) -> str:
    """A slug for an agreement without one: its name, then its day unless the name has it."""
    words = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "agreement"
    day = effective.date().isoformat()
    return words if day in words else f"{words}-{day}"


def parse_time_zone(name: str) -> tzinfo:
    """An IANA zone ("Asia/Baku") or a fixed offset ("+04:00"); InvalidValue otherwise."""
    text = name.strip()
    offset = _OFFSET.match(text)
    if offset:
        sign = -1 if offset.group(1) == "-" else 1
        delta = timedelta(hours=int(offset.group(2)), minutes=int(offset.group(3)))
        return timezone(sign * delta)
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidValue("time_zone", f"unknown time zone {name!r}") from None


def time_zone_name(zone: tzinfo | None) -> str:
    if isinstance(zone, ZoneInfo):
        return zone.key
    offset = zone.utcoffset(None) if zone is not None else None
    if offset is None:
        return ""
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def parse_moment(text: Any, zone: tzinfo | None, field_name: str) -> datetime:
    """ "2020-11-10T00:00" read in `zone` (local time there); an offset in the text converts."""
    if not isinstance(text, str):
        raise InvalidValue(field_name, f"expected a date-time string, got {text!r}")
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue(field_name, f"not an ISO date-time: {text!r}") from None
    if moment.tzinfo is None:
        if zone is None:
            raise InvalidValue(field_name, f"{text!r} has no offset and no time_zone is given")
        return moment.replace(tzinfo=zone)
    return moment if zone is None else moment.astimezone(zone)


def zone_contains(zone: Mapping[str, Any], point: Point) -> bool:
    """Whether a GeoJSON Polygon/MultiPolygon holds (lon, lat); holes are outside."""
    polygons = zone["coordinates"] if zone["type"] == "MultiPolygon" else [zone["coordinates"]]
    return any(_polygon_contains(rings, point) for rings in polygons)


def _polygon_contains(rings: Sequence[Sequence[Sequence[float]]], point: Point) -> bool:
    # Even-odd rule over every ring: a point in a hole crosses the shell and the hole.
    x, y = point
    inside = False
    for ring in rings:
        for (x1, y1, *_), (x2, y2, *_) in pairwise(ring):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def _from_json(value: Mapping[str, Any]) -> Agreement:
    if not isinstance(value, Mapping):
        raise InvalidValue("agreement", f"expected a JSON object, got {type(value).__name__}")
    unknown = sorted(set(value) - _FIELDS)
    _check(not unknown, unknown[0] if unknown else "", f"unknown field (known: {_known()})")
    name = _text(value, "name")
    zone_name = value.get("time_zone")
    own = None
    if zone_name is not None:
        if not isinstance(zone_name, str):
            raise InvalidValue("time_zone", f"expected a zone name, got {zone_name!r}")
        own = parse_time_zone(zone_name)
    effective = parse_moment(value.get("effective"), own, "effective")
    ends_text = value.get("ends")
    ends = None if ends_text is None else parse_moment(ends_text, effective.tzinfo, "ends")
    given_id = value.get("id")
    return Agreement(
        id=agreement_id(name, effective) if given_id is None else _text(value, "id"),
        name=name,
        kind=_text(value, "kind"),
        parties=_texts(value, "parties"),
        effective=effective,
        ends=ends,
        zone=value.get("zone"),
        sources=_texts(value, "sources"),
        notes=_optional_text(value, "notes"),
    )


def _known() -> str:
    return ", ".join(sorted(_FIELDS))


def _text(value: Mapping[str, Any], name: str) -> str:
    found = value.get(name)
    if not isinstance(found, str) or not found.strip():
        raise InvalidValue(name, f"expected a non-empty string, got {found!r}")
    return found.strip()


def _optional_text(value: Mapping[str, Any], name: str) -> str:
    found = value.get(name)
    if found is not None and not isinstance(found, str):
        raise InvalidValue(name, f"expected a string, got {found!r}")
    return (found or "").strip()


def _texts(value: Mapping[str, Any], name: str) -> tuple[str, ...]:
    found = value.get(name) or []
    if not isinstance(found, list) or not all(isinstance(s, str) and s.strip() for s in found):
        raise InvalidValue(name, f"expected a list of non-empty strings, got {found!r}")
    return tuple(s.strip() for s in found)


def _check_zone(zone: Any) -> None:
    kind = zone.get("type") if isinstance(zone, Mapping) else None
    _check(kind in ZONE_TYPES, "zone", f"must be a GeoJSON {' or '.join(ZONE_TYPES)}")
    coordinates: Any = zone.get("coordinates")
    polygons: Any = coordinates if kind == "MultiPolygon" else [coordinates]
    _check(isinstance(polygons, list) and bool(polygons), "zone", "has no coordinates")
    for polygon in polygons:
        _check(isinstance(polygon, list) and bool(polygon), "zone", "a polygon has no rings")
        for ring in polygon:
            _check(_is_ring(ring), "zone", "each ring needs 4+ [lon, lat] positions, closed")


def _is_ring(ring: Any) -> bool:
    if not isinstance(ring, list) or len(ring) < 4:
        return False
    for position in ring:
        if not isinstance(position, list | tuple) or len(position) < 2:
            return False
        lon, lat = position[0], position[1]
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lon, lat)):
            return False
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return False
    return list(ring[0]) == list(ring[-1])


def _local_text(moment: datetime) -> str:
    """Wall-clock time in the moment's own zone, without the offset: "2020-11-10T00:00"."""
    precision = "seconds" if moment.second or moment.microsecond else "minutes"
    return moment.replace(tzinfo=None).isoformat(timespec=precision)


def _check(condition: bool, field_name: str, message: str) -> None:
    if not condition:
        raise InvalidValue(field_name, message)


__all__ = [
    "KINDS",
    "Agreement",
    "Point",
    "agreement_id",
    "in_force",
    "parse_moment",
    "parse_time_zone",
    "point_of",
    "time_zone_name",
    "zone_contains",
]
