"""Patterns met in held-out articles, on our own sentences: claimants, denials, lists of names,
tallies, dates said once, places told a sentence away."""

from __future__ import annotations

from datetime import date

import pytest

from ceasefire.domain.model import Casualties, Claim
from ceasefire.domain.taxonomy import Category
from extract_support import incidents_of


def _total(group: Casualties, kind: str) -> int | None:
    counts = getattr(group, kind)
    values = [c for c in (counts.military, counts.civilian, counts.unknown) if c is not None]
    return sum(c.min for c in values) if values else None


def _days(claim: Claim) -> tuple[date, date]:
    return claim.time.start, claim.time.end


# --- claimants -------------------------------------------------------------------------------


def test_a_denial_tells_the_other_sides_claim_and_a_counter_claim() -> None:
    body = (
        "The Artsakh Defense Ministry has denied reports that its forces fired on Azerbaijani "
        "positions in the northern section on Tuesday.\n"
        '"The statement of the Azerbaijani Defense Ministry that the Defense Army units opened '
        'fire at Azerbaijani positions on 9 May is false," the Defense Ministry said.\n'
        '"The Azerbaijani troops themselves have repeatedly violated the ceasefire in the section '
        'in recent days," the ministry noted.'
    )
    claims = incidents_of(body, "2022-05-10")
    by_side = {c.claimed_by.split()[0]: c for c in claims}
    assert set(by_side) == {"Azerbaijani", "Karabakh"}
    azerbaijani, karabakh = by_side["Azerbaijani"], by_side["Karabakh"]
    assert azerbaijani.perpetrator_alleged == "Karabakh Defence Army"
    assert azerbaijani.disputed_by is not None and "Karabakh" in azerbaijani.disputed_by
    assert karabakh.perpetrator_alleged == "Azerbaijani armed forces"
    assert karabakh.claimant_is_party


def test_a_trailing_reports_names_the_third_party_claimant() -> None:
    body = (
        "The Azerbaijanis on Sunday violated the ceasefire near Tağaverd, reports the Ministry "
        "of Defense (MOD) of Russia."
    )
    [claim] = incidents_of(body, "2022-06-13")
    assert claim.claimed_by == "Russian Defence Ministry"
    assert not claim.claimant_is_party


def test_a_speaker_introduced_by_his_post_speaks_for_the_institution() -> None:
    body = (
        "Azerbaijan has provoked an exchange of fire near Sotk. Aram Petrosyan, head of the "
        "press department of the General Staff of the Armed Forces of Armenia, said this to "
        "reporters."
    )
    [claim] = incidents_of(body, "2021-10-02")
    assert claim.claimed_by == "Armenian General Staff" and claim.claimant_is_party


def test_an_unqualified_institution_takes_the_side_of_the_article() -> None:
    body = (
        "A mine exploded in the village of Qızılhacılı of the Qazax district, Azernews reports, "
        "citing a joint statement by the Prosecutor General's Office and the State Border "
        "Service of the Republic of Azerbaijan. On May 3, mines planted by Armenia exploded "
        "there."
    )
    [claim] = incidents_of(body, "2024-05-03", source="aggregator")
    assert claim.claimed_by.startswith("Azerbaijani") and claim.claimant_is_party


def test_the_police_named_in_the_passage_speak_for_an_unattributed_report() -> None:
    body = (
        "Azerbaijani forces opened fire on farmers in Artsakh this morning.\n"
        "The Martuni regional police department was alerted at 10:00 that residents of Chartar "
        "were targeted by fire from Azerbaijani positions."
    )
    claims = incidents_of(body, "2023-04-02", source="localnews")
    assert claims and all(c.claimed_by == "Karabakh police" for c in claims)


def test_the_title_of_an_official_text_is_its_claimant() -> None:
    body = (
        "Information of Azerbaijan Defense Ministry\n\n"
        "On May 4, at 10:20, the positions of the Azerbaijan Army Units stationed in the "
        "direction of Havush settlement of the Sharur region were subjected to fire from small "
        "arms by the Armenian armed forces units."
    )
    [claim] = incidents_of(body, "2023-05-04", source="ministry site")
    assert claim.claimed_by == "Azerbaijani Defence Ministry"
    assert claim.place is not None and claim.place.name == "Havuş"


def test_a_mutual_accusation_keeps_each_sides_casualties() -> None:
    body = (
        "Two Armenian servicemen were injured after Azerbaijani troops opened fire at Armenian "
        "positions near Sotk on Monday evening, the Defense Ministry said.\n"
        '"The Defense Ministry of Azerbaijan said in a statement that an Azerbaijani soldier was '
        'killed as a result of the fire opened by the Armenian side," the ministry added.'
    )
    claims = incidents_of(body, "2021-08-10", source="armenpress")
    by_side = {c.claimed_by.split()[0]: c for c in claims}
    armenian, azerbaijani = by_side["Armenian"], by_side["Azerbaijani"]
    assert _total(armenian.casualties, "injured") == 2
    assert _total(armenian.casualties, "killed") is None
    assert _total(azerbaijani.casualties, "killed") == 1
    assert _days(azerbaijani) == (date(2021, 8, 9), date(2021, 8, 9))
    assert azerbaijani.perpetrator_alleged == "Armenian armed forces"
    assert azerbaijani.disputed_by is not None and "Armenian" in azerbaijani.disputed_by


# --- casualties ----------------------------------------------------------------------------------


def test_injured_another_counts_one_more_person() -> None:
    body = "The mine blast killed one civilian and injured another in Fuzuli region on May 8."
    [claim] = incidents_of(body, "2021-05-09")
    assert _total(claim.casualties, "killed") == 1
    assert _total(claim.casualties, "injured") == 1


def test_people_named_across_sentences_are_each_counted_once() -> None:
    body = (
        "On May 2, mines exploded in the village of Yusifcanlı in the Aghdam district. Sergeant "
        "Ramin Aliyev of the State Border Service and employee Tural Mammadov of the Mine "
        "Action Agency were injured during mine clearance operations. Employees of the Agency, "
        "Elvin Huseynov and Kamran Guliyev, sustained shrapnel wounds."
    )
    claims = incidents_of(body, "2024-05-02")
    assert [c.type for c in claims] == ["mine_explosion"]  # the clearance is no claim of its own
    assert _total(claims[0].casualties, "injured") == 4


def test_a_tally_never_feeds_the_incident() -> None:
    body = (
        "A mine exploded near Aliahaly on May 6. The explosion injured the legs of Rauf Aliyev, "
        "born in 1970, and Samir Hasanov, born in 1981. Since November 10, 2020, 351 people "
        "have been victims of landmines; 65 of them lost their lives, and 288 were injured."
    )
    [claim] = incidents_of(body, "2024-05-06")
    assert _total(claim.casualties, "injured") == 2
    assert _total(claim.casualties, "killed") is None


def test_blown_up_by_a_mine_is_an_injury() -> None:
    body = (
        "While performing his duties, Elnur Karimov, born in 1990, was blown up by a mine in "
        "Mehdili on May 6. He was evacuated to the district hospital."
    )
    [claim] = incidents_of(body, "2025-05-08")
    assert _total(claim.casualties, "injured") == 1


def test_each_sides_wounded_add_up() -> None:
    body = (
        "Azerbaijan has provoked an exchange of fire near Sotk, the Armenian Defense Ministry "
        "said. The Armenian side has one slightly-injured serviceman. The Azerbaijani side has "
        "two wounded servicemen."
    )
    [claim] = incidents_of(body, "2021-10-02")
    assert _total(claim.casualties, "injured") == 3


def test_two_people_in_two_districts_are_one_each() -> None:
    body = "In late January, two citizens were wounded in mine blasts in Tartar and Aghdam regions."
    claims = incidents_of(body, "2021-02-03")
    assert len(claims) == 2
    assert [_total(c.casualties, "injured") for c in claims] == [1, 1]


# --- time ------------------------------------------------------------------------------------


def test_the_day_before_the_reporter_is_the_event_day() -> None:
    body = (
        "Azerbaijan has filed a criminal case into the mine blast that killed one civilian in "
        "recently-liberated Fuzuli region on July 8, the regional prosecutor's office reported."
    )
    [claim] = incidents_of(body, "2021-07-09")
    assert _days(claim) == (date(2021, 7, 8), date(2021, 7, 8))


def test_a_clock_time_without_a_day_is_the_day_of_publication_or_before() -> None:
    body = "A serviceman was wounded by a shot fired from Armenian positions at 0250 in Zangilan."
    [claim] = incidents_of(body, "2023-03-20")
    assert _days(claim) == (date(2023, 3, 19), date(2023, 3, 20))


def test_a_bulletin_pointed_to_in_the_next_sentence_dates_the_report() -> None:
    body = (
        "Two ceasefire violations were registered in the Martuni region. This is stated in "
        "Tuesday's information bulletin of the Russian Ministry of Defense."
    )
    [claim] = incidents_of(body, "2023-04-12")
    assert _days(claim) == (date(2023, 4, 10), date(2023, 4, 11))
    assert claim.claimed_by == "Russian Defence Ministry"


def test_a_one_sentence_lede_dates_the_details_after_it() -> None:
    body = (
        "Army positions came under Armenian fire from 1615 on May 15 to 0430 on May 16, the "
        "ministry reported.\n\n"
        "Armenian forces fired at army positions in Kalbajar region's Yellija village."
    )
    claims = incidents_of(body, "2021-05-16", source="azernews")
    assert claims and all(_days(c) == (date(2021, 5, 15), date(2021, 5, 16)) for c in claims)


# --- events, places ------------------------------------------------------------------------------


def test_mine_action_programmes_and_counts_are_not_incidents() -> None:
    body = (
        "Activities to clear the territories of mines and unexploded ordnance are underway. "
        "From May 1 through May 6, 88 anti-personnel landmines, 75 anti-tank mines and 123 "
        "unexploded ordnances were found and defused in Tartar, Kalbajar and Aghdam."
    )
    assert incidents_of(body, "2023-05-08") == []


def test_the_second_incident_of_a_count_is_its_own_incident() -> None:
    body = (
        "Two mine incidents occurred on May 6. One of them occurred in the village of Mehdili in "
        "the Jabrayil district. Ali Karimov, born in 1991, was blown up by a mine there. The "
        "second incident was recorded in the village of Qalayçılar in the Aghdam district. A "
        "resident of the village was injured."
    )
    claims = incidents_of(body, "2025-05-08")
    places = sorted(c.place.name for c in claims if c.place is not None)
    assert places == ["Mehdili", "Qalayçılar"] and len(claims) == 2
    assert all(_total(c.casualties, "injured") == 1 for c in claims)


def test_an_unknown_village_falls_back_to_its_province() -> None:
    body = "Azerbaijan has provoked an exchange of fire near Nor Gyugh village of Gegharkunik Province."
    [claim] = incidents_of(body, "2021-10-02")
    assert claim.place is not None and claim.place.name == "Gegharkunik"
    assert claim.place.precision.value == "region"


@pytest.mark.parametrize("unit", ["area", "region", "section", "community"])
def test_an_unknown_area_of_a_province_falls_back_to_the_province(unit: str) -> None:
    body = f"Azerbaijani forces fired on Armenian posts in the Upper Dalma {unit} of the Tavush Province."
    [claim] = incidents_of(body, "2024-02-24")
    assert claim.place is not None and claim.place.name == "Tavush"
    assert claim.place.precision.value == "region"


def test_a_village_not_in_the_named_district_gives_the_district() -> None:
    body = "On April 27, a mine exploded in the village of Mirzali, Aghdam district."
    [claim] = incidents_of(body, "2024-04-27")
    assert claim.place is not None and claim.place.name == "Aghdam Rayon"


def test_the_place_told_in_the_next_sentence_is_the_incidents() -> None:
    body = (
        "Azerbaijan opened fire on civilians doing agricultural work this morning.\n"
        "Farmers of Khramort were targeted by fire from Azerbaijani positions."
    )
    claims = incidents_of(body, "2023-03-22")
    assert claims and all(c.place is not None and c.place.name == "Khramort" for c in claims)


def test_a_surname_beside_a_given_name_is_no_place() -> None:
    body = (
        "A soldier was killed by sniper fire in the Kalbajar region on May 23, the ministry "
        "said. Serviceman Farman Yagublu lost his life in the attack."
    )
    [claim] = incidents_of(body, "2021-05-23")
    assert claim.category is Category.VIOLATION
    assert claim.place is not None and claim.place.name == "Kalbajar District"


def test_casualties_before_the_blast_in_one_sentence_are_the_blasts() -> None:
    body = (
        "Five citizens were injured, and one was killed in a mine blast near Çıraq village of "
        "Kalbajar District on June 4."
    )
    [claim] = incidents_of(body, "2022-06-05")
    assert claim.category is Category.EXPLOSIVE_ORDNANCE
    assert (_total(claim.casualties, "injured"), _total(claim.casualties, "killed")) == (5, 1)


def test_mines_laid_by_someone_that_exploded_are_a_mine_explosion() -> None:
    body = "Two deminers were injured today in Tağaverd after landmines buried by Armenia exploded."
    [claim] = incidents_of(body, "2024-08-02")
    assert claim.category is Category.EXPLOSIVE_ORDNANCE and claim.type == "mine_explosion"


def test_not_only_small_arms_is_no_negation() -> None:
    body = (
        "The Defense Army said Azerbaijani units used not only small arms but also grenades "
        "against its outposts east of Shushi on Monday. No Karabakh soldiers were hurt by the "
        "gunfire, it said."
    )
    [claim] = incidents_of(body, "2021-08-10")
    assert claim.perpetrator_alleged == "Azerbaijani armed forces"
    assert _total(claim.casualties, "injured") == 0


def test_crossing_the_line_of_contact_is_an_incursion() -> None:
    body = "Azerbaijani forces violated the line of contact near Farukh at 16:00 today."
    [claim] = incidents_of(body, "2022-03-24")
    assert claim.type == "incursion"


def test_a_quotation_is_dated_by_its_speaker() -> None:
    body = (
        '"Positions in the Lachin region came under intensive fire from Armenian units. There '
        'are losses among the personnel," the ministry said in a statement released on '
        "Tuesday night."
    )
    [claim] = incidents_of(body, "2022-09-14")
    assert _days(claim) == (date(2022, 9, 12), date(2022, 9, 13))


def test_a_fight_under_an_earlier_ceasefire_is_an_incident_with_its_casualties() -> None:
    body = (
        "Starting from July 12 afternoon, Armenian forces fired at Azerbaijani positions in "
        "Tovuz. Two sergeants died while repelling the attack."
    )
    [claim] = incidents_of(body, "2020-07-14")
    assert claim.category.value == "violation"
    assert claim.time.start.isoformat() == "2020-07-12"


def test_a_month_of_systematic_shelling_is_no_incident() -> None:
    body = (
        "Over the past month, the shelling of army positions in the Gadabay and Lachin "
        "directions was intensive and systematic, the ministry said."
    )
    assert incidents_of(body, "2022-09-13") == []


# --- one injured person, a town beside a village, a district of Armenia ----------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "A shepherd from Chiragli sustained serious injuries when a mine exploded near the "
        "village on Monday.",
        "A mine exploded near Sarijali on Monday. As a result of the blast, a resident of the "
        "Aghdam district, Ali Aliyev, born in 1980, who was tending cattle, received varying "
        "degrees of bodily injuries, the ministry said.",
    ],
)
def test_one_person_who_received_or_sustained_injuries_is_one_injured(sentence: str) -> None:
    (claim,) = incidents_of(sentence, "2024-08-20")
    assert _total(claim.casualties, "injured") == 1
    assert _total(claim.casualties, "killed") is None


def test_a_village_and_the_town_after_it_is_placed_by_the_town_not_a_namesake() -> None:
    # the gazetteer's only Zoravan lies in Kotayk, 230 km from Martuni in Karabakh
    (claim,) = incidents_of(
        "Rockets were fired in the direction of Zoravan, Martuni, on Saturday, killing a boy.",
        "2016-04-03",
    )
    assert claim.place is not None and claim.place.name == "Novyy Karanlug"


def test_a_comma_list_of_towns_is_still_every_town() -> None:
    (claim,) = incidents_of(
        "Artillery hit Vardenis, Goris and Jermuk on Tuesday, the ministry said.", "2022-09-14"
    )
    assert [p.name for p in claim.places] == ["Vardenis", "Goris", "Jermuk"]


def test_a_district_of_armenia_is_its_town_not_the_province() -> None:
    (claim,) = incidents_of(
        "Troops fired on a combat post near the Gafan district's Nerkin-And residential area on "
        "Tuesday, the service said.",
        "2024-02-13",
    )
    assert claim.place is not None
    assert (claim.place.name, claim.place.precision.value) == ("Kapan", "district")


def test_violations_counted_over_days_do_not_date_the_other_sides_account() -> None:
    claims = incidents_of(
        "The regional police said two officers were ambushed by an Azerbaijani sabotage group "
        "as they drove outside Khankendi. Azerbaijan's Defense Ministry claimed, for its part, "
        "that a shootout broke out after its soldiers tried to stop the car. The premier linked "
        "the attack to Azerbaijani ceasefire violations alleged by Stepanakert on Thursday and "
        "Friday.",
        "2023-03-05",
    )
    by_type = {c.type: c for c in claims}
    thursday_friday = (date(2023, 3, 2), date(2023, 3, 3))
    assert _days(by_type["ceasefire_violation_unspecified"]) == thursday_friday
    # the account of the shootout is undated: the report's week, not Thursday and Friday
    assert _days(by_type["shootout"]) == (date(2023, 2, 26), date(2023, 3, 5))


def test_a_village_the_gazetteer_does_not_know_is_kept_by_name_without_coordinates() -> None:
    (claim,) = incidents_of(
        "Two soldiers were killed on Tuesday when Azerbaijani forces fired on a combat post near "
        "the southern Armenian village of Nerkin Hand, the ministry said.",
        "2024-02-13",
    )
    [village] = [p for p in claim.places if p.gazetteer_id is None]
    assert (village.name, village.lat, village.lon) == ("Nerkin Hand", None, None)
    assert village.precision.value == "settlement"


def test_a_village_named_in_the_next_sentence_joins_the_incident_and_a_distance_does_not() -> None:
    claims = incidents_of(
        "Armenia said on Tuesday that four of its soldiers were killed by Azerbaijani fire. The "
        "fighting occurred near the village of Verin Tegh.\n"
        "Azerbaijan's Defence Ministry said Armenian forces fired on its positions on Monday "
        "evening, about 300 km (190 miles) from Verin Tegh.",
        "2024-02-13",
    )
    by_side = {c.claimed_by.split()[0]: c for c in claims}
    unlisted = {
        side: [p.name for p in c.places if p.gazetteer_id is None] for side, c in by_side.items()
    }
    assert unlisted == {"Armenian": ["Verin Tegh"], "Azerbaijani": []}
