"""Linking claims into incidents: blocking, pair scores with readable reasons, decisions.

Pure code. The database linker (services/linking.py) fetches candidates with indexed queries;
`LinkIndex` does the same in memory with a grid and time buckets. Both call `decide`.

Blocking (a pair is compared only when all hold):

| rule      | value                                                                        |
|-----------|------------------------------------------------------------------------------|
| category  | equal (types are scored, categories never mix)                               |
| time      | windows overlap with slack: day/days 1 day, week 2, month 3 (the vaguer one) |
| place     | distance within RADIUS_KM of the vaguer precision: site 10 km, settlement    |
|           | 15, district 40, region 100; a claim without a usable place (unknown,        |
|           | country) pairs on time + type only and must clear a stricter bar; a village  |
|           | and the district it lies in pair up to CONTAINMENT_KM apart                  |
| undated   | a window longer than `max_span_days` ("some time after the ceasefire") pairs |
|           | on place + type only, needs a usable place and a stricter bar                |
| dataset   | a claim imported from a dataset (ACLED, UCDP) never joins an incident that   |
|           | holds a claim of the same dataset: the dataset has already resolved events   |

Weak evidence never links automatically (`weak_evidence`): a claim, or the incident claim it
matches best, with a window over `firm_span_days` or a place coarser than a district is only
suggested to an analyst.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import islice
from typing import Final

import numpy as np
from rapidfuzz import fuzz, utils

from ceasefire.domain.model import Casualties, CasualtyGroup, Count
from ceasefire.domain.taxonomy import TYPES, PlacePrecision, TimePrecision

# --- sides ---------------------------------------------------------------------------------

#: Camps for attribution: a claim by one camp blaming the other is an accusation.
AZERBAIJANI: Final = "Azerbaijani side"
ARMENIAN: Final = "Armenian side"  # Armenia and the Karabakh authorities

_CAMP_WORDS: Final = (
    # Order matters: "Karabakh police" is Armenian-side, "Azerbaijani ... Karabakh" is not.
    (re.compile(r"\b(azerbaijan\w*|azeri\w*|baku)\b"), AZERBAIJANI),
    (
        re.compile(
            r"\b(armenia\w*|yerevan|karabakh|artsakh|stepanakert|defen[cs]e army|nersisian)\b"
        ),
        ARMENIAN,
    ),
)


@lru_cache(maxsize=8192)
def camp_of(actor: str | None) -> str | None:
    """The conflict camp an actor belongs to, or None (third parties, unknown)."""
    if not actor:
        return None
    text = actor.lower()
    # Words in brackets qualify ("occupants of the car (Karabakh side)"): they decide first.
    bracket = " ".join(re.findall(r"\(([^)]*)\)", text))
    for part in (bracket, text):
        found = {camp for pattern, camp in _CAMP_WORDS if pattern.search(part)}
        if len(found) == 1:
            return found.pop()
        if found:
            first = min(
                ((m.start(), camp) for pattern, camp in _CAMP_WORDS if (m := pattern.search(part))),
            )
            return first[1]
    return None


_RADIUS_BY_PRECISION: Final[dict[str, float]] = {
    PlacePrecision.SITE.value: 10.0,
    PlacePrecision.SETTLEMENT.value: 15.0,
    PlacePrecision.DISTRICT.value: 40.0,
    PlacePrecision.REGION.value: 100.0,
}
#: Places at these precisions are points a few km wide; the others are areas.
PRECISE_PLACES: Final = frozenset({PlacePrecision.SITE.value, PlacePrecision.SETTLEMENT.value})
#: Places precise enough to link on automatically: a region, a country or no place is not.
FIRM_PLACES: Final = PRECISE_PLACES | {PlacePrecision.DISTRICT.value}
MAX_RADIUS_KM: Final = max(_RADIUS_BY_PRECISION.values())
#: A place the gazetteer puts in a district lies at most this far from the district's centre
#: (larger gaps are wrong admin codes in GeoNames).
CONTAINMENT_KM: Final = 80.0

_SLACK_BY_PRECISION: Final[dict[str, int]] = {
    TimePrecision.DAY.value: 1,
    TimePrecision.DAYS.value: 1,
    TimePrecision.WEEK.value: 2,
    TimePrecision.MONTH.value: 3,
    TimePrecision.YEAR.value: 3,
}
MAX_SLACK_DAYS: Final = max(_SLACK_BY_PRECISION.values())
MIN_SLACK: Final = min(_SLACK_BY_PRECISION.values())


# --- the linker's view of a claim ----------------------------------------------------------

_NO_CASUALTIES: Final = Casualties()


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """What the linker compares: one claim, flattened, with the source it came from."""

    id: int
    source: str  # claims of one source describe different incidents (unless mutual accusation)
    category: str
    type: str
    start: date
    end: date
    time_precision: str = TimePrecision.DAY.value
    place_name: str | None = None
    gazetteer_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    place_precision: str = PlacePrecision.UNKNOWN.value
    perpetrator: str | None = None
    claimed_by: str = ""
    claimant_is_party: bool = False
    disputed_by: str | None = None
    casualties: Casualties = _NO_CASUALTIES
    text: str = ""  # folded by `link_text`: what the text similarity compares
    credibility: int = 6
    vector: bytes | None = None  # sentence embedding (embeddings.py); compared when both have one
    district_id: int | None = None  # gazetteer id of the district the place lies in
    dataset: str | None = None  # the dataset an imported claim came from ("acled", "ucdp")
    # `settlement_key`s of settlements the claim names that the gazetteer does not know
    settlements: frozenset[str] = frozenset()

    # Derived once: the linker reads these in its inner loops.
    span_days: int = field(init=False, repr=False, compare=False)
    first_day: int = field(init=False, repr=False, compare=False)  # date ordinals
    last_day: int = field(init=False, repr=False, compare=False)
    slack: int = field(init=False, repr=False, compare=False)
    radius: float = field(init=False, repr=False, compare=False)
    placed: bool = field(init=False, repr=False, compare=False)  # comparable by distance
    killed_total: Count | None = field(init=False, repr=False, compare=False)
    injured_total: Count | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        first, last = self.start.toordinal(), self.end.toordinal()
        radius = _RADIUS_BY_PRECISION.get(self.place_precision)
        placed = self.lat is not None and self.lon is not None and radius is not None
        for name, value in (
            ("span_days", last - first + 1),
            ("first_day", first),
            ("last_day", last),
            ("slack", _SLACK_BY_PRECISION.get(self.time_precision, MAX_SLACK_DAYS)),
            ("radius", radius or MAX_RADIUS_KM),
            ("placed", placed),
            ("killed_total", _totals(self.casualties.killed)),
            ("injured_total", _totals(self.casualties.injured)),
        ):
            object.__setattr__(self, name, value)


def settlement_key(name: str) -> str:
    """One key for the spellings of a settlement's name across transliterations: "Nerkin
    Hand", "Nerkin Khanda" and "Nerkin-And" are one village."""
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[-'’]", " ", text).replace("kh", "h")
    words = (re.sub(r"[aeiouy]+$", "", w.lstrip("h")) for w in text.split())
    return " ".join(w for w in words if w)


def same_settlement(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Both claims name one settlement the gazetteer does not know, on overlapping days (no
    slack: without coordinates, the name and the day carry the link alone)."""
    return bool(
        a.settlements
        and a.settlements & b.settlements
        and a.first_day <= b.last_day
        and b.first_day <= a.last_day
    )


# --- blocking ------------------------------------------------------------------------------


def radius_km(precision: str) -> float:
    return _RADIUS_BY_PRECISION.get(precision, MAX_RADIUS_KM)


def slack_days(a: ClaimFacts, b: ClaimFacts) -> int:
    return max(a.slack, b.slack)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: within 0.1% of great-circle distance below 100 km, and fast."""
    x = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 111.195 * math.hypot(x, lat2 - lat1)


def bbox_around(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a square of half-side `km` around a point."""
    dlat = km / 111.2
    dlon = km / (111.2 * max(0.05, math.cos(math.radians(lat))))
    return (lon - dlon, lat - dlat, lon + dlon, lat + dlat)


#: Precision classes searched separately (each with its own reach).
PLACE_LAYERS: Final = (
    frozenset({PlacePrecision.SITE.value, PlacePrecision.SETTLEMENT.value}),
    frozenset({PlacePrecision.DISTRICT.value}),
    frozenset({PlacePrecision.REGION.value}),
)
#: How far each layer is searched: districts as far as a place inside them can lie.
LAYER_RADIUS: Final = (
    radius_km(PlacePrecision.SETTLEMENT.value),
    CONTAINMENT_KM,
    radius_km(PlacePrecision.REGION.value),
)


@dataclass(frozen=True, slots=True)
class SearchArea:
    """Where a claim's candidates can be: a date range and one box per place layer."""

    start: date  # candidates end on or after this day...
    end: date  # ...and start on or before this one
    boxes: tuple[tuple[frozenset[str], tuple[float, float, float, float]], ...]  # placed only


def search_reach(claim: ClaimFacts, layer: int) -> float:
    """How far from a placed claim its candidates in `PLACE_LAYERS[layer]` can lie."""
    reach = max(claim.radius, LAYER_RADIUS[layer])
    if claim.place_precision == PlacePrecision.DISTRICT.value:
        return max(reach, CONTAINMENT_KM)  # the villages inside it
    return reach


def search_area(claim: ClaimFacts) -> SearchArea:
    """The ranges a database query must cover so that no candidate `blocks` accepts is missed."""
    slack = timedelta(days=MAX_SLACK_DAYS)
    boxes: list[tuple[frozenset[str], tuple[float, float, float, float]]] = []
    if claim.placed:
        assert claim.lat is not None and claim.lon is not None
        for i, layer in enumerate(PLACE_LAYERS):
            boxes.append((layer, bbox_around(claim.lat, claim.lon, search_reach(claim, i))))
    return SearchArea(claim.start - slack, claim.end + slack, tuple(boxes))


def blocks(a: ClaimFacts, b: ClaimFacts, max_span_days: int) -> str | None:
    """Why the pair cannot be one event (None when it may be): the blocking rules above."""
    if a.category != b.category:
        return "different categories"
    slack = a.slack if a.slack > b.slack else b.slack
    if a.first_day - b.last_day > slack or b.first_day - a.last_day > slack:
        return "dates too far apart"
    if same_settlement(a, b):
        return None  # one village by name: the place agrees, whatever the province's centre
    if a.span_days > max_span_days or b.span_days > max_span_days:
        # Without a usable date, place and type must carry the link on their own.
        if not (a.placed and b.placed):
            return "neither date nor place precise enough"
        if type_affinity(a.type, b.type) < 0.6:
            return "date unknown and types differ"
    if a.placed and b.placed:
        limit = a.radius if a.radius > b.radius else b.radius
        if distance_km(a.lat, a.lon, b.lat, b.lon) > limit:  # type: ignore[arg-type]
            return None if contains(a, b) else f"places more than {limit:.0f} km apart"
        return None
    # Without a place, time and type must carry the link on their own.
    if a.first_day > b.last_day or b.first_day > a.last_day:
        return "place unknown and dates do not overlap"
    if type_affinity(a.type, b.type) < 0.6:
        return "place unknown and types differ"
    return None


def contains(a: ClaimFacts, b: ClaimFacts) -> bool:
    """One claim's place is a district and the other's lies in it (a village and its rayon)."""
    district, inner = (a, b) if a.place_precision == PlacePrecision.DISTRICT.value else (b, a)
    return (
        district.place_precision == PlacePrecision.DISTRICT.value
        and inner.place_precision in PRECISE_PLACES
        and district.gazetteer_id is not None
        and district.gazetteer_id == inner.district_id
        and district.placed
        and inner.placed
        and distance_km(district.lat, district.lon, inner.lat, inner.lon)  # type: ignore[arg-type]
        <= CONTAINMENT_KM
    )


# --- pair scores ---------------------------------------------------------------------------

_GENERIC_TYPES: Final = frozenset(
    {types[0] for types in TYPES.values()} | {"fire_unspecified", "other_incident"}
)
#: Types that one event can be reported as (a shootout called an ambush by the other side).
_TYPE_FAMILIES: Final = (
    frozenset(
        {"small_arms_fire", "sniper_fire", "shootout", "ambush", "ground_assault", "incursion"}
    ),
    frozenset({"mortar_fire", "artillery_shelling", "shelling"}),
    frozenset({"drone_strike", "air_strike"}),
    frozenset({"mine_explosion", "ied_explosion", "uxo_explosion"}),
    frozenset({"uxo_found", "demining_activity"}),
)


def is_generic_type(type_: str) -> bool:
    """True for the catch-all types ("ceasefire_violation_unspecified", "fire_unspecified")."""
    return type_ in _GENERIC_TYPES


def type_affinity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if a in _GENERIC_TYPES or b in _GENERIC_TYPES:
        return 0.65
    if any(a in family and b in family for family in _TYPE_FAMILIES):
        return 0.7
    return 0.1


def accused_camp(claim: ClaimFacts) -> str | None:
    """The camp a claim blames; None when unknown or its own (parties do not accuse
    themselves: that is a misread attribution, and must not count as agreement)."""
    accused = camp_of(claim.perpetrator)
    return None if accused is not None and accused == camp_of(claim.claimed_by) else accused


def is_mutual_accusation(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Claim and counter-claim: the side one claim accuses speaks in the other (it blames
    the first side, denies, or gives its own account), or the two blame opposite sides
    without either claimant contradicting that. One event, disputed attribution."""
    ca, cb = camp_of(a.claimed_by), camp_of(b.claimed_by)
    pa, pb = accused_camp(a), accused_camp(b)
    if cb is not None and cb == pa and pb != cb:
        return True
    if ca is not None and ca == pb and pa != ca:
        return True
    return pa is not None and pb is not None and pa != pb and ca in (None, pb) and cb in (None, pa)


@dataclass(frozen=True, slots=True)
class Weights:
    """Weights of the score components; a component missing on either side is left out."""

    place: float = 0.25
    time: float = 0.20
    type: float = 0.20
    casualties: float = 0.15
    actors: float = 0.10
    text: float = 0.10


@dataclass(frozen=True, slots=True)
class LinkPolicy:
    """Thresholds of the linker (config: link_threshold, suggest_threshold, link_max_span_days)."""

    link: float = 0.70  # at or above: linked automatically
    suggest: float = 0.50  # between suggest and link: an analyst is asked
    max_span_days: int = 31
    firm_span_days: int = 3  # a longer window is weak evidence: suggested, never linked
    vague_margin: float = 0.10  # added to both bars without a usable place or date
    weights: Weights = field(default_factory=Weights)
    members_compared: int = 6  # an incident is scored on at most this many of its claims
    max_candidates: int = 150  # claims an in-memory lookup examines at most (nearest first)
    max_incidents: int = 6  # candidate incidents scored at most (nearest first)


@dataclass(frozen=True, slots=True)
class PairScore:
    score: float
    reasons: tuple[str, ...]
    mutual_accusation: bool = False
    unplaced: bool = False
    # Something beyond "near in time and space, similar type" ties the two: the same spot
    # (dated reports only), an agreeing death toll, a counter-claim, the same accused side.
    corroborated: bool = False


def score_pair(
    a: ClaimFacts, b: ClaimFacts, policy: LinkPolicy | None = None, *, explain: bool = True
) -> PairScore:
    """How alike two claims are (0-1), with the reasons a person reads (when `explain`).

    A weighted mean of components, each 0-1. A component one side does not state (casualties,
    perpetrator, place, a usable date) is left out rather than counted as agreement; a vague
    one (a region, a generic type, "no casualties") counts with less weight.
    """
    policy = policy or _DEFAULT_POLICY
    w = policy.weights
    reasons: list[str] = []
    total = weighted = 0.0
    unplaced = not (a.placed and b.placed)
    corroborated = False
    dated = a.span_days <= policy.max_span_days and b.span_days <= policy.max_span_days
    if same_settlement(a, b):
        # a village the gazetteer does not know, named by both: the same spot
        unplaced = False
        total, weighted = total + w.place, weighted + w.place
        reasons.append("the same settlement named (not in the gazetteer)")
        corroborated = dated
    elif not unplaced:
        s, f, why = _place_score(a, b, explain)
        total, weighted = total + w.place * f, weighted + w.place * f * s
        reasons.append(why)
        # The same spot corroborates a dated report; an undated one needs more than that.
        corroborated = s >= 0.95 and f == 1.0 and dated
        # Two outlets' reports of one day, one naming the village, the other its district.
        corroborated = corroborated or (_same_day(a, b) and a.source != b.source and contains(a, b))
    elif explain:
        reasons.append("place unknown on one side")
    if dated:
        s, why = _time_score(a, b, explain)
        total, weighted = total + w.time, weighted + w.time * s
        reasons.append(why)
    elif explain:
        reasons.append("date unknown on one side")
    s = type_affinity(a.type, b.type)
    f = 0.5 if a.type in _GENERIC_TYPES or b.type in _GENERIC_TYPES else 1.0
    total, weighted = total + w.type * f, weighted + w.type * f * s
    if explain:
        reasons.append(
            "same type"
            if s == 1.0
            else f"compatible types ({a.type}, {b.type})"
            if s > 0.5
            else f"different types ({a.type}, {b.type})"
        )
    if (a.killed_total is not None and b.killed_total is not None) or (
        a.injured_total is not None and b.injured_total is not None
    ):
        s, f, why = _casualty_score(a, b, explain)
        total, weighted = total + w.casualties * f, weighted + w.casualties * f * s
        reasons.append(why)
        corroborated = corroborated or (s == 1.0 and f > 1.0)
    statement = _same_statement(a, b)
    if statement and explain:
        reasons.append(f"same statement by {a.claimed_by}")
    mutual, f, s, why = _actor_score(a, b, policy)
    total, weighted = total + w.actors * f, weighted + w.actors * f * s
    reasons.append(why if explain else "")
    # A counter-claim or the same accused side ties them (when time and place agree).
    corroborated = corroborated or statement or (f > 0 and s == 1.0)
    if a.vector is not None and b.vector is not None:
        s = embedding_score(a.vector, b.vector)
        total, weighted = total + w.text, weighted + w.text * s
        if explain and s >= 0.6:
            reasons.append(f"similar meaning ({s:.0%})")
        corroborated = corroborated or (s >= _TELLING_TEXT and dated)
    elif a.text and b.text:
        s = fuzz.token_set_ratio(a.text, b.text) / 100.0
        total, weighted = total + w.text, weighted + w.text * s
        if explain and s >= 0.6:
            reasons.append(f"similar wording ({s:.0%})")
        # two dated accounts in the same words (names, numbers, places): one story retold
        corroborated = corroborated or (s >= _TELLING_TEXT and dated)
    if corroborated and _separate_bulletins(a, b):
        corroborated = False
        reasons.append("one claimant dates them to different days (two bulletins)")
    if not explain:
        return PairScore(weighted / total if total else 0.0, (), mutual, unplaced, corroborated)
    score = round(weighted / total, 4) if total else 0.0
    return PairScore(score, tuple(r for r in reasons if r), mutual, unplaced, corroborated)


_DEFAULT_POLICY: Final = LinkPolicy()
#: Text agreement from which two dated reports tell one story (a copy, the same names).
_TELLING_TEXT = 0.8
#: Claimants too vague to tell one statement from another.
_VAGUE_CLAIMANTS: Final = frozenset({"", "the outlet", "authorities"})


def _actor_score(
    a: ClaimFacts, b: ClaimFacts, policy: LinkPolicy
) -> tuple[bool, float, float, str]:
    """(mutual accusation counted, weight factor, score, reason) of the claimants and the accused.

    Claim and counter-claim earn their bonus only when time and place already agree: a
    counter-claim days or districts away is another exchange of fire, not this one.
    """
    pa, pb = accused_camp(a), accused_camp(b)
    if is_mutual_accusation(a, b):
        if not _time_and_place_agree(a, b, policy):
            return False, 0.0, 0.0, "mutual accusation not counted: time and place do not agree"
        why = (
            "mutual accusation: each side blames the other"
            if pa and pb
            else "counter-claim: the accused side answers"
        )
        return True, 1.0, 1.0, why
    if pa and pb:
        same = pa == pb
        return (
            False,
            1.0,
            (1.0 if same else 0.1),
            ("same alleged perpetrator" if same else "different alleged perpetrators"),
        )
    return False, 0.0, 0.0, ""


def _same_day(a: ClaimFacts, b: ClaimFacts) -> bool:
    return a.first_day == a.last_day == b.first_day == b.last_day


def _time_and_place_agree(a: ClaimFacts, b: ClaimFacts, policy: LinkPolicy) -> bool:
    """Both dated with overlapping windows, and both at a district or finer within reach."""
    if a.span_days > policy.max_span_days or b.span_days > policy.max_span_days:
        return False
    if a.first_day > b.last_day or b.first_day > a.last_day:
        return False
    if same_settlement(a, b):
        return True
    if not (a.placed and b.placed) or not {a.place_precision, b.place_precision} <= FIRM_PLACES:
        return False
    limit = a.radius if a.radius > b.radius else b.radius
    near = distance_km(a.lat, a.lon, b.lat, b.lon) <= limit  # type: ignore[arg-type]
    return near or contains(a, b)


def _separate_bulletins(a: ClaimFacts, b: ClaimFacts) -> bool:
    """One institution's reports of two different single days: daily bulletins, two events."""
    return (
        a.first_day == a.last_day
        and b.first_day == b.last_day
        and a.first_day != b.first_day
        and a.claimed_by.lower() == b.claimed_by.lower()
        and a.claimed_by.lower() not in _VAGUE_CLAIMANTS
    )


def _same_statement(a: ClaimFacts, b: ClaimFacts) -> bool:
    """One institution's report of the same place on the same day or two, relayed by two
    sources (two bulletins of one ministry name their places and days apart)."""
    return (
        a.source != b.source
        and a.gazetteer_id is not None
        and a.gazetteer_id == b.gazetteer_id
        and a.claimed_by == b.claimed_by
        and a.claimed_by.lower() not in _VAGUE_CLAIMANTS
        and a.last_day - a.first_day <= 1
        and b.last_day - b.first_day <= 1
        and a.first_day <= b.last_day
        and b.first_day <= a.last_day
    )


#: all-MiniLM-L6-v2 cosines of unrelated ceasefire reports sit near 0.2 and of two accounts
#: of one event near 0.55-0.8 (tests/test_embeddings.py): mapped onto 0-1 from here.
_EMBEDDING_FLOOR, _EMBEDDING_SPAN = 0.2, 0.5


def embedding_score(a: bytes, b: bytes) -> float:
    """Text agreement (0-1) of two normalised float32 sentence vectors."""
    cosine = float(np.dot(np.frombuffer(a, dtype=np.float32), np.frombuffer(b, dtype=np.float32)))
    return min(1.0, max(0.0, (cosine - _EMBEDDING_FLOOR) / _EMBEDDING_SPAN))


def link_text(*parts: str | None) -> str:
    """The words a claim is compared on: lower case, punctuation folded (rapidfuzz)."""
    return str(utils.default_process(" ".join(p for p in parts if p)))


def _place_score(a: ClaimFacts, b: ClaimFacts, explain: bool) -> tuple[float, float, str]:
    """(score, weight factor, reason): a district or region agrees weakly, so it weighs less."""
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    name = (a.place_name or b.place_name or "place") if explain else ""
    both_precise = a.place_precision in PRECISE_PLACES and b.place_precision in PRECISE_PLACES
    limit = a.radius if a.radius > b.radius else b.radius
    weight = 1.0 if both_precise else 0.5 if limit <= _DISTRICT_RADIUS else 0.3
    if a.gazetteer_id is not None and a.gazetteer_id == b.gazetteer_id:
        if both_precise:
            return 1.0, weight, (f"same place ({name})" if explain else "")
        return 0.9, weight, (f"same {a.place_precision} ({name})" if explain else "")
    if contains(a, b):
        inner, district = (a, b) if a.place_precision in PRECISE_PLACES else (b, a)
        why = f"{inner.place_name} lies in {district.place_name}" if explain else ""
        return 0.9, 0.5, why
    d = distance_km(a.lat, a.lon, b.lat, b.lon)
    if both_precise:
        if d <= 2.0:
            return 0.95, weight, (f"same place ({d:.0f} km apart)" if explain else "")
        why = f"nearby places ({d:.0f} km apart)" if explain else ""
        return max(0.0, 1.0 - 0.6 * d / limit), weight, why
    coarse = a if a.place_precision not in PRECISE_PLACES else b
    why = f"within the same {coarse.place_precision} ({d:.0f} km)" if explain else ""
    return 0.85 * (1.0 - 0.5 * d / limit), weight, why


_DISTRICT_RADIUS: Final = _RADIUS_BY_PRECISION[PlacePrecision.DISTRICT.value]


def _time_score(a: ClaimFacts, b: ClaimFacts, explain: bool) -> tuple[float, str]:
    overlap = min(a.last_day, b.last_day) - max(a.first_day, b.first_day) + 1
    if overlap <= 0:
        gap = 1 - overlap
        return (0.3 if gap == 1 else 0.1), (
            f"dates {gap} day{'s' * (gap > 1)} apart" if explain else ""
        )
    short, long_ = (
        (a.span_days, b.span_days) if a.span_days <= b.span_days else (b.span_days, a.span_days)
    )
    if short == long_ == overlap:
        return 1.0, "same day" if short == 1 else "same dates"
    if overlap == short:  # the narrower window lies inside the wider one
        return 0.7 + 0.3 * short / long_, "dates consistent"
    return 0.5 * overlap / short + 0.2 * overlap / long_, "dates overlap"


def _totals(group: CasualtyGroup) -> Count | None:
    cells = [c for c in (group.military, group.civilian, group.unknown) if c is not None]
    if not cells:
        return None
    high = None if any(c.max is None for c in cells) else sum(c.max or 0 for c in cells)
    return Count(sum(c.min for c in cells), high)


def _casualty_score(a: ClaimFacts, b: ClaimFacts, explain: bool) -> tuple[float, float, str]:
    """Killed and injured totals where both state them: (score, weight factor, reason).

    Agreeing on a death toll is strong evidence (weight 1.5); agreeing that nobody was hurt
    is common and weak (0.5).
    """
    scores: list[float] = []
    words: list[str] = []
    weight = 0.5
    for label, ta, tb in (
        ("killed", a.killed_total, b.killed_total),
        ("injured", a.injured_total, b.injured_total),
    ):
        if ta is None or tb is None:
            continue
        hi_a = ta.max if ta.max is not None else math.inf
        hi_b = tb.max if tb.max is not None else math.inf
        if ta.min <= hi_b and tb.min <= hi_a:
            scores.append(1.0)
            if max(ta.min, tb.min) > 0:
                weight = 1.5 if label == "killed" else max(weight, 1.0)
            if explain:
                words.append(f"agree ({ta.min} {label})" if ta == tb else f"consistent ({label})")
        else:
            weight = max(weight, 1.0)
            lo, hi = sorted((ta.min, tb.min))
            scores.append(0.7 * lo / hi if hi else 0.0)
            if explain:
                words.append(f"differ ({ta.min} vs {tb.min} {label})")
    why = "casualties " + ", ".join(words) if explain else ""
    return sum(scores) / len(scores), weight, why


# --- decisions -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """An incident the claim may belong to, with its best pair score and why."""

    incident: int
    score: float
    reasons: tuple[str, ...]
    mutual_accusation: bool = False
    corroborated: bool = False
    weak: str | None = None  # why the pair may only be suggested (`weak_evidence`)

    @property
    def linkable(self) -> bool:
        return self.corroborated and self.weak is None


@dataclass(frozen=True, slots=True)
class LinkDecision:
    """`incident` is None when the claim opens a new incident; suggestions go to an analyst."""

    incident: int | None
    score: float | None
    reasons: tuple[str, ...]
    suggestions: tuple[Candidate, ...] = ()
    mutual_accusation: bool = False
    # Other incidents the claim links to just as firmly: one event told twice (`bridged`)
    merge: tuple[Candidate, ...] = ()


def weak_evidence(claim: ClaimFacts, policy: LinkPolicy, *, named: bool = False) -> str | None:
    """Why a claim's date or place is too coarse to link on automatically, or None.

    A window over `firm_span_days`, a region or country, or no place: an analyst decides.
    `named`: the place is a settlement both claims of the pair name (`same_settlement`).
    """
    if claim.span_days > policy.firm_span_days:
        return f"a time window of {claim.span_days} days"
    if named:
        return None
    if not claim.placed:
        return "no usable place"
    if claim.place_precision not in FIRM_PLACES:
        return f"a place known only to the {claim.place_precision}"
    return None


def same_source_member(claim: ClaimFacts, members: Iterable[ClaimFacts]) -> ClaimFacts | None:
    """A member from the claim's own source that is not its mutual accusation (a veto)."""
    for member in members:
        if member.source == claim.source and not is_mutual_accusation(claim, member):
            return member
    return None


def score_incident(
    claim: ClaimFacts, members: Sequence[ClaimFacts], policy: LinkPolicy
) -> tuple[float, ClaimFacts] | None:
    """The claim's score against an incident and its closest claim; None when none may pair.

    The extractor already merged the mentions of one article, so a member from the claim's own
    source vetoes the incident unless the two are a mutual accusation; so does, for an imported
    claim, a member imported from the same dataset. The closest claim is
    the best-scoring one with a firm date and place, if any pairs.
    """
    if same_source_member(claim, members) is not None:
        return None
    if claim.dataset is not None and any(m.dataset == claim.dataset for m in members):
        return None  # two rows of one dataset are two events: it resolved them already
    best: tuple[bool, float, ClaimFacts] | None = None
    total = 0.0
    compared = members[: policy.members_compared]
    for member in compared:
        if blocks(claim, member, policy.max_span_days) is not None:
            continue  # counts as 0 in the mean: a claim must fit the incident, not one member
        score = score_pair(claim, member, policy, explain=False).score
        total += score
        named = same_settlement(claim, member)
        firm = weak_evidence(member, policy, named=named) is None
        if best is None or (firm, score) > best[:2]:
            best = (firm, score, member)
    if best is None:
        return None
    # Best pair and mean together: one close member cannot chain unrelated events together.
    return round(0.6 * best[1] + 0.4 * total / len(compared), 4), best[2]


def decide(
    claim: ClaimFacts, incidents: Mapping[int, Sequence[ClaimFacts]], policy: LinkPolicy
) -> LinkDecision:
    """Join the best incident above the link bar, else open a new one; ask about the middle band.

    `incidents` maps candidate incidents to their claims, nearest first; at most
    `policy.max_incidents` of them are scored. Weak evidence on either side is only suggested.
    """
    weak = weak_evidence(claim, policy)
    scored = [
        candidate
        for incident, members in islice(incidents.items(), policy.max_incidents)
        if (candidate := _candidate(claim, incident, members, weak, policy)) is not None
    ]
    scored.sort(key=lambda c: (-c.linkable, -c.score, c.incident))
    if scored and scored[0].score >= policy.link and scored[0].linkable:
        chosen = scored[0]
        merge = bridged(chosen, scored[1:], incidents, policy)
        suggestions = tuple(c for c in scored[1:] if c.score >= policy.suggest and c not in merge)[
            :3
        ]
        return LinkDecision(
            chosen.incident,
            chosen.score,
            chosen.reasons,
            suggestions,
            chosen.mutual_accusation,
            merge,
        )
    scored.sort(key=lambda c: (-c.score, c.incident))
    suggestions = tuple(c for c in scored if c.score >= policy.suggest)[:3]
    return LinkDecision(None, None, (_why_new(scored, policy),), suggestions)


def bridged(
    chosen: Candidate,
    others: Sequence[Candidate],
    incidents: Mapping[int, Sequence[ClaimFacts]],
    policy: LinkPolicy,
) -> tuple[Candidate, ...]:
    """Incidents that are the chosen one's event told twice: the claim links to each of them
    as it does to the chosen one (above the bar, corroborated, firm), two of their firm claims
    tie on their own just as firmly, and no two of their claims come from one source or one
    dataset (a source's claims, a dataset's rows, are different incidents) or are kept apart
    by blocking. Linking claim by claim splits an event when its first reports disagree (a
    wrong date, the next village); the report that ties both mends it."""
    held = list(incidents[chosen.incident])
    out: list[Candidate] = []
    for other in others:
        if not (other.linkable and other.score >= policy.link):
            continue
        members = incidents[other.incident]
        if any(same_source_member(m, held) is not None for m in members):
            continue
        datasets = {m.dataset for m in held} - {None}
        if any(m.dataset in datasets for m in members):
            continue  # a dataset's rows are different events: it resolved them already
        if any(
            blocks(a, b, policy.max_span_days) is not None
            for a in members
            if weak_evidence(a, policy) is None
            for b in held
            if weak_evidence(b, policy) is None
        ):
            continue
        if not any(
            _same_day(a, b)
            and (pair := score_pair(a, b, policy, explain=False)).score >= policy.link
            and pair.corroborated
            for a in members
            if weak_evidence(a, policy) is None
            for b in held
            if weak_evidence(b, policy) is None
        ):
            continue  # the two incidents must hold two reports that tie on their own
        held.extend(members)
        out.append(other)
    return tuple(out)


def _candidate(
    claim: ClaimFacts,
    incident: int,
    members: Sequence[ClaimFacts],
    weak: str | None,
    policy: LinkPolicy,
) -> Candidate | None:
    """The incident as a candidate for the claim; reasons only when a person will read them."""
    result = score_incident(claim, members, policy)
    if result is None:
        return None
    score, closest = result
    named = same_settlement(claim, closest)
    # Without a usable place or date on either side the bar is higher.
    vague = (
        (not named and (not claim.placed or not any(m.placed for m in members)))
        or claim.span_days > policy.max_span_days
        or closest.span_days > policy.max_span_days
    )
    score = round(score - (policy.vague_margin if vague else 0.0), 4)
    if named:
        weak = weak_evidence(claim, policy, named=True)  # the village both name is a place
    if weak is None and (member_weak := weak_evidence(closest, policy, named=named)) is not None:
        weak = f"its closest claim has {member_weak}"
    elif weak is not None:
        weak = f"the claim has {weak}"
    if score < policy.suggest:
        return Candidate(incident, score, (), weak=weak)
    pair = score_pair(claim, closest, policy)
    reasons = pair.reasons
    if not pair.corroborated:
        reasons = (*reasons, "nothing beyond time, place and type ties them")
    if weak is not None:
        reasons = (*reasons, f"only suggested: {weak}")
    return Candidate(incident, score, reasons, pair.mutual_accusation, pair.corroborated, weak)


def _why_new(scored: Sequence[Candidate], policy: LinkPolicy) -> str:
    """The reason a claim opened an incident of its own."""
    if not scored:
        return "no earlier incident at that place and time"
    best = max(scored, key=lambda c: c.score)
    why = f"closest incident #{best.incident} scored {best.score:.2f}"
    if best.score < policy.link:
        return why
    if best.weak is not None:
        return f"{why}, never linked automatically: {best.weak}"
    return f"{why} without corroboration"
