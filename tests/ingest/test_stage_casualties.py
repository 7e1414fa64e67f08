"""Stage 6: killed and injured figures from digits, words, names and "no casualties"."""

from __future__ import annotations

import pytest

from ceasefire.domain.taxonomy import Side
from ceasefire.ingest.stages.casualties import figures_in
from ceasefire.ingest.stages.reading import Figure
from extract_support import reading_after


def _figures(clause: str) -> list[tuple[str, str, int, int | None]]:
    return [(f.kind, f.status, f.min, f.max) for f in figures_in(clause)]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("two civilians were killed", [("killed", "civilian", 2, 2)]),
        ("a soldier was wounded", [("injured", "military", 1, 1)]),
        ("one serviceman suffered injuries", [("injured", "military", 1, 1)]),
        ("12 people died", [("killed", "unknown", 12, 12)]),
        ("several Armenian soldiers were martyred", [("killed", "military", 2, None)]),
        ("at least three people were killed", [("killed", "unknown", 3, None)]),
        (
            "the blast kills five workers and wounds two",
            [("killed", "civilian", 5, 5), ("injured", "civilian", 2, 2)],
        ),
        (
            "killing two soldiers and a civilian",
            [("killed", "military", 2, 2), ("killed", "civilian", 1, 1)],
        ),
        (
            "four policemen were shot dead and one seriously injured",
            [("killed", "unknown", 4, 4), ("injured", "unknown", 1, 1)],
        ),
        ("the explosion killed the driver", [("killed", "civilian", 1, 1)]),
        ("a deminer lost a leg", [("injured", "unknown", 1, 1)]),
    ],
)
def test_counts_in_digits_and_words(
    clause: str, expected: list[tuple[str, str, int, int | None]]
) -> None:
    assert _figures(clause) == expected


@pytest.mark.parametrize(
    "clause",
    [
        "a 45-year-old man (62) was born in 1979",
        "two of the officers were found dead",
        "the third succumbed to his injuries",
        "the walls of several houses were damaged",
        "no one was hurt",
        "a statute on the killing of three or more persons",
    ],
)
def test_ages_partitives_ordinals_and_things_are_not_counts(clause: str) -> None:
    assert _figures(clause) == []


def test_a_list_of_names_counts_each_person_and_is_marked_named() -> None:
    figures = figures_in("Elvin Mammadov, Orkhan Aliyev and Ruslan Hasanov were wounded")
    assert [(f.kind, f.min, f.named) for f in figures] == [("injured", 3, True)]


def test_each_side_keeps_its_own_figure() -> None:
    figures = figures_in("three Karabakh policemen and two Azerbaijani soldiers were killed")
    sides = {f.side for f in figures}
    assert sum(f.min for f in figures) == 5 and Side.AZERBAIJAN in sides


def test_all_of_them_counts_the_people_of_the_sentence_before() -> None:
    body = (
        "A mine exploded near Terter on Monday. An officer and six rescuers were at the scene. "
        "All of them were injured."
    )
    reading = reading_after("casualties", body)
    figures = [f for m in reading.mentions for f in m.figures]
    assert sum(f.min for f in figures if f.kind == "injured") == 7


@pytest.mark.parametrize(
    ("sentence", "zero"),
    [
        ("There were no casualties as a result of the shelling.", "all"),
        ("The ministry ruled out any casualties among the army personnel.", "military"),
        ("No one was injured in the firing.", "all"),
    ],
)
def test_no_casualties_is_a_zero_statement(sentence: str, zero: str) -> None:
    reading = reading_after("casualties", sentence)
    assert [m.zero_statement for m in reading.mentions] == [zero]


def test_coordinated_people_add_up() -> None:
    assert _figures("Two journalists and a local official died in a mine blast.") == [
        ("killed", "civilian", 2, 2),
        ("killed", "civilian", 1, 1),
    ]


@pytest.mark.parametrize(
    "clause",
    [
        "Three persons, including two journalists and a staff member, were killed by the mine.",
        "Three people, among them two children, were killed when the shell hit the house.",
    ],
)
def test_a_total_with_its_breakdown_counts_the_total_once(clause: str) -> None:
    figures = _figures(clause)
    assert [(kind, low) for kind, _, low, _ in figures] == [("killed", 3)]


def test_a_named_person_after_the_verb_counts_once_with_the_status_of_the_noun() -> None:
    figures = figures_in("The Armenian side wounded soldier Muraz Babakishev with a drone.")
    assert [(f.kind, f.status, f.min, f.names) for f in figures] == [
        ("injured", "military", 1, ("Muraz Babakishev",))
    ]


def test_animals_and_the_elided_count_after_them_are_no_casualties() -> None:
    assert _figures("Shelling killed 12 sheep on the farm and 7 were injured.") == []


def test_a_count_in_a_since_clause_tallies_the_past() -> None:
    clause = "The attack was the deadliest since hundreds died when the war resumed."
    assert _figures(clause) == []


def test_another_one_wounded_counts_one_of_the_status_told_before() -> None:
    assert _figures("Two soldiers were killed and another was wounded.") == [
        ("killed", "military", 2, 2),
        ("injured", "military", 1, 1),
    ]


def test_a_named_person_with_an_appositive_role_counts_one_of_that_role() -> None:
    assert _figures("Aram Sargsyan, a local soldier, was killed by shelling.") == [
        ("killed", "military", 1, 1)
    ]


def test_a_count_of_two_sides_people_has_no_side() -> None:
    assert figures_in("Fighting left at least 30 Azerbaijani and Armenian soldiers dead.") == [
        Figure("killed", "military", 30, None, None)
    ]


def test_a_clause_about_livestock_counts_no_people() -> None:
    reading = reading_after(
        "casualties", "Shelling hit the farm on Monday: 11 cows killed in the barn, 19 injured."
    )
    assert all(m.figures == () for m in reading.mentions)


def test_a_count_days_after_another_incident_is_that_incidents() -> None:
    clause = (
        "Two soldiers were wounded on Friday, three days after 12 people were killed in a city."
    )
    assert _figures(clause) == [("injured", "military", 2, 2)]


def test_the_subject_of_died_of_his_wounds_is_one_death() -> None:
    assert _figures("The soldier, born in 2001, died of his wounds in hospital.") == [
        ("killed", "military", 1, 1)
    ]


def test_kin_are_civilians() -> None:
    assert _figures("His elderly mother was killed in the shelling.") == [
        ("killed", "civilian", 1, 1)
    ]
