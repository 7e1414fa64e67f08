"""Gazetteer: the places of Azerbaijan and Armenia by every name the parties and press use.

Data: GeoNames (geonames.org), CC BY 4.0, with our alias table (aliases.csv) for the names
GeoNames lacks (Khankandi, Kelbajar, Karvachar, Varanda, Gubadli, Kashunik, Hadrud...) and
our extra places (places_extra.csv: Armenia's provinces, a few villages GeoNames lacks).

    >>> g = Gazetteer.bundled()
    >>> g.resolve("Stepanakert").name
    'Khankendi'
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final

from ceasefire.domain.model import Place
from ceasefire.errors import NotFound
from ceasefire.gazetteer._districts import (
    DISTRICT_CODES,
    SEAT_CODES,
    locate_in_districts,
    within,
)
from ceasefire.gazetteer._districts import is_admin as _is_admin
from ceasefire.gazetteer._geo import bearing_degrees, destination, distance_km
from ceasefire.gazetteer._geo import parse_relative as _parse_relative
from ceasefire.gazetteer._names import (
    ADMIN_WORDS,
    FUNCTION_WORDS,
    NOT_PLACES,
    SETTLEMENT_WORDS,
    SURNAME_ENDINGS,
    KindHint,
    loose_key,
    name_key,
    split_kind,
)
from ceasefire.gazetteer._store import (
    ADMIN_ONLY,
    ATTRIBUTION,
    PARTIAL,
    PREFERRED,
    Tables,
    load_bundled,
)

__all__ = ["ATTRIBUTION", "Gazetteer", "KindHint", "Mention", "distance_km"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in running text: `text == source[start:end]`, candidates best first.

    `kind` is what the surrounding words say ("admin" for "Aghdam region", "settlement" for
    "Taghavard village"); the kind word is part of the span. `district` is the district the
    text puts the place in ("Agdam in the Tovuz district", "Zamanli village of Gadabay
    region", "Agdam (Tovuz)", "Aghdam's Garvand"); candidates inside it come first.
    """

    start: int
    end: int
    text: str
    candidates: tuple[Place, ...]
    kind: KindHint = KindHint.NONE
    district: Place | None = None


@dataclass(frozen=True, slots=True)
class _Candidate:
    place: Place
    tier: int  # 0 exact name, 1 loose spelling, 2 name without its upper/lower word
    flags: int


# Words, with inner apostrophes ("T'aghavard") but not the possessive "'s".
_WORD: Final = re.compile(r"[^\W\d_]+(?:['’ʼ](?!s\b)[^\W\d_]+)*")
_JOINERS: Final = frozenset({" ", "-", "‐", "‑", " - ", "–"})
_KIND_WORDS: Final = ADMIN_WORDS | SETTLEMENT_WORDS
_MAX_TOKENS: Final = 5
_POSSESSIVE: Final = re.compile(r"['’]s\b")
#: After a name, the legal form of a company: "Korpu-Bina-Tikinti LLC" is no place.
_COMPANY_AFTER: Final = re.compile(
    r"(?:[-‐‑][A-Z][\w'’]*)*\s+(?:LLC|Ltd|JSC|OJSC|CJSC|Inc|PLC|GmbH|Company|Corporation|Holding)\b"
)
_CLASS_SCORE: Final = {"P": 3.0, "A": 2.5, "L": 2.0, "T": 1.5, "H": 1.0, "S": 0.5}
_TIER_SCORE: Final = (2.0, 0.0, -1.0)
#: A place whose own name is the one written beats one that has it only as an alternate (an
#: old or other-language name: Jermuk was "Istisu", Argel was "Lusakert").
_OWN_NAME_SCORE: Final = 1.0
#: Words near a name that say which kind of feature it is ("the Chirag hotel").
_FEATURE_WORDS: Final = {
    "hotel": ("HTL",), "airport": ("AIRP", "AIRF", "AIRB"), "station": ("RSTN",),
    "mountain": ("MT", "MTS", "PK"), "mount": ("MT", "PK"), "peak": ("PK", "MT"),
    "heights": ("MT", "HLL", "HLLS"), "hill": ("HLL", "MT"), "river": ("STM",),
    "lake": ("LK",), "reservoir": ("RSV",), "pass": ("PASS",), "monastery": ("MSTY",),
}  # fmt: skip
_NOT_DISTRICT_CODES: Final = frozenset({"ADM1", "ADM2", "ADM3", "ADMD", "PCLI", "RGN"})
_NEAR_CACHE_SIZE: Final = 512
#: Districts along the Armenia-Azerbaijan border and the former line of contact, where the
#: incidents a monitor reads about happen: of namesakes alike in all else, the one there wins
#: (worth a population four times as large).
_FRONTIER: Final = frozenset(
    {
        # Azerbaijan: Qazakh, Aghstafa, Tovuz, Gadabay, Dashkasan, Kalbajar, Lachin, Qubadli,
        # Zangilan, Nakhchivan; Goranboy, Tartar, Aghdam, Khojaly, Khankendi, Shusha (rayon
        # and city), Khojavend, Fuzuli, Jabrayil
        "AZ.40", "AZ.05", "AZ.58", "AZ.19", "AZ.16", "AZ.26", "AZ.28", "AZ.43", "AZ.69",
        "AZ.35", "AZ.21", "AZ.57", "AZ.03", "AZ.64", "AZ.61", "AZ.55", "AZ.56", "AZ.65",
        "AZ.18", "AZ.14",
        # Armenia: Tavush, Gegharkunik, Vayots Dzor, Syunik, Ararat
        "AM.09", "AM.04", "AM.10", "AM.08", "AM.02",
    }
)  # fmt: skip
_FRONTIER_SCORE: Final = 0.3
_NAKHCHIVAN_ADMIN1: Final = "35"  # Nakhchivan's rayons are ADM2 under the ADM1 republic


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> tuple[str, str]:
    """Exact and loose key of one word (words repeat across articles: remembered)."""
    key = name_key(word)
    return key, loose_key(key)


@lru_cache(maxsize=65536)
def _folded(key: str) -> str:
    """Loose key of a whole name key (resolve folds the same names again and again)."""
    return loose_key(key)


@cache
def _bundled() -> Gazetteer:
    return Gazetteer(load_bundled())


class Gazetteer:
    """Look up, find in text and disambiguate places; built from the bundled data file."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables
        self._common_words = tables.common_words
        self._near_cache: dict[str, list[Mention]] = {}

    @classmethod
    def bundled(cls) -> Gazetteer:
        """The gazetteer shipped in the package, loaded once per process."""
        return _bundled()

    def __len__(self) -> int:
        return len(self._tables)

    def __iter__(self) -> Iterator[Place]:
        """Every place, by id."""
        return (self._tables.place(geonameid) for geonameid in self._tables.ids())

    def get(self, geonameid: int) -> Place:
        """The place with this id; `NotFound` if the gazetteer has none."""
        try:
            return self._tables.place(geonameid)
        except KeyError:
            raise NotFound(f"no place with gazetteer id {geonameid}") from None

    def lookup(self, name: str) -> list[Place]:
        """Every place known by `name` (any script, any party's usage), best first."""
        key, hint = split_kind(name_key(name))
        return [c.place for c in self._candidates(key, hint)]

    def _candidates(self, key: str, hint: KindHint, folded: str | None = None) -> list[_Candidate]:
        found: dict[int, _Candidate] = {}
        folded = _folded(key) if folded is None else folded
        tables = [(self._tables.exact(key), 0)]
        if folded != key:
            tables.append((self._tables.exact(folded), 1))
        tables.append((self._tables.loose(folded), 1))
        for codes, tier in tables:
            for code in codes:
                geonameid, flags = code >> 3, code & 7
                if (flags & ADMIN_ONLY and hint is not KindHint.ADMIN) or geonameid in found:
                    continue
                place_tier = 2 if flags & PARTIAL else tier
                found[geonameid] = _Candidate(self._tables.place(geonameid), place_tier, flags)
        ordered = sorted(found.values(), key=lambda c: c.tier)
        if hint is KindHint.ADMIN:
            ordered.sort(key=lambda c: not _is_admin(c.place))
        elif hint is KindHint.SETTLEMENT:
            ordered.sort(key=lambda c: c.place.feature_class != "P")
        return ordered

    # --- names in running text -------------------------------------------------------------

    def find_mentions(self, text: str) -> list[Mention]:
        """Place names in English text, longest first, not overlapping, with char offsets."""
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        folds = [_word_keys(word) for _, _, word in words]
        keys = [key for key, _ in folds]
        looses = [folded for _, folded in folds]
        capital = [word[0].isupper() for _, _, word in words]
        starts = self._tables.multiword_starts
        gaps = [text[words[i][1] : words[i + 1][0]] for i in range(len(words) - 1)] + [""]
        joined = [gap in _JOINERS for gap in gaps]
        spaced = [gap == " " for gap in gaps]
        mentions: list[Mention] = []
        i = 0
        while i < len(words):
            if not capital[i]:
                i += 1
                continue
            last = i
            while last - i + 1 < _MAX_TOKENS and joined[last] and capital[last + 1]:
                last += 1
            for end in range(last if keys[i] in starts or looses[i] in starts else i, i - 1, -1):
                key = " ".join(keys[i : end + 1])
                folded = " ".join(looses[i : end + 1])
                if not self._tables.knows(key, folded):
                    continue
                candidates = self._mention_candidates(key, folded, words[i : end + 1])
                if candidates:
                    break
            else:
                i += 1
                continue
            initial = i > 0 and gaps[i - 1] == ". " and len(words[i - 1][2]) == 1 and capital[i - 1]
            if end == i and (
                initial  # "G. Ghukasyan": a surname after an initial, not the old Ashotsk
                or self._in_personal_name(i, keys, capital, spaced, candidates)
                or self._surname_beside_name(i, keys, looses, capital, spaced)
            ):
                i += 1
                continue
            if _COMPANY_AFTER.match(text, words[end][1]):
                i = end + 1
                continue
            hint = KindHint.NONE
            after = end
            if joined[end] and keys[end + 1] in _KIND_WORDS:
                after = end + 1
                hint = KindHint.ADMIN if keys[after] in ADMIN_WORDS else KindHint.SETTLEMENT
            elif self._after_settlement_word(i, keys, joined):
                hint = KindHint.SETTLEMENT
            if hint is not KindHint.NONE:
                candidates = self._candidates(key, hint, folded) or candidates
            start, stop = words[i][0], words[after][1]
            mentions.append(
                Mention(start, stop, text[start:stop], tuple(c.place for c in candidates), hint)
            )
            i = after + 1
        return (
            locate_in_districts(text, mentions, self._district_named)
            if len(mentions) > 1
            else mentions
        )

    def _district_named(self, mention: Mention, located: Mention) -> Place | None:
        """The rayon or marz a mention names ("Tovuz district", or "Tovuz", the rayon seat);
        of two units so named (Shusha rayon and city), one holding a place named `located`."""
        if not mention.candidates:
            return None
        if mention.kind is KindHint.ADMIN:
            units = [
                p
                for p in mention.candidates
                if p.feature_class == "A" and p.feature_code in DISTRICT_CODES
            ]
            holding = (u for u in units if any(within(p, u) for p in located.candidates))
            return next(holding, units[0] if units else None)
        top = mention.candidates[0]
        if top.feature_class == "A" and top.feature_code in DISTRICT_CODES:
            return top
        if top.feature_code in SEAT_CODES:
            return self._admin1_of(top)
        return None

    def _admin1_of(self, place: Place) -> Place | None:
        district = self._tables.districts.get(f"{place.country}.{place.admin1}")
        return None if district is None else self._tables.place(district)

    @staticmethod
    def _after_settlement_word(i: int, keys: Sequence[str], joined: Sequence[bool]) -> bool:
        """Whether "village", "town" or "village of" stands right before word `i`."""
        if i > 0 and joined[i - 1] and keys[i - 1] in SETTLEMENT_WORDS:
            return True
        return i > 1 and keys[i - 1] == "of" and joined[i - 1] and keys[i - 2] in SETTLEMENT_WORDS

    @staticmethod
    def _in_personal_name(
        i: int,
        keys: Sequence[str],
        capital: Sequence[bool],
        spaced: Sequence[bool],
        candidates: Sequence[_Candidate],
    ) -> bool:
        """Whether the one-word name at `i` stands beside another capitalised word (one space
        apart) as part of a person's name ("Gurgen Nersisian", "Yaşar Guler")."""
        neighbours = []
        if i > 0 and spaced[i - 1] and capital[i - 1] and keys[i - 1] not in FUNCTION_WORDS:
            neighbours.append(keys[i - 1])
        if i + 1 < len(keys) and spaced[i] and capital[i + 1] and keys[i + 1] not in _KIND_WORDS:
            neighbours.append(keys[i + 1])
        if not neighbours:
            return False
        if any(n.endswith(SURNAME_ENDINGS) for n in neighbours):
            return True
        best = candidates[0]
        important = (
            best.flags & PREFERRED
            or best.place.feature_class == "A"
            or best.place.population >= 5000
        )
        return not important

    def _surname_beside_name(
        self,
        i: int,
        keys: Sequence[str],
        looses: Sequence[str],
        capital: Sequence[bool],
        spaced: Sequence[bool],
    ) -> bool:
        """Whether a surname-like word ("Yagublu", "Alibayli") stands beside a capitalised word
        that names no place: "Serviceman Farman Yagublu", "Alibayli Shahriyar Ramiz"."""
        if not keys[i].endswith(SURNAME_ENDINGS):
            return False

        def given_name(j: int) -> bool:
            return (
                0 <= j < len(keys)
                and capital[j]
                and keys[j] not in FUNCTION_WORDS
                and keys[j] not in _KIND_WORDS
                and not self._tables.knows(keys[j], looses[j])
            )

        return (i > 0 and spaced[i - 1] and given_name(i - 1)) or (
            i + 1 < len(keys) and spaced[i] and given_name(i + 1)
        )

    def _mention_candidates(
        self, key: str, folded: str, words: Sequence[tuple[int, int, str]]
    ) -> list[_Candidate]:
        if len(words) == 1:
            word = words[0][2]
            if key in self._common_words or key in NOT_PLACES or len(key) < 3:
                return []
            if word.isupper() and len(word) <= 4:
                return []  # acronyms: OSCE, MOD, NATO
        elif all(_word_keys(w)[0] in self._common_words for _, _, w in words):
            return []
        candidates = self._candidates(key, KindHint.NONE, folded)
        if not candidates:
            return []
        best = candidates[0]
        if best.tier > 0 and len(key) < 5:
            return []  # short names must be spelled exactly
        if len(key) == 3 and not (best.flags & PREFERRED or best.place.population >= 1000):
            return []
        return candidates

    # --- disambiguation ----------------------------------------------------------------------

    def resolve(
        self,
        mention_or_name: Mention | str,
        *,
        context: Sequence[Place] = (),
        near_text: str = "",
    ) -> Place | None:
        """The place meant, or None: weighs the district the text puts it in ("village X of Y
        district", "X (Y region)"; from the mention or found in `near_text`), other districts
        named nearby, the article's other places (`context`), feature class, our alias table,
        whether the name is the place's own, the border districts and population. A place the
        text puts in a district that has none of that name resolves to the district: coarser,
        but not a namesake elsewhere."""
        district: Place | None = None
        if isinstance(mention_or_name, Mention):
            written = mention_or_name.text
            key, hint = split_kind(name_key(written))
            if mention_or_name.kind is not KindHint.NONE:
                hint = mention_or_name.kind
            candidates = self._candidates(key, hint) or [
                _Candidate(p, 0, 0) for p in mention_or_name.candidates
            ]
            district = mention_or_name.district
        else:
            written = mention_or_name
            key, hint = split_kind(name_key(written))
            candidates = self._candidates(key, hint)
        candidates = [c for c in candidates if c.place.country in ("AZ", "AM")]
        if district is None and near_text:
            district = self._district_in(near_text, key)
        if district is not None and candidates:
            inside = [c for c in candidates if within(c.place, district)]
            if not inside:
                return district
            candidates = inside
        if len(candidates) <= 1:
            return candidates[0].place if candidates else None
        named, nearby = self._districts_near(near_text, key)
        feature_codes = _feature_codes_named(near_text)
        anchors = [p for p in context if p.feature_code not in ("PCLI", "RGN")]
        anchor_districts = {d.geonameid for d in map(self.district_of, anchors) if d}
        anchor_districts |= {p.geonameid for p in anchors if _is_admin(p)}

        folded_key = _folded(key)

        def score(candidate: _Candidate) -> float:
            place = candidate.place
            total = _CLASS_SCORE.get(place.feature_class, 0.0) + _TIER_SCORE[candidate.tier]
            total += 3.0 if candidate.flags & PREFERRED else 0.0
            full, bare = _own_keys(place.name)
            named_as_unit = hint is KindHint.ADMIN or folded_key == full
            if named_as_unit or not _is_admin(place) or candidate.flags & PREFERRED:
                # a rayon's people do not make its other names famous ("Dərəkənd")
                total += 0.5 * math.log10(place.population + 1)
            total += 1.0 if place.feature_code in ("PPLC", "PPLA") else 0.0
            if f"{place.country}.{place.admin1}" in _FRONTIER:
                total += _FRONTIER_SCORE  # where villages left empty by war are still named
            elif place.feature_code == "PPLQ":
                total -= 0.5
            if folded_key == (bare if hint is KindHint.ADMIN or not _is_admin(place) else full):
                total += _OWN_NAME_SCORE  # written bare, "Tovuz" is not "Tovuz Rayon"
            if _fits_hint(place, hint):
                total += 8.0
            if place.feature_code in feature_codes:
                total += 8.0
            district = self.district_of(place)
            home = {place.geonameid, district.geonameid if district else 0}
            if home & named:
                total += 8.0
            elif home & nearby:
                total += 2.0
            if home & anchor_districts:
                total += 2.0
            if anchors:
                closest = min(distance_km(place.lat, place.lon, a.lat, a.lon) for a in anchors)
                total += max(0.0, 2.0 - closest / 25.0)
            return total

        return max(candidates, key=score).place

    def _districts_near(self, near_text: str, key: str) -> tuple[set[int], set[int]]:
        """Ids of the districts named as such near a name ("Gadabay region"), and of the
        districts of the other places named there."""
        named: set[int] = set()
        nearby: set[int] = set()
        if not near_text:
            return named, nearby
        for mention in self._mentions_near(near_text):
            other_key, _ = split_kind(name_key(mention.text))
            if other_key == key or not mention.candidates:
                continue
            if mention.kind is KindHint.ADMIN:
                admins = [p for p in mention.candidates if _is_admin(p)]
                named.update(p.geonameid for p in admins[:2])
            elif _POSSESSIVE.match(near_text, mention.end):
                # "Aghdam's Garvand village": the possessor is the district.
                top = mention.candidates[0]
                district = top if _is_admin(top) else self.district_of(top)
                if district is not None:
                    named.add(district.geonameid)
            else:
                top = mention.candidates[0]
                district = top if _is_admin(top) else self.district_of(top)
                if district is not None:
                    nearby.add(district.geonameid)
        return named, nearby

    def _district_in(self, near_text: str, key: str) -> Place | None:
        """The district `near_text` puts the place named `key` in, if it names one."""
        folded = ""
        for mention in self._mentions_near(near_text):
            if mention.district is not None:
                folded = folded or _folded(key)
                if _folded(split_kind(name_key(mention.text))[0]) == folded:
                    return mention.district
        return None

    def _mentions_near(self, near_text: str) -> list[Mention]:
        """`find_mentions` of a sentence, remembered: resolve sees the same sentence often."""
        found = self._near_cache.get(near_text)
        if found is None:
            if len(self._near_cache) >= _NEAR_CACHE_SIZE:
                self._near_cache.clear()
            found = self._near_cache[near_text] = self.find_mentions(near_text)
        return found

    # --- administrative units and geometry ---------------------------------------------------

    def district_of(self, place: Place) -> Place | None:
        """The district containing a place: the rayon in Azerbaijan (Nakhchivan's rayons
        too), the marz in Armenia; None for admin units themselves or when unknown."""
        if place.feature_code in _NOT_DISTRICT_CODES:
            return None
        if place.country == "AZ" and place.admin1 == _NAKHCHIVAN_ADMIN1 and place.admin2.isdigit():
            rayon = int(place.admin2)
            if rayon in self._tables:
                return self._tables.place(rayon)
        district = self._tables.districts.get(f"{place.country}.{place.admin1}")
        return None if district is None else self._tables.place(district)

    def offset(self, place: Place, km: float, bearing: str) -> tuple[float, float]:
        """(lat, lon) `km` from `place` towards `bearing` ("north", "south-east", "NE")."""
        return destination(place.lat, place.lon, km, bearing_degrees(bearing))

    @staticmethod
    def parse_relative(text: str) -> tuple[float, str, str] | None:
        """(km, compass point, name) from "5 km north of Aghdam"; None if there is none."""
        return _parse_relative(text)


@lru_cache(maxsize=16384)
def _own_keys(name: str) -> tuple[str, str]:
    """Loose keys of a place's own name, whole and without its kind word ("Tovuz Rayon")."""
    key = name_key(name)
    return loose_key(key), loose_key(split_kind(key)[0])


def _fits_hint(place: Place, hint: KindHint) -> bool:
    if hint is KindHint.ADMIN:
        return _is_admin(place)
    return hint is KindHint.SETTLEMENT and place.feature_class == "P"


def _feature_codes_named(near_text: str) -> frozenset[str]:
    if not near_text:
        return frozenset()
    lowered = near_text.lower()
    return frozenset(
        code for word, codes in _FEATURE_WORDS.items() if word in lowered for code in codes
    )
