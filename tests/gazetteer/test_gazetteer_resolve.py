"""Disambiguation: the traps of places sharing a name, district hints and article context."""

from __future__ import annotations

import pytest

from ceasefire.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer.bundled()


def _ids(g: Gazetteer, name: str) -> set[int]:
    return {p.geonameid for p in g.lookup(name)}


def _resolved(g: Gazetteer, name: str, **hints: object) -> int | None:
    place = g.resolve(name, **hints)  # type: ignore[arg-type]
    return place.geonameid if place else None


def test_two_khankendi_prefer_karabakh_unless_the_district_says_otherwise(g: Gazetteer) -> None:
    assert {146970, 585970} <= _ids(g, "Khankendi")
    assert _resolved(g, "Khankendi") == 146970
    assert _resolved(g, "Khankendi", near_text="Khankendi village of Ismayilli district") == 585970
    ismayilli = g.get(586318)
    assert _resolved(g, "Khankendi", context=[ismayilli], near_text="in Ismayilli") == 585970


def test_karabakh_context_keeps_the_karabakh_khankendi(g: Gazetteer) -> None:
    shusha, aghdam = g.get(147105), g.get(148619)
    assert _resolved(g, "Khankendi", context=[shusha, aghdam]) == 146970


def test_three_fuzuli_prefer_the_district_town(g: Gazetteer) -> None:
    assert {148106, 824028, 8630550} <= _ids(g, "Füzuli")
    assert _resolved(g, "Füzuli") == 148106
    assert _resolved(g, "Füzuli", near_text="Füzuli village of Samukh district") == 824028
    assert _resolved(g, "Füzuli", near_text="in Füzuli (Shamkir region)") == 8630550


def test_two_lachin_prefer_the_town_of_the_corridor(g: Gazetteer) -> None:
    assert {147625, 824341} <= _ids(g, "Laçın")
    assert _resolved(g, "Lachin") == 147625
    assert _resolved(g, "Laçın", near_text="the village of Laçın in Kalbajar district") == 824341


def test_chirag_is_the_kalbajar_village_unless_a_hotel_is_meant(g: Gazetteer) -> None:
    assert {148253, 10121924} <= _ids(g, "Chirag")
    assert _resolved(g, "Chirag") == 148253
    assert _resolved(g, "Chirag", near_text="a reception at the Chirag hotel in Baku") == 10121924


def test_kiyamadynly_means_the_monitoring_centre_village(g: Gazetteer) -> None:
    assert {147729, 585843} <= _ids(g, "Kiyamadynly")
    assert _resolved(g, "Kiyamadynly") == 147729


def test_village_of_district_pattern_picks_the_village_in_that_district(g: Gazetteer) -> None:
    # Several villages are called Qaraqoyunlu; the district named beside it decides.
    assert len(_ids(g, "Qaraqoyunlu")) >= 3
    assert (
        _resolved(g, "Qaraqoyunlu", near_text="Qaraqoyunlu village of Gubadli district") == 147901
    )
    assert _resolved(g, "Garagoyunlu", near_text="Garagoyunlu (Shamkir region)") == 584941


def test_loose_spellings_reach_the_village_named_with_its_district(g: Gazetteer) -> None:
    near = "Bala Jafarli village of the Gazakh region came under fire"
    assert _resolved(g, "Bala Jafarli", near_text=near) == 824441
    assert _resolved(g, "Zaylik", near_text="Zaylik settlement (Kalbajar region)") == 584572
    assert _resolved(g, "Galakand", near_text="Galakand (Gadabay region)") == 586276
    garvand = g.resolve("Garvand village", near_text="Garvand village (Aghdam region)")
    assert garvand is not None and garvand.admin1 == "03"  # a Karvend of Aghdam


def test_possessive_place_names_the_district(g: Gazetteer) -> None:
    garvand = g.resolve("Garvand", near_text="on September 21 in Aghdam's Garvand village")
    assert garvand is not None and garvand.admin1 == "03"  # Aghdam, not the Karvend of Fuzuli


def test_mention_kind_word_selects_admin_unit(g: Gazetteer) -> None:
    [mention] = g.find_mentions("Shelling was reported in the Aghdam region on Sunday.")
    place = g.resolve(mention)
    assert place is not None and place.geonameid == 148617


def test_resolve_only_returns_places_in_azerbaijan_or_armenia(g: Gazetteer) -> None:
    for name in ("Baku", "Yerevan", "Ararat", "Tovuz"):
        place = g.resolve(name)
        assert place is not None and place.country in {"AZ", "AM"}
