"""Composing daily and weekly reports: periods, counts with their incidents, positions, mine action."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from ceasefire.config import Settings
from ceasefire.services.reports import compose, period_of
from ceasefire.storage.sql import Database
from report_support import BEFORE, DAY, ISSUED, monitored_day

SETTINGS = Settings()


def test_daily_period_ends_at_the_cutoff_of_its_day_in_the_configured_zone() -> None:
    period = period_of("daily", date(2021, 3, 9), Settings(report_cutoff="19:30"))
    baku = ZoneInfo("Asia/Baku")
    assert period.starts == datetime(2021, 3, 8, 19, 30, tzinfo=baku)
    assert period.ends == datetime(2021, 3, 9, 19, 30, tzinfo=baku)
    assert (period.first_day, period.last_day, period.number) == (DAY, DAY, "68/2021")


def test_a_midnight_cutoff_makes_the_daily_period_the_whole_day() -> None:
    period = period_of("daily", DAY, Settings(report_cutoff="00:00", report_time_zone="UTC"))
    assert period.starts == datetime(2021, 3, 9, tzinfo=ZoneInfo("UTC"))
    assert period.ends == datetime(2021, 3, 10, tzinfo=ZoneInfo("UTC"))


def test_weekly_period_covers_the_seven_days_ending_on_its_date() -> None:
    period = period_of("weekly", DAY, SETTINGS)
    assert (period.first_day, period.last_day, period.number) == (date(2021, 3, 3), DAY, "W10/2021")


def test_daily_report_counts_the_days_violations_and_compares_with_the_day_before(
    database: Database,
) -> None:
    day = monitored_day(database)
    report = compose(database, "daily", DAY, settings=SETTINGS, issued_at=ISSUED)
    assert report.violations.current.incident_ids == (day.mortar, day.disputed)
    assert report.violations.previous.incident_ids == (day.yesterday,)
    by_type = {b.key: (b.current.incident_ids, b.previous.incident_ids) for b in report.by_type}
    assert by_type == {
        "mortar_fire": ((day.mortar,), ()),
        "small_arms_fire": ((day.disputed,), ()),
        "sniper_fire": ((), (day.yesterday,)),
    }


def test_violations_by_alleged_party_keep_the_incidents_they_count(database: Database) -> None:
    day = monitored_day(database)
    report = compose(database, "daily", DAY, settings=SETTINGS, issued_at=ISSUED)
    by_party = {b.key: b.current.incident_ids for b in report.by_party}
    assert by_party["am"] == (day.mortar,)
    assert by_party["az"] == (day.disputed,)


def test_districts_and_places_follow_the_naming_policy(database: Database) -> None:
    day = monitored_day(database)
    report = compose(database, "daily", DAY, settings=SETTINGS, issued_at=ISSUED)
    mortar = next(line for line in report.incidents if line.id == day.mortar)
    assert mortar.place == "Khankendi (Stepanakert)"
    assert "Stepanakert" in mortar.district


def test_status_counts_and_casualty_estimates_trace_to_incidents(database: Database) -> None:
    day = monitored_day(database)
    report = compose(database, "daily", DAY, settings=SETTINGS, issued_at=ISSUED)
    statuses = dict(report.by_status)
    assert statuses["disputed"].incident_ids == (day.disputed,)
    assert statuses["reported"].incident_ids == (day.mortar, day.accident)
    killed = report.casualties.killed_military
    assert (killed.best, killed.low, killed.high, killed.incident_ids) == (1, 1, 2, (day.mortar,))
    assert report.casualties.injured_civilian.best == 2


def test_disputed_incident_shows_each_delegations_position_in_neutral_words(
    database: Database,
) -> None:
    day = monitored_day(database)
    report = compose(database, "daily", DAY, settings=SETTINGS, issued_at=ISSUED)
    (disputed,) = report.disputed
    assert disputed.incident_id == day.disputed
    positions = {p.delegation: p for p in disputed.positions}
    assert (positions["AM"].position, positions["AZ"].position) == ("confirms", "disputes")
    assert "aggressor" not in positions["AZ"].reason
    assert "occupied" not in positions["AM"].reason


def test_mine_action_counts_land_released_items_found_and_victims(database: Database) -> None:
    day = monitored_day(database)
    report = compose(database, "daily", DAY, settings=SETTINGS, issued_at=ISSUED)
    mine = report.mine_action
    assert (mine.released_m2_period, mine.released_m2_total) == (5000.0, 7500.0)
    assert {i.item_type: (i.period, i.total) for i in mine.items} == {
        "ap_mine": (3, 3),
        "uxo": (1, 1),
    }
    assert mine.accidents.incident_ids == (day.accident,)
    assert (mine.injured_count, mine.killed_count) == (2, 0)
    assert dict(mine.victims_by_role)["deminer"].incident_ids == (day.accident,)


def test_running_total_counts_violations_since_the_agreement_in_force(database: Database) -> None:
    day = monitored_day(database)
    report = compose(database, "daily", DAY, settings=SETTINGS, issued_at=ISSUED)
    assert report.running_total.agreement == "Trilateral statement of 10 November 2020"
    assert report.running_total.violations.incident_ids == (day.mortar, day.disputed, day.yesterday)
    assert [(a.agreement, a.violations.count) for a in report.agreements] == [
        ("Trilateral statement of 10 November 2020", 2)
    ]


def test_restrictions_of_the_period_are_listed(database: Database) -> None:
    monitored_day(database)
    today = compose(database, "daily", DAY, settings=SETTINGS, issued_at=ISSUED)
    before = compose(database, "daily", BEFORE, settings=SETTINGS, issued_at=ISSUED)
    assert [r.kind for r in today.restrictions] == ["access_denied"]
    assert before.restrictions == ()
