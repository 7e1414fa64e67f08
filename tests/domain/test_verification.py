"""The status machine and the confirmation rule of joint verification (pure)."""

from __future__ import annotations

import pytest

from ceasefire.domain.taxonomy import IncidentStatus as S
from ceasefire.domain.taxonomy import PositionKind as P
from ceasefire.domain.verification import (
    OUTCOMES,
    TRANSITIONS,
    ConfirmRule,
    EvidenceRef,
    after_close,
    after_merge,
    after_position,
    after_reopen,
    assess,
    check_transition,
    merge_positions,
    parse_position,
    rule_holds,
)
from ceasefire.errors import InvalidTransition, InvalidValue

TWO = ("AZ", "AM")
THREE = ("AZ", "AM", "RU")


@pytest.mark.parametrize(
    ("positions", "expected"),
    [
        ({}, S.REPORTED),
        ({"AZ": P.CONFIRMS}, S.UNDER_REVIEW),
        ({"AZ": P.DISPUTES}, S.UNDER_REVIEW),
        ({"AZ": P.CONFIRMS, "AM": P.CONFIRMS}, S.CONFIRMED),
        ({"AZ": P.DISPUTES, "AM": P.DISPUTES}, S.REFUTED),
        ({"AZ": P.ABSTAINS, "AM": P.ABSTAINS}, S.UNCONFIRMED),
        ({"AZ": P.CONFIRMS, "AM": P.DISPUTES}, S.DISPUTED),
        ({"AZ": P.CONFIRMS, "AM": P.ABSTAINS}, S.DISPUTED),
        ({"AZ": P.DISPUTES, "AM": P.ABSTAINS}, S.DISPUTED),
    ],
)
def test_two_delegations_under_the_default_rule(positions: dict[str, P], expected: S) -> None:
    assert assess(positions, TWO, ConfirmRule.ALL) is expected


def test_all_rule_needs_every_delegation_not_only_those_that_spoke() -> None:
    assert not rule_holds({"AZ": P.CONFIRMS}, TWO, ConfirmRule.ALL)
    assert rule_holds({"AZ": P.CONFIRMS, "AM": P.CONFIRMS}, TWO, ConfirmRule.ALL)


def test_majority_rule_confirms_over_a_minority_dispute() -> None:
    positions = {"AZ": P.CONFIRMS, "AM": P.DISPUTES, "RU": P.CONFIRMS}
    assert assess(positions, THREE, ConfirmRule.MAJORITY) is S.CONFIRMED
    assert assess(positions, THREE, ConfirmRule.ALL) is S.DISPUTED


def test_majority_of_two_delegations_is_both() -> None:
    assert assess({"AZ": P.CONFIRMS}, TWO, ConfirmRule.MAJORITY) is S.UNDER_REVIEW
    assert not rule_holds({"AZ": P.CONFIRMS, "AM": P.ABSTAINS}, TWO, ConfirmRule.MAJORITY)


def test_any_rule_confirms_on_one_confirmation_unless_someone_disputes() -> None:
    assert assess({"AZ": P.CONFIRMS}, TWO, ConfirmRule.ANY) is S.CONFIRMED
    assert assess({"AZ": P.CONFIRMS, "AM": P.ABSTAINS}, TWO, ConfirmRule.ANY) is S.CONFIRMED
    assert assess({"AZ": P.CONFIRMS, "AM": P.DISPUTES}, TWO, ConfirmRule.ANY) is S.DISPUTED


def test_no_delegations_never_confirms() -> None:
    assert not rule_holds({}, (), ConfirmRule.ANY)


def test_first_position_passes_through_under_review() -> None:
    change = after_position(S.REPORTED, {"AZ": P.CONFIRMS}, TWO, ConfirmRule.ALL)
    assert change.path == (S.REPORTED, S.UNDER_REVIEW)
    change = after_position(S.REPORTED, {"AZ": P.CONFIRMS}, TWO, ConfirmRule.ANY)
    assert change.path == (S.REPORTED, S.UNDER_REVIEW, S.CONFIRMED)


def test_second_agreeing_position_confirms() -> None:
    positions = {"AZ": P.CONFIRMS, "AM": P.CONFIRMS}
    change = after_position(S.UNDER_REVIEW, positions, TWO, ConfirmRule.ALL)
    assert (change.before, change.after, change.changed) == (S.UNDER_REVIEW, S.CONFIRMED, True)


def test_disputed_incident_settles_when_a_delegation_changes_its_position() -> None:
    positions = {"AZ": P.DISPUTES, "AM": P.DISPUTES}
    assert after_position(S.DISPUTED, positions, TWO, ConfirmRule.ALL).after is S.REFUTED


def test_disputed_returns_to_under_review_when_the_disagreement_goes() -> None:
    positions = {"AZ": P.CONFIRMS, "AM": P.CONFIRMS}
    assert after_position(S.DISPUTED, positions, THREE, ConfirmRule.ALL).after is S.UNDER_REVIEW


def test_repeating_a_position_keeps_the_status() -> None:
    change = after_position(S.UNDER_REVIEW, {"AZ": P.ABSTAINS}, TWO, ConfirmRule.ALL)
    assert not change.changed


@pytest.mark.parametrize("outcome", sorted(OUTCOMES))
def test_position_on_a_closed_review_is_an_invalid_transition(outcome: S) -> None:
    with pytest.raises(InvalidTransition, match="reopen"):
        after_position(outcome, {"AZ": P.CONFIRMS}, TWO, ConfirmRule.ALL)


def test_close_leaves_an_open_review_unconfirmed() -> None:
    for status in (S.REPORTED, S.UNDER_REVIEW, S.DISPUTED):
        assert after_close(status).after is S.UNCONFIRMED
    with pytest.raises(InvalidTransition):
        after_close(S.CONFIRMED)


def test_only_a_closed_review_can_be_reopened() -> None:
    assert after_reopen(S.REFUTED).path == (S.REFUTED, S.UNDER_REVIEW)
    with pytest.raises(InvalidTransition, match="only a closed review"):
        after_reopen(S.DISPUTED)


def test_nothing_returns_to_reported_or_jumps_from_reported_to_an_outcome() -> None:
    for status in S:
        if status is not S.REPORTED:
            with pytest.raises(InvalidTransition, match="to reported"):
                check_transition(status, S.REPORTED)
    with pytest.raises(InvalidTransition):
        check_transition(S.REPORTED, S.CONFIRMED)
    assert set(TRANSITIONS) == set(S)


def test_position_is_parsed_with_its_evidence() -> None:
    sha = "ab" * 32
    statement = parse_position(
        "AZ",
        " Confirms ",
        "  patrol saw craters ",
        ["source:12", "CLAIM:4", f"attachment:{sha}", "source:12"],
    )
    assert statement.position is P.CONFIRMS
    assert statement.reason == "patrol saw craters"
    assert [str(ref) for ref in statement.evidence] == ["source:12", "claim:4", f"attachment:{sha}"]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("agrees", "x", []), "position"),
        (("confirms", "   ", []), "reason"),
        (("confirms", "x" * 4001, []), "reason"),
        (("confirms", "x", ["http://example.org"]), "evidence"),
        (("confirms", "x", ["source:0"]), "evidence"),
        (("confirms", "x", ["attachment:abc"]), "evidence"),
        (("confirms", "x", [f"source:{i}" for i in range(1, 52)]), "evidence"),
    ],
)
def test_bad_position_names_the_field(args: tuple[str, str, list[str]], field: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_position("AZ", *args)
    assert caught.value.field == field


def test_evidence_reference_round_trips() -> None:
    assert str(EvidenceRef.parse("source:7")) == "source:7"


# --- merging incidents ------------------------------------------------------------------------


def test_merge_keeps_agreeing_positions_and_lists_conflicts() -> None:
    merged = merge_positions(
        [{"AZ": P.CONFIRMS}, {"AZ": P.DISPUTES, "AM": P.CONFIRMS}, {"AM": P.CONFIRMS}]
    )
    assert merged.positions == {"AM": P.CONFIRMS}
    assert merged.conflicts == {"AZ": (P.CONFIRMS, P.DISPUTES)}


@pytest.mark.parametrize(
    ("current", "held", "rule", "path"),
    [
        (S.REPORTED, [{}, {}], ConfirmRule.ALL, (S.REPORTED,)),
        (S.REPORTED, [{}, {"AZ": P.CONFIRMS, "AM": P.CONFIRMS}], ConfirmRule.ALL,
         (S.REPORTED, S.UNDER_REVIEW, S.CONFIRMED)),
        (S.CONFIRMED, [{"AZ": P.CONFIRMS}, {"AZ": P.DISPUTES}], ConfirmRule.ANY,
         (S.CONFIRMED, S.UNDER_REVIEW)),
        (S.CONFIRMED, [{"AZ": P.CONFIRMS}, {"AM": P.DISPUTES}], ConfirmRule.ANY,
         (S.CONFIRMED, S.UNDER_REVIEW)),
        (S.UNCONFIRMED, [{"AZ": P.CONFIRMS}, {"AM": P.CONFIRMS}], ConfirmRule.ALL,
         (S.UNCONFIRMED, S.UNDER_REVIEW, S.CONFIRMED)),
        (S.UNDER_REVIEW, [{"AZ": P.CONFIRMS}, {"AM": P.DISPUTES}], ConfirmRule.ALL,
         (S.UNDER_REVIEW, S.DISPUTED)),
    ],
)  # fmt: skip
def test_status_after_a_merge(
    current: S, held: list[dict[str, P]], rule: ConfirmRule, path: tuple[S, ...]
) -> None:
    change, reason = after_merge(current, merge_positions(held), TWO, rule)
    assert change.path == path
    assert (reason is None) == (path == (current,) and not any(held))
    for before, after in zip(change.path, change.path[1:], strict=False):
        check_transition(before, after)
