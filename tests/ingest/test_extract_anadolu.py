"""The Anadolu Agency article the project started from (read from ../shared, never copied)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ceasefire.domain.model import Claim
from ceasefire.domain.taxonomy import Category
from ceasefire.ingest.parsers import parse_bytes
from ceasefire.ingest.pipeline import extract

ARTICLE = "data/articles/anadolu-2020-12-24-turkish-troops-upper-karabakh.txt"


@pytest.fixture
def claims(shared_dir: Path) -> list[Claim]:
    path = shared_dir / ARTICLE
    parsed = parse_bytes(path.read_bytes(), name=path.name, format="text")
    assert len(parsed) == 1
    return extract(parsed[0].document)


@pytest.mark.shared
def test_one_violation_claimed_by_the_azerbaijani_defence_ministry(claims: list[Claim]) -> None:
    violations = [c for c in claims if c.category is Category.VIOLATION]
    assert len(violations) == 1
    claim = violations[0]
    assert claim.claimed_by == "Azerbaijani Defence Ministry" and claim.claimant_is_party
    assert claim.perpetrator_alleged == "Armenian armed forces"
    killed = claim.casualties.killed
    assert killed.military is not None and (killed.military.min, killed.military.max) == (2, None)
    assert killed.civilian is not None and (killed.civilian.min, killed.civilian.max) == (1, 1)
    assert (claim.time.start, claim.time.end) == (date(2020, 11, 10), date(2020, 12, 24))
    assert claim.time.precision.value != "day"
    assert "martyr" not in claim.summary and "martyred" in claim.evidence.quote


@pytest.mark.shared
def test_demining_is_an_explosive_ordnance_claim(claims: list[Claim]) -> None:
    ordnance = [c for c in claims if c.category is Category.EXPLOSIVE_ORDNANCE]
    assert [c.type for c in ordnance] == ["demining_activity"]
    assert "Turkish" in ordnance[0].claimed_by


@pytest.mark.shared
def test_the_baku_ceremony_is_context_and_no_incident_is_in_baku(claims: list[Claim]) -> None:
    assert any(c.category is Category.CONTEXT and c.type == "ceremony" for c in claims)
    incidents = [c for c in claims if c.category is not Category.CONTEXT]
    assert all(c.place is None or c.place.name != "Baku" for c in incidents)
    assert {c.category for c in incidents} == {Category.VIOLATION, Category.EXPLOSIVE_ORDNANCE}


@pytest.mark.shared
def test_related_headlines_never_produce_claims(claims: list[Claim], shared_dir: Path) -> None:
    document = parse_bytes((shared_dir / ARTICLE).read_bytes(), name="a.txt", format="text")[
        0
    ].document
    assert document.related_headlines
    quotes = " ".join(c.evidence.quote for c in claims)
    for headline in document.related_headlines:
        assert headline not in quotes
    for claim in claims:
        assert document.body[claim.evidence.start : claim.evidence.end] == claim.evidence.quote
