"""An ACLED row as a claim: actor1 alleged perpetrator, actor2 target, `source` the claimant.

`fatalities` are the killed (civilian or military when the notes say which), `notes` the quote,
and the precision codes map back through `taxonomy.Precision`.
"""

from __future__ import annotations

from ceasefire.domain.exchange import (
    ImportedEvent,
    centred_window,
    claimant_is_party,
    from_acled,
    killed_from_fatalities,
)
from ceasefire.domain.model import Casualties, Claim, Evidence, PlaceRef, TimeWindow
from ceasefire.domain.taxonomy import Precision
from ceasefire.ingest.parsers.table import TableRow


def acled_event(row: TableRow) -> ImportedEvent:
    """The claim of one ACLED row; InvalidValue names the first bad field."""
    event_id = row.required("event_id_cnty")
    event_type, sub_event_type = row.required("event_type"), row.required("sub_event_type")
    kind = from_acled(event_type, sub_event_type)
    day = row.day("event_date")
    time_code = row.code("time_precision", tuple(Precision.FROM_TIME_PRECISION), 1)
    precision = Precision.FROM_TIME_PRECISION[time_code]
    start, end = centred_window(day, precision)
    lat = row.number("latitude", -90, 90)
    lon = row.number("longitude", -180, 180)
    geo_code = row.code("geo_precision", tuple(Precision.FROM_GEO_PRECISION), 1)
    location = row.text("location") or row.text("admin2") or row.text("admin1") or "unnamed"
    notes = row.text("notes")
    fatalities = row.count("fatalities", 0)
    claimant = row.text("source") or "ACLED"
    headline = f"ACLED {event_id}: {sub_event_type} in {location}"
    claim = Claim(
        category=kind.category,
        type=kind.type,
        summary=notes or headline,
        time=TimeWindow(start, end, precision, row.text("event_date")),
        place=PlaceRef(location, None, lat, lon, Precision.FROM_GEO_PRECISION[geo_code], location),
        evidence=Evidence(0, len(notes), notes),
        claimed_by=claimant,
        claimant_is_party=claimant_is_party(claimant),
        perpetrator_alleged=row.text("actor1") or None,
        target=row.text("actor2") or None,
        casualties=Casualties(killed=killed_from_fatalities(fatalities, notes)),
        confidence=1.0,
    )
    return ImportedEvent("acled", event_id, row.line, row.raw, headline, claim)
