"""Stage 5: which named place is the event's, at which precision, and splitting by district."""

from __future__ import annotations

import pytest

from extract_support import reading_after


def _places(body: str, published: str = "2021-08-12") -> list[tuple[str | None, str | None]]:
    reading = reading_after("place", body, published)
    return [
        (m.place.name if m.place else None, m.place.precision.value if m.place else None)
        for m in reading.mentions
        if m.category.value != "context"
    ]


def test_a_village_beats_its_district_and_keeps_settlement_precision() -> None:
    assert _places(
        "Troops shelled the village of Taghavard in the Khojavend district on Monday."
    ) == [("Tağaverd", "settlement")]


def test_a_region_named_as_such_is_a_district() -> None:
    assert _places("A shepherd stepped on a mine in Fuzuli region on Monday.") == [
        ("Fizuli Rayon", "district")
    ]


def test_the_claimants_capital_and_a_ceremony_venue_are_not_event_places() -> None:
    body = (
        "Officials in Baku said a soldier was wounded by sniper fire in Kalbajar district on "
        "Monday, speaking at a ceremony in Ganja."
    )
    assert _places(body) == [("Kalbajar District", "district")]


def test_a_victims_home_and_hospital_are_not_the_event_place() -> None:
    body = (
        "A Tartar region resident was wounded by a mine in Aghdam district on Monday and taken "
        "to hospital in Barda."
    )
    assert _places(body) == [("Aghdam Rayon", "district")]


def test_where_fire_came_from_is_not_where_it_landed() -> None:
    body = (
        "Armenian units fired at Azerbaijani positions in the Kalbajar district from the "
        "Basarkechar region on Monday."
    )
    assert _places(body) == [("Kalbajar District", "district")]


def test_places_in_districts_named_apart_split_the_mention() -> None:
    body = (
        "On Monday the Armenian armed forces fired at Gadabay region's Zamanli settlement and "
        "Kalbajar region's Zaylik settlement."
    )
    assert sorted(_places(body)) == [("Zamanlı", "settlement"), ("Zeylik", "settlement")]


def test_two_nearby_villages_stay_one_incident_at_the_first() -> None:
    body = "Posts close to the villages of Shosh and Taghavard came under fire on Monday."
    assert _places(body) == [("Shushikend", "settlement")]


def test_a_country_is_a_place_only_where_the_text_puts_the_event_in_it() -> None:
    assert _places("Azerbaijan's army said troops opened fire on Monday.") == [(None, None)]
    assert _places("A shootout took place in Karabakh on Monday.")[0][1] == "region"


def test_in_the_area_takes_the_place_told_before() -> None:
    body = (
        "Troops fired at the village of Taghavard on Monday. "
        "Later the ceasefire was violated again in the area, the ministry said."
    )
    assert _places(body) == [("Tağaverd", "settlement"), ("Tağaverd", "settlement")]


def test_kilometres_from_a_place_give_an_offset_site() -> None:
    reading = reading_after("place", "A truck hit a mine 10 km east of Aghdam on Monday.")
    place = reading.mentions[0].place
    assert place is not None and place.precision.value == "site"
    assert place.lon is not None and place.lon > 47.0


def test_an_office_names_the_place_only_when_nothing_else_does() -> None:
    body = (
        "The Martuni regional police department was told on March 22 that farmers were fired "
        "at in the vineyards of Chartar."
    )
    assert _places(body, "2021-03-23") == [("Güneyxırman", "settlement")]
    assert _places(
        "On November 18, at noon, Aram Petrosyan, a resident of Hats village, applied to the "
        "Martuni district police department about the fact that while he was working with a "
        "tractor, the adjacent Azerbaijani military fired in his direction.",
        "2020-11-19",
    ) == [("Martuni Rayonu", "district")]


def test_a_village_named_after_its_district_is_the_village() -> None:
    body = "Shooting was reported from another Martuni village, Chartar, on March 22."
    assert _places(body, "2021-03-23") == [("Güneyxırman", "settlement")]


@pytest.mark.parametrize(
    "body",
    [
        "Troops fired at Baku's positions near the border on Monday.",
        "Troops fired at a border post on Monday, with Yerevan saying two were hurt.",
        "Troops shelled a border post on Monday, and Moscow urged restraint.",
    ],
)
def test_a_seat_of_government_standing_for_its_government_is_no_place(body: str) -> None:
    assert {name for name, _ in _places(body)} == {None}


def test_a_seat_of_government_that_is_hit_is_the_place() -> None:
    assert _places("Troops shelled Yerevan on Monday, the ministry said.") == [
        ("Yerevan", "settlement")
    ]


def test_one_attack_on_a_list_of_towns_is_one_mention_that_keeps_every_town() -> None:
    reading = reading_after(
        "place", "Rockets hit Goris, Vardenis and Jermuk on Tuesday, the ministry said."
    )
    [mention] = [m for m in reading.mentions if m.category.value != "context"]
    assert mention.place is not None and mention.place.name == "Goris"
    assert [p.name for p in mention.places] == ["Goris", "Vardenis", "Jermuk"]


def test_places_each_put_in_their_own_district_stay_separate_incidents() -> None:
    body = (
        "Troops fired at Gadabay region's Zamanli village and Kalbajar region's Zaylik "
        "village on Monday."
    )
    assert len(_places(body)) == 2


def test_a_name_once_put_in_a_district_means_that_place_wherever_it_recurs() -> None:
    body = (
        "A mine exploded in Gizilhajili village of Azerbaijan's Gazakh district on Friday. "
        "Two deminers were injured by the mine explosion in Gizilhajili village, the agency said."
    )
    reading = reading_after("place", body, "2024-08-03")
    ids = {m.place.gazetteer_id for m in reading.mentions if m.place is not None}
    assert len(ids) == 1


def test_fire_towards_a_place_lands_there() -> None:
    body = (
        "Troops stationed in the Vedi district fired small arms towards positions near "
        "Heydarabad on Monday."
    )
    assert _places(body) == [("Heydarabad", "settlement")]


def test_an_event_only_on_the_line_of_contact_is_placed_in_karabakh_at_region_precision() -> None:
    assert _places("On Monday, heavy clashes were reported along the entire line of contact.") == [
        ("Nagorno-Karabakh", "region")
    ]


def test_a_possessive_apostrophe_is_no_closing_quote_hiding_the_place() -> None:
    body = "Azerbaijan's Defence Ministry said troops fired at positions in the Kalbajar district."
    assert _places(body) == [("Kalbajar District", "district")]


def test_a_statement_from_a_ministry_is_no_origin_of_fire() -> None:
    body = (
        "According to a statement from the Defence Ministry, its forces stationed near the "
        "village of Zabukh came under fire on Sunday."
    )
    assert _places(body) == [("Zabux", "settlement")]
