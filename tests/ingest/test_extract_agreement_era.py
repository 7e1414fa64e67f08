"""Short incident notes from the years of the 1994 ceasefire, written for these tests in the
style of the parties' daily notes: each is one violation of the agreement then in force,
dated to its day, never history."""

from __future__ import annotations

import pytest

from extract_support import incidents_of

NOTES = [
    (
        "2018-07-13",
        "On 12 July 2018, units of the Armenian armed forces positioned near Berd fired at "
        "Azerbaijani positions in the Tovuz district using large-calibre machine guns.",
        "2018-07-12",
    ),
    (
        "2019-03-21",
        "An Armenian soldier, Private Aram Petrosyan, was killed by an Azerbaijani sniper in the "
        "north-eastern direction of the line of contact on 20 March, the Karabakh defence army "
        "said.",
        "2019-03-20",
    ),
    (
        "2020-02-09",
        "On 8 February, Armenian units fired mortars at Azerbaijani positions near the village "
        "of Shikhlar in the Aghdam district, the Defence Ministry of Azerbaijan reported.",
        "2020-02-08",
    ),
    (
        "2019-11-15",
        "Late on Thursday, the Armenian side violated the ceasefire near Kokhanabi in Tovuz, "
        "firing at Azerbaijani positions with sniper rifles, the ministry said.",
        "2019-11-14",
    ),
    (
        "2018-12-02",
        "A shepherd was wounded by fire from the Azerbaijani positions near Aygepar in Tavush "
        "on Saturday, local authorities said.",
        "2018-12-01",
    ),
]


@pytest.mark.parametrize(("published", "note", "day"), NOTES)
def test_a_note_from_the_1994_ceasefire_years_is_one_dated_violation_of_it(
    published: str, note: str, day: str
) -> None:
    [claim] = incidents_of(note, published)
    assert claim.category.value == "violation"
    assert (claim.time.start.isoformat(), claim.time.end.isoformat()) == (day, day)
    assert claim.agreement == "Ceasefire of 5 April 2016 agreed in Moscow"


def test_a_fight_on_the_first_day_of_the_2020_war_falls_under_no_truce() -> None:
    [claim] = incidents_of(
        "On 28 September 2020, artillery shelled the town of Tartar, the ministry said.",
        "2020-09-29",
    )
    assert claim.category.value == "violation"
    assert claim.agreement is None
