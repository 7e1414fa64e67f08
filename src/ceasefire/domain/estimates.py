"""An incident's own record, estimated from its claims (recomputed whenever they change).

- time: the tightest window consistent with the claims (narrowest first; a window that
  contradicts the ones already taken is left out);
- place: the most precise place that at least half of the placed claims agree with;
- casualties, UCDP style, for killed/injured × military/civilian/unknown and their total:
  low = the largest figure every reporting claim supports (the smallest stated minimum),
  high = the largest figure claimed, best = the figure of the most credible third-party
  claim (not a party to the conflict), else the median of the stated minimums.

The members are the claims linked with confidence or by an analyst: a suggested claim sits in
an incident of its own until accepted, so it never moves or blurs these estimates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ceasefire.domain.linking import (
    ClaimFacts,
    camp_of,
    distance_km,
    is_generic_type,
    is_mutual_accusation,
    radius_km,
)
from ceasefire.domain.model import CasualtyGroup, Count
from ceasefire.domain.taxonomy import PlacePrecision, TimePrecision

_PLACE_RANK = {
    p.value: i
    for i, p in enumerate(
        (
            PlacePrecision.SITE,
            PlacePrecision.SETTLEMENT,
            PlacePrecision.DISTRICT,
            PlacePrecision.REGION,
            PlacePrecision.COUNTRY,
            PlacePrecision.UNKNOWN,
        )
    )
}
_CELLS = ("military", "civilian", "unknown")


@dataclass(frozen=True, slots=True)
class PlaceEstimate:
    name: str
    gazetteer_id: int | None
    lat: float | None
    lon: float | None
    precision: str


@dataclass(frozen=True, slots=True)
class IncidentEstimate:
    """What the incident row holds, derived from its claims only."""

    category: str
    type: str
    start: date
    end: date
    time_precision: str
    place: PlaceEstimate | None
    casualties: dict[str, Any]
    claimants: tuple[str, ...]
    perpetrators: tuple[str, ...]
    disputed_attribution: bool
    third_party_reported: bool
    representative: int  # the claim whose summary describes the incident best


#: Incident windows up to this long have a precision finer than "year" (queries rely on it).
MONTH_DAYS = 31


def time_precision_of(start: date, end: date) -> str:
    span = (end - start).days + 1
    if span == 1:
        return TimePrecision.DAY.value
    if span <= 6:
        return TimePrecision.DAYS.value
    if span <= 7:
        return TimePrecision.WEEK.value
    if span <= MONTH_DAYS:
        return TimePrecision.MONTH.value
    return TimePrecision.YEAR.value


def estimate(members: Sequence[ClaimFacts]) -> IncidentEstimate:
    """The incident as its claims describe it; `members` must not be empty."""
    if not members:
        raise ValueError("an incident needs at least one claim")
    start, end = tightest_window(members)
    categories = Counter(m.category for m in members)
    return IncidentEstimate(
        category=categories.most_common(1)[0][0],
        type=_most_specific_type(members),
        start=start,
        end=end,
        time_precision=time_precision_of(start, end),
        place=best_place(members),
        casualties=casualty_estimates(members),
        claimants=_unique(m.claimed_by for m in members),
        perpetrators=_unique(m.perpetrator for m in members),
        disputed_attribution=_disputed(members),
        third_party_reported=any(not m.claimant_is_party for m in members),
        representative=min(members, key=_credibility_key).id,
    )


def tightest_window(members: Sequence[ClaimFacts]) -> tuple[date, date]:
    ordered = sorted(members, key=lambda m: (m.span_days, m.credibility, m.id))
    start, end = ordered[0].start, ordered[0].end
    for m in ordered[1:]:
        lo, hi = max(start, m.start), min(end, m.end)
        if lo <= hi:
            start, end = lo, hi
    return start, end


def best_place(members: Sequence[ClaimFacts]) -> PlaceEstimate | None:
    placed = [m for m in members if m.placed]
    if not placed:
        named = [m for m in members if m.place_name]
        if not named:
            return None
        m = min(named, key=lambda m: (_PLACE_RANK.get(m.place_precision, 9), m.id))
        return PlaceEstimate(m.place_name or "", m.gazetteer_id, m.lat, m.lon, m.place_precision)

    def agreeing(c: ClaimFacts) -> int:
        assert c.lat is not None and c.lon is not None
        return sum(
            1
            for o in placed
            if o.lat is not None
            and o.lon is not None
            and distance_km(c.lat, c.lon, o.lat, o.lon)
            <= max(radius_km(c.place_precision), radius_km(o.place_precision))
        )

    # The most precise place that at least half of the placed claims agree with.
    agree = {c.id: agreeing(c) for c in placed}
    backed = [c for c in placed if 2 * agree[c.id] >= len(placed)] or placed
    best = min(
        backed,
        key=lambda c: (_PLACE_RANK.get(c.place_precision, 9), -agree[c.id], c.credibility, c.id),
    )
    return PlaceEstimate(
        best.place_name or "", best.gazetteer_id, best.lat, best.lon, best.place_precision
    )


def casualty_estimates(members: Sequence[ClaimFacts]) -> dict[str, Any]:
    """`{"killed": {"military": {best, low, high, claims} | None, ..., "total": ...}, "injured": ...}`."""
    out: dict[str, Any] = {}
    for kind in ("killed", "injured"):
        groups = [(m, getattr(m.casualties, kind)) for m in members]
        cells: dict[str, Any] = {}
        for cell in _CELLS:
            reports = [(m, getattr(g, cell)) for m, g in groups if getattr(g, cell) is not None]
            cells[cell] = _estimate_cell(reports)
        totals = [(m, _total(g)) for m, g in groups if g.is_stated()]
        cells["total"] = _estimate_cell([(m, c) for m, c in totals if c is not None])
        out[kind] = cells
    return out


def _total(group: CasualtyGroup) -> Count | None:
    cells = [c for c in (group.military, group.civilian, group.unknown) if c is not None]
    if not cells:
        return None
    high = None if any(c.max is None for c in cells) else sum(c.max or 0 for c in cells)
    return Count(sum(c.min for c in cells), high)


def _estimate_cell(reports: Sequence[tuple[ClaimFacts, Count]]) -> dict[str, int] | None:
    if not reports:
        return None
    low = min(c.min for _, c in reports)
    high = max(c.max if c.max is not None else c.min for _, c in reports)
    third_party = [(m, c) for m, c in reports if not m.claimant_is_party]
    if third_party:
        best = min(third_party, key=lambda mc: _credibility_key(mc[0]))[1].min
    else:
        mins = sorted(c.min for _, c in reports)
        best = mins[(len(mins) - 1) // 2]
    return {"best": max(low, min(best, high)), "low": low, "high": high, "claims": len(reports)}


def _credibility_key(m: ClaimFacts) -> tuple[bool, int, bool, int]:
    # Third parties first, then the better-graded claim, a specific type, the earliest.
    return (m.claimant_is_party, m.credibility, is_generic_type(m.type), m.id)


def _most_specific_type(members: Sequence[ClaimFacts]) -> str:
    counts = Counter(m.type for m in members)
    specific = [t for t in counts if not is_generic_type(t)]
    pool = specific or list(counts)
    return max(pool, key=lambda t: (counts[t], -min(m.id for m in members if m.type == t)))


def _disputed(members: Sequence[ClaimFacts]) -> bool:
    camps = {camp_of(m.perpetrator) for m in members} - {None}
    if len(camps) > 1:
        return True
    if any(m.disputed_by and m.perpetrator for m in members):
        return True
    return any(is_mutual_accusation(a, b) for i, a in enumerate(members) for b in members[i + 1 :])


def _unique(values: Any) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for v in values:
        if v:
            seen.setdefault(str(v), None)
    return tuple(seen)
