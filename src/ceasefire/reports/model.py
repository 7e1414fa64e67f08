"""What a daily or weekly report says, as plain data: every figure keeps the ids it counts.

`services/reports.py` composes a `Report`; `reports/render.py` turns it into Markdown, HTML or
PDF. Labels of types, statuses and parties are codes here; the templates translate them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Figure:
    """A count and the incident ids it comes from (sorted, unique): `Figure.of([3, 1]).count == 2`."""

    incident_ids: tuple[int, ...] = ()

    @classmethod
    def of(cls, ids: Iterable[int]) -> Figure:
        return cls(tuple(sorted(set(ids))))

    @property
    def count(self) -> int:
        return len(self.incident_ids)


@dataclass(frozen=True, slots=True)
class Breakdown:
    """One line of a table: a key (type code, district name, party code), now and before."""

    key: str
    current: Figure
    previous: Figure

    @property
    def change(self) -> int:
        return self.current.count - self.previous.count


@dataclass(frozen=True, slots=True)
class Estimate:
    """People killed or injured, UCDP style, summed over the incidents that state a figure."""

    best: int = 0
    low: int = 0
    high: int = 0
    incident_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Casualties:
    killed_military: Estimate
    killed_civilian: Estimate
    injured_military: Estimate
    injured_civilian: Estimate


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period: the days it counts and the moments its cut-offs fall on."""

    kind: str  # daily, weekly
    number: str  # "69/2021" (day of year) or "W10/2021" (ISO week)
    first_day: date
    last_day: date
    starts: datetime  # aware, in the report's time zone
    ends: datetime
    time_zone: str


@dataclass(frozen=True, slots=True)
class RunningTotal:
    """Violations since the agreement in force took effect, up to the end of the period."""

    agreement: str | None
    since: date | None
    violations: Figure


@dataclass(frozen=True, slots=True)
class AgreementCount:
    agreement: str | None  # None: no agreement in force at the incident's time and place
    violations: Figure


@dataclass(frozen=True, slots=True)
class ItemCount:
    item_type: str
    period: int
    total: int


@dataclass(frozen=True, slots=True)
class MineAction:
    """Explosive ordnance and land release (IMSMA): area in m², items found, accidents, victims."""

    eo_incidents: Figure
    accidents: Figure  # mine, IED and UXO explosions
    released_m2_period: float
    released_m2_total: float
    release_ids: tuple[int, ...]  # clearance task records of the period
    items: tuple[ItemCount, ...]
    victims_killed: Figure
    victims_injured: Figure
    victims_by_role: tuple[tuple[str, Figure], ...]
    killed_count: int
    injured_count: int


@dataclass(frozen=True, slots=True)
class RestrictionLine:
    id: int
    day: date
    kind: str
    place: str
    imposed_by: str | None


@dataclass(frozen=True, slots=True)
class Complaints:
    lodged: tuple[int, ...]  # complaint ids lodged in the period
    answered: tuple[int, ...]  # complaint ids the other party answered in the period
    awaiting_answer: tuple[int, ...]  # lodged by the end of the period and not answered


@dataclass(frozen=True, slots=True)
class PositionLine:
    delegation: str
    position: str | None  # confirms, disputes, abstains; None: not stated
    reason: str


@dataclass(frozen=True, slots=True)
class DisputedIncident:
    incident_id: int
    day: date
    type: str
    place: str
    positions: tuple[PositionLine, ...]


@dataclass(frozen=True, slots=True)
class IncidentLine:
    """One incident of the period, as the appendix lists it."""

    id: int
    first_day: date
    last_day: date
    category: str
    type: str
    status: str
    place: str
    district: str
    party: str  # az, am, unattributed
    agreement: str | None
    killed: int | None
    injured: int | None
    lon: float | None
    lat: float | None


@dataclass(frozen=True, slots=True)
class DailyCount:
    day: date
    violations: Figure
    other: Figure


@dataclass(frozen=True, slots=True)
class Report:
    period: Period
    previous: Period
    issued_at: datetime
    violations: Breakdown
    by_type: tuple[Breakdown, ...]
    by_district: tuple[Breakdown, ...]
    by_party: tuple[Breakdown, ...]
    by_status: tuple[tuple[str, Figure], ...]
    other_incidents: tuple[tuple[str, Figure], ...]  # by category: detention, other_incident
    running_total: RunningTotal
    casualties: Casualties
    mine_action: MineAction
    restrictions: tuple[RestrictionLine, ...]
    complaints: Complaints
    disputed: tuple[DisputedIncident, ...]
    agreements: tuple[AgreementCount, ...]
    incidents: tuple[IncidentLine, ...]
    daily_counts: tuple[DailyCount, ...]
    public: bool = False  # confirmed incidents only; no restrictions, complaints or positions
