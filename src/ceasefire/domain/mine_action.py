"""Mine action in IMSMA terms: hazardous areas (Land), land release (Activity), victims.

Pure: no geometry library, no I/O (areas come from `domain/geodesy.py`, shapes from
`domain/hazard_geometry.py`). The status machine of a hazardous area:

    from        to
    suspected   confirmed, reduced, cleared, cancelled
    confirmed   reduced, cleared
    reduced     cleared
    cancelled   (final)
    cleared     (final)

- `suspected` (SHA): indirect evidence. `confirmed` (CHA): direct evidence of explosive ordnance.
- `cancelled`: a non-technical survey found no evidence; the whole area is released.
- `reduced`: part of the area was released (by any method); the rest is still hazardous.
- `cleared`: nothing remains (clearance, or release of the last square metre).
- `cancelled` and `cleared` are final: new contamination there is a new hazardous area.
  A change to the same status is refused too: nothing would change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final, TypeVar

from ceasefire.errors import InvalidTransition, InvalidValue


class HazardStatus(StrEnum):
    SUSPECTED = "suspected"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"
    REDUCED = "reduced"
    CLEARED = "cleared"


#: The allowed status changes (the diagram above); every other change is refused.
TRANSITIONS: Final[dict[HazardStatus, frozenset[HazardStatus]]] = {
    HazardStatus.SUSPECTED: frozenset(
        {
            HazardStatus.CONFIRMED,
            HazardStatus.CANCELLED,
            HazardStatus.REDUCED,
            HazardStatus.CLEARED,
        }
    ),
    HazardStatus.CONFIRMED: frozenset({HazardStatus.REDUCED, HazardStatus.CLEARED}),
    HazardStatus.REDUCED: frozenset({HazardStatus.CLEARED}),
    HazardStatus.CANCELLED: frozenset(),
    HazardStatus.CLEARED: frozenset(),
}

#: Statuses of land that is still (possibly) contaminated.
OPEN_STATUSES: Final = frozenset(
    {HazardStatus.SUSPECTED, HazardStatus.CONFIRMED, HazardStatus.REDUCED}
)
#: Statuses whose land is released: nothing remains.
RELEASED_STATUSES: Final = frozenset({HazardStatus.CANCELLED, HazardStatus.CLEARED})


def check_transition(current: HazardStatus, new: HazardStatus) -> None:
    """Raise InvalidTransition unless the machine allows `current → new`."""
    if new not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "none (final status)"
        raise InvalidTransition(
            f"a hazardous area cannot go from {current.value} to {new.value} (allowed: {allowed})"
        )


class ContaminationEvidence(StrEnum):
    """Why an area is thought hazardous: seen ordnance (direct) or reports, accidents (indirect)."""

    DIRECT = "direct"
    INDIRECT = "indirect"


class Review(StrEnum):
    """Whether an area is on the books: suggested ones wait for an analyst to accept them."""

    ACCEPTED = "accepted"
    PENDING = "pending"
    REJECTED = "rejected"


class ReleaseMethod(StrEnum):
    """How land is released: cancelled by non-technical survey, reduced by technical survey,
    or cleared (IMSMA land release)."""

    CLEARANCE = "clearance"
    TECHNICAL_SURVEY = "technical_survey"
    NON_TECHNICAL_SURVEY = "non_technical_survey"


class ItemType(StrEnum):
    """Explosive ordnance found: the fixed vocabulary of clearance reports."""

    AP_MINE = "ap_mine"  # anti-personnel mine
    AT_MINE = "at_mine"  # anti-tank (anti-vehicle) mine
    UXO = "uxo"  # unexploded ordnance: shells, rockets, grenades, mortar bombs
    AXO = "axo"  # abandoned explosive ordnance
    CLUSTER_MUNITION = "cluster_munition"  # submunitions
    IED = "ied"  # improvised explosive device
    SAA = "saa"  # small-arms ammunition


class AgeGroup(StrEnum):
    CHILD = "child"  # under 18
    ADULT = "adult"
    UNKNOWN = "unknown"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    UNKNOWN = "unknown"


class VictimRole(StrEnum):
    CIVILIAN = "civilian"
    DEMINER = "deminer"
    MILITARY = "military"
    UNKNOWN = "unknown"


class VictimOutcome(StrEnum):
    KILLED = "killed"
    INJURED = "injured"
    UNKNOWN = "unknown"


_E = TypeVar("_E", bound=StrEnum)


def choice(kind: type[_E], value: str, field: str) -> _E:
    """`value` as a member of `kind`; InvalidValue names `field` and lists the choices."""
    try:
        return kind(value.strip().lower())
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise InvalidValue(field, f"{value!r} is not one of {allowed}") from None


#: Areas are kept to a tenth of a square metre: what a user reads is what a release matches.
AREA_DECIMALS: Final = 1


def round_area(area_m2: float) -> float:
    return round(area_m2, AREA_DECIMALS)


@dataclass(frozen=True, slots=True)
class Release:
    """One land-release activity on a hazardous area: how, when, how much, what was found."""

    method: ReleaseMethod
    day: date
    area_m2: float
    items: tuple[tuple[ItemType, int], ...] = ()
    team: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "area_m2", round_area(self.area_m2))
        if not self.area_m2 > 0:
            raise InvalidValue("area_m2", f"must be more than 0, got {self.area_m2}")
        for item, count in self.items:
            if count < 0:
                raise InvalidValue("items", f"{item.value}: count must be >= 0, got {count}")

    def items_json(self) -> dict[str, int]:
        return {item.value: count for item, count in self.items}


@dataclass(frozen=True, slots=True)
class ReleaseOutcome:
    """What a release does to an area: the m² that remain and the status that follows."""

    remaining_m2: float
    status: HazardStatus


def apply_release(status: HazardStatus, remaining_m2: float, release: Release) -> ReleaseOutcome:
    """The area after `release`: nothing left → cleared; part left → reduced.

    Releasing more than remains, or land already released, raises InvalidValue naming `area_m2`.
    """
    if status in RELEASED_STATUSES:
        raise InvalidTransition(f"the area is {status.value}: there is no land left to release")
    if release.area_m2 > remaining_m2:
        raise InvalidValue(
            "area_m2",
            f"{release.area_m2:.1f} m² is more than the {remaining_m2:.1f} m² that remain",
        )
    left = max(0.0, round_area(remaining_m2 - release.area_m2))
    new = HazardStatus.CLEARED if left == 0 else HazardStatus.REDUCED
    if new is not status:
        check_transition(status, new)
    return ReleaseOutcome(left, new)


def parse_items(pairs: Iterable[str]) -> tuple[tuple[ItemType, int], ...]:
    """`["ap_mine=3", "UXO=2"]` as ((AP_MINE, 3), (UXO, 2)); one type named twice adds up.

    Types are read loosely: `AP mine`, `AP-mine` and `ap_mine` are the same.
    """
    counts: dict[ItemType, int] = {}
    for pair in pairs:
        name, sep, number = pair.partition("=")
        if not sep:
            raise InvalidValue("items", f"expected TYPE=COUNT, got {pair!r}")
        item = choice(ItemType, "_".join(name.replace("-", " ").split()), "items")
        try:
            count = int(number.strip())
        except ValueError:
            raise InvalidValue("items", f"{pair!r}: the count must be a whole number") from None
        if count < 0:
            raise InvalidValue("items", f"{pair!r}: the count must be >= 0")
        counts[item] = counts.get(item, 0) + count
    return tuple(counts.items())


@dataclass(frozen=True, slots=True)
class Victim:
    """One person harmed by explosive ordnance, as far as known."""

    age_group: AgeGroup = AgeGroup.UNKNOWN
    sex: Sex = Sex.UNKNOWN
    role: VictimRole = VictimRole.UNKNOWN
    outcome: VictimOutcome = VictimOutcome.UNKNOWN

    def to_json(self) -> dict[str, str]:
        return {
            "age_group": self.age_group.value,
            "sex": self.sex.value,
            "role": self.role.value,
            "outcome": self.outcome.value,
        }
