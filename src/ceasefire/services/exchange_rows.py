"""One incident item as an ACLED or a UCDP GED row (the mapping tables are in domain.exchange).

An incident that holds an imported row of the same dataset keeps that row's identity and the
fields the centre does not record (event id, notes, admin units, associated actors, source
scale, conflict name...); the rest comes from the centre's own record, so an import exported
again gives back its event ids, dates, types, places and notes unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any, Final

from ceasefire.domain.exchange import (
    UCDP_STATE_BASED,
    from_acled,
    inter_code,
    interaction,
    midpoint,
    to_acled,
)
from ceasefire.domain.taxonomy import PlacePrecision, Precision, TimePrecision
from ceasefire.errors import InvalidValue, NotFound
from ceasefire.gazetteer import Gazetteer

Row = dict[str, Any]
Original = Mapping[str, str]

_COUNTRIES: Final = {
    "AM": "Armenia",
    "AZ": "Azerbaijan",
    "GE": "Georgia",
    "IR": "Iran",
    "RU": "Russia",
    "TR": "Turkey",
}
#: The ACLED and UCDP regions of the countries above.
_ACLED_REGION: Final = "Caucasus and Central Asia"
_UCDP_REGION: Final = "Europe"


def original_row(raw: bytes) -> dict[str, str]:
    """The cells of an imported row from its source bytes (its header line and the row)."""
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    return {k.strip(): (v or "") for k, v in next(reader, {}).items() if k}


def acled_row(item: Mapping[str, Any], original: Original | None = None) -> Row:
    """The ACLED columns of an incident item (`services.incidents` shape)."""
    o = original or {}
    start, end = _window(item)
    day = midpoint(start, end)
    kind = to_acled(item["type"])
    event_type, sub_event_type = kind.event_type, kind.sub_event_type
    if o and _same_type(o, item):
        event_type, sub_event_type = o["event_type"], o["sub_event_type"]
    place = item["place"] or {}
    actor1, actor2 = _perpetrator(item), _target(item)
    inter1, inter2 = inter_code(actor1), inter_code(actor2)
    country = o.get("country") or _country(place.get("gazetteer_id"))
    return {
        "event_id_cnty": o.get("event_id_cnty") or f"CF{item['id']}",
        "event_date": day.isoformat(),
        "year": day.year,
        "time_precision": Precision.TIME_PRECISION[TimePrecision(item["time"]["precision"])],
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": o.get("assoc_actor_1", ""),
        "inter1": o.get("inter1") or ("" if inter1 is None else inter1),
        "actor2": actor2,
        "assoc_actor_2": o.get("assoc_actor_2", ""),
        "inter2": o.get("inter2") or ("" if inter2 is None else inter2),
        "interaction": o.get("interaction") or interaction(inter1, inter2),
        "region": o.get("region") or (_ACLED_REGION if country else ""),
        "country": country,
        "admin1": o.get("admin1", ""),
        "admin2": o.get("admin2", ""),
        "admin3": o.get("admin3", ""),
        "location": place.get("name") or "",
        "latitude": _coordinate(place.get("lat"), o.get("latitude")),
        "longitude": _coordinate(place.get("lon"), o.get("longitude")),
        "geo_precision": Precision.GEO_PRECISION[_place_precision(place)],
        "source": "; ".join(item["claimants"]),
        "source_scale": o.get("source_scale", ""),
        "notes": o["notes"] if "notes" in o else item["summary"],
        "fatalities": _killed(item, "total")["best"],
    }


def ucdp_row(item: Mapping[str, Any], original: Original | None = None) -> Row:
    """The UCDP GED columns of an incident item (`services.incidents` shape).

    The centre does not record whose soldiers died, so military deaths go to deaths_unknown
    (deaths_a and deaths_b 0) unless an imported UCDP row's split still adds up to `best`.
    """
    o = original or {}
    start, end = _window(item)
    place = item["place"] or {}
    total = _killed(item, "total")
    deaths = _deaths(item, total["best"], o)
    lat = _coordinate(place.get("lat"), o.get("latitude"))
    lon = _coordinate(place.get("lon"), o.get("longitude"))
    country = o.get("country") or _country(place.get("gazetteer_id"))
    name = place.get("name") or ""
    return {
        "id": o.get("id") or f"CF{item['id']}",
        "relid": o.get("relid", ""),
        "year": start.year,
        "type_of_violence": o.get("type_of_violence") or UCDP_STATE_BASED,
        "conflict_name": o.get("conflict_name", ""),
        "side_a": _perpetrator(item),
        "side_b": _target(item),
        "number_of_sources": len(item["claims"]),
        "source_article": o.get("source_article", ""),
        "source_office": o.get("source_office", ""),
        "source_date": o.get("source_date", ""),
        "source_headline": o["source_headline"] if "source_headline" in o else item["summary"],
        "source_original": "; ".join(item["claimants"]),
        "where_prec": Precision.WHERE_PREC[_place_precision(place)],
        "where_coordinates": name,
        "where_description": o.get("where_description") or name,
        "adm_1": o.get("adm_1", ""),
        "adm_2": o.get("adm_2", ""),
        "latitude": lat,
        "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat != "" else "",
        "country": country,
        "region": o.get("region") or (_UCDP_REGION if country else ""),
        "event_clarity": o.get("event_clarity") or 1,
        "date_prec": Precision.DATE_PREC[TimePrecision(item["time"]["precision"])],
        "date_start": start.isoformat(),
        "date_end": end.isoformat(),
        **deaths,
        "best": total["best"],
        "high": total["high"],
        "low": total["low"],
    }


def _window(item: Mapping[str, Any]) -> tuple[date, date]:
    time = item["time"]
    return date.fromisoformat(time["start"]), date.fromisoformat(time["end"])


def _same_type(original: Original, item: Mapping[str, Any]) -> bool:
    """Whether the imported row's ACLED type still maps to the incident's type."""
    try:
        kind = from_acled(original.get("event_type", ""), original.get("sub_event_type", ""))
    except InvalidValue:
        return False
    return bool(kind.type == item["type"])


def _perpetrator(item: Mapping[str, Any]) -> str:
    perpetrators = item["perpetrators"]
    return str(perpetrators[0]) if perpetrators else ""


def _target(item: Mapping[str, Any]) -> str:
    return next((str(c["target"]) for c in item["claims"] if c.get("target")), "")


def _place_precision(place: Mapping[str, Any]) -> PlacePrecision:
    return PlacePrecision(place.get("precision") or PlacePrecision.UNKNOWN.value)


def _coordinate(value: float | None, written: str | None = None) -> str:
    """A latitude or longitude: as the imported row wrote it when it is the same number
    ("39.9910"), else in its shortest form; "" when unknown."""
    if value is None:
        return ""
    try:
        if written is not None and float(written) == value:
            return written.strip()
    except ValueError:
        pass
    return str(round(value, 6))


_NO_COUNT: Final = {"best": 0, "low": 0, "high": 0}


def _killed(item: Mapping[str, Any], cell: str) -> Mapping[str, int]:
    killed = (item["casualties"] or {}).get("killed") or {}
    return killed.get(cell) or _NO_COUNT


def _deaths(item: Mapping[str, Any], best: int, original: Original) -> dict[str, int]:
    split = {k: original.get(k, "") for k in ("deaths_a", "deaths_b")}
    civilians, unknown = _killed(item, "civilian")["best"], _killed(item, "unknown")["best"]
    military = _killed(item, "military")["best"]
    if all(v.isdigit() for v in split.values()):
        sides = {k: int(v) for k, v in split.items()}
        if sum(sides.values()) == military and military + civilians + unknown == best:
            return {**sides, "deaths_civilians": civilians, "deaths_unknown": unknown}
    return {
        "deaths_a": 0,
        "deaths_b": 0,
        "deaths_civilians": civilians,
        "deaths_unknown": military + unknown,
    }


@lru_cache(maxsize=4096)
def _country(gazetteer_id: int | None) -> str:
    if gazetteer_id is None:
        return ""
    try:
        code = Gazetteer.bundled().get(gazetteer_id).country
    except NotFound:
        return ""
    return _COUNTRIES.get(code, code)
