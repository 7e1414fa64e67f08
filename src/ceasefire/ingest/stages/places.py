"""Stage 5, resolve place: which named place is where the event happened, as a `PlaceRef`.

Not every place in a clause is the event's: the claimant's capital ("authorities in Baku
said"), the venue of a ceremony or meeting, a victim's home ("Khanliglar village resident"),
a hospital, the dateline, and the place fire came from ("from Chambarak region's ...") are
set aside (the last only while a better place is named). Of the rest, a settlement beats a
district, a district beats a region or country. A clause whose places lie in different
districts ("village A of Gadabay region and village B of Kalbajar region") is split into one mention
per district. "In the area" takes the place of the incident told before; "5 km north of X" is
offset from X.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

from ceasefire.domain.linking import distance_km
from ceasefire.domain.model import Place, PlaceRef
from ceasefire.domain.taxonomy import PlacePrecision
from ceasefire.ingest.lexicon import PASSIVE_FIRE, folded
from ceasefire.ingest.stages.reading import Mention, MentionKind, Reading

if TYPE_CHECKING:
    from ceasefire.gazetteer import Gazetteer
    from ceasefire.gazetteer import Mention as PlaceMention

_NOCASE: Final = re.IGNORECASE
_VENUE_BEFORE: Final = folded(
    r"\b(?:ceremony|meeting|talks|conference|summit|visit(?:ing|ed)?|briefing|session|forum|interview|"
    r"hospitals?|hospitali[sz]ed|treatment|court|parliament|embassy|consulate|headquarters|"
    r"residents? of|natives? of|born in|lives? in|living in|studied in|office in|based in|"
    r"travel(?:l?ed|ling)? to|arrived in|flown to|taken to|evacuated to|returned to|moved to)\b"
    r"[^.;,]{0,30}?\b(?:in|at|to|of|near)?\s*(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
    _NOCASE,
)
_RESIDENT_AFTER: Final = folded(
    r"^['’]?s?\s*(?:(?:village|region|district|city|town)\s+)?(?:resident|native|refugee|dweller|"
    r"-born|born)s?\b|^\s*(?:central\s+)?hospital\b|^['’]s\s+(?:central\s+)?hospital",
    _NOCASE,
)
#: "the Martuni regional police department was alerted": an office names a district, not
#: where it happened; it stands only when no other place is named (like a road)
_OFFICE_AFTER: Final = folded(
    r"^\s*(?:(?:regional|district|city|town|village)\s+)?(?:police|prosecutor|court)\b", _NOCASE
)
#: Groups of places that count only when nothing else is named.
_WEAK_GROUPS: Final = ("broad", "route", "office")
_ORIGIN_START: Final = re.compile(r"\bfrom\b", _NOCASE)
_ORIGIN_END: Final = re.compile(
    r"\bfrom\s+\d|\bto\b|\bat\b|[;.]|\bin the direction\b|\btowards?\b|\bwhich\b|\bwhen\b|\bwhile\b"
    r"|\bsubjected\b|\bfired\b|\bopened\b|\bshelled\b",
    _NOCASE,
)
#: "from the positions in the direction of X": the direction still names where fire came from
_ORIGIN_LEAD: Final = re.compile(
    r"\s*(?:the\s+|their\s+|its\s+)?(?:positions?|posts?)\s+$", _NOCASE
)
#: "the Nakhchivan Autonomous Republic", "Gegharkunik Province": a region, never the place itself
_REGION_AFTER: Final = folded(r"^\s*autonomous republic\b")
#: "the Sharur region of the Nakhchivan AR": the second name only says where the first lies
_UNIT_OF_BEFORE: Final = re.compile(
    r"\b[A-Z][\w'’-]+\s+(?:region|district|rayon|province|marz)\s+of\s+(?:the\s+)?$"
)
_PLURAL_INCIDENTS: Final = re.compile(
    r"\b(?:blasts|explosions|detonations|incidents|violations|accidents)\b", _NOCASE
)
#: A seat of government (`_CAPITAL`) in these words stands for the government ("Baku said",
#: "Yerevan's positions", "accused Yerevan"): it names a party, not where anything happened.
_SEAT_AS_PARTY_AFTER: Final = folded(
    r"^(?:['’]s?\s+(?:\w+\s+)?(?:positions?|forces|troops|army|military|side|government|"
    r"authorities|officials|claims?|accusations?|version|statement|response|allegations?)\b"
    r"|\s+(?:has\s+|had\s+|have\s+)?(?:said|says|saying|accused|accuses|accusing|claimed|claims|"
    r"denied|denies|reported|reports|insisted|blamed|responded|confirmed|announced|alleged)\b"
    r"|\s+and\s+(?:baku|yerevan|stepanakert|moscow)\b)",
    _NOCASE,
)
_SEAT_AS_PARTY_BEFORE: Final = folded(
    r"\b(?:accused|accusing|accuses|blamed|blaming|blames|urged|told|and|between)\s+$", _NOCASE
)
_ORGANISATION_AFTER: Final = folded(
    r"^(?:-[\w]+)*\s+(?:LLC|Ltd|Inc|OJSC|CJSC|JSC|Company|Corporation|Holding|Group)\b"
)
_LOCATIVE_BEFORE: Final = folded(
    r"\b(?:in|near|inside|within|across|at|on|along|throughout)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}$",
    _NOCASE,
)
#: "Verin Shorzha village of Gegharkunik Province", "the Upper Dalma area of the Tavush
#: Province": the province of a place we do not know
_UNKNOWN_VILLAGE_OF: Final = folded(
    r"\b(?:village|settlement|town|community|region|area|section|part)\s+of\s+(?:the\s+)?$"
)
_ROUTE_AFTER: Final = folded(
    r"^(?:-[\w]+)*\s*(?:dirt\s+|main\s+|old\s+|new\s+)?(?:road|highway|corridor|route|checkpoint|bypass)\b",
    _NOCASE,
)
_LOCATION_WORDS: Final = re.compile(
    r"\b(?:location|scene|site|took place|occurred|happened|area of|near|outside|in the village)\b",
    _NOCASE,
)
#: "units stationed in the direction of X fired at ...": where the shooters stood
_STATIONED_BEFORE: Final = folded(
    r"\b(?:stationed|located|deployed|positioned|based)\b[^.;]{0,45}$", re.IGNORECASE
)
_VILLAGE_WORD_END: Final = re.compile(r"\s(?:village|town|settlement)s?$", _NOCASE)
_APPOSED_AFTER: Final = re.compile(r",\s*")
_QUALIFIER_AFTER: Final = folded(r"^\s*(?:region|district|rayon|province|marz)?['’]s\b", _NOCASE)
_IN_DISTRICT_AFTER: Final = re.compile(
    r"\s*(?:village|settlement)?\s*(?:,|\bin\b|\bof\b)\s*(?:the\s+)?"
    r"(?P<d>[A-Z][\w'’-]+\s+(?:district|region|rayon|province|marz))",
)
_FIRED_FROM: Final = folded(r"\s+from\b")
#: Capitals stand for governments ("Baku said"): never a place taken from a sentence nearby
_CAPITAL: Final = re.compile(r"baku|yerevan|moscow|ankara|stepanakert|khankendi", _NOCASE)
_BROAD_CODES: Final = frozenset({"PCLI", "PCL", "PCLD", "PCLS", "RGN", "ADM1H", "TERR", "CONT"})

#: The unambiguous places of an article that help pick among homonyms; a few are enough.
_MAX_ANCHORS: Final = 12

Stage = Callable[[Reading], Reading]


@dataclass(frozen=True, slots=True)
class _Candidate:
    place: Place
    mention: PlaceMention
    admin: bool  # named as an admin unit: "Aghdam region", or an A feature
    qualifier: bool  # "Gadabay region's Zamanli": it only says where Zamanli is
    origin: bool  # where fire came from, or a route's end
    group: str  # the district it lies in


def create(gazetteer: Gazetteer | None = None) -> Stage:
    """The place stage over a gazetteer (None: claims get no place)."""

    def resolve_places(reading: Reading) -> Reading:
        if gazetteer is None:
            return reading
        return _resolve(reading, gazetteer)

    return resolve_places


def _resolve(reading: Reading, gazetteer: Gazetteer) -> Reading:
    sentence_of = {s.index: s for s in reading.sentences}
    # only sentences that tell an incident are searched for place names: far fewer words
    found: list[PlaceMention] = []
    for index in sorted(
        {m.sentence for m in reading.mentions if m.kind is not MentionKind.CONTEXT}
    ):
        sentence = sentence_of[index]
        for place_mention in gazetteer.find_mentions(reading.text[sentence.start : sentence.end]):
            if place_mention.candidates:
                found.append(
                    replace(
                        place_mention,
                        start=place_mention.start + sentence.start,
                        end=place_mention.end + sentence.start,
                    )
                )
    distinct = {
        m.candidates[0].geonameid: m.candidates[0]
        for m in found
        if len(m.candidates) == 1 and m.candidates[0].feature_code not in _BROAD_CODES
    }
    anchors = tuple(distinct.values())[:_MAX_ANCHORS]
    cache: dict[tuple[int, int], Place | None] = _one_sense(found, anchors, gazetteer)
    out: list[Mention] = []
    last_place: dict[int, tuple[PlaceRef, str | None]] = {}  # section → place told before
    for mention in reading.mentions:
        sentence = sentence_of[mention.sentence]
        if mention.kind is MentionKind.CONTEXT:
            out.append(mention)
            continue
        if "bare" in mention.flags and not _LOCATION_WORDS.search(
            reading.text[mention.start : mention.end]
        ):
            out.append(mention)
            continue
        candidates = _candidates(reading, mention, found, anchors, gazetteer, cache)
        if not candidates:
            candidates = _sentence_candidates(
                reading, mention, sentence.start, sentence.end, found, anchors, gazetteer, cache
            )
        if mention.kind is MentionKind.EVENT and all(c.group in _WEAK_GROUPS for c in candidates):
            # nothing, or only a country or Karabakh: the next sentence may say where
            candidates = _nearby_candidates(reading, mention, anchors, gazetteer, cache) or (
                candidates
            )
        groups = _groups(candidates)
        relative = _relative(reading.text[mention.start : mention.end], gazetteer, anchors)
        if relative is not None:
            out.append(replace(mention, place=relative[0], place_group=relative[1]))
        elif not groups:
            inherited = last_place.get(sentence.section)
            front = _front_line(reading.text[mention.start : mention.end], gazetteer)
            if inherited and "place_anaphora" in mention.flags:
                place, group = inherited
                out.append(replace(mention, place=place, place_group=group, place_anaphora=True))
            elif front is not None:
                out.append(replace(mention, place=front, place_group="broad"))
            else:
                out.append(mention)
        elif (
            len(groups) > 1
            and mention.kind is MentionKind.EVENT
            and _apart(mention, groups, reading.text)
        ):
            for group, members in groups.items():
                place_ref = _place_ref(_primary(members), gazetteer)
                flags = (mention.flags - {"multi"}) | {"split"}
                out.append(replace(mention, place=place_ref, place_group=group, flags=flags))
        else:
            # one attack on a list of towns ("hit Vardenis, Goris and Jermuk"): one mention,
            # placed at the first named, that keeps every town
            refs = [_place_ref(_primary(members), gazetteer) for members in groups.values()]
            group = next(iter(groups))
            out.append(
                replace(
                    mention,
                    place=refs[0],
                    place_group=group,
                    places=tuple(refs) if len(refs) > 1 else (),
                )
            )
        last = out[-1]
        if last.place is not None and last.kind is not MentionKind.CASUALTIES:
            last_place[sentence.section] = (last.place, last.place_group)
    return replace(reading, mentions=_with_unlisted(reading, tuple(out), gazetteer))


_NAME: Final = r"[A-Z][\w'’]+(?:[ -][A-Z][\w'’]+){0,2}"
#: "the village of Nerkin Hand", "Nerkin-And residential area", "in the vicinity of X": a
#: settlement by name, whether or not the gazetteer knows it
_SETTLEMENT_NAMED: Final = (
    re.compile(rf"\b(?:village|settlement|hamlet|community|vicinity) of (?:the )?({_NAME})"),
    re.compile(rf"\b({_NAME})\s+(?:village|settlement|residential area)\b"),
)

#: Capitalised words that begin no village's name: "the village of Armenian soldiers"
_NOT_SETTLEMENT: Final = re.compile(
    r"(?:Armenian|Azerbaijani|Azeri|Russian|Turkish|Georgian|Iranian|Karabakh|Artsakh|State|"
    r"Border|Defen[cs]e|Ministry|Army|Armed|The|This|That|Its|Their)\b"
)

#: "fired at positions around 400 km (250 miles) from Nerkin Hand": a place named as far away
_DISTANCE_FROM: Final = re.compile(r"\b(?:km|kilomet\w*|miles?)\b[^.;]{0,20}?\bfrom\s+$")


def _with_unlisted(
    reading: Reading, mentions: tuple[Mention, ...], gazetteer: Gazetteer
) -> tuple[Mention, ...]:
    """A settlement the text names that the gazetteer does not know ("near the village of
    Nerkin Hand") joins the `places` of every incident told in a sentence that names it, with
    no coordinates: where the incident is stays the place resolved (a province, or none), and
    linking can still tell two reports of that village apart from the rest of the province."""
    unlisted: dict[str, None] = {}
    for match in (m for p in _SETTLEMENT_NAMED for m in p.finditer(reading.text)):
        name = match.group(1)
        if (
            not _NOT_SETTLEMENT.match(name)
            and not gazetteer.lookup(name)
            and not any(m.candidates for m in gazetteer.find_mentions(name))
        ):
            unlisted[name] = None
    if not unlisted:
        return mentions
    pattern = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in unlisted))
    named_in: dict[int, dict[str, None]] = {}
    for sentence in reading.sentences:
        found = dict.fromkeys(
            m.group(0)
            for m in pattern.finditer(sentence.text)
            if not _DISTANCE_FROM.search(sentence.text, 0, m.start())
        )
        if found:
            named_in[sentence.index] = found
    told = {m.sentence for m in mentions if m.kind is not MentionKind.CONTEXT}
    sentences = reading.sentences
    out = []
    for mention in mentions:
        if mention.kind is MentionKind.CONTEXT or (
            mention.place is not None and mention.place.precision is PlacePrecision.SETTLEMENT
        ):
            out.append(mention)
            continue
        named = dict(named_in.get(mention.sentence, {}))
        after = mention.sentence + 1
        if (
            after < len(sentences)
            and after not in told
            and sentences[after].section == sentences[mention.sentence].section
        ):
            # "... killed by Azerbaijani fire. The fighting occurred near the village of X."
            named.update(named_in.get(after, {}))
        if named:
            refs = tuple(
                PlaceRef(name, None, None, None, PlacePrecision.SETTLEMENT, text=name)
                for name in named
            )
            held = mention.places or ((mention.place,) if mention.place is not None else ())
            mention = replace(mention, places=(*held, *refs))
        out.append(mention)
    return tuple(out)


_KIND_WORDS: Final = re.compile(
    r"\s+(?:village|town|city|settlement|district|region|rayon|province|area)s?\b", _NOCASE
)


def _one_sense(
    found: list[PlaceMention], anchors: tuple[Place, ...], gazetteer: Gazetteer
) -> dict[tuple[int, int], Place | None]:
    """A name the text once puts in a district ("Gizilhajili village of Gazakh district")
    means that place wherever else the text names it without one."""
    located: dict[str, Place] = {}
    for index, place_mention in enumerate(found):
        if len(place_mention.candidates) < 2:
            continue
        district = place_mention.district or _district_after(place_mention, found[index + 1 :])
        if district is None:
            continue
        place = gazetteer.resolve(place_mention, context=(district, *anchors))
        if place is not None and gazetteer.district_of(place) == district:
            located.setdefault(_KIND_WORDS.sub("", place_mention.text).lower(), place)
    if not located:
        return {}
    return {
        (m.start, m.end): located[key]
        for m in found
        if len(m.candidates) > 1 and (key := _KIND_WORDS.sub("", m.text).lower()) in located
    }


def _district_after(place_mention: PlaceMention, after: list[PlaceMention]) -> Place | None:
    """The district named right after a place ("X village of Azerbaijan's Gazakh district")."""
    for other in after[:3]:
        if other.start - place_mention.end > 40:
            break
        if other.kind.value == "admin" and other.candidates:
            return other.candidates[0]
    return None


def _candidates(
    reading: Reading,
    mention: Mention,
    found: list[PlaceMention],
    anchors: tuple[Place, ...],
    gazetteer: Gazetteer,
    cache: dict[tuple[int, int], Place | None],
) -> list[_Candidate]:
    return _in_span(reading, mention, mention.start, mention.end, found, anchors, gazetteer, cache)


def _sentence_candidates(
    reading: Reading,
    mention: Mention,
    start: int,
    end: int,
    found: list[PlaceMention],
    anchors: tuple[Place, ...],
    gazetteer: Gazetteer,
    cache: dict[tuple[int, int], Place | None],
) -> list[_Candidate]:
    # Places of the other clauses of the sentence, unless those clauses report their own event
    others = [
        m
        for m in _in_sentence(reading, mention.sentence)
        if m is not mention and m.kind is not MentionKind.CONTEXT
    ]
    spans = [(start, end)]
    for other in others:
        spans = [piece for s, e in spans for piece in _cut(s, e, other.start, other.end)]
    out: list[_Candidate] = []
    for s, e in spans:
        out.extend(_in_span(reading, mention, s, e, found, anchors, gazetteer, cache))
    return out


def _nearby_candidates(
    reading: Reading,
    mention: Mention,
    anchors: tuple[Place, ...],
    gazetteer: Gazetteer,
    cache: dict[tuple[int, int], Place | None],
) -> list[_Candidate]:
    """Places of the sentences around an incident that names none: the sentence before when
    it points back ("was blown up by a mine there"), else the next sentences of the passage
    that tell no incident of their own ("... this morning. Residents of X were targeted")."""
    sentences = reading.sentences
    own = sentences[mention.sentence]
    told = {m.sentence for m in reading.mentions if m.kind is not MentionKind.CONTEXT}
    step = -1 if "place_anaphora" in mention.flags else 1
    for index in (mention.sentence + step,):
        if not 0 <= index < len(sentences):
            return []
        sentence = sentences[index]
        if sentence.section != own.section or index in told:
            return []
        found = [
            replace(m, start=m.start + sentence.start, end=m.end + sentence.start)
            for m in gazetteer.find_mentions(reading.text[sentence.start : sentence.end])
            if m.candidates
        ]
        out = [
            c
            for c in _in_span(
                reading, mention, sentence.start, sentence.end, found, anchors, gazetteer, cache
            )
            if c.group not in _WEAK_GROUPS
            and not c.origin
            and not _CAPITAL.fullmatch(c.mention.text)
        ]
        if out:
            return out
    return []


def _in_sentence(reading: Reading, sentence: int) -> list[Mention]:
    """The mentions of one sentence (mentions are in sentence order)."""
    mentions = reading.mentions
    low, high = 0, len(mentions)
    while low < high:
        middle = (low + high) // 2
        if mentions[middle].sentence < sentence:
            low = middle + 1
        else:
            high = middle
    out = []
    while low < len(mentions) and mentions[low].sentence == sentence:
        out.append(mentions[low])
        low += 1
    return out


def _cut(s: int, e: int, cut_start: int, cut_end: int) -> list[tuple[int, int]]:
    pieces = []
    if cut_start > s:
        pieces.append((s, min(e, cut_start)))
    if cut_end < e:
        pieces.append((max(s, cut_end), e))
    return [(a, b) for a, b in pieces if b > a]


def _in_span(
    reading: Reading,
    mention: Mention,
    start: int,
    end: int,
    found: list[PlaceMention],
    anchors: tuple[Place, ...],
    gazetteer: Gazetteer,
    cache: dict[tuple[int, int], Place | None],
) -> list[_Candidate]:
    text = reading.text
    # "a statement from the ministry" names a speaker, not where fire came from
    origins = [
        (o_start, o_end)
        for o_start, o_end in _origin_spans(text, start, end)
        if not any(s <= o_start < e for s, e in mention.attribution_spans)
    ]
    first = bisect.bisect_left(found, start, key=lambda m: m.start)
    local = []
    for place_mention in found[first:]:
        if place_mention.start >= end:
            break
        if place_mention.end <= end:
            local.append(place_mention)
    context_of = {id(m): tuple(o.candidates[0] for o in local if o is not m) for m in local}
    # "positions stationed in X were subjected to fire": X is where fire landed
    passive = bool(PASSIVE_FIRE.search(reading.folded, start, end))
    out: list[_Candidate] = []
    for place_mention in local:
        if any(s <= place_mention.start < e for s, e in mention.attribution_spans):
            continue
        # the words around, folded: these patterns are case-free
        before = reading.folded[max(start, place_mention.start - 70) : place_mention.start]
        after = reading.folded[place_mention.end : place_mention.end + 40]
        if _VENUE_BEFORE.search(before) or _RESIDENT_AFTER.match(after):
            continue
        if _ORGANISATION_AFTER.match(after):
            continue  # "Korpu-Bina-Tikinti LLC" is a company, not the village of Bina
        if _CAPITAL.fullmatch(place_mention.text) and (
            _SEAT_AS_PARTY_AFTER.match(after) or _SEAT_AS_PARTY_BEFORE.search(before)
        ):
            continue
        if _REGION_AFTER.match(after):
            continue  # "of the Nakhchivan Autonomous Republic" qualifies, it is not the place
        key = (place_mention.start, place_mention.end)
        if key not in cache:
            context = context_of[id(place_mention)] + anchors
            cache[key] = gazetteer.resolve(place_mention, context=context)
        place = cache[key]
        if place is None:
            continue
        admin = place_mention.kind.value == "admin" or place.feature_class == "A"
        district = place if admin else gazetteer.district_of(place)
        group = f"d{district.geonameid}" if district is not None else f"p{place.geonameid}"
        if _ROUTE_AFTER.match(after):
            group = "route"  # "the Lachin road" runs far from Lachin: only when nothing else
        elif _OFFICE_AFTER.match(after):
            group = "office"
        elif place.feature_code in _BROAD_CODES or _is_broad(place):
            # a country or Karabakh is a place only where the text puts the event in it
            if not _LOCATIVE_BEFORE.search(before) and not _UNKNOWN_VILLAGE_OF.search(before):
                continue
            group = "broad"
        out.append(
            _Candidate(
                place=place,
                mention=place_mention,
                admin=admin,
                qualifier=bool(_QUALIFIER_AFTER.match(after))
                or _names_the_next(place_mention, after, local)
                or bool(
                    _UNIT_OF_BEFORE.search(
                        text, max(start, place_mention.start - 60), place_mention.start
                    )
                ),
                origin=any(s <= place_mention.start < e for s, e in origins)
                or (
                    place_mention.start < mention.trigger[0]
                    and bool(_STATIONED_BEFORE.search(before))
                    and not passive
                ),
                group=group,
            )
        )
    out = _apposed_namesakes(text, _outside_named_district(text, out))
    landed = [c for c in out if not c.origin]
    if any(c.group not in _WEAK_GROUPS for c in landed) or _FIRED_FROM.match(
        reading.folded, mention.trigger[1]
    ):
        return landed  # "the troops fired from their positions in X": where fire came from
    # fire from abroad tells where it came from, not where it landed; a route's ends will do
    return landed + [
        c
        for c in out
        if c.origin and c.place.precision() in (PlacePrecision.SETTLEMENT, PlacePrecision.DISTRICT)
    ]


def _names_the_next(place_mention: PlaceMention, after: str, local: list[PlaceMention]) -> bool:
    """ "another Martuni village, Chartar": the first name only says where the second lies."""
    if not _VILLAGE_WORD_END.search(place_mention.text):
        return False
    comma = _APPOSED_AFTER.match(after)
    return comma is not None and any(
        o.start == place_mention.end + comma.end() for o in local if o is not place_mention
    )


def _outside_named_district(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """ "the village of Mirzali, Aghdam district" where the gazetteer knows no Mirzali in Aghdam:
    the district stands for the village, not a namesake elsewhere."""
    districts = {c.mention.text.lower(): c for c in candidates if c.admin}
    if not districts:
        return candidates
    out = []
    for candidate in candidates:
        named = _IN_DISTRICT_AFTER.match(text, candidate.mention.end)
        district = districts.get(named.group("d").lower()) if named else None
        if district is not None and not candidate.admin and district.group != candidate.group:
            continue
        out.append(candidate)
    return out


#: "X, Y" followed by another name or a conjunction is a list of towns, not a place and where
#: it lies
_LIST_GOES_ON: Final = re.compile(r"\s*(?:,\s*[A-Z]|(?:,\s*)?(?:and|or)\s+[A-Z])")


def _apposed_namesakes(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """ "in the direction of Zoravan, Martuni": two names joined by a comma alone, with no
    list going on, are a place and the town or district it lies in. When the gazetteer's
    place of the first name lies far from the second, it is a namesake elsewhere (the village
    is not in the gazetteer): the second name stands for the place."""
    out = []
    for candidate in candidates:
        end = candidate.mention.end
        comma = _APPOSED_AFTER.match(text, end)
        after = next(
            (
                c
                for c in candidates
                if comma is not None and c.mention.start == comma.end() and c is not candidate
            ),
            None,
        )
        if (
            after is not None
            and not after.admin
            and not _LIST_GOES_ON.match(text, after.mention.end)
            and distance_km(
                candidate.place.lat, candidate.place.lon, after.place.lat, after.place.lon
            )
            > _APPOSED_KM
        ):
            continue
        out.append(candidate)
    return out


#: How far a place may lie from the town named after it ("X, Y") and still be that X.
_APPOSED_KM: Final = 40.0


def _is_broad(place: Place) -> bool:
    return (
        place.precision() in (PlacePrecision.COUNTRY, PlacePrecision.REGION)
        and place.feature_class != "P"
    )


def _origin_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for match in _ORIGIN_START.finditer(text, start, end):
        stop = _ORIGIN_END.search(text, match.end(), end)
        if (
            stop is not None
            and stop.group(0).lower() == "in the direction"
            and _ORIGIN_LEAD.fullmatch(text, match.end(), stop.start())
        ):
            stop = _ORIGIN_END.search(text, stop.end(), end)
        spans.append((match.start(), stop.start() if stop else end))
    return spans


def _apart(mention: Mention, groups: dict[str, list[_Candidate]], text: str) -> bool:
    """Whether places in several districts are several incidents: the text counts them ("two
    violations were recorded in A and B", "mine blasts in A and B") or puts each in its own
    district ("Gadabay region's X and Kalbajar region's Y"). A bare list of towns is one
    attack on all of them."""
    if "multi" in mention.flags or _PLURAL_INCIDENTS.search(text, *mention.trigger):
        return True
    located = [
        key
        for key, members in groups.items()
        if any(c.qualifier or c.mention.district is not None for c in members)
    ]
    return len(located) >= 2


def _groups(candidates: list[_Candidate]) -> dict[str, list[_Candidate]]:
    """Candidates by district; districts named apart stay apart, close places go together.

    A qualifier ("Nakhchivan's Sadarak region") only locates another place; broad places
    (a country, Karabakh) count only when nothing else is named.
    """
    groups: dict[str, list[_Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(candidate.group, []).append(candidate)
    for weak in _WEAK_GROUPS:
        if len(groups) > 1:
            groups.pop(weak, None)
    if len(groups) > 1:
        groups = {k: v for k, v in groups.items() if not all(c.qualifier for c in v)} or groups
    keys = list(groups)
    for i, key in enumerate(keys):
        for other in keys[:i]:
            if other in groups and key in groups and _close(groups[other], groups[key]):
                groups[other].extend(groups.pop(key))
                break
    return groups


def _close(a: list[_Candidate], b: list[_Candidate]) -> bool:
    """Two places near each other (two neighbouring villages) make one incident place,
    unless the text names their districts apart."""
    if any(c.admin for c in a) and any(c.admin for c in b):
        return False
    pa, pb = _primary(a).place, _primary(b).place
    return distance_km(pa.lat, pa.lon, pb.lat, pb.lon) <= 25.0


def _primary(members: list[_Candidate]) -> _Candidate:
    """The place a group stands for: the first settlement that is not only a qualifier."""

    def rank(candidate: _Candidate) -> tuple[int, int]:
        precision = candidate.place.precision()
        order = {
            PlacePrecision.SITE: 1,
            PlacePrecision.SETTLEMENT: 0,
            PlacePrecision.DISTRICT: 2,
            PlacePrecision.REGION: 3,
            PlacePrecision.COUNTRY: 4,
            PlacePrecision.UNKNOWN: 5,
        }[precision]
        if candidate.admin and precision is PlacePrecision.SETTLEMENT:
            order = 2  # "Sadarak region" named as a district, though GeoNames has the village
        if candidate.qualifier:
            order += 1
        return order, candidate.mention.start

    return min(members, key=rank)


#: The Karabakh front line of 1994-2020 ("along the entire line of contact")
_FRONT_LINE: Final = re.compile(
    r"\b(?:line of contact|contact line|Karabakh front(?:[- ]?line)?|front[- ]?line in Karabakh)\b",
    _NOCASE,
)


def _front_line(clause: str, gazetteer: Gazetteer) -> PlaceRef | None:
    """An event put only on the line of contact lies in Karabakh: the region, no finer."""
    if not _FRONT_LINE.search(clause):
        return None
    region = next(
        (p for p in gazetteer.lookup("Nagorno-Karabakh") if p.feature_code == "RGN"), None
    )
    if region is None:
        return None
    return PlaceRef(
        region.name,
        region.geonameid,
        round(region.lat, 5),
        round(region.lon, 5),
        PlacePrecision.REGION,
        "line of contact",
    )


def _place_ref(candidate: _Candidate, gazetteer: Gazetteer) -> PlaceRef:
    place = candidate.place
    precision = place.precision()
    if candidate.admin and precision is PlacePrecision.SETTLEMENT:
        # "Aghdam district": the rayon the town is the seat of. Where the gazetteer files no
        # district between town and province (Armenia's former raions: "Gafan district"),
        # the town stands for its district; the province would be a region.
        district = gazetteer.district_of(place)
        if district is not None and district.precision() is PlacePrecision.DISTRICT:
            place = district
        precision = PlacePrecision.DISTRICT
    return PlaceRef(
        name=place.name,
        gazetteer_id=place.geonameid,
        lat=round(place.lat, 5),
        lon=round(place.lon, 5),
        precision=precision,
        text=candidate.mention.text,
    )


def _relative(
    clause: str, gazetteer: Gazetteer, anchors: tuple[Place, ...]
) -> tuple[PlaceRef, str] | None:
    """ "5 km north of Aghdam": a point offset from the named place."""
    if not re.search(r"\d\s*(?:km|kilomet|mi)", clause, _NOCASE):
        return None
    parsed = gazetteer.parse_relative(clause)
    if parsed is None:
        return None
    km, bearing, name = parsed
    place = gazetteer.resolve(name, context=anchors)
    if place is None:
        return None
    lat, lon = gazetteer.offset(place, km, bearing)
    district = gazetteer.district_of(place)
    group = f"d{district.geonameid}" if district is not None else f"p{place.geonameid}"
    ref = PlaceRef(
        name=f"{km:g} km {bearing} of {place.name}",
        gazetteer_id=None,
        lat=round(lat, 5),
        lon=round(lon, 5),
        precision=PlacePrecision.SITE,
        text=f"{km:g} km {bearing} of {name}",
    )
    return ref, group
