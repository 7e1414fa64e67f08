"""Linking rules: blocking, scores with reasons, decisions, the in-memory index, estimates."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest

from ceasefire.domain.estimates import estimate, tightest_window
from ceasefire.domain.link_index import LinkIndex
from ceasefire.domain.linking import (
    ARMENIAN,
    AZERBAIJANI,
    ClaimFacts,
    LinkPolicy,
    blocks,
    camp_of,
    decide,
    is_mutual_accusation,
    link_text,
    score_pair,
    settlement_key,
)
from ceasefire.domain.model import Casualties, CasualtyGroup, Count

# Real coordinates (GeoNames): Khankendi/Stepanakert, Shusha, Aghdam, Fuzuli.
KHANKENDI = (39.8153, 46.7519)
SHUSHA = (39.7586, 46.7503)
AGHDAM = (39.9911, 46.9300)
FUZULI = (39.6003, 47.1453)

DAY = date(2023, 3, 5)


def claim(
    id: int,
    *,
    source: str | None = None,
    category: str = "violation",
    type: str = "shootout",
    start: date = DAY,
    end: date | None = None,
    at: tuple[float, float] | None = KHANKENDI,
    precision: str = "settlement",
    gazetteer_id: int | None = None,
    district_id: int | None = None,
    perpetrator: str | None = None,
    claimed_by: str = "Russian Defence Ministry",
    party: bool = False,
    killed: int | None = None,
    text: str = "",
    credibility: int = 6,
) -> ClaimFacts:
    casualties = (
        Casualties(killed=CasualtyGroup(unknown=Count.exact(killed))) if killed else Casualties()
    )
    return ClaimFacts(
        id=id,
        source=source or f"s{id}",
        category=category,
        type=type,
        start=start,
        end=end or start,
        time_precision="day" if (end or start) == start else "days",
        place_name="place",
        gazetteer_id=gazetteer_id,
        lat=at[0] if at else None,
        lon=at[1] if at else None,
        place_precision=precision if at else "unknown",
        perpetrator=perpetrator,
        claimed_by=claimed_by,
        claimant_is_party=party,
        casualties=casualties,
        text=link_text(text),
        credibility=credibility,
        district_id=district_id,
    )


POLICY = LinkPolicy()


# --- sides ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "camp"),
    [
        ("Azerbaijani Defence Ministry", AZERBAIJANI),
        ("Artsakh Defence Ministry", ARMENIAN),
        ("Karabakh police", ARMENIAN),
        ("Karabakh Defence Army", ARMENIAN),
        ("occupants of the car (Karabakh side)", ARMENIAN),
        ("Azerbaijani forces in Karabakh", AZERBAIJANI),
        ("Russian Defence Ministry (peacekeeping bulletin)", None),
        (None, None),
    ],
)
def test_camp_of_names_the_side_an_actor_speaks_for(actor: str | None, camp: str | None) -> None:
    assert camp_of(actor) == camp


def test_opposite_accusations_are_a_mutual_accusation() -> None:
    az = claim(1, claimed_by="Azerbaijani MoD", perpetrator="Karabakh Defence Army", party=True)
    hy = claim(2, claimed_by="Artsakh MoD", perpetrator="Azerbaijani armed forces", party=True)
    agreeing = claim(3, claimed_by="Russian peacekeepers", perpetrator="Karabakh Defence Army")
    assert is_mutual_accusation(az, hy)
    assert not is_mutual_accusation(az, agreeing)


def test_a_side_blaming_itself_is_read_as_no_attribution() -> None:
    # An extraction slip ("the Azerbaijani MoD said Azerbaijani forces fired") must neither
    # count as agreement on the accused side nor hide the counter-claim.
    hy = claim(
        1, source="a", claimed_by="Karabakh police", perpetrator="Azerbaijani sabotage group"
    )
    az = claim(2, source="a", claimed_by="Azerbaijani MoD", perpetrator="Azerbaijani forces")
    assert is_mutual_accusation(hy, az)
    assert "same alleged perpetrator" not in score_pair(hy, az).reasons


# --- blocking ------------------------------------------------------------------------------


def test_places_further_apart_than_the_precision_allows_are_not_compared() -> None:
    a = claim(1, at=KHANKENDI)
    far = claim(2, at=AGHDAM)  # ~25 km: too far for two settlements
    assert blocks(a, far, 31) == "places more than 15 km apart"
    district = replace(far, place_precision="district")  # a district reaches 40 km
    assert blocks(a, district, 31) is None


def test_dates_beyond_the_slack_are_not_compared() -> None:
    a = claim(1)
    assert blocks(a, claim(2, start=DAY + timedelta(days=1)), 31) is None
    assert blocks(a, claim(3, start=DAY + timedelta(days=2)), 31) == "dates too far apart"


def test_different_categories_are_never_compared() -> None:
    mine = claim(2, category="explosive_ordnance", type="mine_explosion")
    assert blocks(claim(1), mine, 31) == "different categories"


def test_claims_without_place_need_overlapping_dates_and_compatible_types() -> None:
    a = claim(1, at=None)
    assert blocks(a, claim(2), 31) is None
    assert blocks(a, claim(3, start=DAY + timedelta(days=1)), 31) is not None
    assert blocks(a, claim(4, type="mortar_fire"), 31) == "place unknown and types differ"


# --- scores --------------------------------------------------------------------------------


def test_score_of_one_event_reported_twice_is_high_with_readable_reasons() -> None:
    a = claim(1, gazetteer_id=174875, killed=5, text="Five killed in shootout near Stepanakert")
    b = claim(2, gazetteer_id=174875, killed=5, text="Shootout near Stepanakert kills five")
    pair = score_pair(a, b)
    assert pair.score >= 0.9
    assert pair.reasons[:3] == ("same place (place)", "same day", "same type")
    assert "casualties agree (5 killed)" in pair.reasons


def _unit(*values: float) -> bytes:
    vector = np.array(values, dtype=np.float32)
    return (vector / np.linalg.norm(vector)).tobytes()


def test_sentence_vectors_replace_word_overlap_when_both_claims_have_one() -> None:
    a = claim(1, text="Shootout near Stepanakert", type="fire_unspecified")
    b = claim(2, text="Police ambushed on the bypass road", type="fire_unspecified")
    alike, apart = _unit(1, 0, 0), _unit(0.9, 0.1, 0)
    far = _unit(0, 1, 0)
    by_meaning = score_pair(replace(a, vector=alike), replace(b, vector=apart))
    assert by_meaning.score > score_pair(a, b).score
    assert any(r.startswith("similar meaning") for r in by_meaning.reasons)
    assert score_pair(replace(a, vector=alike), replace(b, vector=far)).score < by_meaning.score
    # One side without a vector: the words are compared, as without the extra.
    assert score_pair(replace(a, vector=alike), b).score == score_pair(a, b).score


def test_disagreeing_casualties_and_distance_lower_the_score() -> None:
    a = claim(1, killed=5)
    b = claim(2, at=SHUSHA, killed=1, type="mortar_fire")
    pair = score_pair(a, b)
    assert pair.score < POLICY.link
    assert pair.score < score_pair(a, replace(b, lat=a.lat, lon=a.lon)).score
    assert "casualties differ (5 vs 1 killed)" in pair.reasons


# --- decisions -----------------------------------------------------------------------------


def test_claim_joins_the_incident_of_a_matching_claim() -> None:
    decision = decide(claim(2, killed=3), {7: [claim(1, killed=3)]}, POLICY)
    assert decision.incident == 7
    assert decision.score is not None and decision.score >= POLICY.link


def test_claims_of_one_source_never_join_one_incident() -> None:
    first = claim(1, source="article")
    decision = decide(claim(2, source="article"), {7: [first]}, POLICY)
    assert decision.incident is None
    assert decision.suggestions == ()


def test_mutual_accusation_in_one_source_joins_one_incident() -> None:
    az = claim(1, source="a", claimed_by="Azerbaijani MoD", perpetrator="Defense Army", party=True)
    hy = claim(2, source="a", claimed_by="Artsakh MoD", perpetrator="Azerbaijani army", party=True)
    decision = decide(hy, {7: [az]}, POLICY)
    assert decision.incident == 7
    assert decision.mutual_accusation
    assert "mutual accusation: each side blames the other" in decision.reasons


def test_a_denial_by_the_accused_side_in_the_same_source_joins_the_accusation() -> None:
    accusation = claim(1, source="a", claimed_by="Azerbaijani MoD", perpetrator="Defense Army")
    denial = claim(2, source="a", claimed_by="Artsakh Defence Ministry")  # blames nobody
    bystander = claim(3, source="a", claimed_by="Russian peacekeepers")
    assert decide(denial, {7: [accusation]}, POLICY).incident == 7
    assert "counter-claim: the accused side answers" in score_pair(denial, accusation).reasons
    assert decide(bystander, {7: [accusation]}, POLICY).incident is None


def test_an_undated_claim_is_only_suggested_however_well_it_matches() -> None:
    dated = claim(1, gazetteer_id=1, type="mine_explosion", category="explosive_ordnance", killed=4)
    undated = replace(
        claim(2, gazetteer_id=1, type="mine_explosion", category="explosive_ordnance", killed=4),
        start=date(2020, 11, 10),
        end=date(2026, 1, 1),
    )
    decision = decide(undated, {7: [dated]}, POLICY)
    assert decision.incident is None
    [suggestion] = decision.suggestions
    assert suggestion.incident == 7 and suggestion.score >= POLICY.link
    assert "date unknown on one side" in suggestion.reasons
    assert suggestion.reasons[-1] == "only suggested: the claim has a time window of 1879 days"
    assert "never linked automatically" in decision.reasons[0]


def test_a_window_over_three_days_is_only_suggested() -> None:
    existing = claim(1, killed=3)
    three_days = claim(2, killed=3, start=DAY - timedelta(days=1), end=DAY + timedelta(days=1))
    four_days = replace(three_days, end=DAY + timedelta(days=2))
    assert decide(three_days, {7: [existing]}, POLICY).incident == 7
    decision = decide(four_days, {7: [existing]}, POLICY)
    assert decision.incident is None
    assert [s.incident for s in decision.suggestions] == [7]


@pytest.mark.parametrize(
    ("at", "precision", "why"),
    [
        (None, "settlement", "no usable place"),
        ((39.9, 46.8), "region", "a place known only to the region"),
        ((40.1, 47.5), "country", "no usable place"),
    ],
)
def test_a_claim_without_a_place_finer_than_a_region_is_only_suggested(
    at: tuple[float, float] | None, precision: str, why: str
) -> None:
    placed = claim(1, killed=2)
    vague = claim(2, at=at, precision=precision, killed=2)
    decision = decide(vague, {7: [placed]}, POLICY)
    assert decision.incident is None
    assert [s.incident for s in decision.suggestions] == [7]
    assert decision.suggestions[0].reasons[-1] == f"only suggested: the claim has {why}"


def test_a_precise_claim_does_not_join_an_incident_held_by_a_vague_claim_alone() -> None:
    # The same weak pair must not link because the vague report happened to arrive first.
    vague = claim(1, at=None, killed=2)
    decision = decide(claim(2, killed=2), {7: [vague]}, POLICY)
    assert decision.incident is None
    assert decision.suggestions[0].reasons[-1] == (
        "only suggested: its closest claim has no usable place"
    )
    # With a precise claim in the incident (an analyst accepted the vague one), it joins.
    assert decide(claim(3, killed=2), {7: [vague, claim(4, killed=2)]}, POLICY).incident == 7


def test_mutual_accusation_earns_its_bonus_only_where_time_and_place_agree() -> None:
    az = claim(1, claimed_by="Azerbaijani MoD", perpetrator="Karabakh Defence Army", party=True)
    hy = claim(2, claimed_by="Artsakh MoD", perpetrator="Azerbaijani armed forces", party=True)
    assert score_pair(az, hy).mutual_accusation
    next_day = replace(hy, start=DAY + timedelta(days=1), end=DAY + timedelta(days=1))
    elsewhere = replace(hy, place_precision="region")
    undated = replace(hy, start=date(2020, 11, 10), end=date(2026, 1, 1))
    for other in (next_day, elsewhere, undated):
        pair = score_pair(az, other)
        assert not pair.mutual_accusation
        assert "mutual accusation not counted: time and place do not agree" in pair.reasons
        # no bonus: scored as if nobody blamed anybody
        assert pair.score == score_pair(_neutral(az), _neutral(other)).score


def _neutral(c: ClaimFacts) -> ClaimFacts:
    return replace(c, claimed_by="OSCE monitors", perpetrator=None, claimant_is_party=False)


def test_one_claimants_reports_of_two_different_days_are_two_events() -> None:
    # Daily bulletins: the same ministry, the same village, yesterday and today.
    monday = claim(1, claimed_by="Azerbaijani MoD", perpetrator="Armenian forces", gazetteer_id=5)
    tuesday = replace(monday, id=2, source="s2", start=DAY + timedelta(days=1))
    tuesday = replace(tuesday, end=tuesday.start)
    pair = score_pair(tuesday, monday)
    assert not pair.corroborated
    assert "one claimant dates them to different days (two bulletins)" in pair.reasons
    assert decide(tuesday, {7: [monday]}, POLICY).incident is None
    # Another claimant a day apart may have dated the same event differently.
    other = replace(tuesday, claimed_by="Russian Defence Ministry")
    assert score_pair(other, monday).corroborated


# A rayon and a village inside it, 45 km from the rayon's centre (beyond the 40 km reach).
RAYON_ID = 586047
RAYON = (40.10, 46.04)
VILLAGE_IN_RAYON = (39.70, 46.08)


def test_a_village_and_its_district_on_the_same_day_from_two_outlets_meet() -> None:
    district = claim(
        1, at=RAYON, precision="district", gazetteer_id=RAYON_ID, claimed_by="Azerbaijani MoD"
    )
    village = claim(
        2, at=VILLAGE_IN_RAYON, gazetteer_id=9, district_id=RAYON_ID, claimed_by="Armenian MoD"
    )
    assert blocks(village, district, 31) is None
    pair = score_pair(village, district)
    assert pair.corroborated
    assert "place lies in place" in pair.reasons
    assert decide(village, {7: [district]}, POLICY).incident == 7
    assert decide(district, {7: [village]}, POLICY).incident == 7


def test_a_village_of_another_district_or_another_day_does_not_meet_the_district() -> None:
    district = claim(1, at=RAYON, precision="district", gazetteer_id=RAYON_ID)
    outside = claim(2, at=VILLAGE_IN_RAYON, gazetteer_id=9, district_id=RAYON_ID + 1)
    assert blocks(outside, district, 31) == "places more than 40 km apart"
    two_days = claim(
        3, at=VILLAGE_IN_RAYON, district_id=RAYON_ID, start=DAY, end=DAY + timedelta(days=1)
    )
    assert not score_pair(two_days, district).corroborated


def test_middle_band_opens_a_new_incident_and_suggests_the_candidate() -> None:
    existing = claim(1, type="mortar_fire", killed=5)
    # Same day, a village 6 km away, another type, other figures: maybe the same event.
    other = claim(2, type="artillery_shelling", at=SHUSHA, killed=1)
    pair = score_pair(other, existing)
    assert POLICY.suggest <= pair.score < POLICY.link
    decision = decide(other, {7: [existing]}, POLICY)
    assert decision.incident is None
    assert [s.incident for s in decision.suggestions] == [7]


def test_nearness_alone_is_not_enough_to_link() -> None:
    existing = claim(1, type="small_arms_fire", start=DAY, end=DAY + timedelta(days=1))
    later = claim(2, type="sniper_fire", at=SHUSHA, start=DAY + timedelta(days=1))
    assert score_pair(later, existing).score >= POLICY.link
    decision = decide(later, {7: [existing]}, POLICY)
    assert decision.incident is None
    assert decision.suggestions[0].reasons[-1] == "nothing beyond time, place and type ties them"
    blamed = decide(
        replace(later, perpetrator="Armenian forces"),
        {7: [replace(existing, perpetrator="Armenian armed forces")]},
        POLICY,
    )
    assert blamed.incident == 7


def test_undated_claims_without_place_are_never_linked() -> None:
    vague = claim(2, at=None, start=date(2023, 1, 1), end=date(2023, 12, 31))
    assert blocks(vague, claim(1), 31) == "neither date nor place precise enough"
    assert decide(vague, {7: [claim(1)]}, POLICY).incident is None


def test_the_best_incident_wins_and_the_runner_up_is_suggested() -> None:
    near = claim(1, gazetteer_id=1, killed=5)
    other = claim(3, at=SHUSHA)  # 6 km away, nothing ties it (else: one event, bridged)
    decision = decide(claim(2, gazetteer_id=1, killed=5), {8: [other], 7: [near]}, POLICY)
    assert decision.incident == 7
    assert [s.incident for s in decision.suggestions] == [8]


# --- in-memory index -----------------------------------------------------------------------


def _random_claims(n: int, seed: int) -> list[ClaimFacts]:
    rng = random.Random(seed)
    places = [KHANKENDI, SHUSHA, AGHDAM, FUZULI, None]
    out = []
    for i in range(n):
        start = DAY + timedelta(days=rng.randrange(20))
        place = rng.choice(places)
        precision = rng.choice(["settlement", "settlement", "district", "region"])
        out.append(
            claim(
                i,
                source=f"s{rng.randrange(n // 2)}",
                type=rng.choice(["shootout", "ambush", "mortar_fire", "fire_unspecified"]),
                start=start,
                end=start + timedelta(days=rng.choice([0, 0, 1, 3, 40])),
                at=None
                if place is None
                else (place[0] + rng.uniform(-0.1, 0.1), place[1] + rng.uniform(-0.1, 0.1)),
                precision=precision,
                # districts 1-3 and villages in them, some beyond a district's 40 km reach
                gazetteer_id=rng.choice([1, 2, 3]) if precision == "district" else None,
                district_id=rng.choice([None, 1, 2, 3]),
                killed=rng.choice([None, 1, 2, 5]),
            )
        )
    return out


def test_index_finds_exactly_the_incidents_a_full_comparison_finds() -> None:
    index = LinkIndex(replace(POLICY, max_candidates=10**6, max_incidents=10**6))
    for c in _random_claims(400, seed=3):
        everything = [
            i for i, ms in index.members.items() if any(blocks(c, m, 31) is None for m in ms)
        ]
        assert sorted(index.candidates(c)) == sorted(everything)
        index.add(c)


def test_index_puts_every_claim_in_exactly_one_incident() -> None:
    index = LinkIndex(POLICY)
    claims = _random_claims(300, seed=5)
    for c in claims:
        index.add(c)
    held = [m.id for ms in index.members.values() for m in ms]
    assert sorted(held) == [c.id for c in claims]
    assert len(index.members) < len(claims)  # some claims were linked


# --- estimates -----------------------------------------------------------------------------


def test_estimate_takes_the_tightest_consistent_window() -> None:
    wide = claim(1, start=DAY - timedelta(days=4), end=DAY + timedelta(days=1))
    two = claim(2, start=DAY - timedelta(days=1), end=DAY)
    day = claim(3)
    stray = claim(4, start=DAY + timedelta(days=10))  # contradicts the others: left out
    assert tightest_window([wide, two, day, stray]) == (DAY, DAY)
    assert estimate([wide, two]).time_precision == "days"


def test_estimate_casualties_low_high_and_third_party_best() -> None:
    party_low = claim(1, killed=3, party=True, claimed_by="Karabakh authorities")
    party_high = claim(2, killed=7, party=True, claimed_by="Azerbaijani MoD")
    third = claim(3, killed=5, party=False, claimed_by="Russian MoD")
    silent = claim(4)
    total = estimate([party_low, party_high, third, silent]).casualties["killed"]["total"]
    assert total == {"best": 5, "low": 3, "high": 7, "claims": 3}


def test_estimate_best_is_the_median_without_third_parties() -> None:
    claims = [claim(i, killed=k, party=True) for i, k in enumerate([2, 3, 9])]
    total = estimate(claims).casualties["killed"]["total"]
    assert (total["low"], total["best"], total["high"]) == (2, 3, 9)


def test_estimate_prefers_the_most_precise_consistent_place() -> None:
    region = claim(1, at=(39.9, 46.8), precision="region")
    village = claim(2, at=KHANKENDI, precision="settlement")
    far_village = claim(3, at=FUZULI, precision="settlement")
    place = estimate([region, village, far_village]).place
    assert place is not None and (place.lat, place.lon) == KHANKENDI


def test_estimate_marks_mutual_accusation_as_disputed_with_both_perpetrators() -> None:
    az = claim(1, claimed_by="Azerbaijani MoD", perpetrator="Karabakh Defence Army", party=True)
    hy = claim(2, claimed_by="Artsakh MoD", perpetrator="Azerbaijani armed forces", party=True)
    incident = estimate([az, hy])
    assert incident.disputed_attribution
    assert incident.perpetrators == ("Karabakh Defence Army", "Azerbaijani armed forces")
    assert incident.claimants == ("Azerbaijani MoD", "Artsakh MoD")
    assert not incident.third_party_reported
    assert not estimate([az]).disputed_attribution


def test_one_institutions_report_relayed_by_two_sources_corroborates() -> None:
    a = claim(1, precision="district", gazetteer_id=147557, claimed_by="Russian Defence Ministry")
    b = claim(2, precision="district", gazetteer_id=147557, claimed_by="Russian Defence Ministry")
    pair = score_pair(a, b)
    assert pair.corroborated and "same statement by Russian Defence Ministry" in pair.reasons
    # the same source, a vague speaker, or a long window is not one statement
    assert not score_pair(a, replace(b, source=a.source)).corroborated
    assert not score_pair(
        replace(a, claimed_by="the outlet"), replace(b, claimed_by="the outlet")
    ).corroborated
    assert not score_pair(a, replace(b, gazetteer_id=None)).corroborated
    week = claim(3, precision="district", gazetteer_id=147557, end=DAY + timedelta(days=6))
    assert not score_pair(a, replace(week, claimed_by=a.claimed_by)).corroborated


def test_two_dated_reports_in_the_same_words_corroborate() -> None:
    words = "Nacmaddin Huseynov injured by an anti-personnel mine in Gubadli"
    a = claim(1, precision="district", claimed_by="Azernews", text=words)
    b = claim(2, precision="district", claimed_by="prosecutor's office", text=words + " district")
    assert score_pair(a, b).corroborated
    undated = claim(3, precision="district", start=DAY - timedelta(days=300), end=DAY, text=words)
    assert not score_pair(a, replace(undated, claimed_by="Trend")).corroborated


# --- imported datasets ---------------------------------------------------------------------


def test_two_rows_of_one_imported_dataset_never_share_an_incident() -> None:
    first = replace(claim(1, killed=2, perpetrator="Armenian forces"), dataset="acled")
    second = replace(claim(2, killed=2, perpetrator="Armenian forces"), dataset="acled")
    assert decide(second, {10: [first]}, POLICY).incident is None
    assert decide(second, {10: [first]}, POLICY).suggestions == ()


def test_a_press_claim_and_another_dataset_may_join_an_imported_incident() -> None:
    imported = replace(claim(1, killed=2, perpetrator="Armenian forces"), dataset="acled")
    press = claim(2, killed=2, perpetrator="Armenian forces")
    assert decide(press, {10: [imported]}, POLICY).incident == 10
    from_ucdp = replace(press, dataset="ucdp")
    assert decide(from_ucdp, {10: [imported]}, POLICY).incident == 10


def test_a_claim_that_ties_two_incidents_of_one_event_merges_them() -> None:
    # One shootout split in two incidents by its first reports; two of their claims tie on
    # their own (a counter-claim, the same day), and the new report fits both.
    az = claim(1, claimed_by="Azerbaijani MoD", perpetrator="Karabakh police", party=True)
    nearby = (KHANKENDI[0] - 0.05, KHANKENDI[1])  # 5.6 km south
    hy = claim(2, at=nearby, claimed_by="Karabakh police", perpetrator="Azerbaijani army")
    vague = claim(3, at=nearby, start=DAY - timedelta(days=1), end=DAY + timedelta(days=1))
    report = claim(4, killed=2, claimed_by="Russian Defence Ministry", at=nearby)
    incidents = {7: [az, claim(5, killed=2)], 8: [vague, hy]}
    decision = decide(report, incidents, POLICY)
    assert decision.incident in (7, 8)
    [other] = decision.merge
    assert other.incident == ({7, 8} - {decision.incident}).pop()
    assert other.linkable and other.score >= POLICY.link
    assert other.incident not in [s.incident for s in decision.suggestions]


@pytest.mark.parametrize(
    "apart",
    [
        "one source",  # a source's claims are different incidents
        "one dataset",  # so are a dataset's rows (ACLED, UCDP)
        "no tie of their own",  # only the new claim ties them: two events near each other
    ],
)
def test_incidents_that_only_the_new_claim_ties_or_that_share_a_source_stay_apart(
    apart: str,
) -> None:
    nearby = (KHANKENDI[0] - 0.05, KHANKENDI[1])
    first, second = claim(5, killed=2), claim(6, at=nearby, killed=2)
    if apart == "one source":
        # the two incidents tie on their own (same day, the same toll), but incident 8 holds
        # a claim of the source that incident 7 came from
        incidents = {7: [first], 8: [replace(second, source=first.source)]}
    elif apart == "one dataset":
        incidents = {7: [replace(first, dataset="acled")], 8: [replace(second, dataset="acled")]}
    else:
        incidents = {7: [first], 8: [replace(second, end=DAY + timedelta(days=1))]}
    report = claim(4, killed=2, claimed_by="Russian Defence Ministry", at=nearby)
    decision = decide(report, incidents, POLICY)
    assert decision.incident in (7, 8)
    assert decision.merge == ()


def test_the_in_memory_index_merges_bridged_incidents() -> None:
    index = LinkIndex(POLICY)
    nearby = (KHANKENDI[0] - 0.05, KHANKENDI[1])
    first = index.add(
        claim(1, claimed_by="Azerbaijani MoD", perpetrator="Karabakh police", killed=2)
    )
    # 5.6 km away and nothing else ties it: an incident of its own
    assert index.add(claim(2, at=nearby, claimed_by="OSCE monitors")).incident is None
    # the counter-claim fits both; the incidents hold no two claims that tie on their own
    assert (
        index.add(
            claim(3, at=nearby, claimed_by="Karabakh police", perpetrator="Azerbaijani army")
        ).merge
        == ()
    )
    assert len(index.members) == 2
    # the next report ties both (the toll of claim 1, the spot of claim 2), and claim 3 ties
    # its incident to the other on its own
    last = index.add(claim(4, at=nearby, claimed_by="Russian Defence Ministry", killed=2))
    assert last.merge
    assert len({index.incident_of[i] for i in (1, 2, 3, 4)}) == 1
    assert len(index.members) == 1
    assert first.incident is None


# --- settlements the gazetteer does not know -------------------------------------------------


def test_spellings_of_one_village_across_transliterations_share_a_key() -> None:
    keys = {settlement_key(n) for n in ("Nerkin Hand", "Nerkin Khanda", "Nerkin-And")}
    assert len(keys) == 1
    assert settlement_key("Verin Shorzha") != settlement_key("Nerkin Hand")


def _named(id: int, village: str, day: date, **kw: object) -> ClaimFacts:
    """A claim placed only at a village the gazetteer does not know (no coordinates)."""
    return replace(
        claim(id, at=None, start=day, **kw),  # type: ignore[arg-type]
        settlements=frozenset({settlement_key(village)}),
    )


def test_two_reports_naming_one_uncharted_village_on_one_day_link() -> None:
    armenian = _named(1, "Nerkin Hand", DAY, claimed_by="Armenian MoD", killed=4)
    other = _named(2, "Nerkin Khanda", DAY, claimed_by="Reuters")
    decision = decide(other, {7: [armenian]}, POLICY)
    assert decision.incident == 7
    assert "the same settlement named (not in the gazetteer)" in decision.reasons


@pytest.mark.parametrize("apart", ["another village", "the day before"])
def test_another_village_or_another_day_without_coordinates_is_only_suggested(
    apart: str,
) -> None:
    armenian = _named(1, "Nerkin Hand", DAY, claimed_by="Armenian MoD", killed=4)
    village, day = ("Verin Shorzha", DAY) if apart == "another village" else ("Nerkin Hand", DAY)
    if apart == "the day before":
        day = DAY - timedelta(days=1)
    decision = decide(_named(2, village, day, claimed_by="Reuters"), {7: [armenian]}, POLICY)
    assert decision.incident is None
