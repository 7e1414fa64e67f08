"""Stage 1: paragraphs, headings, sentences, clauses, datelines and quotation speakers."""

from __future__ import annotations

from extract_support import reading_after


def _texts(body: str) -> list[str]:
    return [s.text for s in reading_after("sentences", body).sentences]


def test_abbreviations_do_not_end_a_sentence() -> None:
    texts = _texts("The truce of Nov. 10 held until Gen. Aliyev spoke. Then firing began.")
    assert texts == ["The truce of Nov. 10 held until Gen. Aliyev spoke.", "Then firing began."]


def test_headings_bylines_and_read_more_links_carry_no_sentences() -> None:
    body = (
        "Shelling reported near the border\n"
        "By Anna Petrosyan\n"
        "Troops opened fire on a village on Monday, the ministry said.\n"
        "READ MORE: Talks resume in Moscow\n"
        "Entire family killed\n"
        "A car hit a mine on Tuesday."
    )
    reading = reading_after("sentences", body)
    assert [s.text for s in reading.sentences] == [
        "Troops opened fire on a village on Monday, the ministry said.",
        "A car hit a mine on Tuesday.",
    ]
    # the cross-head "Entire family killed" starts a new section
    assert reading.sentences[0].section < reading.sentences[1].section


def test_an_agency_dateline_is_blanked_and_names_the_agency() -> None:
    body = "YEREVAN, MAY 3, ARMENPRESS. Shots were fired at a border post, officials said."
    reading = reading_after("sentences", body)
    assert reading.dateline_agency == "ARMENPRESS"
    assert reading.sentences[0].text.strip().startswith("Shots were fired")
    assert "YEREVAN" not in reading.text


def test_editorial_brackets_are_blanked_but_offsets_kept() -> None:
    body = "Firing was heard in Karabakh [(editor: Artsakh)] overnight."
    reading = reading_after("sentences", body)
    assert len(reading.text) == len(body)
    assert "editor" not in reading.text and "overnight" in reading.text


def test_a_quoted_statement_is_given_to_the_speaker_after_it() -> None:
    body = (
        '"The claims are baseless. Our units did not open fire," the ministry said in a statement.'
    )
    reading = reading_after("sentences", body)
    speaker = reading.sentences[0].quote_speaker
    assert speaker is not None
    assert body[speaker[0] : speaker[1]].startswith("the ministry said")


def test_a_contrast_splits_a_sentence_into_clauses() -> None:
    body = (
        "Officials in Stepanakert said two policemen were killed, while officials in Baku said "
        "a soldier died."
    )
    sentence = reading_after("sentences", body).sentences[0]
    assert len(sentence.clauses) == 2


def test_a_full_stop_glued_to_the_next_sentence_still_ends_one() -> None:
    reading = reading_after(
        "sentences", "Two mines were found, the agency said.Three more exploded."
    )
    assert len(reading.sentences) == 2


def test_a_joint_dateline_of_two_cities_is_a_dateline() -> None:
    reading = reading_after(
        "sentences", "BAKU/YEREVAN, Nov 12 (Agency) - Troops fired at a post on Wednesday."
    )
    assert reading.dateline is not None
    body = reading.document.body
    assert body[reading.dateline[0] : reading.dateline[1]].startswith("BAKU/YEREVAN")
