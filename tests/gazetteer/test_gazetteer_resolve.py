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


def test_kemerli_and_alibeyli_mean_the_border_villages_unless_a_district_says_otherwise(
    g: Gazetteer,
) -> None:
    assert _resolved(g, "Kemerli") == 586041  # Qazakh, on the border with Armenia
    kalbajar = g.resolve("Kemerli", near_text="Kemerli village of Kalbajar district")
    assert kalbajar is not None and kalbajar.admin1 == "26"
    assert _resolved(g, "Alibeyli") == 587312  # Tovuz
    assert _resolved(g, "Alibeyli", near_text="Alibeyli of Qakh district") == 587311


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Qaragöz", "69"), ("Qumlaq", "14"), ("Şamlı", "69"), ("Bayramly", "58")],
)
def test_namesakes_alike_in_all_else_go_to_the_border_and_former_front(
    g: Gazetteer, name: str, admin1: str
) -> None:
    # Each name has pop-0 villages far from the conflict too (Siyazan, Oghuz, Qabala...);
    # villages left empty by the war (PPLQ) are still where mines go off.
    place = g.resolve(name)
    assert place is not None and place.admin1 == admin1


@pytest.mark.parametrize(
    ("name", "geonameid", "not_meant"),
    [
        ("Istisu", 147969, "Jermuk, once called Istisu"),
        ("Lusakert", 616459, "Argel, once called Lusakert"),
        ("Kamo", 616598, "Gavar, once called Kamo"),
    ],
)
def test_a_place_known_by_the_name_beats_a_bigger_one_that_had_it_once(
    g: Gazetteer, name: str, geonameid: int, not_meant: str
) -> None:
    assert _resolved(g, name) == geonameid, not_meant


def test_a_bare_name_is_not_a_rayon_that_has_it_only_as_another_name(g: Gazetteer) -> None:
    # GeoNames lists "Dərəkənd" under the Khojavend rayon and "Kəngərli" is the Kangarli rayon
    # of Nakhchivan; bare, both names are villages.
    for name in ("Derekend", "Kengerli"):
        place = g.resolve(name)
        assert place is not None and place.feature_class == "P", name
    assert _resolved(g, "Kangarli district") == 8014931


def test_a_bare_province_name_is_still_the_province(g: Gazetteer) -> None:
    assert _resolved(g, "Tavush") == -1009
    assert _resolved(g, "Syunik") == -1008


def test_hasanabad_alone_goes_by_population_and_context_decides(g: Gazetteer) -> None:
    assert _resolved(g, "Hasanabad") == 393443  # Neftchala, 4,308 people
    assert _resolved(g, "Hasanabad", context=[g.get(147105)]) == 12081631  # near Shusha
