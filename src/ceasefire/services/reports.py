"""Daily and weekly reports: compose the `Report` of a period from the other use cases, render it.

The daily report for day D covers the 24 hours that end at the configured cut-off on D (e.g.
19:30 Asia/Baku); the weekly one the 7 days that end there. Incidents are recorded to the day,
so an incident counts in the report of the day its time window starts: each incident is in
exactly one daily report and totals add up. Complaints (timestamped) follow the cut-off itself.
Every figure keeps the incident ids it comes from, so a report can be traced and re-checked.

    report = compose(database, "daily", date(2021, 3, 9), settings=settings)
    produce(database, "daily", date(2021, 3, 9), settings=settings, output_format="md")

The public edition (`public=True`, anonymous HTTP reads) counts confirmed incidents only and
leaves out restrictions, complaints and the delegations' positions.
"""

from __future__ import annotations

import base64
import binascii
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import orjson
from sqlalchemy import Connection, func, select

from ceasefire.config import Settings
from ceasefire.domain.agreements import in_force
from ceasefire.domain.linking import ARMENIAN, AZERBAIJANI, camp_of
from ceasefire.domain.taxonomy import Category, IncidentStatus
from ceasefire.errors import InvalidValue, NotFound
from ceasefire.gazetteer import Gazetteer
from ceasefire.reports.lexicon import neutral_text
from ceasefire.reports.model import (
    AgreementCount,
    Breakdown,
    Casualties,
    Complaints,
    DailyCount,
    DisputedIncident,
    Estimate,
    Figure,
    IncidentLine,
    ItemCount,
    MineAction,
    Period,
    PositionLine,
    Report,
    RestrictionLine,
    RunningTotal,
)
from ceasefire.reports.naming import place_label
from ceasefire.services import agreements, complaints, restrictions
from ceasefire.services.incidents import IncidentFilter, list_incidents
from ceasefire.services.paging import Page, check_limit
from ceasefire.services.verification import verification_state
from ceasefire.storage.schema import clearance_tasks, eo_victims, incidents
from ceasefire.storage.sql import Database

KINDS = ("daily", "weekly")
FORMATS = ("md", "html", "pdf", "json")
#: What each format is served as over HTTP.
MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "json": "application/json",
}
CHART_DAYS = 30
_PERIOD_DAYS = {"daily": 1, "weekly": 7}
_ACCIDENT_TYPES = frozenset({"mine_explosion", "ied_explosion", "uxo_explosion"})
_PARTY_CODES = {AZERBAIJANI: "az", ARMENIAN: "am"}
_NO_DISTRICT = ""  # the templates say "district not determined"
_CONFIRMED = IncidentStatus.CONFIRMED.value
_EARLIEST, _LATEST = date(1900, 1, 1), date(2999, 12, 31)  # periods before and after stay dates


def produce(
    database: Database,
    kind: str,
    day: date,
    *,
    settings: Settings,
    output_format: str = "md",
    language: str = "en",
    issued_at: datetime | None = None,
    public: bool = False,
) -> bytes:
    """The report of `kind` for `day`, rendered as md, html, pdf or json bytes.

    JSON is the `Report` itself (every figure as its incident ids), the same in every language.
    """
    from ceasefire.reports.render import phrases, render  # late: matplotlib loads on use

    if output_format not in FORMATS:
        raise InvalidValue("format", f"use one of {', '.join(FORMATS)}, got {output_format!r}")
    phrases(language)  # an unknown language is refused before the work
    report = compose(database, kind, day, settings=settings, issued_at=issued_at, public=public)
    if output_format == "json":
        return orjson.dumps(report)
    return render(report, output_format, language)


def compose(
    database: Database,
    kind: str,
    day: date,
    *,
    settings: Settings,
    issued_at: datetime | None = None,
    public: bool = False,
) -> Report:
    """The `Report` of `kind` (daily, weekly) for the period ending on `day`."""
    if kind not in KINDS:
        raise InvalidValue("kind", f"use daily or weekly, got {kind!r}")
    if not _EARLIEST <= day <= _LATEST:
        raise InvalidValue("date", f"a report needs a day from {_EARLIEST} to {_LATEST}")
    period = period_of(kind, day, settings)
    previous = period_of(kind, period.first_day - timedelta(days=1), settings)
    issued = (issued_at or datetime.now(UTC)).astimezone(ZoneInfo(settings.report_time_zone))
    chart_start = min(previous.first_day, period.last_day - timedelta(days=CHART_DAYS - 1))
    with database.connect() as conn:
        items = list_incidents(
            conn,
            IncidentFilter(
                start=chart_start, end=period.last_day, status=_CONFIRMED if public else None
            ),
            with_claims=False,
        ).items
        lines = _lines(items, settings.place_names)
        now = [line for line in lines if period.first_day <= line.first_day <= period.last_day]
        before = [
            line for line in lines if previous.first_day <= line.first_day <= previous.last_day
        ]
        disputed = _disputed(conn, [line for line in now if line.status == "disputed"])
        running = _running_total(conn, period.last_day, public=public)
        mine_action = _mine_action(conn, period, now)
    violations = [line for line in now if line.category == Category.VIOLATION.value]
    violations_before = [line for line in before if line.category == Category.VIOLATION.value]
    return Report(
        period=period,
        previous=previous,
        issued_at=issued,
        violations=Breakdown("all", _ids(violations), _ids(violations_before)),
        by_type=_breakdown(violations, violations_before, lambda line: line.type),
        by_district=_breakdown(violations, violations_before, lambda line: line.district),
        by_party=_breakdown(violations, violations_before, lambda line: line.party),
        by_status=tuple(
            (status.value, Figure.of(line.id for line in now if line.status == status.value))
            for status in IncidentStatus
        ),
        other_incidents=tuple(
            (c.value, Figure.of(line.id for line in now if line.category == c.value))
            for c in (Category.DETENTION, Category.OTHER_INCIDENT)
        ),
        running_total=running,
        casualties=_casualties(items, {line.id for line in now}),
        mine_action=mine_action,
        restrictions=() if public else _restrictions(database, period),
        complaints=Complaints((), (), ()) if public else _complaints(database, period),
        disputed=() if public else disputed,
        agreements=_per_agreement(violations),
        incidents=tuple(now),
        daily_counts=_daily_counts(lines, period.last_day),
        public=public,
    )


def period_of(kind: str, day: date, settings: Settings) -> Period:
    """The period of a `kind` report for `day`, its cut-offs in the configured time zone."""
    zone = ZoneInfo(settings.report_time_zone)
    cutoff = time.fromisoformat(settings.report_cutoff)
    ends_on = day if cutoff > time.min else day + timedelta(days=1)
    length = _PERIOD_DAYS[kind]
    ends = datetime.combine(ends_on, cutoff, tzinfo=zone)
    starts = datetime.combine(ends_on - timedelta(days=length), cutoff, tzinfo=zone)
    if kind == "daily":
        number = f"{day.timetuple().tm_yday}/{day.year}"
    else:
        iso = day.isocalendar()
        number = f"W{iso.week}/{iso.year}"
    first = day - timedelta(days=length - 1)
    return Period(kind, number, first, day, starts, ends, settings.report_time_zone)


def report_days(
    conn: Connection, *, public: bool = False, limit: int = 100, cursor: str | None = None
) -> Page:
    """The days incidents start on, newest first, each with its count: the daily reports there are.

    Items: `{"date", "incidents"}`; `next` pages on to earlier days.
    """
    check_limit(limit)
    query = (
        select(incidents.c.time_start, func.count().label("incidents"))
        .where(incidents.c.merged_into.is_(None))
        .group_by(incidents.c.time_start)
        .order_by(incidents.c.time_start.desc())
        .limit(limit + 1)
    )
    if public:
        query = query.where(incidents.c.status == _CONFIRMED)
    before = _day_cursor(cursor)
    if before is not None:
        query = query.where(incidents.c.time_start < before)
    rows = conn.execute(query).all()
    items = [{"date": row.time_start.isoformat(), "incidents": int(row.incidents)} for row in rows]
    shown = items[:limit]
    more = len(items) > limit
    return Page(
        shown,
        base64.urlsafe_b64encode(f"day|{shown[-1]['date']}".encode()).decode() if more else None,
    )


def _day_cursor(cursor: str | None) -> date | None:
    if cursor is None:
        return None
    try:
        tag, day = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        if tag == "day":
            return date.fromisoformat(day)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        pass
    raise InvalidValue("cursor", f"not a cursor from a previous page: {cursor!r}")


# --- incidents of the period ------------------------------------------------------------------


def _lines(items: Sequence[dict[str, Any]], policy: str) -> list[IncidentLine]:
    gazetteer = Gazetteer.bundled()
    out = []
    for item in items:
        place = item["place"] or {}
        casualties = item["casualties"] or {}
        out.append(
            IncidentLine(
                id=int(item["id"]),
                first_day=date.fromisoformat(item["time"]["start"]),
                last_day=date.fromisoformat(item["time"]["end"]),
                category=item["category"],
                type=item["type"],
                status=item["status"],
                place=place_label(place.get("name"), place.get("gazetteer_id"), policy),
                district=_district(gazetteer, place, policy),
                party=_party(item["perpetrators"]),
                agreement=item["agreement"],
                killed=_best(casualties.get("killed")),
                injured=_best(casualties.get("injured")),
                lon=place.get("lon"),
                lat=place.get("lat"),
            )
        )
    return out


def _district(gazetteer: Gazetteer, place: dict[str, Any], policy: str) -> str:
    """The district's report name: the place's own when it is one, else the one holding it."""
    geonameid = place.get("gazetteer_id")
    if geonameid is None:
        return _NO_DISTRICT
    try:
        found = gazetteer.get(geonameid)
    except NotFound:  # a place the analyst added, not in the bundled gazetteer
        return _NO_DISTRICT
    if place.get("precision") != "district":
        district = gazetteer.district_of(found)
        if district is None:
            return _NO_DISTRICT
        found = district
    return place_label(found.name, found.geonameid, policy)


def _party(perpetrators: Sequence[str]) -> str:
    """`az`, `am`, or `unattributed` (none named, a third party, or both camps named)."""
    camps = {camp_of(p) for p in perpetrators} - {None}
    if len(camps) == 1:
        return _PARTY_CODES.get(camps.pop() or "", "unattributed")
    return "unattributed"


def _best(group: dict[str, Any] | None) -> int | None:
    total = (group or {}).get("total")
    return None if not total else int(total["best"])


def _ids(lines: Iterable[IncidentLine]) -> Figure:
    return Figure.of(line.id for line in lines)


def _breakdown(
    now: Sequence[IncidentLine], before: Sequence[IncidentLine], key: Any
) -> tuple[Breakdown, ...]:
    current: dict[str, list[int]] = defaultdict(list)
    previous: dict[str, list[int]] = defaultdict(list)
    for line in now:
        current[key(line)].append(line.id)
    for line in before:
        previous[key(line)].append(line.id)
    keys = sorted(set(current) | set(previous), key=lambda k: (-len(current[k]), k))
    return tuple(Breakdown(k, Figure.of(current[k]), Figure.of(previous[k])) for k in keys)


def _casualties(items: Sequence[dict[str, Any]], ids: set[int]) -> Casualties:
    def cell(kind: str, status: str) -> Estimate:
        best = low = high = 0
        found = []
        for item in items:
            if item["id"] not in ids:
                continue
            value = ((item["casualties"] or {}).get(kind) or {}).get(status)
            if value:
                best, low, high = best + value["best"], low + value["low"], high + value["high"]
                found.append(int(item["id"]))
        return Estimate(best, low, high, tuple(sorted(found)))

    return Casualties(
        cell("killed", "military"),
        cell("killed", "civilian"),
        cell("injured", "military"),
        cell("injured", "civilian"),
    )


def _per_agreement(violations: Sequence[IncidentLine]) -> tuple[AgreementCount, ...]:
    found: dict[str | None, list[int]] = defaultdict(list)
    for line in violations:
        found[line.agreement].append(line.id)
    ordered = sorted(found, key=lambda name: (name is None, name or ""))
    return tuple(AgreementCount(name, Figure.of(found[name])) for name in ordered)


def _daily_counts(lines: Sequence[IncidentLine], last_day: date) -> tuple[DailyCount, ...]:
    days = [last_day - timedelta(days=n) for n in range(CHART_DAYS - 1, -1, -1)]
    by_day: dict[date, list[IncidentLine]] = defaultdict(list)
    for line in lines:
        by_day[line.first_day].append(line)
    return tuple(
        DailyCount(
            day,
            _ids(line for line in by_day[day] if line.category == Category.VIOLATION.value),
            _ids(line for line in by_day[day] if line.category != Category.VIOLATION.value),
        )
        for day in days
    )


def _disputed(conn: Connection, lines: Sequence[IncidentLine]) -> tuple[DisputedIncident, ...]:
    out = []
    for line in lines:
        state = verification_state(conn, line.id)
        positions = tuple(
            PositionLine(
                code,
                None if held is None else held.position.value,
                "" if held is None else neutral_text(held.reason),
            )
            for code, held in sorted(state.current.items())
        )
        out.append(DisputedIncident(line.id, line.first_day, line.type, line.place, positions))
    return tuple(out)


def _running_total(conn: Connection, last_day: date, *, public: bool) -> RunningTotal:
    """Violations from the day the agreement in force took effect (its own clock) to `last_day`."""
    agreement = in_force(agreements.stored(conn), last_day, last_day)
    if agreement is None:
        return RunningTotal(None, None, Figure())
    since = agreement.effective.date()
    query = select(incidents.c.id).where(
        incidents.c.merged_into.is_(None),
        incidents.c.category == Category.VIOLATION.value,
        incidents.c.time_start >= since,
        incidents.c.time_start <= last_day,
    )
    if public:
        query = query.where(incidents.c.status == _CONFIRMED)
    ids = conn.execute(query).scalars()
    return RunningTotal(agreement.name, since, Figure.of(ids))


# --- mine action, restrictions, complaints ----------------------------------------------------


def _mine_action(conn: Connection, period: Period, now: Sequence[IncidentLine]) -> MineAction:
    eo = [line for line in now if line.category == Category.EXPLOSIVE_ORDNANCE.value]
    accidents = [line for line in eo if line.type in _ACCIDENT_TYPES]
    releases = conn.execute(
        select(
            clearance_tasks.c.id,
            clearance_tasks.c.day,
            clearance_tasks.c.area_m2,
            clearance_tasks.c["items"],  # `.c.items` is the collection's own method
        )
        .where(clearance_tasks.c.day <= period.last_day)
        .order_by(clearance_tasks.c.id)
    ).all()
    in_period = [r for r in releases if r.day >= period.first_day]
    items_now: dict[str, int] = defaultdict(int)
    items_all: dict[str, int] = defaultdict(int)
    for release in releases:
        for item_type, count in (release.items or {}).items():
            items_all[item_type] += int(count)
            if release.day >= period.first_day:
                items_now[item_type] += int(count)
    victims = conn.execute(
        select(eo_victims.c.incident_id, eo_victims.c.role, eo_victims.c.outcome).where(
            eo_victims.c.incident_id.in_([line.id for line in accidents] or [-1])
        )
    ).all()
    by_role: dict[str, list[int]] = defaultdict(list)
    for victim in victims:
        by_role[victim.role].append(victim.incident_id)
    return MineAction(
        eo_incidents=_ids(eo),
        accidents=_ids(accidents),
        released_m2_period=round(sum(r.area_m2 for r in in_period), 1),
        released_m2_total=round(sum(r.area_m2 for r in releases), 1),
        release_ids=tuple(int(r.id) for r in in_period),
        items=tuple(
            ItemCount(item_type, items_now.get(item_type, 0), items_all[item_type])
            for item_type in sorted(items_all)
        ),
        victims_killed=Figure.of(v.incident_id for v in victims if v.outcome == "killed"),
        victims_injured=Figure.of(v.incident_id for v in victims if v.outcome == "injured"),
        victims_by_role=tuple((role, Figure.of(ids)) for role, ids in sorted(by_role.items())),
        killed_count=sum(1 for v in victims if v.outcome == "killed"),
        injured_count=sum(1 for v in victims if v.outcome == "injured"),
    )


def _restrictions(database: Database, period: Period) -> tuple[RestrictionLine, ...]:
    found = restrictions.list_restrictions(database, start=period.first_day, end=period.last_day)
    return tuple(
        RestrictionLine(r.id, r.day, r.kind, r.place_name or "", r.imposed_by) for r in found
    )


def _complaints(database: Database, period: Period) -> Complaints:
    every = complaints.list_complaints(database)

    def within(at: datetime | None) -> bool:
        return at is not None and period.starts <= _aware(at) < period.ends

    return Complaints(
        lodged=tuple(c.id for c in every if within(c.lodged_at)),
        answered=tuple(c.id for c in every if within(c.responded_at)),
        awaiting_answer=tuple(
            c.id
            for c in every
            if _aware(c.lodged_at) < period.ends
            and (c.responded_at is None or _aware(c.responded_at) >= period.ends)
        ),
    )


def _aware(moment: datetime) -> datetime:
    """SQLite returns stored UTC moments without a zone."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
