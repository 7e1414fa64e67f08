"""Value objects of the monitoring domain: frozen dataclasses that validate themselves.

A bad value raises `InvalidValue` naming the field. `to_json()` gives the contract shapes of
DESIGN.md (the `extract` output); nothing here does I/O.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ceasefire.domain.taxonomy import (
    Category,
    IncidentStatus,
    PlacePrecision,
    PositionKind,
    SourceKind,
    TimePrecision,
    check_type,
)
from ceasefire.errors import InvalidValue

JSON = dict[str, Any]


def _require(condition: bool, field_name: str, message: str) -> None:
    if not condition:
        raise InvalidValue(field_name, message)


@dataclass(frozen=True, slots=True)
class Count:
    """A stated number of people: exact (`min == max`) or open ("several": min 2, max None)."""

    min: int
    max: int | None

    def __post_init__(self) -> None:
        _require(self.min >= 0, "count.min", f"must be >= 0, got {self.min}")
        _require(
            self.max is None or self.max >= self.min,
            "count.max",
            f"must be >= min ({self.min}), got {self.max}",
        )

    @classmethod
    def exact(cls, n: int) -> Count:
        return cls(n, n)

    def to_json(self) -> JSON:
        return {"min": self.min, "max": self.max}

    @classmethod
    def from_json(cls, value: Any) -> Count | None:
        if value is None:
            return None
        if isinstance(value, int):
            return cls.exact(value)
        return cls(int(value["min"]), None if value.get("max") is None else int(value["max"]))


@dataclass(frozen=True, slots=True)
class CasualtyGroup:
    """Killed (or injured) people by status; None means the source does not say."""

    military: Count | None = None
    civilian: Count | None = None
    unknown: Count | None = None

    def is_stated(self) -> bool:
        return any(c is not None for c in (self.military, self.civilian, self.unknown))

    def total_min(self) -> int:
        return sum(c.min for c in (self.military, self.civilian, self.unknown) if c)

    def to_json(self) -> JSON:
        return {
            "military": self.military.to_json() if self.military else None,
            "civilian": self.civilian.to_json() if self.civilian else None,
            "unknown": self.unknown.to_json() if self.unknown else None,
        }

    @classmethod
    def from_json(cls, value: Any) -> CasualtyGroup:
        value = value or {}
        return cls(
            Count.from_json(value.get("military")),
            Count.from_json(value.get("civilian")),
            Count.from_json(value.get("unknown")),
        )


@dataclass(frozen=True, slots=True)
class Casualties:
    killed: CasualtyGroup = field(default_factory=CasualtyGroup)
    injured: CasualtyGroup = field(default_factory=CasualtyGroup)

    def to_json(self) -> JSON:
        return {"killed": self.killed.to_json(), "injured": self.injured.to_json()}

    @classmethod
    def from_json(cls, value: Any) -> Casualties:
        value = value or {}
        return cls(
            CasualtyGroup.from_json(value.get("killed")),
            CasualtyGroup.from_json(value.get("injured")),
        )


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """When an event happened, as tightly as the text allows: `start <= end`, both inclusive."""

    start: date
    end: date
    precision: TimePrecision
    text: str = ""

    def __post_init__(self) -> None:
        _require(self.start <= self.end, "time.end", f"{self.end} is before start {self.start}")

    def overlaps(self, other: TimeWindow, slack_days: int = 0) -> bool:
        return (self.start - other.end).days <= slack_days and (
            other.start - self.end
        ).days <= slack_days

    def to_json(self) -> JSON:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "precision": self.precision.value,
            "text": self.text,
        }

    @classmethod
    def from_json(cls, value: Any) -> TimeWindow:
        return cls(
            date.fromisoformat(value["start"]),
            date.fromisoformat(value["end"]),
            TimePrecision(value["precision"]),
            value.get("text") or "",
        )


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """Where a claim puts its event: a gazetteer place (or none) with a precision."""

    name: str
    gazetteer_id: int | None
    lat: float | None
    lon: float | None
    precision: PlacePrecision
    text: str = ""

    def __post_init__(self) -> None:
        _require(
            self.lat is None or -90 <= self.lat <= 90, "place.lat", f"out of range: {self.lat}"
        )
        _require(
            self.lon is None or -180 <= self.lon <= 180, "place.lon", f"out of range: {self.lon}"
        )
        _require((self.lat is None) == (self.lon is None), "place.lon", "lat and lon go together")

    def to_json(self) -> JSON:
        return {
            "name": self.name,
            "gazetteer_id": self.gazetteer_id,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision.value,
            "text": self.text,
        }

    @classmethod
    def from_json(cls, value: Any) -> PlaceRef | None:
        if not value:
            return None
        return cls(
            value["name"],
            value.get("gazetteer_id"),
            value.get("lat"),
            value.get("lon"),
            PlacePrecision(value.get("precision") or "unknown"),
            value.get("text") or "",
        )


def _places_from_json(values: Any) -> tuple[PlaceRef, ...]:
    """A claim's `places`, kept only when they say more than its one `place`."""
    refs = tuple(ref for ref in (PlaceRef.from_json(v) for v in values or ()) if ref is not None)
    return refs if len(refs) > 1 else ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """The exact words that state the claim: `document.body[start:end] == quote`."""

    start: int
    end: int
    quote: str

    def __post_init__(self) -> None:
        _require(
            0 <= self.start <= self.end, "evidence.end", "offsets must satisfy 0 <= start <= end"
        )

    def to_json(self) -> JSON:
        return {"start": self.start, "end": self.end, "quote": self.quote}


@dataclass(frozen=True, slots=True)
class Document:
    """One parsed article or report, ready for extraction."""

    body: str
    id: str | None = None
    headline: str = ""
    published: datetime | None = None
    modified: datetime | None = None
    section: str | None = None
    agency: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    language: str = "en"
    related_headlines: tuple[str, ...] = ()

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "headline": self.headline,
            "published": self.published.isoformat() if self.published else None,
            "modified": self.modified.isoformat() if self.modified else None,
            "section": self.section,
            "agency": self.agency,
            "source": self.source,
            "url": self.url,
            "body": self.body,
            "related_headlines": list(self.related_headlines),
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """One assertion about one event, taken from one source. Never a fact by itself."""

    category: Category
    type: str
    summary: str
    time: TimeWindow
    place: PlaceRef | None
    evidence: Evidence
    claimed_by: str
    claimant_is_party: bool
    perpetrator_alleged: str | None = None
    target: str | None = None
    disputed_by: str | None = None
    casualties: Casualties = field(default_factory=Casualties)
    confidence: float = 0.5
    credibility: int = 6  # Admiralty 1-6; 6 = cannot be judged
    #: Every place one attack names, when it names several ("hit Vardenis, Goris and Jermuk").
    places: tuple[PlaceRef, ...] = ()
    agreement: str | None = None  # the name of the agreement in force at its time and place

    def __post_init__(self) -> None:
        check_type(self.category, self.type)
        _require(
            0.0 <= self.confidence <= 1.0, "confidence", f"must be in [0, 1]: {self.confidence}"
        )
        _require(1 <= self.credibility <= 6, "credibility", f"must be 1-6: {self.credibility}")
        _require(bool(self.claimed_by.strip()), "claimed_by", "must name who asserts the claim")

    def to_json(self) -> JSON:
        return {
            "category": self.category.value,
            "type": self.type,
            "summary": self.summary,
            "time": self.time.to_json(),
            "place": self.place.to_json() if self.place else None,
            "perpetrator_alleged": self.perpetrator_alleged,
            "target": self.target,
            "claimed_by": self.claimed_by,
            "claimant_is_party": self.claimant_is_party,
            "disputed_by": self.disputed_by,
            "casualties": self.casualties.to_json(),
            "places": [p.to_json() for p in self._all_places()],
            "agreement": self.agreement,
            "evidence": self.evidence.to_json(),
            "confidence": self.confidence,
        }

    def _all_places(self) -> tuple[PlaceRef, ...]:
        if self.places:
            return self.places
        return (self.place,) if self.place is not None else ()

    @classmethod
    def from_json(cls, value: JSON) -> Claim:
        evidence = value["evidence"]
        return cls(
            category=Category(value["category"]),
            type=value["type"],
            summary=value["summary"],
            time=TimeWindow.from_json(value["time"]),
            place=PlaceRef.from_json(value.get("place")),
            evidence=Evidence(evidence["start"], evidence["end"], evidence["quote"]),
            claimed_by=value["claimed_by"],
            claimant_is_party=bool(value["claimant_is_party"]),
            perpetrator_alleged=value.get("perpetrator_alleged"),
            target=value.get("target"),
            disputed_by=value.get("disputed_by"),
            casualties=Casualties.from_json(value.get("casualties")),
            confidence=float(value.get("confidence", 0.5)),
            places=_places_from_json(value.get("places")),
            agreement=value.get("agreement"),
        )


RELIABILITY_GRADES = frozenset("ABCDEF")


@dataclass(frozen=True, slots=True)
class Source:
    """One received document, identified by the SHA-256 of its raw bytes."""

    raw: bytes
    kind: SourceKind
    received_at: datetime
    filename: str | None = None
    media_type: str | None = None
    publisher: str | None = None
    reliability: str = "F"  # Admiralty A-F; F = cannot be judged

    def __post_init__(self) -> None:
        _require(
            self.reliability in RELIABILITY_GRADES,
            "reliability",
            f"must be A-F: {self.reliability!r}",
        )

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry (GeoNames id) with names in every script and each party's usage."""

    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country: str
    admin1: str = ""
    admin2: str = ""
    population: int = 0
    aliases: tuple[str, ...] = ()

    def precision(self) -> PlacePrecision:
        """Settlement for populated places, district/region for admin units, site otherwise."""
        if self.feature_class == "P":
            return PlacePrecision.SETTLEMENT
        if self.feature_code in ("ADM2", "ADM3", "ADMD"):
            return PlacePrecision.DISTRICT
        if self.feature_code == "ADM1" and self.country == "AZ" and self.admin1 != "35":
            # GeoNames files Azerbaijan's rayons as ADM1; they are districts. Nakhchivan
            # (admin1 35) and Armenia's provinces (marzer) stay regions.
            return PlacePrecision.DISTRICT
        if self.feature_code == "ADM1" or self.feature_class == "L":
            return PlacePrecision.REGION
        if self.feature_code.startswith("PCL"):
            return PlacePrecision.COUNTRY
        return PlacePrecision.SITE


@dataclass(frozen=True, slots=True)
class Zone:
    """A named polygon: line of contact, peacekeeping zone, corridor, district (WKT, WGS84)."""

    name: str
    kind: str
    wkt: str


@dataclass(frozen=True, slots=True)
class CasualtyEstimate:
    """UCDP-style estimate: low is what every source supports, high the largest claimed."""

    best: int
    low: int
    high: int

    def __post_init__(self) -> None:
        _require(
            0 <= self.low <= self.best <= self.high, "estimate", "needs 0 <= low <= best <= high"
        )


@dataclass(frozen=True, slots=True)
class Position:
    """One delegation's position on an incident, with its reason."""

    delegation: str
    position: PositionKind
    reason: str
    recorded_by: str
    recorded_at: datetime
    evidence: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _require(bool(self.reason.strip()), "reason", "a position needs a reason")


@dataclass(frozen=True, slots=True)
class IncidentSummary:
    """An incident as the centre records it (the domain view, without storage ids of claims)."""

    id: int
    category: Category
    type: str
    status: IncidentStatus
    time: TimeWindow
    place: PlaceRef | None
    version: int = 1


class HazardStatus:
    SUSPECTED = "suspected"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"
    REDUCED = "reduced"
    CLEARED = "cleared"
    ALL = frozenset({SUSPECTED, CONFIRMED, CANCELLED, REDUCED, CLEARED})


@dataclass(frozen=True, slots=True)
class HazardArea:
    """IMSMA hazardous area: a polygon with its status and estimated/remaining area in m²."""

    name: str
    wkt: str
    status: str
    estimated_m2: float
    remaining_m2: float

    def __post_init__(self) -> None:
        _require(
            self.status in HazardStatus.ALL, "status", f"unknown hazard status {self.status!r}"
        )
        _require(
            0 <= self.remaining_m2 <= self.estimated_m2, "remaining_m2", "must be 0..estimated"
        )


@dataclass(frozen=True, slots=True)
class ClearanceTask:
    """IMSMA clearance task on a hazardous area."""

    hazard_area: str
    team: str
    start: date
    end: date | None
    cleared_m2: float
    items_found: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        _require(self.end is None or self.end >= self.start, "end", "ends before it starts")
        _require(self.cleared_m2 >= 0, "cleared_m2", "must be >= 0")
