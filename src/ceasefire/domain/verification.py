"""Joint verification: the incident status machine and the rule that makes an incident confirmed.

Statuses: `reported` (no position yet) → `under_review` (positions being gathered) →
`confirmed` | `refuted` | `unconfirmed` (outcomes), with `disputed` while the delegations'
positions differ. After every position the status is re-derived from the current positions:

1. the confirmation rule holds (`ConfirmRule`)          → confirmed
2. every delegation disputes                            → refuted
3. every delegation abstains                            → unconfirmed
4. the positions stated so far differ                   → disputed
5. otherwise (some delegations have not stated yet)     → under_review

Outcomes are final: a position on a confirmed, refuted or unconfirmed incident is an invalid
transition until an admin reopens the review (→ under_review). An admin may also close a
review that cannot conclude (reported, under_review or disputed → unconfirmed).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from ceasefire.domain.taxonomy import IncidentStatus, PositionKind
from ceasefire.errors import InvalidTransition, InvalidValue

Status = IncidentStatus


class ConfirmRule(StrEnum):
    """When an incident counts as confirmed (setting `confirm_rule`).

    all:      every delegation confirms (the default; joint verification).
    majority: more than half of all delegations confirm; a minority's dispute is recorded.
    any:      at least one delegation confirms and none disputes.
    """

    ALL = "all"
    MAJORITY = "majority"
    ANY = "any"


#: Statuses that close a review; only `reopen` leaves them.
OUTCOMES: Final = frozenset({Status.CONFIRMED, Status.REFUTED, Status.UNCONFIRMED})

#: Every status change the machine allows (a status may also stay as it is).
TRANSITIONS: Final[dict[Status, frozenset[Status]]] = {
    Status.REPORTED: frozenset({Status.UNDER_REVIEW, Status.UNCONFIRMED}),
    Status.UNDER_REVIEW: frozenset(
        {Status.DISPUTED, Status.CONFIRMED, Status.REFUTED, Status.UNCONFIRMED}
    ),
    Status.DISPUTED: frozenset(
        {Status.UNDER_REVIEW, Status.CONFIRMED, Status.REFUTED, Status.UNCONFIRMED}
    ),
    Status.CONFIRMED: frozenset({Status.UNDER_REVIEW}),
    Status.REFUTED: frozenset({Status.UNDER_REVIEW}),
    Status.UNCONFIRMED: frozenset({Status.UNDER_REVIEW}),
}

MAX_REASON_CHARS: Final = 4000
MAX_EVIDENCE_REFS: Final = 50


def check_transition(current: Status, target: Status) -> None:
    """Raise InvalidTransition unless the machine allows `current → target`."""
    if target != current and target not in TRANSITIONS[current]:
        raise InvalidTransition(f"status cannot change from {current.value} to {target.value}")


def rule_holds(
    positions: Mapping[str, PositionKind], delegations: Collection[str], rule: ConfirmRule
) -> bool:
    """Whether the current positions (delegation → position) confirm the incident under `rule`."""
    if not delegations:
        return False
    stated = [positions[d] for d in delegations if d in positions]
    confirms = sum(p is PositionKind.CONFIRMS for p in stated)
    if rule is ConfirmRule.ALL:
        return confirms == len(delegations)
    if rule is ConfirmRule.MAJORITY:
        return 2 * confirms > len(delegations)
    return confirms >= 1 and PositionKind.DISPUTES not in stated


def assess(
    positions: Mapping[str, PositionKind], delegations: Collection[str], rule: ConfirmRule
) -> Status:
    """The status the current positions call for (steps 1-5 of the module docstring)."""
    stated = [positions[d] for d in delegations if d in positions]
    if not stated:
        return Status.REPORTED
    if rule_holds(positions, delegations, rule):
        return Status.CONFIRMED
    if len(stated) == len(delegations):
        if all(p is PositionKind.DISPUTES for p in stated):
            return Status.REFUTED
        if all(p is PositionKind.ABSTAINS for p in stated):
            return Status.UNCONFIRMED
    if len(set(stated)) > 1:
        return Status.DISPUTED
    return Status.UNDER_REVIEW


@dataclass(frozen=True, slots=True)
class StatusChange:
    """The statuses an event passes through, first to last (`path[0]` is where it started)."""

    path: tuple[Status, ...]

    @property
    def before(self) -> Status:
        return self.path[0]

    @property
    def after(self) -> Status:
        return self.path[-1]

    @property
    def changed(self) -> bool:
        return self.before != self.after


def after_position(
    current: Status,
    positions: Mapping[str, PositionKind],
    delegations: Collection[str],
    rule: ConfirmRule,
) -> StatusChange:
    """The status change a new position causes; `positions` already include it.

    The first position of all moves `reported → under_review` before the outcome is derived,
    so the audit log shows both steps.
    """
    if current in OUTCOMES:
        raise InvalidTransition(
            f"the review is closed (status {current.value}); an admin must reopen it first"
        )
    path = [current]
    if current is Status.REPORTED:
        path.append(Status.UNDER_REVIEW)
    target = assess(positions, delegations, rule)
    if target is Status.REPORTED:  # positions of unknown delegations only: keep reviewing
        target = Status.UNDER_REVIEW
    check_transition(path[-1], target)
    if target != path[-1]:
        path.append(target)
    return StatusChange(tuple(path))


def after_close(current: Status) -> StatusChange:
    """An admin closes a review that cannot conclude: the incident stays unconfirmed."""
    if current in OUTCOMES:
        raise InvalidTransition(f"the review is already closed (status {current.value})")
    check_transition(current, Status.UNCONFIRMED)
    return StatusChange((current, Status.UNCONFIRMED))


def after_reopen(current: Status) -> StatusChange:
    """An admin reopens a closed review (new evidence): positions may be recorded again."""
    if current not in OUTCOMES:
        raise InvalidTransition(f"only a closed review can be reopened (status {current.value})")
    return StatusChange((current, Status.UNDER_REVIEW))


# --- merging incidents ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MergedPositions:
    """Each delegation's position once incidents merge; `conflicts`: delegations that differ.

    `merge_positions([{"AZ": confirms}, {"AZ": disputes, "AM": confirms}])` keeps AM's
    position and lists AZ as a conflict (confirms, disputes).
    """

    positions: dict[str, PositionKind]
    conflicts: dict[str, tuple[PositionKind, ...]]


def merge_positions(held: Sequence[Mapping[str, PositionKind]]) -> MergedPositions:
    """The current positions of several incidents (one mapping each) as one incident's."""
    seen: dict[str, list[PositionKind]] = {}
    for stances in held:
        for delegation, position in stances.items():
            kinds = seen.setdefault(delegation, [])
            if position not in kinds:
                kinds.append(position)
    return MergedPositions(
        positions={d: kinds[0] for d, kinds in seen.items() if len(kinds) == 1},
        conflicts={d: tuple(kinds) for d, kinds in seen.items() if len(kinds) > 1},
    )


def after_merge(
    current: Status, merged: MergedPositions, delegations: Collection[str], rule: ConfirmRule
) -> tuple[StatusChange, str | None]:
    """The surviving incident's status once positions merged, and why it changed (or None).

    A delegation whose positions conflict has none until it states one again, so the review
    opens again (under_review); so does a confirmed incident whose merged positions no longer
    meet the rule. Otherwise the status is derived again from the merged positions.
    """
    if merged.conflicts:
        clashes = "; ".join(
            f"{code}: {', '.join(p.value for p in kinds)}"
            for code, kinds in sorted(merged.conflicts.items())
        )
        target = Status.UNDER_REVIEW
        reason = f"the merged incidents hold conflicting positions ({clashes}): state them again"
    elif not merged.positions:
        return StatusChange((current,)), None
    else:
        target = assess(merged.positions, delegations, rule)
        if target is Status.REPORTED:  # positions of unknown delegations only
            target = Status.UNDER_REVIEW
        reason = "status derived again from the merged positions"
        if current is Status.CONFIRMED and target is not Status.CONFIRMED:
            target = Status.UNDER_REVIEW
            reason = f"the merged positions no longer meet the confirm rule ({rule.value})"
    path = [current]
    if target != current and target not in TRANSITIONS[current]:
        path.append(Status.UNDER_REVIEW)  # outcomes reopen first; reported is reviewed first
    if target != path[-1]:
        path.append(target)
    return StatusChange(tuple(path)), reason


# --- positions --------------------------------------------------------------------------------

_REF = re.compile(r"^(source|claim):([1-9][0-9]{0,17})$|^attachment:([0-9a-f]{64})$")


@dataclass(frozen=True, slots=True)
class EvidenceRef:
    """What a position rests on: `source:12`, `claim:34` or `attachment:<sha256 hex>`."""

    kind: str  # source, claim, attachment
    value: str  # the id, or the SHA-256 of the attached file

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"

    @classmethod
    def parse(cls, text: str) -> EvidenceRef:
        match = _REF.match(text.strip().lower())
        if match is None:
            raise InvalidValue(
                "evidence",
                f"{text!r} is not a reference: use source:ID, claim:ID or attachment:SHA256",
            )
        if match.group(3):
            return cls("attachment", match.group(3))
        return cls(match.group(1), match.group(2))


@dataclass(frozen=True, slots=True)
class PositionStatement:
    """A validated position a delegation states on an incident."""

    delegation: str
    position: PositionKind
    reason: str
    evidence: tuple[EvidenceRef, ...] = ()


def parse_position(
    delegation: str, position: str, reason: str, evidence: Sequence[str] = ()
) -> PositionStatement:
    """Check a position as an officer states it; every problem names its field."""
    try:
        kind = PositionKind(position.strip().lower())
    except ValueError:
        allowed = ", ".join(p.value for p in PositionKind)
        raise InvalidValue("position", f"{position!r} is not one of {allowed}") from None
    reason = reason.strip()
    if not reason:
        raise InvalidValue("reason", "a position needs a reason")
    if len(reason) > MAX_REASON_CHARS:
        raise InvalidValue("reason", f"longer than {MAX_REASON_CHARS} characters")
    if len(evidence) > MAX_EVIDENCE_REFS:
        raise InvalidValue("evidence", f"more than {MAX_EVIDENCE_REFS} references")
    refs: list[EvidenceRef] = []
    for text in evidence:
        ref = EvidenceRef.parse(text)
        if ref not in refs:
            refs.append(ref)
    return PositionStatement(delegation, kind, reason, tuple(refs))
