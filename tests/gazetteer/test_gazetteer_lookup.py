"""Lookup by every party's name for a place, in any script or transliteration."""

from __future__ import annotations

import pytest

from ceasefire.domain.taxonomy import PlacePrecision
from ceasefire.errors import NotFound
from ceasefire.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer.bundled()


PARTY_NAMES = [
    # Khankendi / Stepanakert
    ("Khankendi", 146970), ("Khankandi", 146970), ("Xankəndi", 146970), ("Stepanakert", 146970),
    ("Степанакерт", 146970), ("Ստեփանակերտ", 146970),
    ("Shusha", 147105), ("Shushi", 147105), ("Şuşa", 147105),
    ("Aghdam", 148619), ("Agdam", 148619), ("Akna", 148619), ("Ağdam", 148619),
    ("Kalbajar", 586268), ("Kelbajar", 586268), ("Karvachar", 586268), ("Kəlbəcər", 586268),
    ("Lachin", 147625), ("Berdzor", 147625), ("Laçın", 147625),
    # GeoNames calls the town Novyy Karanlug (alt Martuni)
    ("Khojavend", 146969), ("Khojavand", 146969), ("Xocavənd", 146969), ("Martuni", 146969),
    ("Fuzuli", 148106), ("Fizuli", 148106), ("Füzuli", 148106), ("Varanda", 148106),
    ("Jabrayil", 148141), ("Jabrail", 148141), ("Jebrail", 148141), ("Jrakan", 148141),
    ("Zangilan", 146901), ("Zangelan", 146901), ("Kovsakan", 146901),
    ("Gubadli", 147305), ("Qubadlı", 147305), ("Kubatly", 147305), ("Kashunik", 147305),
    ("Aghdara", 587379), ("Ağdərə", 587379), ("Martakert", 587379), ("Mardakert", 587379),
    ("Tartar", 584871), ("Terter", 584871), ("Tərtər", 584871),
    ("Karmir Shuka", 147695), ("Qırmızı Bazar", 147695), ("Krasnyy Bazar", 147695),
    ("Shosh", 147164), ("Shushikend", 147164),
    ("Taghavard", 147093), ("Tağaverd", 147093),
    ("Gadabay", 586573), ("Gədəbəy", 586573), ("Kedabek", 586573),
    ("Tovuz", 584821),
    ("Gazakh", 585226), ("Qazax", 585226),
    ("Sadarak", 147282), ("Sədərək", 147282),
    ("Nakhchivan", 147429), ("Naxçıvan", 147429),
    ("Kiyamaddinli", 147729), ("Kiyamadynly", 147729), ("Kiyamanddinli", 147729),
    ("Hadrut", 148105), ("Hadrud", 148105),
    ("Askeran", 148450), ("Khojaly", 147774),
    ("Nagorno-Karabakh", 409432), ("Upper Karabakh", 409432), ("Artsakh", 409432),
    ("Karabakh", 409432),
    ("Azerbaijan", 587116), ("Armenia", 174982), ("Baku", 587084), ("Yerevan", 616052),
]  # fmt: skip


@pytest.mark.parametrize(("name", "geonameid"), PARTY_NAMES)
def test_every_party_name_resolves_to_the_place(g: Gazetteer, name: str, geonameid: int) -> None:
    assert g.lookup(name)[0].geonameid == geonameid
    resolved = g.resolve(name)
    assert resolved is not None and resolved.geonameid == geonameid


DISTRICT_NAMES = [
    ("Aghdam region", 148617), ("Aghdam district", 148617), ("Akna region", 148617),
    ("Khojavand region", 409423), ("Khojavend District", 409423),
    ("Fuzuli region", 148107), ("Fizuli district", 148107),
    ("Terter region", 409420), ("Tartar district", 409420),
    ("Kalbajar region", 586047), ("Kelbajar district", 586047),
    ("Lachin district", 147626), ("Gubadli district", 147694), ("Zangilan region", 146900),
    ("Jabrayil district", 148140), ("Gadabay region", 627535), ("Sadarak region", 409387),
    ("Gazakh district", 586087), ("Tovuz district", 584861),
    # Soviet-era (NKAO) districts, Armenian usage
    ("Martuni district", 147557), ("Martakert district", 585569), ("Hadrut district", 148104),
    ("Askeran district", 148449), ("Shushi district", 147163),
    ("Nakhchivan Autonomous Republic", 147435),
    ("Syunik province", -1008), ("Tavush province", -1009),
]  # fmt: skip


@pytest.mark.parametrize(("name", "geonameid"), DISTRICT_NAMES)
def test_district_words_select_the_admin_unit(g: Gazetteer, name: str, geonameid: int) -> None:
    resolved = g.resolve(name)
    assert resolved is not None and resolved.geonameid == geonameid


ARMENIAN_BORDER = [
    ("Sotk", 616041, -1004), ("Vardenis", 616108, -1004), ("Chambarak", 616786, -1004),
    ("Jermuk", 174884, -1010), ("Goris", 174895, -1008), ("Kapan", 174875, -1008),
    ("Davit Bek", 174926, -1008), ("Tegh", 174743, -1008), ("Kornidzor", 174840, -1008),
    ("Berd", 616802, -1009), ("Ijevan", 616627, -1009),
]  # fmt: skip


@pytest.mark.parametrize(("name", "geonameid", "marz"), ARMENIAN_BORDER)
def test_armenian_border_places_sit_in_their_province(
    g: Gazetteer, name: str, geonameid: int, marz: int
) -> None:
    place = g.resolve(name)
    assert place is not None and place.geonameid == geonameid and place.country == "AM"
    province = g.district_of(place)
    assert province is not None and province.geonameid == marz
    assert province.precision() is PlacePrecision.REGION


@pytest.mark.parametrize(
    "written", ["KHANKENDI", "khankendi", "Xankendi", "Khankəndi", " Khankendi "]
)
def test_lookup_ignores_case_diacritics_and_spaces(g: Gazetteer, written: str) -> None:
    assert g.lookup(written)[0].geonameid == 146970


def test_names_written_with_schwa_are_found_in_both_spellings(g: Gazetteer) -> None:
    # "Kəmərli" (ə, U+0259) was once dropped from the index as an unknown script.
    for written in ("Kəmərli", "Kemerli", "Kamarli"):
        assert 8470542 in {p.geonameid for p in g.lookup(written)}, written


def test_hyphen_and_space_spellings_are_one_name(g: Gazetteer) -> None:
    assert g.lookup("Nagorno Karabakh") == g.lookup("nagorno-karabakh")


def test_unknown_name_finds_nothing(g: Gazetteer) -> None:
    assert g.lookup("Atlantis") == []
    assert g.resolve("Atlantis") is None


def test_get_returns_the_place_or_raises_not_found(g: Gazetteer) -> None:
    assert g.get(148619).name == "Ağdam"
    with pytest.raises(NotFound):
        g.get(1)


@pytest.mark.parametrize(
    ("geonameid", "precision"),
    [
        (148619, PlacePrecision.SETTLEMENT),  # Aghdam town
        (148617, PlacePrecision.DISTRICT),  # Aghdam rayon (ADM1 in GeoNames)
        (147557, PlacePrecision.DISTRICT),  # Martuni district (NKAO)
        (409387, PlacePrecision.DISTRICT),  # Sadarak rayon of Nakhchivan (ADM2)
        (147435, PlacePrecision.REGION),  # Nakhchivan Autonomous Republic
        (409432, PlacePrecision.REGION),  # Nagorno-Karabakh
        (-1008, PlacePrecision.REGION),  # Syunik province
        (587116, PlacePrecision.COUNTRY),
        (174982, PlacePrecision.COUNTRY),
        (10121924, PlacePrecision.SITE),  # the Chirag hotel in Baku
    ],
)
def test_precision_follows_the_kind_of_place(
    g: Gazetteer, geonameid: int, precision: PlacePrecision
) -> None:
    assert g.get(geonameid).precision() is precision


def test_district_of_a_village_is_its_rayon(g: Gazetteer) -> None:
    assert g.district_of(g.get(147093)).geonameid == 409423  # Taghavard → Khojavend district
    assert g.district_of(g.get(8326746)).geonameid == 409387  # Heydarabad → Sadarak (Nakhchivan)
    assert g.district_of(g.get(148617)) is None  # a rayon has no district above it


def test_every_place_is_in_azerbaijan_or_armenia(g: Gazetteer) -> None:
    places = list(g)
    assert len(places) == len(g) > 9000
    assert {p.country for p in places} == {"AZ", "AM"}
