"""Data exchange with ACLED and UCDP GED: the mapping tables and the pure rules around them.

Event types (one table, `ACLED_TYPES`): each row maps one of our types to an ACLED event type
and sub-event type. `both` rows are used in either direction; `export` rows only from ours
(several of our types share one ACLED sub-event type, the `both` row names the one an import
becomes); `import` rows only from ACLED (sub-event types we have no type for).

Precision codes are in `taxonomy.Precision`. Time windows of an imported event are centred on
its ACLED `event_date` (a week: ±3 days, a month: ±15), so the midpoint exports back to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

from ceasefire.domain.linking import camp_of
from ceasefire.domain.model import CasualtyGroup, Claim, Count
from ceasefire.domain.taxonomy import Category, TimePrecision
from ceasefire.errors import InvalidValue

Direction = Literal["both", "export", "import"]

BATTLES: Final = "Battles"
REMOTE: Final = "Explosions/Remote violence"
AGAINST_CIVILIANS: Final = "Violence against civilians"
PROTESTS: Final = "Protests"
RIOTS: Final = "Riots"
STRATEGIC: Final = "Strategic developments"


@dataclass(frozen=True, slots=True)
class AcledType:
    """One row of the mapping: our category and type, ACLED's event and sub-event type."""

    category: Category
    type: str
    event_type: str
    sub_event_type: str
    direction: Direction = "both"


_V, _EO, _D = Category.VIOLATION, Category.EXPLOSIVE_ORDNANCE, Category.DETENTION
_O, _C = Category.OTHER_INCIDENT, Category.CONTEXT

#: Our taxonomy ↔ ACLED event types and sub-event types.
ACLED_TYPES: Final[tuple[AcledType, ...]] = (
    AcledType(_V, "shootout", BATTLES, "Armed clash"),
    AcledType(_V, "ceasefire_violation_unspecified", BATTLES, "Armed clash", "export"),
    AcledType(_V, "fire_unspecified", BATTLES, "Armed clash", "export"),
    AcledType(_V, "small_arms_fire", BATTLES, "Armed clash", "export"),
    AcledType(_V, "sniper_fire", BATTLES, "Armed clash", "export"),
    AcledType(_V, "ambush", BATTLES, "Armed clash", "export"),
    AcledType(_V, "incursion", BATTLES, "Armed clash", "export"),
    AcledType(_V, "ground_assault", BATTLES, "Armed clash", "export"),
    AcledType(_V, "ground_assault", BATTLES, "Government regains territory", "import"),
    AcledType(_V, "ground_assault", BATTLES, "Non-state actor overtakes territory", "import"),
    AcledType(_V, "artillery_shelling", REMOTE, "Shelling/artillery/missile attack"),
    AcledType(_V, "mortar_fire", REMOTE, "Shelling/artillery/missile attack", "export"),
    AcledType(_V, "drone_strike", REMOTE, "Air/drone strike"),
    AcledType(_V, "air_strike", REMOTE, "Air/drone strike", "export"),
    AcledType(_V, "fire_unspecified", REMOTE, "Grenade", "import"),
    AcledType(_V, "fire_unspecified", REMOTE, "Chemical weapon", "import"),
    AcledType(_EO, "mine_explosion", REMOTE, "Remote explosive/landmine/IED"),
    AcledType(_EO, "ied_explosion", REMOTE, "Remote explosive/landmine/IED", "export"),
    AcledType(_EO, "uxo_explosion", REMOTE, "Remote explosive/landmine/IED", "export"),
    AcledType(_EO, "ied_explosion", REMOTE, "Suicide bomb", "import"),
    AcledType(_EO, "uxo_found", STRATEGIC, "Disrupted weapons use"),
    AcledType(_EO, "demining_activity", STRATEGIC, "Disrupted weapons use", "export"),
    AcledType(_V, "ceasefire_violation_unspecified", AGAINST_CIVILIANS, "Attack", "import"),
    AcledType(_D, "detention", STRATEGIC, "Arrests"),
    AcledType(_D, "detention", AGAINST_CIVILIANS, "Abduction/forced disappearance", "import"),
    AcledType(_O, "other_incident", STRATEGIC, "Other"),
    AcledType(_O, "restriction_of_movement", STRATEGIC, "Other", "export"),
    AcledType(_O, "property_damage", STRATEGIC, "Looting/property destruction"),
    AcledType(_O, "other_incident", AGAINST_CIVILIANS, "Sexual violence", "import"),
    AcledType(_O, "other_incident", PROTESTS, "Protest with intervention", "import"),
    AcledType(_O, "other_incident", PROTESTS, "Excessive force against protesters", "import"),
    AcledType(_O, "other_incident", RIOTS, "Violent demonstration", "import"),
    AcledType(_O, "other_incident", RIOTS, "Mob violence", "import"),
    AcledType(_C, "statement", PROTESTS, "Peaceful protest", "import"),
    AcledType(_C, "statement", STRATEGIC, "Change to group/activity", "import"),
    AcledType(_C, "statement", STRATEGIC, "Other", "export"),
    AcledType(_C, "meeting", STRATEGIC, "Other", "export"),
    AcledType(_C, "ceremony", STRATEGIC, "Other", "export"),
    AcledType(_C, "history", STRATEGIC, "Other", "export"),
    AcledType(_C, "agreement", STRATEGIC, "Agreement"),
    AcledType(_C, "deployment", STRATEGIC, "Headquarters or base established"),
    AcledType(_C, "deployment", STRATEGIC, "Non-violent transfer of territory", "import"),
)

_TO_ACLED: Final = {r.type: r for r in ACLED_TYPES if r.direction in ("both", "export")}
_FROM_ACLED: Final = {
    (r.event_type.casefold(), r.sub_event_type.casefold()): r
    for r in ACLED_TYPES
    if r.direction in ("both", "import")
}


def to_acled(type_: str) -> AcledType:
    """The ACLED event and sub-event type of one of our types: `to_acled("mortar_fire")`."""
    try:
        return _TO_ACLED[type_]
    except KeyError:
        raise InvalidValue("type", f"no ACLED event type for {type_!r}") from None


def from_acled(event_type: str, sub_event_type: str) -> AcledType:
    """Our category and type of an ACLED pair (case-insensitive); InvalidValue if unknown."""
    found = _FROM_ACLED.get((event_type.strip().casefold(), sub_event_type.strip().casefold()))
    if found is None:
        raise InvalidValue(
            "sub_event_type", f"unknown ACLED event type {event_type!r} / {sub_event_type!r}"
        )
    return found


# --- time windows --------------------------------------------------------------------------

#: Half-width in days of the window centred on an ACLED event_date, by our precision.
_HALF_WIDTH: Final[dict[TimePrecision, int]] = {
    TimePrecision.DAY: 0,
    TimePrecision.DAYS: 1,
    TimePrecision.WEEK: 3,
    TimePrecision.MONTH: 15,
    TimePrecision.YEAR: 182,
    TimePrecision.UNKNOWN: 182,
}


def centred_window(day: date, precision: TimePrecision) -> tuple[date, date]:
    """The window an event dated `day` at `precision` covers; its midpoint is `day`."""
    half = timedelta(days=_HALF_WIDTH[precision])
    return day - half, day + half


def midpoint(start: date, end: date) -> date:
    return start + (end - start) // 2


# --- casualties ----------------------------------------------------------------------------

_CIVILIAN_WORDS: Final = re.compile(r"\b(civilians?|residents?|villagers?|farmers?|shepherds?)\b")
_MILITARY_WORDS: Final = re.compile(
    r"\b(soldiers?|servicem[ae]n|troops?|military personnel|conscripts?|officers?|fighters?)\b"
)


def killed_from_fatalities(fatalities: int, notes: str) -> CasualtyGroup:
    """ACLED `fatalities` as a killed group: civilian or military only when the notes say which
    (and only one of them), otherwise of unknown status."""
    count = Count.exact(fatalities)
    text = notes.lower()
    civilian = bool(_CIVILIAN_WORDS.search(text))
    military = bool(_MILITARY_WORDS.search(text))
    if civilian and not military:
        return CasualtyGroup(civilian=count)
    if military and not civilian:
        return CasualtyGroup(military=count)
    return CasualtyGroup(unknown=count)


# --- actors --------------------------------------------------------------------------------

#: ACLED actor type codes (inter1/inter2): 1 state forces, 7 civilians.
STATE_FORCES: Final = 1
CIVILIANS: Final = 7


def inter_code(actor: str | None) -> int | None:
    """ACLED's actor type of an actor we name, when it is plain: a party's forces or civilians."""
    if not actor:
        return None
    if "civilian" in actor.lower():
        return CIVILIANS
    return STATE_FORCES if camp_of(actor) is not None else None


def interaction(first: int | None, second: int | None) -> str:
    """ACLED's two-digit interaction code (lower code first), or "" when either is unknown."""
    if first is None:
        return ""
    if second is None:
        return f"{first}0"
    low, high = sorted((first, second))
    return f"{low}{high}"


def claimant_is_party(claimant: str) -> bool:
    """A dataset's `source` that names one side (its ministry, its forces) is a party."""
    return camp_of(claimant) is not None


# --- imported rows -------------------------------------------------------------------------

#: Who publishes each dataset (the `publisher` of its imported sources).
PUBLISHERS: Final[dict[str, str]] = {"acled": "ACLED", "ucdp": "UCDP GED"}
#: UCDP type_of_violence written for our incidents: 1, state-based (the parties' forces).
UCDP_STATE_BASED: Final = 1


@dataclass(frozen=True, slots=True)
class ImportedEvent:
    """One dataset row as a claim: `raw` (header and row) is the source's bytes and identity."""

    dataset: str  # "acled" or "ucdp", the format it came in
    event_id: str
    line: int
    raw: bytes
    headline: str
    claim: Claim


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that cannot be imported: its line in the file, the field and what is wrong."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: field {self.field!r}: {self.message}"


# --- column layouts ------------------------------------------------------------------------

#: ACLED's columns, in its order.
ACLED_COLUMNS: Final = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
)
ACLED_REQUIRED: Final = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "latitude",
    "longitude",
)

#: UCDP GED columns, in its order (the conflict and dyad ids, and priogrid, left out).
UCDP_COLUMNS: Final = (
    "id",
    "relid",
    "year",
    "type_of_violence",
    "conflict_name",
    "side_a",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "country",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
)
UCDP_REQUIRED: Final = ("id", "date_start", "date_end", "latitude", "longitude")
