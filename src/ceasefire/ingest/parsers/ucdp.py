"""A UCDP GED row as a claim: side_a alleged perpetrator, side_b target, deaths as killed.

The original source (`source_original`, else `source_office`) is the claimant; the headlines
are the quote. UCDP gives no finer type than its type of violence: a ceasefire violation.
"""

from __future__ import annotations

from ceasefire.domain.exchange import ImportedEvent, claimant_is_party
from ceasefire.domain.model import (
    Casualties,
    CasualtyGroup,
    Claim,
    Count,
    Evidence,
    PlaceRef,
    TimeWindow,
)
from ceasefire.domain.taxonomy import Category, Precision
from ceasefire.errors import InvalidValue
from ceasefire.ingest.parsers.table import TableRow


def ucdp_event(row: TableRow) -> ImportedEvent:
    """The claim of one UCDP GED row; InvalidValue names the first bad field."""
    event_id = row.required("id")
    start, end = row.day("date_start"), row.day("date_end")
    if end < start:
        raise InvalidValue("date_end", f"{end} is before date_start {start}")
    date_code = row.code("date_prec", tuple(Precision.FROM_DATE_PREC), 1)
    where_code = row.code("where_prec", tuple(Precision.FROM_WHERE_PREC), 1)
    lat = row.number("latitude", -90, 90)
    lon = row.number("longitude", -180, 180)
    place = row.text("where_coordinates") or row.text("adm_2") or row.text("adm_1") or "unnamed"
    side_a, side_b = row.text("side_a") or None, row.text("side_b") or None
    claimant = row.text("source_original") or row.text("source_office") or "UCDP GED"
    quote = row.text("source_headline")
    headline = f"UCDP GED {event_id}: {row.text('conflict_name') or 'event'} at {place}"
    claim = Claim(
        category=Category.VIOLATION,
        type="ceasefire_violation_unspecified",
        summary=_summary(side_a, side_b, place, row.text("where_description")),
        time=TimeWindow(start, end, Precision.FROM_DATE_PREC[date_code], row.text("date_start")),
        place=PlaceRef(place, None, lat, lon, Precision.FROM_WHERE_PREC[where_code], place),
        evidence=Evidence(0, len(quote), quote),
        claimed_by=claimant,
        claimant_is_party=claimant_is_party(claimant),
        perpetrator_alleged=side_a,
        target=side_b,
        casualties=Casualties(killed=_killed(row)),
        confidence=1.0,
    )
    return ImportedEvent("ucdp", event_id, row.line, row.raw, headline, claim)


def _summary(side_a: str | None, side_b: str | None, place: str, description: str) -> str:
    sides = " and ".join(s for s in (side_a, side_b) if s) or "unnamed sides"
    where = f"{place} ({description})" if description and description != place else place
    return f"Fatal armed violence involving {sides} at {where}"


def _killed(row: TableRow) -> CasualtyGroup:
    """Side deaths are military; `high` above `best` widens the unknown count."""
    military = row.count("deaths_a", 0) + row.count("deaths_b", 0)
    civilian = row.count("deaths_civilians", 0)
    unknown = row.count("deaths_unknown", 0)
    best = row.count("best", military + civilian + unknown)
    high = row.count("high", best)
    if high < best:
        raise InvalidValue("high", f"{high} is below best {best}")
    return CasualtyGroup(
        military=Count.exact(military),
        civilian=Count.exact(civilian),
        unknown=Count(unknown, unknown + high - best),
    )
