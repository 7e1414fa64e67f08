"""A place named with its district ("X in the Y district", "X of Y region", "X (Y)") resolves
inside that district, through the mention alone (as the extraction stage calls it) or through
the sentence given as `near_text`."""

from __future__ import annotations

import pytest

from ceasefire.domain.model import Place
from ceasefire.gazetteer import Gazetteer, Mention

TOVUZ_RAYON, AGHDAM_RAYON, KALBAJAR_DISTRICT = 584861, 148617, 586047
AGDAM_OF_TOVUZ, CHIRAGLI_OF_AGHDAM = -2001, -2002  # villages GeoNames lacks (places_extra.csv)


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer.bundled()


def _mention(g: Gazetteer, sentence: str, written: str) -> Mention:
    [mention] = [m for m in g.find_mentions(sentence) if m.text.startswith(written)]
    return mention


def _both_ways(g: Gazetteer, sentence: str, written: str) -> tuple[Place, Place]:
    """What the mention resolves to alone, and what the name resolves to given the sentence."""
    by_mention = g.resolve(_mention(g, sentence, written))
    by_name = g.resolve(written, near_text=sentence)
    assert by_mention is not None and by_name is not None
    return by_mention, by_name


@pytest.mark.parametrize(
    "sentence",
    [
        "Shells hit the village of Agdam in the Tovuz district shortly after midnight.",
        "Aghdam village of Tovuz region came under mortar fire on Tuesday.",
        "Two houses were damaged in Agdam (Tovuz) overnight, the ministry said.",
        "A cow was killed by sniper fire in Agdam, Tovuz region.",
    ],
)
def test_agdam_named_with_tovuz_is_the_tovuz_village_not_the_city(
    g: Gazetteer, sentence: str
) -> None:
    written = "Aghdam" if "Aghdam" in sentence else "Agdam"
    by_mention, by_name = _both_ways(g, sentence, written)
    assert by_mention.geonameid == by_name.geonameid == AGDAM_OF_TOVUZ
    assert g.district_of(by_mention) == g.get(TOVUZ_RAYON)


def test_agdam_alone_is_still_the_city(g: Gazetteer) -> None:
    assert g.resolve("Agdam") == g.get(148619)
    [mention] = g.find_mentions("Mine clearance continues around Agdam.")
    assert mention.district is None and g.resolve(mention) == g.get(148619)


@pytest.mark.parametrize(
    ("sentence", "written", "admin1"),
    [
        ("Armenian units fired on Chiragli in Aghdam district at dawn.", "Chiragli", "03"),
        ("Yukhari Veysalli of Fuzuli district was hit by two shells.", "Yukhari Veysalli", "18"),
        ("Zamanli village of Gadabay district came under sniper fire.", "Zamanli", "19"),
        ("A round landed near Heydarabad village of Sadarak district.", "Heydarabad", "35"),
        ("Alibeyli of Zardab district reported no damage.", "Alibeyli", "71"),
        ("Hasanabad village of Shusha district is being demined.", "Hasanabad", "55"),
        ("Karakhanbeyli (Nakhchivan) heard gunfire at night.", "Karakhanbeyli", "35"),
    ],
)
def test_village_of_a_named_district_resolves_inside_it(
    g: Gazetteer, sentence: str, written: str, admin1: str
) -> None:
    by_mention, by_name = _both_ways(g, sentence, written)
    assert by_mention == by_name
    assert by_mention.feature_class == "P" and by_mention.admin1 == admin1


def test_nakhchivan_rayon_is_checked_down_to_its_own_unit(g: Gazetteer) -> None:
    place = g.resolve(_mention(g, "Heydarabad village of Sadarak district", "Heydarabad"))
    assert place is not None and g.district_of(place) == g.get(409387)  # Sadarak Rayon


def test_the_mention_carries_its_district_with_the_candidates_inside_first(
    g: Gazetteer,
) -> None:
    mention = _mention(g, "Shelling of Chiragli in the Aghdam district resumed.", "Chiragli")
    assert mention.district == g.get(AGHDAM_RAYON)
    assert mention.candidates[0].geonameid == CHIRAGLI_OF_AGHDAM
    assert len(mention.candidates) > 1  # the namesakes stay, behind it


def test_a_name_the_district_lacks_resolves_to_the_district_not_a_namesake(
    g: Gazetteer,
) -> None:
    # No Hasanabad lies in Tovuz, no Zamanli in Kalbajar: the district is all we know.
    tovuz = _mention(g, "Hasanabad village of Tovuz district was shelled.", "Hasanabad")
    assert g.resolve(tovuz) == g.get(TOVUZ_RAYON)
    kalbajar = "Zamanli village of Kalbajar district came under fire."
    assert g.resolve("Zamanli", near_text=kalbajar) == g.get(KALBAJAR_DISTRICT)
    assert g.resolve("Zamanli") == g.get(584600)  # without the district: the Gadabay one


def test_a_comma_only_prefers_because_it_may_separate_a_list(g: Gazetteer) -> None:
    listed = g.find_mentions("Aghdam, Tartar region and Barda were shelled.")
    assert listed[0].district is None and g.resolve(listed[0]) == g.get(148619)
    located = _mention(g, "Alibeyli, Aghdam region came under fire.", "Alibeyli")
    assert located.district == g.get(AGHDAM_RAYON)
    assert g.resolve(located) == g.get(587267)  # the Aghdam Alybeyli, not the Tovuz one


def test_every_village_of_a_list_lies_in_the_district_named_after_it(g: Gazetteer) -> None:
    sentence = "Alibeyli and Chiragli villages of Aghdam district came under fire."
    alibeyli, chiragli = (g.resolve(m) for m in g.find_mentions(sentence)[:2])
    assert alibeyli == g.get(587267)
    assert chiragli is not None and chiragli.geonameid == CHIRAGLI_OF_AGHDAM


def test_a_possessive_district_reaches_the_list_after_it(g: Gazetteer) -> None:
    sentence = "Gadabay region's Zamanli, Yenikend and Galakand villages were shelled."
    places = [g.resolve(m) for m in g.find_mentions(sentence)[1:]]
    assert [p.admin1 if p else None for p in places] == ["19", "19", "19"]
    # the next district named ends the list
    other = "Gadabay region's Zamanli, Kalbajar region's Zaylik were shelled."
    zaylik = g.resolve(_mention(g, other, "Zaylik"))
    assert zaylik is not None and zaylik.admin1 == "26"


def test_another_name_of_the_same_place_in_brackets_is_no_district(g: Gazetteer) -> None:
    khankendi, stepanakert = g.find_mentions("Shots were heard in Khankendi (Stepanakert).")
    assert khankendi.district is None and stepanakert.district is None
    assert g.resolve(khankendi) == g.resolve(stepanakert) == g.get(146970)


def test_province_in_brackets_locates_an_armenian_town(g: Gazetteer) -> None:
    berd = _mention(g, "Positions near Berd (Tavush province) were shelled.", "Berd")
    assert berd.district == g.get(-1009) and g.resolve(berd) == g.get(616802)


def test_shusha_district_is_the_rayon_that_holds_the_villages(g: Gazetteer) -> None:
    assert g.resolve("Shusha district") == g.get(147163)
    assert g.resolve("Shusha") == g.get(147105)
