"""Corrections a person makes on the ingest page, applied to an extracted claim."""

from __future__ import annotations

from datetime import date

import pytest

from ceasefire.domain.model import Claim, Evidence, TimeWindow
from ceasefire.domain.taxonomy import Category, PlacePrecision, TimePrecision
from ceasefire.errors import InvalidValue
from ceasefire.services.ingest_review import Correction, corrected

CLAIM = Claim(
    category=Category.VIOLATION,
    type="small_arms_fire",
    summary="fire near a village",
    time=TimeWindow(date(2024, 2, 13), date(2024, 2, 13), TimePrecision.DAY),
    place=None,
    evidence=Evidence(0, 10, "the quote"),
    claimed_by="Armenian Defence Ministry",
    claimant_is_party=True,
)


@pytest.mark.parametrize(
    ("end", "precision"),
    [
        ("2024-02-13", "day"),
        ("2024-02-14", "days"),
        ("2024-02-20", "week"),
        ("2024-03-13", "month"),
    ],
)
def test_a_corrected_window_gets_the_extractors_precision_word(end: str, precision: str) -> None:
    fixed = corrected(CLAIM, Correction(start="2024-02-13", end=end), "claims[0.0]")
    assert fixed.time.end == date.fromisoformat(end)
    assert fixed.time.precision.value == precision


def test_a_corrected_place_keeps_the_gazetteers_precision() -> None:
    province = corrected(CLAIM, Correction(place="Syunik Province"), "claims[0.0]")
    assert province.place is not None and province.place.precision is PlacePrecision.REGION
    district = corrected(CLAIM, Correction(place="Kalbajar District"), "claims[0.0]")
    assert district.place is not None and district.place.precision is PlacePrecision.DISTRICT
    town = corrected(CLAIM, Correction(place="Goris"), "claims[0.0]")
    assert town.place is not None and town.place.precision is PlacePrecision.SETTLEMENT


def test_an_unknown_place_names_the_field() -> None:
    with pytest.raises(InvalidValue) as refused:
        corrected(CLAIM, Correction(place="Nowhereville"), "claims[0.0]")
    assert refused.value.field == "claims[0.0].place"
