"""Categories, event types and precision codes, with their UCDP and ACLED equivalents."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from ceasefire.errors import InvalidValue


class Category(StrEnum):
    VIOLATION = "violation"
    EXPLOSIVE_ORDNANCE = "explosive_ordnance"
    DETENTION = "detention"
    OTHER_INCIDENT = "other_incident"
    CONTEXT = "context"  # statements, agreements, meetings, history: kept, never counted


#: Event types per category. The first type of each is its most general one.
TYPES: Final[dict[Category, tuple[str, ...]]] = {
    Category.VIOLATION: (
        "ceasefire_violation_unspecified",
        "fire_unspecified",
        "small_arms_fire",
        "sniper_fire",
        "mortar_fire",
        "artillery_shelling",
        "drone_strike",
        "air_strike",
        "ground_assault",
        "incursion",
        "shootout",
        "ambush",
    ),
    Category.EXPLOSIVE_ORDNANCE: (
        "uxo_explosion",
        "mine_explosion",
        "ied_explosion",
        "uxo_found",
        "demining_activity",
    ),
    Category.DETENTION: ("detention",),
    Category.OTHER_INCIDENT: ("other_incident", "restriction_of_movement", "property_damage"),
    Category.CONTEXT: ("statement", "agreement", "meeting", "ceremony", "history", "deployment"),
}

#: Categories whose claims become incidents.
INCIDENT_CATEGORIES: Final = frozenset(c for c in Category if c is not Category.CONTEXT)


def category_of(type_: str) -> Category:
    """The category an event type belongs to: `category_of("mortar_fire")` is VIOLATION."""
    for category, types in TYPES.items():
        if type_ in types:
            return category
    raise InvalidValue("type", f"unknown event type {type_!r}")


def check_type(category: Category, type_: str) -> None:
    if type_ not in TYPES[category]:
        raise InvalidValue("type", f"{type_!r} is not a type of category {category.value!r}")


class TimePrecision(StrEnum):
    DAY = "day"
    DAYS = "days"  # a window of 2-6 days
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"  # the text gave no usable date: the window is only a bound


class PlacePrecision(StrEnum):
    SITE = "site"
    SETTLEMENT = "settlement"
    DISTRICT = "district"
    REGION = "region"
    COUNTRY = "country"
    UNKNOWN = "unknown"


class Precision:
    """Mapping of our precision codes to UCDP GED and ACLED codes, both ways.

    UCDP where_prec: 1 exact place, 2 within ~25 km, 3 second-order admin (district),
    4 first-order admin (region), 5 linear or larger area, 6 country, 7 sea/air.
    UCDP date_prec: 1 day, 2 2-6 days, 3 week, 4 month, 5 more than a month.
    ACLED geo_precision: 1 town or exact, 2 near a town or part of a region, 3 larger region.
    ACLED time_precision: 1 day, 2 week, 3 month.
    """

    WHERE_PREC: Final[dict[PlacePrecision, int]] = {
        PlacePrecision.SITE: 1,
        PlacePrecision.SETTLEMENT: 1,
        PlacePrecision.DISTRICT: 3,
        PlacePrecision.REGION: 4,
        PlacePrecision.COUNTRY: 6,
        PlacePrecision.UNKNOWN: 6,
    }
    GEO_PRECISION: Final[dict[PlacePrecision, int]] = {
        PlacePrecision.SITE: 1,
        PlacePrecision.SETTLEMENT: 1,
        PlacePrecision.DISTRICT: 2,
        PlacePrecision.REGION: 3,
        PlacePrecision.COUNTRY: 3,
        PlacePrecision.UNKNOWN: 3,
    }
    DATE_PREC: Final[dict[TimePrecision, int]] = {
        TimePrecision.DAY: 1,
        TimePrecision.DAYS: 2,
        TimePrecision.WEEK: 3,
        TimePrecision.MONTH: 4,
        TimePrecision.YEAR: 5,
        TimePrecision.UNKNOWN: 5,
    }
    TIME_PRECISION: Final[dict[TimePrecision, int]] = {
        TimePrecision.DAY: 1,
        TimePrecision.DAYS: 2,
        TimePrecision.WEEK: 2,
        TimePrecision.MONTH: 3,
        TimePrecision.YEAR: 3,
        TimePrecision.UNKNOWN: 3,
    }
    #: Reverse maps pick the most precise of ours that the foreign code allows.
    FROM_WHERE_PREC: Final[dict[int, PlacePrecision]] = {
        1: PlacePrecision.SETTLEMENT,
        2: PlacePrecision.SETTLEMENT,
        3: PlacePrecision.DISTRICT,
        4: PlacePrecision.REGION,
        5: PlacePrecision.REGION,
        6: PlacePrecision.COUNTRY,
        7: PlacePrecision.UNKNOWN,
    }
    FROM_GEO_PRECISION: Final[dict[int, PlacePrecision]] = {
        1: PlacePrecision.SETTLEMENT,
        2: PlacePrecision.DISTRICT,
        3: PlacePrecision.REGION,
    }
    FROM_DATE_PREC: Final[dict[int, TimePrecision]] = {
        1: TimePrecision.DAY,
        2: TimePrecision.DAYS,
        3: TimePrecision.WEEK,
        4: TimePrecision.MONTH,
        5: TimePrecision.YEAR,
    }
    FROM_TIME_PRECISION: Final[dict[int, TimePrecision]] = {
        1: TimePrecision.DAY,
        2: TimePrecision.WEEK,
        3: TimePrecision.MONTH,
    }


class SourceKind(StrEnum):
    MEDIA = "media"
    PARTY_STATEMENT = "party_statement"
    COMPLAINT = "complaint"
    PATROL = "patrol"
    UAV = "uav"
    HOTLINE = "hotline"
    IMPORT = "import"


class IncidentStatus(StrEnum):
    REPORTED = "reported"
    UNDER_REVIEW = "under_review"
    CONFIRMED = "confirmed"
    UNCONFIRMED = "unconfirmed"
    REFUTED = "refuted"
    DISPUTED = "disputed"


class PositionKind(StrEnum):
    CONFIRMS = "confirms"
    DISPUTES = "disputes"
    ABSTAINS = "abstains"


class Role(StrEnum):
    ADMIN = "admin"
    OFFICER = "officer"
    ANALYST = "analyst"
    VIEWER = "viewer"


#: Conflict sides used for claimants and alleged perpetrators.
class Side(StrEnum):
    AZERBAIJAN = "Azerbaijan"
    ARMENIA = "Armenia"
    KARABAKH = "Karabakh authorities"
    RUSSIA = "Russia"
    TURKEY = "Turkey"
    OTHER = "other"


#: Sides that are parties to the conflict (their word is a claim, never a fact).
PARTY_SIDES: Final = frozenset({Side.AZERBAIJAN, Side.ARMENIA, Side.KARABAKH})
