"""Ingest with a person in the loop (the web UI's ingest page): preview, correct, then save.

`preview` parses and extracts without writing anything. `save` parses and extracts the same
bytes again, applies the person's corrections (or drops claims) and stores every new document
with its claims in one transaction, through `ingest.store_source` (links and audit entry
included). A document whose bytes are already stored is left alone, as in `ceasefire ingest`.

A pasted article becomes a JSON envelope (`article_envelope`) with sorted keys, so pasting
the same article twice gives the same bytes, hence the same source.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import orjson

from ceasefire.config import Settings
from ceasefire.domain.model import Casualties, CasualtyGroup, Claim, Count, PlaceRef, TimeWindow
from ceasefire.domain.taxonomy import Category, Role, SourceKind, TimePrecision
from ceasefire.errors import InvalidInput, InvalidValue
from ceasefire.gazetteer import Gazetteer
from ceasefire.ingest.parsers import ParsedDocument, parse_bytes
from ceasefire.ingest.stages.timex import precision_of
from ceasefire.services import accidents, ingest, setup
from ceasefire.services.ingest import source_id, store_source
from ceasefire.services.users import User, require_role
from ceasefire.storage.sql import Database

#: Who may ingest: the people who bring sources in (the CLI is the operator's own).
INGESTING_ROLES = (Role.ADMIN, Role.ANALYST, Role.OFFICER)


@dataclass(frozen=True, slots=True)
class Correction:
    """A person's changes to one extracted claim; None leaves a field as extracted."""

    drop: bool = False
    category: str | None = None
    type: str | None = None
    start: str | None = None
    end: str | None = None
    place: str | None = None
    claimed_by: str | None = None
    accused: str | None = None
    killed: str | None = None
    injured: str | None = None


@dataclass(frozen=True, slots=True)
class PreviewDocument:
    sha256: str
    stored: bool  # already ingested: saving it again changes nothing
    document: dict[str, Any]
    claims: list[dict[str, Any]]


@dataclass
class SaveOutcome:
    new_sources: list[int] = field(default_factory=list)
    unchanged: int = 0
    claims: int = 0
    dropped: int = 0
    incident_ids: set[int] = field(default_factory=set)


def article_envelope(*, headline: str, text: str, outlet: str, published: str, url: str) -> bytes:
    """The bytes of a pasted article: a JSON envelope as `ceasefire ingest --format json` reads."""
    if not text.strip():
        raise InvalidValue("text", "paste the article's text (or upload a file)")
    if published.strip():
        _day(published, "published")
    if url.strip() and not url.strip().startswith(("http://", "https://")):
        raise InvalidValue("url", f"{url!r}: give an http:// or https:// address")
    envelope = {
        key: value.strip()
        for key, value in {
            "headline": headline,
            "text": text,
            "source": outlet,
            "published": published,
            "url": url,
        }.items()
        if value.strip()
    }
    return orjson.dumps(envelope, option=orjson.OPT_SORT_KEYS)


def _parse(raw: bytes, name: str, format: str, settings: Settings) -> list[ParsedDocument]:
    return parse_bytes(raw, name=name, format=format, max_bytes=settings.max_input_bytes)


def preview(
    database: Database, raw: bytes, *, name: str, format: str, settings: Settings, user: User
) -> list[PreviewDocument]:
    """Each document's fields and extracted claims (`extract` shape); nothing is written."""
    require_role(user, *INGESTING_ROLES, doing="ingesting sources")
    extract = ingest.timeline_extractor(database)
    out = []
    for item in _parse(raw, name, format, settings):
        sha256 = hashlib.sha256(item.raw).hexdigest()
        with database.connect() as conn:
            stored = source_id(conn, sha256) is not None
        found = extract(item.document)
        out.append(
            PreviewDocument(sha256, stored, item.document.to_json(), [c.to_json() for c in found])
        )
    return out


def save(
    database: Database,
    raw: bytes,
    *,
    name: str,
    format: str,
    corrections: Mapping[tuple[int, int], Correction],
    expected_claims: Mapping[int, int],
    settings: Settings,
    user: User,
) -> SaveOutcome:
    """Store every new document with its corrected claims, all in one transaction.

    `corrections[(document, claim)]` are indexes into what `preview` showed;
    `expected_claims[document]` is how many claims the preview showed, so that a preview
    made before the extractor changed cannot correct the wrong claim.
    """
    require_role(user, *INGESTING_ROLES, doing="ingesting sources")
    setup.require_schema(database)
    extract = ingest.timeline_extractor(database)
    encode = ingest.encoder_for(settings)
    outcome = SaveOutcome()
    ready: list[tuple[ParsedDocument, str, list[tuple[Claim, bytes | None]]]] = []
    for number, item in enumerate(_parse(raw, name, format, settings)):
        found = extract(item.document)
        shown = expected_claims.get(number)
        if shown is not None and shown != len(found):
            raise InvalidInput(
                f"document {number + 1}: the extraction changed since the preview "
                f"({shown} claims then, {len(found)} now); preview again"
            )
        kept: list[Claim] = []
        for index, claim in enumerate(found):
            correction = corrections.get((number, index), Correction())
            if correction.drop:
                outcome.dropped += 1
                continue
            kept.append(corrected(claim, correction, f"claims[{number}.{index}]"))
        pairs = ingest.with_vectors(kept, encode)
        ready.append((item, hashlib.sha256(item.raw).hexdigest(), pairs))
    with database.begin() as conn:
        for item, sha256, pairs in ready:
            if source_id(conn, sha256) is not None:
                outcome.unchanged += 1
                continue
            stored = store_source(conn, item, sha256, name, SourceKind.MEDIA, user.username, pairs)
            outcome.new_sources.append(stored.source_id)
            outcome.claims += stored.claims
            outcome.incident_ids.update(stored.incident_ids)
    if outcome.incident_ids:
        # As `ingest_paths`: accidents outside every known hazardous area get a suggested one.
        accidents.suggest_areas(
            database,
            radius_m=settings.hazard_radius_m,
            actor=user.username,
            incident_ids=outcome.incident_ids,
        )
    return outcome


# --- corrections ------------------------------------------------------------------------------


def corrected(claim: Claim, correction: Correction, where: str) -> Claim:
    """The claim with the person's corrections; InvalidValue names the field at fault."""
    changes: dict[str, Any] = {}
    if correction.category is not None or correction.type is not None:
        changes.update(_category(claim, correction, where))
    if correction.start is not None or correction.end is not None:
        changes["time"] = _time(claim.time, correction, where)
    if correction.place is not None:
        place = _place(correction.place, where)
        changes["place"] = place
        changes["places"] = (place,) if place else ()
    if correction.claimed_by is not None:
        if not correction.claimed_by.strip():
            raise InvalidValue(f"{where}.claimed_by", "name who asserts the claim")
        changes["claimed_by"] = correction.claimed_by.strip()
    if correction.accused is not None:
        changes["perpetrator_alleged"] = correction.accused.strip() or None
    casualties = _casualties(claim.casualties, correction, where)
    if casualties is not claim.casualties:
        changes["casualties"] = casualties
    if not changes:
        return claim
    try:
        return replace(claim, **changes)
    except InvalidValue as exc:
        raise InvalidValue(f"{where}.{exc.field}", str(exc).split(": ", 1)[-1]) from None


def _category(claim: Claim, correction: Correction, where: str) -> dict[str, Any]:
    try:
        category = Category((correction.category or claim.category.value).strip())
    except ValueError:
        allowed = ", ".join(c.value for c in Category)
        raise InvalidValue(f"{where}.category", f"{correction.category!r}: use {allowed}") from None
    return {"category": category, "type": (correction.type or claim.type).strip()}


def _day(text: str, where: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue(where, f"{text!r}: expected a day YYYY-MM-DD") from None


def _time(window: TimeWindow, correction: Correction, where: str) -> TimeWindow:
    start = _day(correction.start, f"{where}.start") if correction.start else window.start
    end = _day(correction.end, f"{where}.end") if correction.end else window.end
    if end < start:
        raise InvalidValue(f"{where}.end", f"{end} is before the start {start}")
    if (start, end) == (window.start, window.end):
        return window
    return TimeWindow(start, end, TimePrecision(precision_of(start, end)), window.text)


def _place(name: str, where: str) -> PlaceRef | None:
    """A gazetteer place by any of its names; "" clears the place."""
    if not name.strip():
        return None
    found = Gazetteer.bundled().lookup(name.strip())
    if not found:
        raise InvalidValue(f"{where}.place", f"{name!r} is not in the gazetteer")
    place = found[0]
    return PlaceRef(
        place.name, place.geonameid, place.lat, place.lon, place.precision(), name.strip()
    )


def _count(text: str | None, where: str) -> Count:
    try:
        value = int(text or "")
    except ValueError:
        raise InvalidValue(where, f"{text!r}: give a whole number, or leave it empty") from None
    if value < 0:
        raise InvalidValue(where, f"{value}: must be 0 or more")
    return Count.exact(value)


def _casualties(found: Casualties, correction: Correction, where: str) -> Casualties:
    """A changed total replaces the group by that many of unknown status; an unchanged or
    omitted total keeps what was extracted; an empty one means "not stated"."""
    groups = {"killed": found.killed, "injured": found.injured}
    changed = False
    for kind, given in (("killed", correction.killed), ("injured", correction.injured)):
        if given is None:
            continue
        group = groups[kind]
        if not given.strip():
            if group.is_stated():
                groups[kind], changed = CasualtyGroup(), True
            continue
        count = _count(given, f"{where}.{kind}")
        if not group.is_stated() or count.min != group.total_min():
            groups[kind], changed = CasualtyGroup(unknown=count), True
    return Casualties(groups["killed"], groups["injured"]) if changed else found
