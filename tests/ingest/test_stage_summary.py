"""Stage 8: claims with neutral OSCE-style summaries and evidence that quotes the body."""

from __future__ import annotations

from ceasefire.ingest.stages.summary import neutral
from extract_support import claims_of, incidents_of


def test_loaded_words_are_neutralised() -> None:
    assert neutral("martyred soldiers in liberated lands under occupation") == (
        "killed soldiers in retook lands under control"
    )
    assert neutral("A provocation by terrorists") == "A incident by armed men"


def test_the_summary_is_built_from_the_fields_in_neutral_wording() -> None:
    body = (
        "The Armenian occupants martyred a soldier near Lachin on Monday with sniper fire, the "
        "Azerbaijani Defence Ministry said."
    )
    claim = incidents_of(body, "2021-08-12")[0]
    assert claim.summary.startswith("The Azerbaijani Defence Ministry said that")
    assert "martyr" not in claim.summary.lower() and "occupant" not in claim.summary.lower()
    assert "1 military personnel killed" in claim.summary
    assert claim.perpetrator_alleged == "Armenian armed forces"
    assert "martyred" in claim.evidence.quote


def test_evidence_offsets_quote_the_body_exactly() -> None:
    body = (
        "BAKU, August 12. Armenian units shelled Zamanli [editor: Gadabay] on Monday.\n"
        "A soldier was wounded, the ministry said."
    )
    for claim in claims_of(body, source="Trend"):
        evidence = claim.evidence
        assert body[evidence.start : evidence.end] == evidence.quote
