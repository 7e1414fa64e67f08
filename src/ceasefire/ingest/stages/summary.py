"""Stage 8, neutral summary: each incident becomes a `Claim` with a summary in OSCE wording.

The summary is built from the claim's fields ("The Azerbaijani Defence Ministry said that the
Armenian armed forces opened fire near Zamanlı on 11-12 August 2021; no casualties."), never
from the source sentence, and loaded words are neutralised ("martyred" → "killed",
"liberated" → "retook", "occupation" → "control", "provocation" → "incident"). The evidence
keeps the original words with their offsets: `document.body[start:end] == quote`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Final

from ceasefire.domain.model import (
    Casualties,
    CasualtyGroup,
    Claim,
    Count,
    Evidence,
    PlaceRef,
    TimeWindow,
)
from ceasefire.domain.taxonomy import Category, PlacePrecision
from ceasefire.ingest.lexicon import NEUTRAL
from ceasefire.ingest.stages.reading import Figure, Mention, MentionKind, Reading

_NEUTRAL: Final = tuple((re.compile(p, re.IGNORECASE), word) for p, word in NEUTRAL)
_ANY_LOADED: Final = re.compile("|".join(p for p, _ in NEUTRAL), re.IGNORECASE)
#: (with a perpetrator, without one) for each type.
_ACTS: Final[dict[str, tuple[str, str]]] = {
    "small_arms_fire": ("fired small arms", "small-arms fire was opened"),
    "sniper_fire": ("fired sniper rifles", "sniper fire was opened"),
    "mortar_fire": ("fired mortars", "mortar fire took place"),
    "artillery_shelling": ("fired artillery", "shelling took place"),
    "drone_strike": ("carried out a drone strike", "a drone strike took place"),
    "air_strike": ("carried out an air strike", "an air strike took place"),
    "ground_assault": ("carried out a ground attack", "a ground attack took place"),
    "incursion": ("crossed the line of contact", "an incursion took place"),
    "shootout": ("took part in an exchange of fire", "an exchange of fire took place"),
    "ambush": ("ambushed a vehicle", "an ambush took place"),
    "fire_unspecified": ("opened fire", "fire was opened"),
    "ceasefire_violation_unspecified": ("violated the ceasefire", "the ceasefire was violated"),
    "mine_explosion": ("laid a mine that exploded", "a mine exploded"),
    "ied_explosion": (
        "laid an explosive device that exploded",
        "an improvised explosive device exploded",
    ),
    "uxo_explosion": ("left ordnance that exploded", "explosive ordnance exploded"),
    "uxo_found": ("left ordnance that was found", "explosive ordnance was found"),
    "demining_activity": ("cleared mines", "mine clearance was carried out"),
    "detention": ("detained people", "people were detained"),
    "other_incident": ("caused an incident", "an incident took place"),
    "restriction_of_movement": ("restricted movement", "movement was restricted"),
    "property_damage": ("damaged property", "property was damaged"),
}
_MONTHS: Final = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

Stage = Callable[[Reading], Reading]


def create(config: object = None) -> Stage:
    """The summary stage; it needs no configuration."""
    return write_claims


def write_claims(reading: Reading) -> Reading:
    """Turn the merged mentions into claims with neutral summaries."""
    claims = [_claim(reading, mention) for mention in reading.mentions if mention.time is not None]
    return replace(reading, claims=tuple(claims))


def neutral(text: str) -> str:
    """Loaded words replaced by neutral ones: `neutral("martyred")` is "killed"."""
    if not _ANY_LOADED.search(text):
        return text
    for pattern, word in _NEUTRAL:
        text = pattern.sub(_replacement(word), text)
    return text


def _replacement(word: str) -> Callable[[re.Match[str]], str]:
    return lambda match: _same_case(match.group(0), word)


def _same_case(original: str, word: str) -> str:
    return word[0].upper() + word[1:] if original[:1].isupper() else word


def _claim(reading: Reading, mention: Mention) -> Claim:
    assert mention.time is not None
    casualties = casualties_of(mention.figures)
    evidence = _evidence(reading.document.body, mention.start, mention.end)
    claimant = mention.claimant
    claimed_by = claimant.name if claimant is not None and claimant.name.strip() else "the outlet"
    is_context = mention.kind is MentionKind.CONTEXT
    summary = (
        _context_summary(claimed_by, mention, evidence.quote)
        if is_context
        else _incident_summary(claimed_by, mention, casualties)
    )
    return Claim(
        category=mention.category,
        type=mention.type,
        summary=neutral(summary),
        time=mention.time,
        place=None if is_context else mention.place,
        places=() if is_context else mention.places,
        evidence=evidence,
        claimed_by=claimed_by,
        claimant_is_party=bool(claimant and claimant.is_party),
        perpetrator_alleged=None
        if is_context or mention.perpetrator is None
        else mention.perpetrator.name,
        target=None if mention.target is None else neutral(mention.target),
        disputed_by=mention.disputed_by,
        casualties=casualties if not is_context else Casualties(),
        confidence=mention.confidence if not is_context else 0.3,
        agreement=mention.agreement,
    )


def casualties_of(figures: tuple[Figure, ...]) -> Casualties:
    """Figures summed by kind and status into the domain's casualty counts."""
    groups: dict[str, dict[str, Count]] = {"killed": {}, "injured": {}}
    for figure in figures:
        current = groups[figure.kind].get(figure.status)
        low = figure.min + (current.min if current else 0)
        high = (
            None
            if figure.max is None or (current and current.max is None)
            else (figure.max + (current.max if current and current.max is not None else 0))
        )
        groups[figure.kind][figure.status] = Count(low, high)
    return Casualties(
        killed=CasualtyGroup(**groups["killed"]),
        injured=CasualtyGroup(**groups["injured"]),
    )


def _evidence(body: str, start: int, end: int) -> Evidence:
    while start < end and body[start] in " \t\n\"“”'‘’":
        start += 1
    while end > start and body[end - 1] in " \t\n,;:":
        end -= 1
    return Evidence(start, end, body[start:end])


def _incident_summary(claimed_by: str, mention: Mention, casualties: Casualties) -> str:
    speaker = _speaker(claimed_by, mention)
    with_actor, without_actor = _ACTS.get(mention.type, _ACTS["other_incident"])
    if mention.perpetrator is not None and mention.category is not Category.EXPLOSIVE_ORDNANCE:
        act = f"{_the(mention.perpetrator.name)} {with_actor}"
        if mention.target and mention.type in (
            "fire_unspecified",
            "small_arms_fire",
            "sniper_fire",
            "mortar_fire",
        ):
            act += f" at {_the(mention.target)}"
    else:
        act = without_actor
    parts = [f"{speaker} that {act}"]
    if mention.place is not None:
        parts.append(_place_phrase(mention.place))
    parts.append(_time_phrase(mention.time) if mention.time else "")
    sentence = " ".join(p for p in parts if p).strip()
    outcome = _casualty_phrase(casualties)
    if outcome:
        sentence += f"; {outcome}"
    sentence += "."
    if mention.disputed_by:
        sentence += f" Disputed by {_the(mention.disputed_by)}."
    return sentence[0].upper() + sentence[1:]


def _speaker(claimed_by: str, mention: Mention) -> str:
    claimant = mention.claimant
    if claimant is not None and claimant.institutional:
        return f"{_the(claimed_by)} said"
    return f"{claimed_by} reported"


def _the(name: str) -> str:
    if re.match(r"(?:the|a|an)\b", name, re.IGNORECASE) or re.match(
        r"[A-Z][a-z]+ [A-Z][a-z]+$", name
    ):
        return name
    if re.search(
        r"\b(?:Ministry|Office|authorities|armed forces|police|peacekeepers|Army|group|forces|soldiers|Service|President|Minister)\b",
        name,
    ):
        return f"the {name}"
    return name


def _place_phrase(place: PlaceRef) -> str:
    if place.precision is PlacePrecision.SITE and place.gazetteer_id is None:
        return f"at a point {place.name}"
    if place.precision in (PlacePrecision.SETTLEMENT, PlacePrecision.SITE):
        return f"near {place.name}"
    return f"in {place.name}"


def _time_phrase(window: TimeWindow | None) -> str:
    if window is None:
        return ""
    if window.start == window.end:
        return f"on {_day(window.start)}"
    return f"between {_day(window.start)} and {_day(window.end)}"


def _day(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _casualty_phrase(casualties: Casualties) -> str:
    parts = []
    for verb, group in (("killed", casualties.killed), ("injured", casualties.injured)):
        counts = [
            (status, count)
            for status in ("military", "civilian", "unknown")
            if (count := getattr(group, status)) is not None
        ]
        if not counts:
            continue
        if all(count.max == 0 for _, count in counts):
            parts.append(f"no one {verb}")
            continue
        described = []
        for status, count in counts:
            if count.max == 0:
                continue
            amount = (
                f"at least {count.min}"
                if count.max is None
                else (str(count.min) if count.min == count.max else f"{count.min}-{count.max}")
            )
            one = count.min == 1 and count.max == 1
            noun = {
                "military": "military personnel",
                "civilian": "civilian" if one else "civilians",
                "unknown": "person" if one else "people",
            }[status]
            described.append(f"{amount} {noun}")
        parts.append(f"{' and '.join(described)} {verb}")
    return ", ".join(parts)


def _context_summary(claimed_by: str, mention: Mention, quote: str) -> str:
    words = quote.split()
    excerpt = " ".join(words[:30]) + (" ..." if len(words) > 30 else "")
    return f"Context ({mention.type}), as told by {claimed_by}: {excerpt}"
