"""The in-memory linker: incidents found by grid cell × day, never by comparing all pairs.

The benchmark and batch re-linking use it; the database linker (services/linking.py) finds
candidates with indexed queries instead. Both decide with `domain.linking.decide`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Final

from ceasefire.domain.linking import (
    LAYER_RADIUS,
    MIN_SLACK,
    PLACE_LAYERS,
    ClaimFacts,
    LinkDecision,
    LinkPolicy,
    bbox_around,
    blocks,
    decide,
    search_reach,
)

_Grid = dict[int, list[ClaimFacts]]  # packed (category, day, x, y) -> claims


def _cell_key(category: int, day: int, x: int, y: int) -> int:
    # One int instead of a tuple: at a million claims the keys are a good part of the memory.
    return (((category * 1_000_000 + day) << 13 | (x & 8191)) << 13) | (y & 8191)


#: Grid cells (degrees) of the in-memory index; a lookup uses the one that fits its reach.
_RESOLUTIONS: Final = (0.1, 0.4, 1.0)


def _resolution(reach_km: float) -> int:
    """The finest grid whose cells are at least 0.6 × reach wide (a box spans ~3 × 3 cells)."""
    for i, cell in enumerate(_RESOLUTIONS):
        if cell * 111.0 >= 0.6 * reach_km:
            return i
    return len(_RESOLUTIONS) - 1


class LinkIndex:
    """Incidents in memory, found by grid cell × day (never all pairs).

    A placed claim sits, per grid resolution, in one cell on every day of its window widened
    by its slack (an undated one on a pseudo-day of its own) and on an any-time pseudo-day that
    undated claims search; every dated claim also sits in per-day lists, which claims without a
    usable place search. A lookup reads the nearest cells first and examines at most
    `policy.max_candidates` claims, which bounds the work for vague claims in busy areas.
    """

    def __init__(self, policy: LinkPolicy | None = None) -> None:
        self.policy = policy or LinkPolicy()
        self.members: dict[int, list[ClaimFacts]] = {}
        self.incident_of: dict[int, int] = {}
        # grids[layer][resolution]; a layer is stored only at resolutions its reach can use
        self._grids: tuple[tuple[_Grid, ...], ...] = tuple(
            tuple({} for _ in _RESOLUTIONS) for _ in PLACE_LAYERS
        )
        self._all_by_day: dict[tuple[str, int], list[ClaimFacts]] = {}
        self._unplaced_by_day: dict[tuple[str, int], list[ClaimFacts]] = {}
        self._categories: dict[str, int] = {}
        self._next_incident = 1

    def add(self, claim: ClaimFacts) -> LinkDecision:
        """Decide where a new claim goes and record it there."""
        found = self.candidates(claim)
        decision = decide(claim, {i: self.members[i] for i in found}, self.policy)
        incident = decision.incident
        if incident is None:
            incident = self._next_incident
            self._next_incident += 1
            self.members[incident] = []
        self.members[incident].append(claim)
        self.incident_of[claim.id] = incident
        for other in decision.merge:  # one event told twice: its claims join the chosen one
            for member in self.members.pop(other.incident):
                self.members[incident].append(member)
                self.incident_of[member.id] = incident
        self._insert(claim)
        return decision

    def candidates(self, claim: ClaimFacts) -> list[int]:
        """Incidents holding a claim that passes blocking with this one, nearest first."""
        seen: dict[int, None] = {}
        incident_of = self.incident_of
        limit = self.policy.max_span_days
        for other in islice(self._nearby(claim), self.policy.max_candidates):
            incident = incident_of[other.id]
            if incident not in seen and blocks(claim, other, limit) is None:
                seen[incident] = None
                if len(seen) >= self.policy.max_incidents:
                    break
        return list(seen)

    def _nearby(self, claim: ClaimFacts) -> Iterator[ClaimFacts]:
        category = claim.category
        code = self._categories.setdefault(category, len(self._categories))
        undated = claim.span_days > self.policy.max_span_days
        if claim.placed:
            assert claim.lat is not None and claim.lon is not None
            if undated:  # any time: every placed claim of the place
                days: Iterable[int] = (_ANY_TIME,)
            else:
                # Stored claims are widened by their own slack; widening by ours minus the
                # least slack finds every pair within the larger of the two, each claim once.
                widen = claim.slack - MIN_SLACK
                days = (*range(claim.first_day - widen, claim.last_day + widen + 1), _UNDATED)
            for layer, grids in enumerate(self._grids):
                reach = search_reach(claim, layer)
                res = _resolution(reach)
                grid, cell = grids[res], _RESOLUTIONS[res]
                box = bbox_around(claim.lat, claim.lon, reach)
                for x, y in _cells_nearest_first(claim.lat, claim.lon, box, cell):
                    for day in days:
                        found = grid.get(_cell_key(code, day, x, y))
                        if found:
                            yield from found
        if undated:
            return  # an undated claim pairs only by place (see `blocks`)
        # Without a place the dates must overlap outright (see `blocks`): no slack needed.
        by_day = self._unplaced_by_day if claim.placed else self._all_by_day
        for day in range(claim.first_day, claim.last_day + 1):
            yield from by_day.get((category, day), ())

    def _insert(self, claim: ClaimFacts) -> None:
        undated = claim.span_days > self.policy.max_span_days
        if not undated:
            for day in range(claim.first_day, claim.last_day + 1):
                self._all_by_day.setdefault((claim.category, day), []).append(claim)
                if not claim.placed:
                    self._unplaced_by_day.setdefault((claim.category, day), []).append(claim)
        if not claim.placed:
            return
        assert claim.lat is not None and claim.lon is not None
        layer = next(i for i, ps in enumerate(PLACE_LAYERS) if claim.place_precision in ps)
        code = self._categories.setdefault(claim.category, len(self._categories))
        if undated:
            days: Iterable[int] = (_UNDATED, _ANY_TIME)
        else:
            days = (
                *range(claim.first_day - claim.slack, claim.last_day + claim.slack + 1),
                _ANY_TIME,
            )
        # Queries of any reach >= this layer's may read this claim: store it at each of them.
        for res in range(_resolution(LAYER_RADIUS[layer]), len(_RESOLUTIONS)):
            cell = _RESOLUTIONS[res]
            x, y = math.floor(claim.lon / cell), math.floor(claim.lat / cell)
            grid = self._grids[layer][res]
            for day in days:
                grid.setdefault(_cell_key(code, day, x, y), []).append(claim)


#: Pseudo-days of the grids: claims without a usable date, and every placed claim.
_UNDATED: Final = 0
_ANY_TIME: Final = 1


def _cells_nearest_first(
    lat: float, lon: float, box: tuple[float, float, float, float], cell: float
) -> list[tuple[int, int]]:
    west, south, east, north = box
    cx, cy = lon / cell - 0.5, lat / cell - 0.5
    cells = [
        (x, y)
        for x in range(math.floor(west / cell), math.floor(east / cell) + 1)
        for y in range(math.floor(south / cell), math.floor(north / cell) + 1)
    ]
    cells.sort(key=lambda xy: (xy[0] - cx) ** 2 + (xy[1] - cy) ** 2)
    return cells
