"""Stage 2: which clauses report incidents, of which category and type, and which do not."""

from __future__ import annotations

import pytest

from ceasefire.ingest.stages.reading import MentionKind
from extract_support import incidents_of, reading_after


def _kinds(body: str) -> list[tuple[str, str, str]]:
    reading = reading_after("events", body)
    return [(m.kind.value, m.category.value, m.type) for m in reading.mentions]


@pytest.mark.parametrize(
    ("sentence", "category", "type_"),
    [
        (
            "Armenian units fired at our positions with machine guns on Tuesday.",
            "violation",
            "small_arms_fire",
        ),
        ("A sniper wounded a soldier near the border post.", "violation", "sniper_fire"),
        ("The village came under mortar fire overnight.", "violation", "mortar_fire"),
        ("Enemy artillery shelled the outskirts of the town.", "violation", "artillery_shelling"),
        ("A drone struck an army truck near the reservoir.", "violation", "drone_strike"),
        ("A sabotage group crossed the line of contact before dawn.", "violation", "incursion"),
        ("Police officers were ambushed on a mountain road.", "violation", "ambush"),
        ("A shootout broke out at the checkpoint.", "violation", "shootout"),
        (
            "The ceasefire was violated twice in the northern sector.",
            "violation",
            "ceasefire_violation_unspecified",
        ),
        (
            "A tractor hit an anti-tank mine in a wheat field.",
            "explosive_ordnance",
            "mine_explosion",
        ),
        (
            "An old artillery shell exploded while a farmer was ploughing.",
            "explosive_ordnance",
            "uxo_explosion",
        ),
        (
            "Deminers cleared 40 mines from the cemetery this week.",
            "explosive_ordnance",
            "demining_activity",
        ),
        ("Two shepherds were detained by border guards.", "detention", "detention"),
    ],
)
def test_incident_sentences_get_category_and_type(sentence: str, category: str, type_: str) -> None:
    assert _kinds(sentence) == [("event", category, type_)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The observers have not registered any ceasefire violations so far.",
        "Monitors will check reports of any action violating the truce.",
        "Drones will be used to prevent violations of the ceasefire regime.",
        "The border troops answered with retaliatory fire.",
        "The police stopped a truck, but the detention of the vehicle lasted an hour.",
    ],
)
def test_negated_hypothetical_and_answering_fire_are_not_incidents(sentence: str) -> None:
    assert [k for k in _kinds(sentence) if k[0] != "context"] == []


def test_a_tally_since_the_war_is_context_not_an_incident() -> None:
    kinds = _kinds(
        "Some 210 civilians have been killed or injured by mines since the end of the war."
    )
    assert kinds == [("context", "context", "statement")]


def test_notifying_the_peacekeepers_of_the_violation_is_not_another_one() -> None:
    body = "The peacekeeping command has been informed of the ceasefire violation."
    assert _kinds(body) == []


def test_a_definite_noun_follows_up_an_incident_told_before() -> None:
    reading = reading_after(
        "events", "Troops opened fire on a bus on Friday. The attack left one driver hurt."
    )
    assert [m.kind for m in reading.mentions] == [MentionKind.EVENT, MentionKind.CASUALTIES]
    reading = reading_after("events", "The shootout on May 2 is being investigated.")
    assert reading.mentions[0].kind is MentionKind.FOLLOW_UP


def test_casualty_figures_without_a_trigger_are_their_own_mention() -> None:
    reading = reading_after("events", "Three soldiers were killed, the ministry said.")
    assert reading.mentions[0].kind is MentionKind.CASUALTIES


def test_a_ceremony_and_a_signed_agreement_are_context() -> None:
    body = (
        "The minister spoke at a military ceremony in the capital. "
        "The two leaders signed a joint statement on a ceasefire."
    )
    assert [k[2] for k in _kinds(body)] == ["ceremony", "agreement"]


def test_plural_violations_are_marked_as_several_incidents() -> None:
    reading = reading_after(
        "events", "Border guards reported ceasefire violations in two districts."
    )
    assert "multi" in reading.mentions[0].flags


@pytest.mark.parametrize(
    ("sentence", "type_"),
    [
        (
            "The forces inflicted four strikes by Bayraktar TB-2 drones on units near Farukh.",
            "drone_strike",
        ),
        (
            "The Azeri forces executed four strikes using Bayraktar TB-2 drones near Farukh.",
            "drone_strike",
        ),
        ("Bayraktar TB-2 drones were used to strike the troops near Farukh.", "drone_strike"),
        ("Azerbaijani forces entered the zone of responsibility of the peacekeepers.", "incursion"),
    ],
)
def test_more_ways_of_telling_drone_strikes_and_incursions(sentence: str, type_: str) -> None:
    assert type_ in {m.type for m in reading_after("events", sentence).mentions}


@pytest.mark.parametrize(
    "sentence",
    [
        "Violation of the ceasefire by Azerbaijan was recorded in the Mardakert region.",
        "There was a violation of the ceasefire regime in the Mardakert region.",
    ],
)
def test_a_violation_of_the_ceasefire_is_a_violation(sentence: str) -> None:
    types = {m.type for m in reading_after("events", sentence).mentions}
    assert "ceasefire_violation_unspecified" in types


@pytest.mark.parametrize(
    "sentence",
    [
        "An employee of the agency has fallen victim to a landmine in Aghdam.",
        "The deminer was injured after hitting an anti-personnel mine in Gubadli.",
    ],
)
def test_more_ways_of_telling_a_mine_explosion(sentence: str) -> None:
    assert "mine_explosion" in {m.type for m in reading_after("events", sentence).mentions}


def test_a_negation_set_off_by_a_comma_does_not_negate_the_event() -> None:
    body = "In a field not yet cleared of mines, an explosion occurred on Monday."
    assert [m.category.value for m in reading_after("events", body).mentions] == [
        "explosive_ordnance"
    ]


@pytest.mark.parametrize(
    "body",
    [
        "On Monday the army launched a large-scale aggression along the line of contact.",
        "Border guards staged a revenge operation against an enemy post on Monday.",
    ],
)
def test_launching_an_aggression_or_an_operation_is_a_ground_assault(body: str) -> None:
    [mention] = reading_after("events", body).mentions
    assert (mention.category.value, mention.type) == ("violation", "ground_assault")


@pytest.mark.parametrize(
    "body",
    [
        "On Monday the army reported the destruction of an enemy combat helicopter.",
        "Two enemy tanks were destroyed near the front on Monday.",
    ],
)
def test_destroying_military_equipment_is_a_violation(body: str) -> None:
    [mention] = reading_after("events", body).mentions
    assert mention.category.value == "violation"


def test_the_first_incident_since_something_is_an_incident_not_a_tally() -> None:
    body = (
        "Two soldiers were killed by fire at a border post on Monday, the first fatal "
        "incident since talks began more than 30 years ago."
    )
    kinds = {m.kind.value for m in reading_after("events", body).mentions}
    assert "context" not in kinds


def test_a_post_that_was_attacked_is_a_violation() -> None:
    [mention] = reading_after(
        "events", "A post of the border troops was attacked near the village on Monday."
    ).mentions
    assert mention.category.value == "violation"


def test_an_incident_that_brings_a_running_total_up_is_still_an_incident() -> None:
    body = (
        "A mine blast near the village wounded two deminers on Thursday, bringing the number "
        "of deminers hurt since 2020 to 20."
    )
    mentions = reading_after("casualties", body, "2022-06-10").mentions
    [incident] = [m for m in mentions if m.category.value != "context"]
    assert incident.category.value == "explosive_ordnance"
    assert [(f.kind, f.min) for f in incident.figures] == [("injured", 2)]


def test_fire_that_was_allegedly_opened_is_still_the_claims_event() -> None:
    [mention] = reading_after(
        "events", "The ministry said the fire was allegedly opened by the other side on Monday."
    ).mentions
    assert mention.category.value == "violation"


@pytest.mark.parametrize(
    "body",
    [
        "The border service said it answered a provocation committed by enemy troops on Monday.",
        "Officials said it was a riposte to a provocation on Monday by enemy troops.",
        "The army removed an outpost after the provocation that injured a soldier on Monday.",
    ],
)
def test_a_provocation_told_as_an_act_is_a_violation(body: str) -> None:
    categories = [m.category.value for m in reading_after("events", body).mentions]
    assert "violation" in categories


def test_provocations_in_general_are_no_incident() -> None:
    body = "The ministry warned that further provocations would face decisive measures."
    assert incidents_of(body) == []


def test_hundreds_of_mines_found_are_clearance_statistics_not_one_find() -> None:
    body = "The agency recently reported that 436 mines were found in the liberated territories."
    assert incidents_of(body) == []


def test_a_few_shells_found_near_a_village_are_a_find() -> None:
    [claim] = incidents_of("Three unexploded shells were found near the village on Monday.")
    assert claim.type == "uxo_found"


def test_a_missile_that_hit_is_shelling() -> None:
    [claim] = incidents_of("On Monday a missile launched towards the village hit a car.")
    assert claim.type == "artillery_shelling"
