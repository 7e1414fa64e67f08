"""Which district the text puts a place name in: "Agdam in the Tovuz district", "Zamanli
village of Gadabay region", "Agdam (Tovuz)", "Aghdam's Garvand village", and every member of
"Shosh and Taghavard villages of Khojavend region".

`locate_in_districts` gives each such mention its district and puts the candidates inside it
first; resolve then picks among those, or falls back to the district itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final, NamedTuple

from ceasefire.domain.model import Place
from ceasefire.gazetteer._names import KindHint

if TYPE_CHECKING:
    from ceasefire.gazetteer import Mention

#: Words between a place and the district named after it: "X in the Y district", "X of Y
#: region", "X (Y)"; a comma ("X, Y region") may also separate a list, so it only prefers.
_IN_OF_GAP: Final = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?")
_PAREN_GAP: Final = re.compile(r"\s*\(\s*(?:the\s+)?")
_PAREN_CLOSE: Final = re.compile(r"\s*[),]")
_COMMA_GAP: Final = re.compile(r"\s*,\s*(?:the\s+)?")
_POSSESSIVE_GAP: Final = re.compile(r"['’]s\s+(?:(?:village|town|settlement)\s+of\s+)?")
#: Between the members of a list that one district locates.
_LIST_GAP: Final = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
DISTRICT_CODES: Final = frozenset({"ADM1", "ADM2"})
SEAT_CODES: Final = frozenset({"PPLA", "PPLA2", "PPLC"})

#: The rayon or marz a mention names, given the mention it would locate.
DistrictNamed = Callable[["Mention", "Mention"], Place | None]


class _Located(NamedTuple):
    """The district the text puts a mention in."""

    district: Place
    strong: bool  # "X in/of the Y district", "X (Y)": without a Y place named X, X is Y
    possessive: bool  # "Y region's X": the list "X, Z" that follows may be in Y too


def locate_in_districts(
    text: str, mentions: list[Mention], district_named: DistrictNamed
) -> list[Mention]:
    """`mentions` (of `text`, in order) with the district the text puts each in."""
    located = _districts_beside(text, mentions, district_named)
    if not located:
        return mentions
    _spread_over_lists(text, mentions, located)
    out = list(mentions)
    for k, (district, strong, _) in located.items():
        mention = mentions[k]
        inside = [p for p in mention.candidates if within(p, district)]
        if inside or strong:
            others = [p for p in mention.candidates if not within(p, district)]
            out[k] = replace(mention, candidates=(*inside, *others), district=district)
    return out


def _districts_beside(
    text: str, mentions: Sequence[Mention], district_named: DistrictNamed
) -> dict[int, _Located]:
    """Mention index → the district named right beside it, and whether to fall back to that
    district when it has no place of the name (not after a mere comma)."""
    located: dict[int, _Located] = {}
    for k in range(len(mentions) - 1):
        first, second = mentions[k], mentions[k + 1]
        gap = text[first.end : second.start]
        possessive = False
        if _IN_OF_GAP.fullmatch(gap) or (
            _PAREN_GAP.fullmatch(gap) and _PAREN_CLOSE.match(text, second.end)
        ):
            placed, named, strong = k, second, True
        elif _COMMA_GAP.fullmatch(gap) and second.kind is KindHint.ADMIN:
            placed, named, strong = k, second, False
        elif _POSSESSIVE_GAP.fullmatch(gap):
            placed, named, strong, possessive = k + 1, first, True, True
        else:
            continue
        if placed in located or not _locatable(mentions[placed], named):
            continue
        district = district_named(named, mentions[placed])
        if district is not None:
            located[placed] = _Located(district, strong, possessive)
    return located


def _spread_over_lists(
    text: str, mentions: Sequence[Mention], located: dict[int, _Located]
) -> None:
    """Give a list's members the district named for one of them: backwards from "A and B
    villages of Y district" (all are in Y), forwards from "Y region's A, B" (a preference
    only: a comma may also end the list)."""

    def listed(k: int) -> bool:  # mentions k and k + 1 belong to one list
        return _LIST_GAP.fullmatch(text[mentions[k].end : mentions[k + 1].start]) is not None

    for last in sorted(located, reverse=True):
        if not mentions[last].text.lower().endswith("villages"):
            continue
        k = last - 1
        while k >= 0 and k not in located and listed(k) and _locatable(mentions[k], None):
            located[k] = located[last]
            k -= 1
    for first in sorted(k for k, found in located.items() if found.possessive):
        k = first + 1
        while (
            k < len(mentions)
            and k not in located
            and listed(k - 1)
            and _locatable(mentions[k], None)
        ):
            located[k] = _Located(located[first].district, False, False)
            k += 1


def _locatable(mention: Mention, district_mention: Mention | None) -> bool:
    """Whether a district can locate this mention: a settlement or site, not the district's
    own other name ("Khankendi (Stepanakert)") nor a broad unit."""
    if mention.kind is KindHint.ADMIN or not mention.candidates:
        return False
    top = mention.candidates[0]
    if is_admin(top) or top.feature_code.startswith("PCL"):
        return False
    if district_mention is None:
        return True
    named = {p.geonameid for p in district_mention.candidates}
    return not any(p.geonameid in named for p in mention.candidates)


def within(place: Place, district: Place) -> bool:
    """Whether `place` lies in `district` (a rayon, a Nakhchivan rayon or a marz)."""
    if place.geonameid == district.geonameid:
        return True
    if place.country != district.country or place.admin1 != district.admin1:
        return False
    return district.feature_code != "ADM2" or place.admin2 == district.admin2


def is_admin(place: Place) -> bool:
    """An administrative unit or a named region (Nagorno-Karabakh)."""
    return place.feature_class == "A" or place.feature_code == "RGN"
