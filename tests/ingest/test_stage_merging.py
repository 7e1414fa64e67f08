"""Stage 7: mentions of one incident merge; separate incidents and opposing accounts do not."""

from __future__ import annotations

from extract_support import incidents_of


def test_mentions_of_one_incident_become_one_claim() -> None:
    body = (
        "A mine blast killed two farmers in Aghdam district, the prosecutor's office said.\n"
        "The blast happened on August 10 when their tractor drove over an anti-personnel mine "
        "in the district, investigators said.\n"
        "Vugar Mammadov and Elshan Aliyev died at the scene, officials added."
    )
    claims = incidents_of(body)
    assert len(claims) == 1
    assert claims[0].time.start.isoformat() == "2021-08-10"
    assert claims[0].casualties.killed.total_min() == 2  # the named victims are not added


def test_incidents_on_different_days_or_places_stay_apart() -> None:
    body = (
        "On August 9, Armenian units fired at positions near Zamanli, the ministry said.\n"
        "On August 10, they fired at positions in the Kalbajar district.\n"
        "On August 10, a sniper fired at a post near Heydarabad in Sadarak region."
    )
    assert len(incidents_of(body)) == 3


def test_two_stories_under_their_own_headings_on_one_day_stay_apart() -> None:
    body = (
        "Deminer hurt\n"
        "On August 3, a deminer was wounded by a mine in Fizuli region.\n"
        "Shepherd killed\n"
        "On the same day, August 3, a shepherd was killed by a mine in Fizuli region."
    )
    assert len(incidents_of(body)) == 2


def test_figures_of_each_side_add_up_but_a_re_telling_does_not() -> None:
    body = (
        "Azerbaijani soldiers opened fire at a police car on March 2, leaving three Karabakh "
        "officers dead and one injured. In the ensuing skirmish, two Azerbaijani soldiers were "
        "killed. Three police officers were confirmed dead in the attack."
    )
    claims = incidents_of(body, "2023-03-03")
    assert len(claims) == 1
    assert claims[0].casualties.killed.total_min() == 5
    assert claims[0].casualties.injured.total_min() == 1


def test_a_denial_gives_two_claims_each_disputed_by_the_other_side() -> None:
    body = (
        "The Azerbaijani Defence Ministry said on Monday that Karabakh Defense Army troops "
        "shot at its posts near Shosh.\n"
        '"These accusations are untrue. It was Azerbaijani troops who broke the truce in that '
        'sector. Nobody was hurt," the Artsakh Defence Ministry said.'
    )
    claims = incidents_of(body, "2022-02-22")
    assert len(claims) == 2
    by = {c.claimed_by: c for c in claims}
    azerbaijani = by["Azerbaijani Defence Ministry"]
    karabakh = by["Karabakh Defence Ministry"]
    assert azerbaijani.perpetrator_alleged == "Karabakh Defence Army"
    assert karabakh.perpetrator_alleged == "Azerbaijani armed forces"
    assert azerbaijani.disputed_by == "Karabakh Defence Ministry"
    assert karabakh.disputed_by == "Azerbaijani Defence Ministry"
    assert karabakh.place is not None and karabakh.place.name == "Shushikend"
    assert karabakh.casualties.killed.total_min() == 0


def test_ruling_out_casualties_reaches_every_incident_the_ministry_reported() -> None:
    body = (
        "On August 9, Armenian units fired at posts near Zamanli, the Defence Ministry said.\n"
        "On August 9, they also shot at posts near Heydarabad.\n"
        "There were no losses among the servicemen, it said."
    )
    claims = incidents_of(body, source="Azernews")
    assert len(claims) == 2
    assert all(c.casualties.killed.military is not None for c in claims)
    assert all(c.casualties.killed.military.max == 0 for c in claims)


def test_a_summary_line_joins_the_detailed_incident() -> None:
    body = (
        "The Russian Defence Ministry registered two breaches of the ceasefire in the "
        "Martakert and Martuni districts over the past day.\n"
        '"There were no victims in the Martakert district, while in the Martuni district a '
        'soldier suffered shrapnel wounds from shelling," the bulletin said.'
    )
    claims = incidents_of(body, "2023-09-14")
    assert len(claims) == 2
    injured = {c.place.name if c.place else None: c.casualties.injured.total_min() for c in claims}
    assert sorted(injured.values()) == [0, 1]


def test_another_undated_explosion_in_the_same_district_stays_its_own_incident() -> None:
    body = (
        "A mine exploded near the village of Shikhlar in the Aghdam district, the agency said. "
        "Another mine explosion occurred in the village of Chemenli in the Aghdam district. "
        "A shepherd was injured."
    )
    claims = incidents_of(body)
    assert len(claims) == 2


def test_the_accused_sides_confirmation_is_the_same_account_not_a_second_claim() -> None:
    body = (
        "Armenia's Defence Ministry accused Azerbaijan's armed forces on Wednesday of shooting "
        "down a military helicopter. Azerbaijan confirmed shooting down a helicopter."
    )
    claims = incidents_of(body, "2014-11-12")
    assert len(claims) == 1
    assert claims[0].claimed_by == "Armenian Defence Ministry"


def test_the_shelling_told_again_is_the_same_incident() -> None:
    body = (
        "Artillery shelled the village of Chemenli on the night of April 27, the ministry said. "
        "The shelling was especially intense after midnight, a resident said."
    )
    assert len(incidents_of(body, "2016-04-28")) == 1
