"""Stage 3: who claims a mention, whether it is a party, and whom it blames."""

from __future__ import annotations

import pytest

from extract_support import reading_after


def _first(body: str, **fields: str):  # type: ignore[no-untyped-def]
    reading = reading_after("attribution", body, **fields)
    return next(m for m in reading.mentions if m.category.value != "context")


def test_a_trailing_reporter_claims_the_sentence() -> None:
    mention = _first(
        "Armenian troops shelled a village in Tovuz on Monday, the Azerbaijani Defence Ministry said."
    )
    assert mention.claimant.name == "Azerbaijani Defence Ministry"
    assert mention.claimant.is_party
    assert mention.perpetrator.name == "Armenian armed forces"


def test_according_to_names_the_claimant() -> None:
    mention = _first(
        "According to the Russian Defence Ministry, a ceasefire violation was recorded in Martuni."
    )
    assert mention.claimant.name == "Russian Defence Ministry"
    assert not mention.claimant.is_party


def test_the_inner_claimant_wins_over_the_outlet_reporting_it() -> None:
    body = (
        "According to a statement issued by the Armenian Defence Ministry, Azerbaijani units "
        "opened fire on Tuesday, the Azerbaijani Foreign Ministry reported."
    )
    assert _first(body).claimant.name == "Armenian Defence Ministry"


def test_an_unqualified_ministry_takes_the_side_of_its_national_outlet() -> None:
    mention = _first(
        "Border posts came under fire on Monday, the Defence Ministry said.", source="Azernews"
    )
    assert mention.claimant.name == "Azerbaijani Defence Ministry"


def test_a_quoted_statement_is_claimed_by_its_speaker() -> None:
    body = (
        'The Artsakh Defense Ministry issued a statement. "Enemy units opened fire at our '
        'positions near Martuni," the ministry said.'
    )
    mention = _first(body)
    assert mention.claimant.name == "Karabakh Defence Ministry"


def test_without_attribution_the_outlet_claims_and_is_not_a_party() -> None:
    mention = _first("A mine exploded under a truck on Friday.", source="Example Daily")
    assert mention.claimant.name == "Example Daily"
    assert not mention.claimant.is_party


def test_the_opposite_side_is_the_claimants_opponent() -> None:
    mention = _first(
        "The Azerbaijani Defence Ministry stated that fire was opened from the opposite side."
    )
    assert mention.perpetrator.name == "Armenian armed forces"


def test_accusing_names_the_perpetrator_and_the_accuser_claims() -> None:
    mention = _first(
        "The Azerbaijani ministry accused the Karabakh Defense Army of opening fire on Sunday."
    )
    assert mention.perpetrator.name == "Karabakh Defence Army"
    assert mention.claimant.side.value == "Azerbaijan"


def test_a_person_is_named_with_the_title_the_article_gives() -> None:
    body = (
        "Turkish Defence Minister Hulusi Akar visited the region. "
        "Akar noted that troops continue to clear mines in the area."
    )
    mention = _first(body)
    assert mention.claimant.name == "Turkish Defence Minister Hulusi Akar"
    assert not mention.claimant.is_party


def test_a_capital_stands_for_its_government() -> None:
    mention = _first("He cited ceasefire violations alleged by Baku on Thursday.")
    assert mention.claimant.name.startswith("Azerbaijani authorities")
    assert mention.claimant.is_party


def _perpetrator(body: str) -> str | None:
    perpetrator = _first(body).perpetrator
    return perpetrator.name if perpetrator else None


def test_an_aside_between_subject_and_verb_does_not_hide_the_subject() -> None:
    body = (
        "On August 3, members of illegal Armenian armed formations on the territory of "
        "Azerbaijan, where the Russian peacekeeping contingent is temporarily stationed, "
        "intensively fired at the positions of the Azerbaijani army, the ministry reported."
    )
    assert _perpetrator(body) == "Armenian armed forces"


def test_quoted_armed_groups_are_a_force() -> None:
    body = 'The ministry claimed that "illegal Armenian armed groups" fired at soldiers in Lachin.'
    assert _perpetrator(body) == "Armenian armed forces"


def test_the_subject_of_an_active_killing_is_the_perpetrator() -> None:
    body = "Armenian troops killed an Azerbaijani soldier near Lachin, the ministry said."
    assert _perpetrator(body) == "Armenian armed forces"
    assert _perpetrator("Two Azerbaijani soldiers were killed near Lachin.") is None


def test_a_headline_victim_is_not_the_perpetrator() -> None:
    # "killed in X shelling": the side before "killed" was hit; the adjective names the doer
    assert _perpetrator("Azerbaijani soldier killed in Armenian shelling in Kalbajar.") == (
        "Armenian armed forces"
    )


def test_a_denial_of_someones_accusations_gives_the_claim_to_the_accuser() -> None:
    mention = _first(
        "The Armenian Ministry of Defense is denying the Azerbaijani military's accusations "
        "that the Armenian forces opened fire in the direction of Nakhijevan."
    )
    assert mention.claimant.side.value == "Azerbaijan"
    assert mention.perpetrator.name == "Armenian armed forces"
    assert mention.disputed_by == "Armenian Defence Ministry"


def test_the_subject_of_a_passive_is_not_the_perpetrator() -> None:
    assert _perpetrator("Six Armenian soldiers had been captured near Kalbajar.") is None
    # an agent with "by" still names the doer, and "were firing" is active
    assert _perpetrator("Azerbaijani posts were shelled by the Armenian armed forces.") == (
        "Armenian armed forces"
    )
    assert _perpetrator("Armenian units were firing at Azerbaijani positions near Shusha.") == (
        "Armenian armed forces"
    )


@pytest.mark.parametrize(
    "body",
    [
        "The Artsakh Ministry of Defense has refuted an Azerbaijani Ministry of Defense statement "
        "accusing the Artsakh military of wounding a soldier by the use of a drone.",
        "Artsakh Defense Army issued a statement today, denying Azerbaijani Defense Ministry's "
        "claims that the Armenian side wounded a soldier with a strike from a drone.",
    ],
)
def test_other_denial_forms_give_the_claim_to_the_accuser(body: str) -> None:
    mention = _first(body)
    assert mention.claimant.side.value == "Azerbaijan"
    assert mention.disputed_by is not None and "Karabakh" in mention.disputed_by


def test_a_medium_citing_a_party_gives_the_claim_to_the_party() -> None:
    mention = _first(
        "Two soldiers were killed in Azerbaijani drone strikes in Nagorno-Karabakh, the "
        "Jerusalem Post cited the Artsakh Defence Army."
    )
    assert mention.claimant.side.value == "Karabakh authorities"


def test_the_subject_ends_where_its_verb_phrase_begins() -> None:
    assert _perpetrator("Azerbaijan had carried out four drone strikes near Farukh.") == (
        "Azerbaijani armed forces"
    )


def test_a_participial_reporter_claims_the_clause_it_introduces() -> None:
    mention = _first(
        "Fighting flared on the border on Friday, with Baku saying that Armenian troops "
        "shelled a village."
    )
    assert mention.claimant.side is not None
    assert mention.claimant.side.value == "Azerbaijan"


def test_a_statement_issued_by_a_party_alleging_something_is_that_partys_claim() -> None:
    mention = _first(
        "The statement issued by the Defence Ministry of Armenia, alleging that Azerbaijani "
        "troops fired at a post on Monday, is false."
    )
    assert mention.claimant.name == "Armenian Defence Ministry"
    assert mention.perpetrator.name == "Azerbaijani armed forces"


def test_as_reported_earlier_is_no_speaker() -> None:
    mention = _first("As reported earlier, troops fired at a border post on Monday.")
    assert mention.claimant.name != "As"


def test_parties_that_accuse_each_other_give_one_claim_each_blaming_the_other() -> None:
    reading = reading_after(
        "attribution", "Baku and Yerevan accused each other of shelling border villages on Monday."
    )
    pairs = {
        (m.claimant.side.value, m.perpetrator.side.value, m.disputed_by)
        for m in reading.mentions
        if m.category.value != "context"
    }
    assert {(a, b) for a, b, _ in pairs} == {("Azerbaijan", "Armenia"), ("Armenia", "Azerbaijan")}
    assert all(disputed for _, _, disputed in pairs)


def test_a_seat_of_government_accused_stands_for_its_armed_forces() -> None:
    mention = _first("Baku accused Yerevan of shelling a border village on Monday.")
    assert mention.claimant.side.value == "Azerbaijan"
    assert mention.perpetrator.name == "Armenian armed forces"


def test_a_claim_called_false_is_the_owners_claim_disputed_by_the_speaker() -> None:
    mention = _first(
        "Armenia's Defence Ministry said Azerbaijan's claim that Armenian troops fired at its "
        "positions on Monday was false."
    )
    assert mention.claimant.side.value == "Azerbaijan"
    assert mention.perpetrator.name == "Armenian armed forces"
    assert mention.disputed_by == "Armenian Defence Ministry"


def test_a_reporter_before_the_event_leads_it_and_hides_neither_place_nor_day() -> None:
    reading = reading_after(
        "place",
        "In a statement, the Armenian Defence Ministry said troops opened fire near Tegh on "
        "Tuesday.",
        "2023-04-12",
    )
    [mention] = reading.mentions
    assert mention.claimant.name == "Armenian Defence Ministry"
    assert mention.place is not None and mention.place.name == "Tegh"
    assert mention.time is not None and mention.time.start.isoformat() == "2023-04-11"


@pytest.mark.parametrize(("source", "side"), [("Turan", "Azerbaijan"), ("ArmeniaNow", "Armenia")])
def test_an_unqualified_ministry_in_a_partys_outlet_is_that_partys(source: str, side: str) -> None:
    mention = _first(
        "According to the Defence Ministry, troops fired at a border post on Monday.",
        source=source,
    )
    assert mention.claimant.side is not None and mention.claimant.side.value == side


def test_a_leading_speaking_phrase_does_not_hide_the_speaker() -> None:
    mention = _first(
        "Speaking on the frontline, Azerbaijani Defence Ministry spokesman Ali Aliyev said "
        "the Armenian army had shelled villages on Monday.",
        source="Anadolu Agency",
    )
    assert mention.claimant.side is not None and mention.claimant.side.value == "Azerbaijan"


def test_the_sentence_after_a_denial_speaks_with_the_deniers_voice() -> None:
    reading = reading_after(
        "attribution",
        "Claims by the Armenian Foreign Ministry that the army's measures were a pretext are "
        "groundless, the Azerbaijani Foreign Ministry said. The measure followed a provocation "
        "that injured a serviceman on Monday.",
    )
    [mention] = [m for m in reading.mentions if m.category.value != "context"]
    assert mention.claimant.side is not None and mention.claimant.side.value == "Azerbaijan"


def test_units_that_subject_positions_to_fire_are_the_perpetrators() -> None:
    mention = _first(
        "On May 11, from 14:30 to 15:10, units of the Armenian armed forces subjected to fire "
        "from small arms the positions of the Azerbaijani army, the Defence Ministry said."
    )
    assert mention.perpetrator is not None
    assert mention.perpetrator.name == "Armenian armed forces"
    assert mention.claimant.side is not None and mention.claimant.side.value == "Azerbaijan"


def test_positions_that_were_subjected_to_fire_are_the_ones_hit() -> None:
    mention = _first("Armenian positions were subjected to fire near the border on Monday.")
    assert mention.perpetrator is None or mention.perpetrator.side.value != "Armenia"


def test_the_mine_action_agency_anama_is_azerbaijani() -> None:
    mention = _first("An ANAMA deminer was injured when a mine went off on Thursday, ANAMA said.")
    assert mention.claimant.side is not None and mention.claimant.side.value == "Azerbaijan"
