"""The whole pipeline: `extract` and `build_extractor` on our own articles and on any text."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire.domain.model import Claim, Document
from ceasefire.domain.taxonomy import Category
from ceasefire.ingest.pipeline import STAGES, build_extractor, extract
from extract_support import claims_of, extractor, incidents_of

BULLETIN = (
    "Shelling near the border\n"
    "BAKU, August 12. Between 14:10 and 15:30 on August 11, Armenian army units shot at "
    "Azerbaijani posts near Heydarabad, Sadarak region, the Defence Ministry reported.\n"
    "Overnight, from 23:40 on August 11 to 00:30 on August 12, the same units fired mortars "
    "at a post near Zamanli in Gadabay region.\n"
    "There were no losses among the servicemen, the ministry added.\n"
    "On November 10, 2020, the leaders signed a statement that ended the 44-day war."
)


def test_the_chain_is_declared_once_in_order() -> None:
    assert [name for name, _ in STAGES] == [
        "sentences", "events", "attribution", "time", "place", "casualties", "merge", "agreement",
        "summary",
    ]  # fmt: skip


def test_a_bulletin_gives_one_claim_per_incident_with_all_fields() -> None:
    claims = incidents_of(BULLETIN, "2021-08-12", source="Trend")
    assert len(claims) == 2
    by_place = {c.place.name: c for c in claims if c.place is not None}
    heydarabad, zamanli = by_place["Heydarabad"], by_place["Zamanlı"]
    assert (heydarabad.time.start.isoformat(), heydarabad.time.end.isoformat()) == (
        "2021-08-11",
    ) * 2
    assert (zamanli.time.start.isoformat(), zamanli.time.end.isoformat()) == (
        "2021-08-11",
        "2021-08-12",
    )
    for claim in claims:
        assert claim.category is Category.VIOLATION
        assert claim.claimed_by == "Azerbaijani Defence Ministry" and claim.claimant_is_party
        assert claim.perpetrator_alleged == "Armenian armed forces"
        assert claim.casualties.killed.military is not None
        assert claim.casualties.killed.military.max == 0


def test_history_is_context_and_related_headlines_never_give_claims() -> None:
    document = Document(
        body=BULLETIN,
        published=datetime(2021, 8, 12),
        related_headlines=("Mine blast kills three in Fuzuli", "Drone strike reported in Tavush"),
    )
    claims = extractor()(document)
    assert all(
        "Fuzuli" not in c.evidence.quote and "Tavush" not in c.evidence.quote for c in claims
    )
    context = [c for c in claims if c.category is Category.CONTEXT]
    assert [c.type for c in context if "44-day war" in c.evidence.quote] == ["agreement"]


def test_an_earlier_incident_with_its_own_date_and_place_is_an_incident() -> None:
    body = (
        "A civilian was killed by a mine in Aghdam district on Monday, the police said.\n"
        "Earlier, on August 2, a shepherd was wounded when he stepped on a mine near Tartar."
    )
    assert len(incidents_of(body)) == 2


def test_a_document_without_text_gives_no_claims() -> None:
    assert extract(Document(body="")) == []
    assert extract(Document(body="   \n\n ")) == []


def test_build_extractor_builds_once_and_extract_uses_a_cached_default() -> None:
    first = build_extractor()
    assert first(Document(body="Nothing happened.")) == []
    assert extract(Document(body="Troops opened fire near Aghdam on Monday.")) != []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.text(max_size=600),
    published=st.one_of(st.none(), st.datetimes(datetime(1990, 1, 1), datetime(2035, 1, 1))),
)
def test_any_text_is_extracted_without_error(body: str, published: datetime | None) -> None:
    for claim in extractor()(Document(body=body, published=published)):
        assert body[claim.evidence.start : claim.evidence.end] == claim.evidence.quote
        assert claim.time.start <= claim.time.end


NEWSY = st.lists(
    st.sampled_from(
        [
            "On Monday",
            "Armenian units",
            "fired at",
            "a mine exploded near",
            "Aghdam",
            "Shusha region",
            "two soldiers were killed",
            "the ministry said",
            "no casualties",
            ", while",
            "According to the Defence Ministry,",
            '"',
            "since the war",
            "Nov. 10",
            "(33)",
            "several civilians",
            "the shootout",
            ".",
            "\n",
            "Taghavard village",
            "5 km north of Lachin",
            "earlier this week",
            "were detained",
            "Karabakh",
        ]
    ),
    max_size=40,
).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=NEWSY)
def test_any_mix_of_news_words_is_extracted_without_error(body: str) -> None:
    for claim in claims_of(body, "2021-08-12"):
        assert body[claim.evidence.start : claim.evidence.end] == claim.evidence.quote


@pytest.mark.slow
def test_a_nine_megabyte_text_is_processed() -> None:
    filler = (
        "Delegations of economists met in Brussels to discuss trade, roads and schools. "
        "The weather was mild and the markets were open until late in the evening.\n"
    )
    incident = "On Monday, Armenian units fired at positions near Zamanli, the ministry said.\n"
    body = (filler * 60 + incident) * (9_000_000 // (len(filler) * 60 + len(incident)))
    assert len(body) > 8_900_000
    claims = claims_of(body, "2021-08-12", source="Azernews")
    assert claims and all(c.category is Category.VIOLATION for c in claims)


def test_a_claim_lists_every_town_of_one_attack_in_its_json() -> None:
    [claim] = incidents_of("Drones struck Goris and Jermuk on Monday, the ministry said.")
    names = [p["name"] for p in claim.to_json()["places"]]
    assert names == ["Goris", "Jermuk"]
    assert Claim.from_json(claim.to_json()) == claim
