"""The incident page's dossier: a quote shown inside the sentence(s) it stands in."""

from __future__ import annotations

from ceasefire.services.dossier import quote_in_context

BODY = "A calm morning.\n\nLt. Gen. Hasanov said shots were fired near Aghdam. Nobody was hurt."


def test_a_quote_comes_with_the_rest_of_its_sentence_and_titles_do_not_cut_it() -> None:
    start = BODY.index("shots")
    before, quote, after = quote_in_context(BODY, start, start + 16, "shots were fired")
    assert (before, quote, after) == ("Lt. Gen. Hasanov said ", "shots were fired", " near Aghdam.")


def test_stale_offsets_fall_back_to_the_quotes_first_occurrence() -> None:
    before, quote, after = quote_in_context(BODY, 0, 5, "Nobody was hurt")
    assert (before, quote, after) == ("", "Nobody was hurt", ".")


def test_a_quote_not_in_the_text_stands_alone() -> None:
    assert quote_in_context(BODY, 3, 9, "tanks advanced") == ("", "tanks advanced", "")
