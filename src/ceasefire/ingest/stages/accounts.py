"""Opposing accounts, after merging: which side speaks for which, who disputes what.

Armenia and the Karabakh authorities tell one story against Azerbaijan ("blocs"); a party never
speaks for the other bloc. After the tellings of one incident are merged, an account without a
place or a date of its own takes those of the account it answers, and each of two opposing
accounts of one time and kind is disputed by the other's claimant ("Azerbaijan denied the
claims": the denier disputes the other side's accounts).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from ceasefire.domain.taxonomy import PlacePrecision, Side
from ceasefire.ingest.lexicon import BLOC, INSTITUTIONS, PARTY_SIDES, SIDE_ADJECTIVE, SIDE_WORDS
from ceasefire.ingest.stages.reading import Actor, Mention, TimeBasis

WINDOW: Final = 40  # sentences: how far apart two tellings of one incident may be
_PRECISION_RANK: Final = {
    PlacePrecision.SITE: 0,
    PlacePrecision.SETTLEMENT: 1,
    PlacePrecision.DISTRICT: 2,
    PlacePrecision.REGION: 3,
    PlacePrecision.COUNTRY: 4,
    PlacePrecision.UNKNOWN: 5,
}
_DENIAL_SENTENCE: Final = re.compile(
    r"^\W*(?P<subject>[^.;:]{2,90}?)\s+(?:(?:flatly|categorically|strongly|firmly|has|have|also|later)\s+)*"
    r"(?:denied|denies|rejected|rejects|refuted|refutes|dismissed|dismisses)\s+(?:\w+\s+){0,3}?"
    r"(?:claims?|allegations?|reports?|accusations?|information|statements?|charges?|version)\b",
    re.IGNORECASE,
)
_SIDE_PATTERNS: Final = tuple(
    (side, re.compile(rf"\b(?:{p})", re.IGNORECASE)) for side, p in SIDE_WORDS
)
_INSTITUTION_PATTERNS: Final = tuple(
    (re.compile(rf"\b{p}\b", re.IGNORECASE), name) for p, name in INSTITUTIONS
)


def explicit(mention: Mention) -> bool:
    """Whether a telling is dated by the text (its own day, the passage's or the report's)."""
    return mention.time_basis in (TimeBasis.EVENT, TimeBasis.INHERITED, TimeBasis.REPORT)


# --- sides -------------------------------------------------------------------------------------


def bloc(actor: Actor | None) -> str | None:
    if actor is None or actor.side is None:
        return None
    return BLOC.get(actor.side)


def same_bloc(a: Actor | None, b: Actor | None) -> bool:
    return bloc(a) is not None and bloc(a) == bloc(b)


def blocs_clash(a: Actor | None, b: Actor | None) -> bool:
    """Two parties of different blocs never speak for each other."""
    if a is None or b is None or not (a.is_party and b.is_party):
        return False
    return bloc(a) != bloc(b)


def perpetrators_clash(a: Actor | None, b: Actor | None) -> bool:
    return bloc(a) is not None and bloc(b) is not None and bloc(a) != bloc(b)


# --- after merging ------------------------------------------------------------------------------


def inherit_places(incidents: list[Mention]) -> list[Mention]:
    """An account without a place takes the place of the account of the same time it
    answers (the other side's version); failing that, the region the article names."""
    out = []
    regions = [o for o in incidents if o.place is not None and o.place_group == "broad"]
    for index, incident in enumerate(incidents):
        if incident.place is None:
            timely = [
                other
                for other in neighbours(incidents, index)
                if other is not incident
                and other.place is not None
                and other.category is incident.category
                and other.time is not None
                and incident.time is not None
                and other.time.overlaps(incident.time)
            ]
            answered = [o for o in timely if answers(incident, o)]
            donor = min(
                answered,
                key=lambda d: (_PRECISION_RANK[d.place.precision] if d.place else 9, d.start),
                default=regions[0] if regions else None,
            )
            if donor is not None:
                incident = replace(incident, place=donor.place, place_group=donor.place_group)
        if incident.time_basis is TimeBasis.FALLBACK and incident.time is not None:
            # the other side's account of the incident told with a date ("the Azerbaijani MoD
            # said a soldier was killed by Armenian fire") is about that same day; violations
            # counted over days ("ceasefire violations on Thursday and Friday") are no account
            # of one incident
            dated = [
                other
                for other in neighbours(incidents, index)
                if other.category is incident.category
                and "multi" not in other.flags
                and explicit(other)
                and other.time is not None
                and incident.time.start <= other.time.start
                and other.time.end <= incident.time.end
                and answers(incident, other)
            ]
            if dated:
                incident = replace(incident, time=dated[0].time, time_basis=TimeBasis.INHERITED)
        out.append(incident)
    return out


def neighbours(incidents: list[Mention], index: int) -> list[Mention]:
    """The incidents told within a window of sentences around one (the list is in text order)."""
    sentence = incidents[index].sentence
    low = index
    while low > 0 and sentence - incidents[low - 1].sentence <= WINDOW:
        low -= 1
    high = index
    while high + 1 < len(incidents) and incidents[high + 1].sentence - sentence <= WINDOW:
        high += 1
    return incidents[low : high + 1]


def answers(a: Mention, b: Mention) -> bool:
    return perpetrators_clash(a.perpetrator, b.perpetrator) or blocs_clash(a.claimant, b.claimant)


def opposed(incidents: list[Mention]) -> bool:
    blocs = {bloc(i.perpetrator) for i in incidents} - {None}
    return len(blocs) > 1


def disputes(incidents: list[Mention]) -> list[Mention]:
    """Each of two opposing accounts of one time and kind is disputed by the other's claimant."""
    out = []
    for index, incident in enumerate(incidents):
        disputers = []
        for other in neighbours(incidents, index):
            if other is incident or other.category is not incident.category:
                continue
            if (
                incident.time is None
                or other.time is None
                or not incident.time.overlaps(other.time)
            ):
                continue
            opposed = perpetrators_clash(incident.perpetrator, other.perpetrator) or blocs_clash(
                incident.claimant, other.claimant
            )
            if opposed and other.claimant is not None and other.claimant.name not in disputers:
                disputers.append(other.claimant.name)
        out.append(replace(incident, disputed_by="; ".join(disputers) or incident.disputed_by))
    return out


def denied(incidents: list[Mention], sentences: list[str]) -> list[Mention]:
    """ "Azerbaijan denied the claims": the denier disputes the other side's accounts."""
    deniers: list[tuple[Side, str]] = []
    for sentence in sentences:
        match = _DENIAL_SENTENCE.search(sentence)
        if match is None:
            continue
        subject = match.group("subject")
        side = next((s for s, pattern in _SIDE_PATTERNS if pattern.search(subject)), None)
        if side is None or side not in PARTY_SIDES:
            continue
        institution = next(
            (name for pattern, name in _INSTITUTION_PATTERNS if pattern.search(subject)),
            "authorities",
        )
        deniers.append((side, f"{SIDE_ADJECTIVE[side]} {institution}"))
    if not deniers:
        return incidents
    out = []
    for incident in incidents:
        if incident.disputed_by is None and incident.claimant is not None:
            for side, name in deniers:
                denier = Actor(name, side, is_party=True, institutional=True)
                if same_bloc(denier, incident.claimant):
                    continue
                if incident.perpetrator is None or same_bloc(denier, incident.perpetrator):
                    incident = replace(incident, disputed_by=name)
                    break
        out.append(incident)
    return out
