"""Place names found in running English text, with offsets."""

from __future__ import annotations

import pytest

from ceasefire.gazetteer import Gazetteer, KindHint, Mention


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer.bundled()


def _texts(mentions: list[Mention]) -> list[str]:
    return [m.text for m in mentions]


def test_offsets_point_at_the_mention(g: Gazetteer) -> None:
    text = "Positions near Shosh and Taghavard came under fire from Aghdam."
    mentions = g.find_mentions(text)
    assert _texts(mentions) == ["Shosh", "Taghavard", "Aghdam"]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    assert [m.candidates[0].geonameid for m in mentions] == [147164, 147093, 148619]


def test_baku_as_ceremony_place_is_still_a_mention(g: Gazetteer) -> None:
    text = (
        "visiting Defense Minister Hulusi Akar told a military ceremony in the Azerbaijani "
        "capital Baku late Wednesday."
    )
    assert _texts(g.find_mentions(text)) == ["Baku"]
    assert g.find_mentions(text)[0].candidates[0].geonameid == 587084


def test_longest_name_wins_over_its_parts(g: Gazetteer) -> None:
    text = "Armenian forces left Nagorno-Karabakh; Bala Jafarli and Karmir Shuka were quiet."
    assert _texts(g.find_mentions(text)) == ["Nagorno-Karabakh", "Bala Jafarli", "Karmir Shuka"]


def test_kind_word_joins_the_mention_and_sets_its_kind(g: Gazetteer) -> None:
    text = "Garvand village (Aghdam region) and the Gadabay region's villages"
    mentions = g.find_mentions(text)
    assert _texts(mentions) == ["Garvand village", "Aghdam region", "Gadabay region"]
    assert [m.kind for m in mentions] == [KindHint.SETTLEMENT, KindHint.ADMIN, KindHint.ADMIN]
    assert mentions[1].candidates[0].geonameid == 148617


def test_village_of_before_the_name_marks_a_settlement(g: Gazetteer) -> None:
    [mention] = g.find_mentions("near the village of Gaybali")
    assert mention.text == "Gaybali" and mention.kind is KindHint.SETTLEMENT


def test_common_english_words_are_not_places(g: Gazetteer) -> None:
    # Each of these is also the name of a minor place in the gazetteer.
    words = ["Bad", "Car", "Bash", "Bridge", "Amber"]
    assert all(g.lookup(word) for word in words)
    text = "Bad weather. Car bombs? Bash. Bridge works. Amber alert. Army, Mine, Center, Bar."
    assert g.find_mentions(text) == []


def test_demonyms_are_not_places(g: Gazetteer) -> None:
    text = "The Azerbaijani Defense Ministry and Armenian sources, Russian peacekeepers."
    assert g.find_mentions(text) == []


def test_names_beside_a_personal_name_are_not_places(g: Gazetteer) -> None:
    assert g.lookup("Gurgen") and g.lookup("Guler")
    text = "Gurgen Nersisian denied it, Gen. Yaşar Guler said, and Ararat Gasparyan too."
    assert g.find_mentions(text) == []


def test_a_surname_like_a_village_beside_a_given_name_is_no_place(g: Gazetteer) -> None:
    assert g.lookup("Yagublu")  # a village in Armenia too
    assert g.find_mentions("Serviceman Farman Yagublu lost his life.") == []
    assert _texts(g.find_mentions("Fire reached Yusifjanli village.")) == ["Yusifjanli village"]


def test_hyphenated_road_names_give_each_place(g: Gazetteer) -> None:
    text = "on the Khankendi-Khalfali-Turshsu dirt road"
    assert _texts(g.find_mentions(text)) == ["Khankendi", "Khalfali", "Turshsu"]


def test_company_names_are_not_places(g: Gazetteer) -> None:
    assert g.lookup("Bina")
    text = "an excavator of Korpu-Bina-Tikinti LLC hit a mine near Bina Ltd and in Aghdam"
    assert _texts(g.find_mentions(text)) == ["Aghdam"]


def test_sentence_start_words_do_not_block_a_place(g: Gazetteer) -> None:
    assert _texts(g.find_mentions("In Aghdam it was calm. Near Tegh, shots.")) == ["Aghdam", "Tegh"]


def test_upper_case_cross_heads_are_read_but_acronyms_are_not(g: Gazetteer) -> None:
    text = "LIBERATION OF UPPER KARABAKH\nThe OSCE and the MOD said"
    mentions = g.find_mentions(text)
    assert _texts(mentions) == ["UPPER KARABAKH"]
    assert mentions[0].candidates[0].geonameid == 409432


def test_lower_case_words_are_never_mentions(g: Gazetteer) -> None:
    assert g.find_mentions("the shelling of aghdam and shusha") == []


def test_text_without_places_gives_nothing(g: Gazetteer) -> None:
    assert g.find_mentions("") == []
    assert g.find_mentions("12345 ... --- !!!") == []


def test_a_surname_after_an_initial_is_a_person_not_a_place(g: Gazetteer) -> None:
    text = "Residents of Chartar, A. Ghahramanyan and G. Ghukasyan, came under fire."
    assert _texts(g.find_mentions(text)) == ["Chartar"]
    assert "Ghukasyan" in _texts(g.find_mentions("Fire near Chartar. Ghukasyan was calm."))
