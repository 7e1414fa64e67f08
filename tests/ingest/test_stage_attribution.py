"""Stage 3: who claims a mention, whether it is a party, and whom it blames."""

from __future__ import annotations

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
