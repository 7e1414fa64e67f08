"""Stage 4: time expressions grounded on the publication day, and the window of each mention."""

from __future__ import annotations

from datetime import date

import pytest

from ceasefire.ingest.stages.timex import find_times, precision_of
from extract_support import reading_after

THURSDAY = date(2020, 12, 24)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("late Wednesday", date(2020, 12, 23), date(2020, 12, 23)),
        ("on Sunday and Monday", date(2020, 12, 20), date(2020, 12, 21)),
        ("earlier this week", date(2020, 12, 21), date(2020, 12, 24)),
        ("last month", date(2020, 11, 1), date(2020, 11, 30)),
        ("the Nov. 10 truce", date(2020, 11, 10), date(2020, 11, 10)),
        ("on September 21", date(2020, 9, 21), date(2020, 9, 21)),
        ("overnight", date(2020, 12, 23), date(2020, 12, 24)),
        ("in the past day", date(2020, 12, 23), date(2020, 12, 24)),
        ("yesterday", date(2020, 12, 23), date(2020, 12, 23)),
        ("over the weekend", date(2020, 12, 19), date(2020, 12, 20)),
        ("on 20-21 December", date(2020, 12, 20), date(2020, 12, 21)),
        ("on December 20 and 21", date(2020, 12, 20), date(2020, 12, 21)),
        ("on the night of Monday to Tuesday", date(2020, 12, 21), date(2020, 12, 22)),
        ("on 2020-12-01", date(2020, 12, 1), date(2020, 12, 1)),
    ],
)
def test_relative_and_absolute_dates_are_grounded_on_publication(
    text: str, first: date, last: date
) -> None:
    found = find_times(text, THURSDAY)
    assert [(e.first, e.last) for e in found] == [(first, last)]


def test_a_date_after_publication_without_a_year_is_last_years() -> None:
    assert find_times("on December 30", THURSDAY)[0].first == date(2019, 12, 30)


def test_a_weekday_that_contradicts_its_date_gives_both_days() -> None:
    # 19 December 2020 was a Saturday
    found = find_times("on Friday, December 19", THURSDAY)
    assert (found[0].first, found[0].last) == (date(2020, 12, 18), date(2020, 12, 19))


def test_weekdays_need_a_publication_day_and_months_a_capital() -> None:
    assert find_times("on Sunday", None) == []
    assert find_times("the truce may hold", THURSDAY) == []


def test_precision_words_follow_the_window_length() -> None:
    assert precision_of(THURSDAY, THURSDAY) == "day"
    assert precision_of(date(2020, 12, 20), THURSDAY) == "days"
    assert precision_of(date(2020, 12, 17), THURSDAY) == "week"
    assert precision_of(date(2020, 11, 10), THURSDAY) == "month"
    assert precision_of(date(2020, 1, 1), THURSDAY) == "year"


def _precision(body: str, published: str | None = "2021-08-12") -> str:
    reading = reading_after("time", body, published)
    mention = next(m for m in reading.mentions if m.category.value != "context")
    assert mention.time is not None
    return mention.time.precision.value


def _window(body: str, published: str | None = "2021-08-12") -> tuple[str, str, str]:
    reading = reading_after("time", body, published)
    mention = next(m for m in reading.mentions if m.category.value != "context")
    assert mention.time is not None
    return mention.time.start.isoformat(), mention.time.end.isoformat(), mention.time_basis.value


def test_a_time_range_across_midnight_covers_both_days() -> None:
    body = "On August 11, troops shelled the village from 2230 on August 10 to 0010 on August 11."
    assert _window(body)[:2] == ("2021-08-10", "2021-08-11")


def test_the_date_of_the_report_only_bounds_the_event() -> None:
    body = "A civilian was wounded by a mine blast, the police reported on August 10."
    assert _window(body) == ("2021-08-09", "2021-08-10", "report")


def test_a_sentence_without_a_date_takes_the_date_of_the_one_before_in_its_paragraph() -> None:
    body = (
        "On August 9, Armenian units fired at positions near Zamanli. "
        "They also fired at positions near Aghdam."
    )
    reading = reading_after("time", body)
    assert [m.time.start.isoformat() for m in reading.mentions if m.time] == ["2021-08-09"] * 2


def test_no_date_gives_a_window_ending_at_publication_not_one_day() -> None:
    assert _window("Troops opened fire on a farm.") == ("2021-08-05", "2021-08-12", "fallback")


def test_since_the_ceasefire_starts_the_window_at_the_ceasefire() -> None:
    body = "Despite the truce, soldiers repeatedly violated the ceasefire, the ministry said."
    start, end, _ = _window(body)
    assert (start, end) == ("2020-11-10", "2021-08-12")


def test_without_publication_day_the_window_runs_from_the_first_agreement_to_today() -> None:
    body = "A mine exploded near a road on Saturday."
    assert _window(body, None)[:2] == ("1994-05-12", "2024-01-01")
    assert _precision(body, None) == "unknown"


def test_an_undated_report_gets_the_week_before_publication_of_unknown_precision() -> None:
    body = "A mine exploded near a road, the agency said."
    assert _window(body)[:2] == ("2021-08-05", "2021-08-12")
    assert _precision(body) == "unknown"


def test_an_armed_incident_of_2016_told_days_later_is_an_incident_not_history() -> None:
    body = "On April 2, 2016, artillery shelled the village, the ministry said."
    reading = reading_after("time", body, "2016-04-04")
    assert [(m.kind.value, m.category.value) for m in reading.mentions] == [("event", "violation")]


def test_an_event_dated_months_before_the_report_is_history() -> None:
    reading = reading_after(
        "time", "On October 4, 2020, rockets struck the city, the ministry said."
    )
    assert [(m.kind.value, m.type) for m in reading.mentions] == [("context", "history")]


def test_the_year_of_a_liberation_is_not_the_date_of_the_blast() -> None:
    body = "A mine exploded in the district liberated in 2020, the ministry said on August 11."
    assert _window(body)[:2] == ("2021-08-10", "2021-08-11")


def test_without_publication_a_full_date_lends_its_year_but_weekdays_stay_unknown() -> None:
    body = (
        "On March 5, 2023, troops fired at a car near Shusha. On March 6, a mine exploded near "
        "Aghdam. On Sunday, a sniper shot a soldier near Lachin."
    )
    reading = reading_after("time", body, None)
    windows = [
        (m.time.start.isoformat(), m.time.end.isoformat()) for m in reading.mentions if m.time
    ]
    assert windows == [
        ("2023-03-05", "2023-03-05"),
        ("2023-03-06", "2023-03-06"),
        ("1994-05-12", "2024-01-01"),  # the first agreement to today: all the text supports
    ]


@pytest.mark.parametrize(
    "phrase",
    ["Shortly after midnight", "In the early hours", "At dawn", "Just before midnight"],
)
def test_a_named_time_of_day_without_a_day_is_the_report_day_or_the_day_before(
    phrase: str,
) -> None:
    body = f"{phrase}, troops shelled a village near the border, the ministry said."
    assert _window(body)[:2] == ("2021-08-11", "2021-08-12")


def test_mines_laid_during_an_occupation_that_explode_today_are_news() -> None:
    body = "Mines laid during the occupation exploded today in the village, the agency said."
    assert _window(body)[:2] == ("2021-08-12", "2021-08-12")


def test_without_publication_an_undated_event_keeps_the_storys_running_date() -> None:
    body = (
        "On April 3, 2016, troops shelled a village near the front.\n\n"
        "Later, a drone attacked a bus on a road in the north."
    )
    reading = reading_after("time", body, None)
    windows = [
        (m.time.start.isoformat(), m.time.end.isoformat()) for m in reading.mentions if m.time
    ]
    assert windows == [("2016-04-03", "2016-04-03"), ("2016-04-03", "2016-04-03")]


def test_without_publication_a_year_less_date_follows_the_background_the_text_dates() -> None:
    body = (
        "Troops fired at a border post near Zabukh on Jan. 5, the ministry said. "
        "It was the first such report since September 2024."
    )
    reading = reading_after("time", body, None)
    [mention] = [m for m in reading.mentions if m.category.value != "context"]
    assert mention.time is not None
    assert (mention.time.start.isoformat(), mention.time.end.isoformat()) == (
        "2025-01-05",
        "2025-01-05",
    )


def test_a_date_after_since_dates_the_past_it_is_compared_with() -> None:
    body = "Troops fired at a post near the border, the first such report since September 2024."
    assert _window(body, "2025-01-06")[:2] == ("2024-12-30", "2025-01-06")


def test_a_date_in_a_relative_clause_is_its_own_events_not_the_sentences() -> None:
    body = (
        "Troops destroyed the enemy combat post, where soldiers had been fired upon on August 2, "
        "the ministry said on Wednesday."
    )
    assert _window(body)[:2] != ("2021-08-02", "2021-08-02")


def test_the_next_sentence_does_not_inherit_a_relative_clauses_date() -> None:
    body = (
        "Mines exploded today in the village, which was handed over under a deal reached on "
        "April 19. As a result, two deminers were injured."
    )
    reading = reading_after("time", body, "2024-08-02")
    windows = {
        (m.time.start.isoformat(), m.time.end.isoformat()) for m in reading.mentions if m.time
    }
    assert ("2024-04-19", "2024-04-19") not in windows


def test_without_publication_a_reported_date_also_keeps_the_story_running() -> None:
    body = (
        "On the morning of April 2, 2016, the ministry reported that troops shelled a village."
        "\n\nTwo more children were hospitalized.\n\nAround noon, the ministry reported that a "
        "drone attacked a bus."
    )
    reading = reading_after("time", body, None)
    last = [m for m in reading.mentions if m.category.value != "context"][-1]
    assert last.time is not None and last.time.end.isoformat() == "2016-04-02"


def test_the_same_day_takes_the_day_the_sentence_before_told() -> None:
    body = (
        "A sniper wounded a serviceman near Zangilan on August 9, the ministry said.\n\n"
        "The same day, troops fired small arms at positions near Tovuz."
    )
    reading = reading_after("time", body)
    last = reading.mentions[-1]
    assert last.time is not None
    assert (last.time.start.isoformat(), last.time.end.isoformat()) == ("2021-08-09", "2021-08-09")
