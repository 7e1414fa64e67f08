"""Stage 7, merge: the mentions of one incident become one, and separate incidents stay apart.

First, follow-ups ("the shootout on March 5", "the ensuing skirmishes") and casualty figures
attach to the incident told just before (figures of one side add to the other side's, a list
of names never adds to a stated total; "ruled out any casualties" goes to every incident the
same claimant reported). Then incidents merge when nothing tells them apart: same category,
no clash of sides (a party never speaks for the other party), overlapping days (the same day
when both are dated), the same district (or one without a place) and types of one family.
Dated mentions anchor, undated ones join them; "the second incident was recorded in X"
starts an incident of the kind counted before. Opposing accounts of one event stay two
claims, each disputed by the other's claimant (`accounts`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Final

from ceasefire.domain.linking import distance_km
from ceasefire.domain.model import PlaceRef
from ceasefire.domain.taxonomy import PlacePrecision, Side
from ceasefire.ingest.lexicon import (
    DENIAL,
    GENERAL_TYPES,
    PARTY_SIDES,
    TYPE_FAMILIES,
)
from ceasefire.ingest.stages.accounts import (
    WINDOW,
    blocs_clash,
    denied,
    disputes,
    explicit,
    inherit_places,
    opposed,
    perpetrators_clash,
    same_bloc,
)
from ceasefire.ingest.stages.reading import (
    Actor,
    Figure,
    Mention,
    MentionKind,
    Reading,
    TimeBasis,
)

_BASIS_RANK: Final = {
    TimeBasis.EVENT: 0,
    TimeBasis.INHERITED: 1,
    TimeBasis.REPORT: 2,
    TimeBasis.FALLBACK: 3,
}
_PRECISION_RANK: Final = {
    PlacePrecision.SITE: 0,
    PlacePrecision.SETTLEMENT: 1,
    PlacePrecision.DISTRICT: 2,
    PlacePrecision.REGION: 3,
    PlacePrecision.COUNTRY: 4,
    PlacePrecision.UNKNOWN: 5,
}
_STATUSES: Final = ("military", "civilian", "unknown")
Stage = Callable[[Reading], Reading]


@dataclass
class _Builder:
    """One incident as told in one place of the text, with what later sentences add to it."""

    head: Mention
    parts: list[Mention] = field(default_factory=list)
    zero: set[str] = field(default_factory=set)

    @property
    def all(self) -> list[Mention]:
        return [self.head, *self.parts]


def create(config: object = None) -> Stage:
    """The merge stage; it needs no configuration."""
    return merge_mentions


def merge_mentions(reading: Reading) -> Reading:
    """Replace the mentions by one mention per incident (and keep the context mentions)."""
    section_of = {s.index: s.section for s in reading.sentences}
    builders, context = _attach(reading.mentions, section_of)
    clusters = _cluster(builders, section_of)
    incidents = sorted((_combine(cluster) for cluster in clusters), key=lambda m: m.start)
    incidents = inherit_places(incidents)
    if DENIAL.search(reading.folded) or opposed(incidents):
        incidents = disputes(incidents)
        incidents = denied(incidents, [s.text for s in reading.sentences])
    incidents.sort(key=lambda m: m.start)
    return replace(reading, mentions=tuple(incidents + _dedupe(context)))


# --- attaching follow-ups and figures ---------------------------------------------------------


def _attach(
    mentions: tuple[Mention, ...], section_of: dict[int, int]
) -> tuple[list[_Builder], list[Mention]]:
    builders: list[_Builder] = []
    context: list[Mention] = []
    broadcast: list[Mention] = []
    summaries: set[int] = set()  # "two mine incidents occurred": told again one by one
    for mention in mentions:
        if mention.kind is MentionKind.CONTEXT:
            context.append(mention)
            continue
        if mention.kind is MentionKind.EVENT:
            builders.append(_Builder(mention))
            continue
        if "ordinal" in mention.flags and builders:
            # "two mine incidents occurred ... The second incident was recorded in X": a new
            # incident of the kind counted before
            counted = next((b for b in reversed(builders) if "multi" in b.head.flags), builders[-1])
            if "multi" in counted.head.flags:
                summaries.add(id(counted))
            claimant = mention.claimant
            if claimant is None or not claimant.institutional:
                claimant = counted.head.claimant
            builders.append(
                _Builder(
                    replace(
                        mention,
                        claimant=claimant,
                        kind=MentionKind.EVENT,
                        category=counted.head.category,
                        type=counted.head.type,
                        time=counted.head.time
                        if mention.time_basis is TimeBasis.FALLBACK
                        else mention.time,
                        time_basis=counted.head.time_basis
                        if mention.time_basis is TimeBasis.FALLBACK
                        else mention.time_basis,
                        flags=mention.flags - {"bare"},
                    )
                )
            )
            continue
        if (
            mention.kind is MentionKind.CASUALTIES
            and mention.zero_statement
            and not mention.figures
            and mention.place is None
        ):
            broadcast.append(mention)
            continue
        target = _target(mention, builders, section_of)
        if target is not None:
            target.parts.append(mention)
        elif (mention.kind is MentionKind.FOLLOW_UP and "bare" not in mention.flags) or any(
            f.max != 0 for f in mention.figures
        ):
            builders.append(_Builder(replace(mention, kind=MentionKind.EVENT)))
    for zero in broadcast:
        # "The ministry ruled out any casualties": every incident it reported before
        told = [b for b in builders if b.head.start < zero.start]
        same = [b for b in told if b.head.claimant == zero.claimant]
        unattributed = zero.claimant is None or not zero.claimant.institutional
        for builder in same or (told if unattributed else told[-1:]):
            builder.zero.add(zero.zero_statement or "all")
    return [b for b in builders if id(b) not in summaries], context


def _target(
    mention: Mention, builders: list[_Builder], section_of: dict[int, int]
) -> _Builder | None:
    """The incident told before that a follow-up or a casualty figure is about."""
    section = section_of[mention.sentence]
    candidates = [
        b
        for b in builders[-WINDOW:]
        if section_of[b.head.sentence] == section and mention.sentence - b.head.sentence <= WINDOW
    ]
    if mention.place_group is not None and mention.kind is MentionKind.CASUALTIES:
        same_place = [b for b in candidates if b.head.place_group == mention.place_group]
        if same_place:
            return same_place[-1]
    for builder in reversed(candidates):
        head = builder.head
        if (
            mention.kind is MentionKind.FOLLOW_UP
            and "bare" not in mention.flags
            and head.category is not mention.category
        ):
            continue
        if blocs_clash(mention.claimant, head.claimant) and "acknowledged" not in mention.flags:
            continue  # a party never speaks for the other, unless it admits what it said
        if (
            mention.kind is MentionKind.CASUALTIES
            and mention.claimant is not None
            and mention.claimant.is_party
            and head.claimant is not None
            and head.claimant.institutional
            and not same_bloc(mention.claimant, head.claimant)
        ):
            continue
        if (
            mention.place is not None
            and head.place is not None
            and not mention.place_anaphora
            and _places_fit(mention, head) is None
        ):
            continue  # "Earlier this month, a civilian was killed in Shushi": elsewhere
        if (
            mention.time_basis is TimeBasis.EVENT
            and explicit(head)
            and head.time is not None
            and mention.time is not None
            and not head.time.overlaps(mention.time)
        ):
            continue
        return builder
    return None


# --- clustering ------------------------------------------------------------------------------


def _cluster(builders: list[_Builder], section_of: dict[int, int]) -> list[list[_Builder]]:
    order = sorted(
        range(len(builders)),
        key=lambda i: (_BASIS_RANK[_best_basis(builders[i])], i),
    )
    clusters: list[list[_Builder]] = []
    # clusters by stretch of text: an incident is not told again hundreds of sentences later,
    # and this keeps a very long document linear
    nearby: dict[int, list[int]] = {}
    for index in order:
        builder = builders[index]
        bucket = builder.head.sentence // WINDOW
        candidates = {c for b in (bucket - 1, bucket, bucket + 1) for c in nearby.get(b, [])}
        best: tuple[float, int] | None = None
        for number in sorted(candidates):
            score = _compatibility(builder, clusters[number], section_of)
            if score is not None and (best is None or score > best[0]):
                best = (score, number)
        if best is None:
            clusters.append([builder])
            number = len(clusters) - 1
        else:
            number = best[1]
            clusters[number].append(builder)
        if number not in nearby.setdefault(bucket, []):
            nearby[bucket].append(number)
    return clusters


def _compatibility(
    builder: _Builder, cluster: list[_Builder], section_of: dict[int, int]
) -> float | None:
    """How well a told incident fits a cluster, or None when something tells them apart."""
    a = _view(builder)
    score = 0.0
    # the first tellings and the latest stand for a long cluster (a linear cost per telling)
    members = cluster if len(cluster) <= 8 else cluster[:4] + cluster[-4:]
    for other in members:
        b = _view(other)
        if a.category is not b.category:
            return None
        if blocs_clash(a.claimant, b.claimant) or perpetrators_clash(a.perpetrator, b.perpetrator):
            return None
        if "multi" in a.flags and not _vague(a):
            return None
        if "multi" in b.flags:
            return None
        if a.time is None or b.time is None or not a.time.overlaps(b.time):
            return None
        later = a if a.start > b.start else b
        if "new_incident" in later.flags and "ordinal" not in later.flags and not explicit(later):
            return None  # "Another mine exploded in X": undated, still not the one told before
        dated_a, dated_b = explicit(a), explicit(b)
        if dated_a and dated_b:
            if (
                a.time_basis is not TimeBasis.REPORT
                and b.time_basis is not TimeBasis.REPORT
                and (a.time.start, a.time.end) != (b.time.start, b.time.end)
                and not _within(a, b)
            ):
                return None  # two dated tellings of different days
            if (
                builder.head.time_basis is TimeBasis.EVENT
                and other.head.time_basis is TimeBasis.EVENT
                and (
                    section_of[a.sentence] != section_of[b.sentence]
                    or "new_incident" in a.flags
                    or "new_incident" in b.flags
                )
            ):
                return None  # a round-up: each dated story under its own heading
            score += 2
        if a.place is not None and b.place is not None:
            fit = _places_fit(a, b)
            if fit is None:
                return None
            score += fit
        if not _types_fit(a.type, b.type):
            return None
        if a.type == b.type:
            score += 1
        if a.claimant == b.claimant:
            score += 1
    return score


def _places_fit(a: Mention, b: Mention) -> float | None:
    """2 for one place, 1 for places close together, 0.5 for a region holding the other."""
    if a.place_group == b.place_group:
        return 2.0
    if {"broad", "route"} & {a.place_group, b.place_group}:
        return 0.5
    assert a.place is not None and b.place is not None
    if None in (a.place.lat, b.place.lat, a.place.lon, b.place.lon):
        return None
    distance = distance_km(a.place.lat or 0, a.place.lon or 0, b.place.lat or 0, b.place.lon or 0)
    fine = {PlacePrecision.SITE, PlacePrecision.SETTLEMENT}
    limit = 15.0 if a.place.precision in fine and b.place.precision in fine else 35.0
    return 1.0 if distance <= limit else None


def _within(a: Mention, b: Mention) -> bool:
    """One telling's days inside the other's short window: "on Saturday" and "at the weekend"."""
    assert a.time is not None and b.time is not None
    inner, outer = sorted((a.time, b.time), key=lambda t: (t.end - t.start).days)
    vague = re.search(
        r"weekend|week|night|overnight|days|recent|past day|24 hours",
        outer.text or "",
        re.IGNORECASE,
    )
    return (
        vague is not None
        and outer.start <= inner.start
        and inner.end <= outer.end
        and (outer.end - outer.start).days <= 2
    )


def _vague(mention: Mention) -> bool:
    """A summary line: no place and no date of its own ("Two ceasefire violations were recorded")."""
    return mention.place is None and mention.time_basis in (TimeBasis.FALLBACK, TimeBasis.INHERITED)


def _types_fit(a: str, b: str) -> bool:
    if a == b or a in GENERAL_TYPES or b in GENERAL_TYPES:
        return True
    return any(a in family and b in family for family in TYPE_FAMILIES)


def _best_basis(builder: _Builder) -> TimeBasis:
    return min((m.time_basis for m in builder.all), key=_BASIS_RANK.__getitem__)


def _view(builder: _Builder) -> Mention:
    """The builder as one mention: the head, completed by what its parts add."""
    head = builder.head
    for part in builder.parts:
        better_dated = (
            part.time is not None and _BASIS_RANK[part.time_basis] < _BASIS_RANK[head.time_basis]
        )
        if part.place is not None and (
            _finer(part.place, head.place) or (better_dated and part.place_group != "broad")
        ):
            head = replace(head, place=part.place, place_group=part.place_group)
        if better_dated:
            head = replace(head, time=part.time, time_basis=part.time_basis)
        if head.perpetrator is None and part.perpetrator is not None:
            head = replace(head, perpetrator=part.perpetrator)
        if (
            head.type in GENERAL_TYPES
            and part.type not in GENERAL_TYPES
            and part.category is head.category
        ):
            head = replace(head, type=part.type)
        if (
            part.claimant is not None
            and part.claimant.institutional
            and (head.claimant is None or not head.claimant.institutional)
        ):
            head = replace(head, claimant=part.claimant)
    return _with_unlisted_of(head, builder.all)


def _with_unlisted_of(merged: Mention, tellings: list[Mention]) -> Mention:
    """`merged` with the settlements no gazetteer knows that any of the tellings names
    (`places._with_unlisted`): "... killed by Azerbaijani fire. The fighting occurred near the
    village of Nerkin Hand." names the incident's village in its second sentence."""
    unlisted = {p.name: p for t in tellings for p in t.places if p.gazetteer_id is None}
    if not unlisted:
        return merged
    held = [p for p in merged.places if p.gazetteer_id is not None] or (
        [merged.place] if merged.place is not None else []
    )
    return replace(merged, places=(*held, *unlisted.values()))


def _finer(place: PlaceRef, than: PlaceRef | None) -> bool:
    return than is None or _PRECISION_RANK[place.precision] < _PRECISION_RANK[than.precision]


# --- one incident from its cluster -------------------------------------------------------------


def _combine(cluster: list[_Builder]) -> Mention:
    views = [_view(b) for b in cluster]
    anchor = min(
        range(len(views)),
        key=lambda i: (_BASIS_RANK[views[i].time_basis], views[i].kind is not MentionKind.EVENT, i),
    )
    merged = views[anchor]
    for view in views:
        if view.place is not None and _finer(view.place, merged.place):
            merged = replace(merged, place=view.place, place_group=view.place_group)
        if merged.type in GENERAL_TYPES and view.type not in GENERAL_TYPES:
            merged = replace(merged, type=view.type)
    merged = _with_unlisted_of(merged, views)
    claimant = _claimant(views)
    perpetrator = next(
        (v.perpetrator for v in views if v.claimant == claimant and v.perpetrator), None
    ) or next((v.perpetrator for v in views if v.perpetrator), None)
    figures = _cluster_figures(cluster, claimant)
    return replace(
        merged,
        claimant=claimant,
        perpetrator=perpetrator,
        figures=figures,
        flags=frozenset().union(*(v.flags for v in views)),
        confidence=_confidence(merged, claimant, len(cluster)),
    )


def _claimant(views: list[Mention]) -> Actor | None:
    """A party's word first, then an institution's, then whoever told it first."""
    claimants = [v.claimant for v in views if v.claimant is not None]
    for claimant in claimants:
        if claimant.is_party and claimant.side in PARTY_SIDES:
            return claimant
    for claimant in claimants:
        if claimant.institutional:
            return claimant
    return claimants[0] if claimants else None


def _builder_figures(builder: _Builder) -> list[Figure]:
    """Figures of one told incident: each side's count once (the largest telling), counts
    without a side added unless they re-tell a side's count, named lists only without counts."""
    chosen: dict[tuple[str, Side | None], tuple[int, list[Figure]]] = {}
    for mention in builder.all:
        by_key: dict[tuple[str, Side | None], list[Figure]] = {}
        for figure in mention.figures:
            if not figure.named:
                by_key.setdefault((figure.kind, figure.side), []).append(figure)
        for key, figures in by_key.items():
            total = sum(f.min for f in figures)
            if key not in chosen or total > chosen[key][0]:
                chosen[key] = (total, figures)
    for (kind, side), (total, _) in list(chosen.items()):
        sided = [
            t
            for (k, s), (t, figures) in chosen.items()
            if k == kind and s is not None and not any(f.contrast for f in figures)
        ]
        if side is None and total in sided:
            del chosen[(kind, side)]  # "three officers were confirmed dead": told already
    out = [f for _, figures in chosen.values() for f in figures]
    for kind in ("killed", "injured"):
        if any(f.kind == kind for f in out):
            continue
        named = [f for m in builder.all for f in m.figures if f.named and f.kind == kind]
        if named:
            largest = max(named, key=lambda f: f.min)
            people = {name.split()[-1] for f in named for name in f.names}
            if all(f.names for f in named) and len(people) > largest.min:
                # "A and B were injured. C and D sustained shrapnel wounds": each name once
                largest = replace(largest, min=len(people), max=len(people))
            out.append(largest)
    zeros = set(builder.zero) | {m.zero_statement for m in builder.all if m.zero_statement}
    for kind in ("killed", "injured"):
        if any(f.kind == kind for f in out):
            continue
        for zero in zeros:
            statuses = _STATUSES if zero == "all" else ("military",)
            out.extend(Figure(kind, status, 0, 0) for status in statuses)
    return out


def _cluster_figures(cluster: list[_Builder], claimant: Actor | None) -> tuple[Figure, ...]:
    """Per kind, the figures of the claimant's own telling, else the largest told."""
    per_builder = [(b, _builder_figures(b)) for b in cluster]
    out: list[Figure] = []
    for kind in ("killed", "injured"):
        options = [(b, [f for f in figures if f.kind == kind]) for b, figures in per_builder]
        options = [(b, f) for b, f in options if f]
        if not options:
            continue
        own = [(b, f) for b, f in options if _view(b).claimant == claimant]
        pool = own or options
        best = max(pool, key=lambda item: sum(f.min for f in item[1]))
        out.extend(best[1])
    return tuple(out)


def _confidence(mention: Mention, claimant: Actor | None, size: int) -> float:
    score = 0.4
    score += 0.15 if mention.time_basis is TimeBasis.EVENT else 0.0
    score += 0.1 if mention.place is not None else 0.0
    score += 0.1 if claimant is not None and claimant.institutional else 0.0
    score += 0.05 if mention.type not in GENERAL_TYPES else 0.0
    score += 0.05 * min(size - 1, 2)
    return round(min(score, 0.95), 2)


def _dedupe(context: list[Mention]) -> list[Mention]:
    seen: set[int] = set()
    out = []
    for mention in context:
        if mention.sentence in seen:
            continue
        seen.add(mention.sentence)
        out.append(mention)
    return out
