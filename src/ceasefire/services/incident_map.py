"""What the web map draws, computed in SQL: incidents per day (the timeline) and the placed
incidents as compact points (the markers), both under the filters of `list_incidents`.

    >>> with database.connect() as conn:  # doctest: +SKIP
    ...     per_day(conn, IncidentFilter(category="violation"))
    [{'day': '2021-03-04', 'count': 2, 'by_category': {'violation': 2}}]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from ceasefire.errors import InvalidValue
from ceasefire.services.incidents import IncidentFilter, filter_conditions
from ceasefire.services.paging import decode_after, encode_after
from ceasefire.storage.schema import incidents

#: The largest page of points: 50k rows of six short values are about 2.5 MB of JSON.
MAX_POINTS = 50_000
#: The columns of a point, in order.
POINT_FIELDS = ("id", "lon", "lat", "category", "status", "day")


def per_day(conn: Connection, where: IncidentFilter | None = None) -> list[dict[str, Any]]:
    """Incidents by the day their window starts (the day they count on in reports), with
    the count of each category; days without incidents are left out."""
    c = incidents.c
    conditions = filter_conditions(conn.dialect.name, where or IncidentFilter())
    query = (
        select(c.time_start, c.category, func.count())
        .where(*conditions)
        .group_by(c.time_start, c.category)
        .order_by(c.time_start, c.category)
    )
    days: dict[str, dict[str, Any]] = {}
    for day, category, number in conn.execute(query):
        entry = days.setdefault(day.isoformat(), {"count": 0, "by_category": {}})
        entry["count"] += number
        entry["by_category"][category] = number
    return [{"day": day, **entry} for day, entry in days.items()]


@dataclass(frozen=True, slots=True)
class Points:
    """Rows of `POINT_FIELDS` by id, and the cursor of the next page (None on the last)."""

    rows: list[tuple[Any, ...]]
    next: str | None

    def to_json(self) -> dict[str, Any]:
        return {"fields": list(POINT_FIELDS), "items": self.rows, "next": self.next}


def points(
    conn: Connection,
    where: IncidentFilter | None = None,
    *,
    limit: int = 10_000,
    cursor: str | None = None,
) -> Points:
    """The placed incidents under `where` as `(id, lon, lat, category, status, day)` by id,
    a page at a time; a map draws 100k of these where full items would weigh 50x more."""
    if not 1 <= limit <= MAX_POINTS:
        raise InvalidValue("limit", f"must be 1..{MAX_POINTS}, got {limit}")
    after = decode_after(cursor)
    c = incidents.c
    conditions = filter_conditions(conn.dialect.name, where or IncidentFilter())
    conditions += [c.lon.is_not(None), c.lat.is_not(None)]
    if after is not None:
        conditions.append(c.id > after)
    query = (
        select(c.id, c.lon, c.lat, c.category, c.status, c.time_start)
        .where(*conditions)
        .order_by(c.id)
        .limit(limit + 1)
    )
    rows = [
        (i, round(lon, 5), round(lat, 5), category, status, day.isoformat())
        for i, lon, lat, category, status, day in conn.execute(query)
    ]
    following = encode_after(int(rows[limit - 1][0])) if len(rows) > limit else None
    return Points(rows[:limit], following)
