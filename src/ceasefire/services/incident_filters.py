"""Incident filters that need more than one column: the district a place lies in (through the
gazetteer) and the claimant (words in one of an incident's claimants).

    >>> [d["name"] for d in districts()][:2]  # doctest: +SKIP
    ['Abşeron', 'Ağcabədi']
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import ColumnElement, Text, cast, func

from ceasefire.errors import InvalidValue
from ceasefire.gazetteer import Gazetteer
from ceasefire.storage.schema import incidents


@functools.cache
def _places_by_district() -> dict[int, tuple[int, ...]]:
    """Each district's gazetteer id -> the ids of the places in it (the district too)."""
    gazetteer = Gazetteer.bundled()
    members: dict[int, list[int]] = {}
    for place in gazetteer:
        district = gazetteer.district_of(place)
        if district is not None:
            members.setdefault(district.geonameid, [district.geonameid]).append(place.geonameid)
    return {district: tuple(ids) for district, ids in members.items()}


@functools.cache
def districts() -> tuple[dict[str, Any], ...]:
    """The districts incidents can be filtered by (Azerbaijan's rayons, Armenia's marzer),
    as `{"id", "name", "country"}` by name; the map page lists them on every request."""
    gazetteer = Gazetteer.bundled()
    found = [gazetteer.get(district) for district in _places_by_district()]
    return tuple(
        {"id": p.geonameid, "name": p.name, "country": p.country}
        for p in sorted(found, key=lambda p: (p.country, p.name))
    )


def district_clause(district: int) -> ColumnElement[bool]:
    """Incidents placed at a gazetteer place of the district (or at the district itself).

    Incidents with coordinates but no gazetteer id (some imports) are not matched.
    """
    members = _places_by_district().get(district)
    if members is None:
        raise InvalidValue("district", f"no district with gazetteer id {district}")
    return incidents.c.gazetteer_id.in_(members)


def claimant_clause(claimant: str) -> ColumnElement[bool]:
    """Incidents one of whose claimants contains these words ("azerbaijan" matches
    "Azerbaijani Defence Ministry"), case-insensitively: a side or an institution."""
    words = claimant.strip().lower()
    if not words:
        raise InvalidValue("claimant", "needs at least one character")
    if not words.isprintable():
        raise InvalidValue("claimant", "control characters are not part of any name")
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    # The JSON list as text: one LIKE on both backends, no JSON functions needed.
    listed = func.lower(cast(incidents.c.claimants, Text))
    return listed.like(f"%{escaped}%", escape="\\")
