"""Claimants the attribution stage finds beyond "X said": denials, pointers and fallbacks.

- A denial tells the other side's claim: "The Artsakh Defence Ministry denied reports that its
  forces fired ..." is a claim of the Azerbaijani side, disputed by the denier, and "its
  forces" are the denier's.
- "The statement of the Azerbaijani Defence Ministry that ...": the claimant of what follows.
- A pointer in the next sentence: "This is stated in the bulletin of the Russian MoD",
  "Samvel Asatryan, head of ... the General Staff of Armenia, said this".
- Without any attribution, the institution the passage names ("The Martuni regional police
  department was alerted ...") speaks, rather than the outlet.

The side of an institution the text does not qualify ("Prosecutor General's Office") comes
from the context (`Actors.context_side`): its own earlier mention, the side it accuses, the
sides of the other institutions and outlets the article names, the outlet's country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from ceasefire.domain.taxonomy import Side
from ceasefire.ingest.lexicon import (
    INSTITUTIONS,
    OPPONENT,
    PARTY_SIDES,
    SIDE_ADJECTIVE,
    folded,
)
from ceasefire.ingest.stages.actors import Actors
from ceasefire.ingest.stages.reading import Actor, Reading, Sentence

_NOCASE: Final = re.IGNORECASE
_INSTITUTION_NAMES: Final = tuple((re.compile(rf"\b{p}\b", _NOCASE), n) for p, n in INSTITUTIONS)
#: "The statement of the Azerbaijani defence ministry according to which ...", "The claims of X
#: that ...", "the statement issued by X, alleging that ...": X claims what follows.
STATEMENT_OF: Final = folded(
    r"\b(?:the\s+)?(?:statements?|claims?|reports?|allegations?|accusations?|information)\s+"
    r"(?:(?:issued|released|published|made|spread|circulated)\s+)?(?:of|by)\s+(?:the\s+)?"
    r"(?P<np>[^,;:\"“”]{2,80}?)\s*,?\s+(?:that|according to which|about|alleging|claiming|"
    r"saying|stating)\b"
)
#: "X (has) denied reports that ...": what follows is the other side's claim. Also "X issued a
#: statement, denying Y's claims that ..." and "X refuted a Y statement accusing ...".
_DENIED: Final = re.compile(
    r"^\W*(?P<denier>[^,;:\"“”]{2,90}?)\s+"
    r"(?:(?:issued|released|published|made)\s+an?\s+statement[^,;:\"“”]{0,40},\s+)?"
    r"(?:(?:has|have|had|also|flatly|categorically|strongly|is|are|was|were)\s+)*"
    r"(?:denied|denies|denying|rejected|rejects|rejecting|refuted|refutes|refuting|dismissed|"
    r"dismisses|dismissing)\s+(?:(?:the|an?)\s+)?"
    # "the Azerbaijani military's accusations", "an Azerbaijani Ministry of Defense statement"
    r"(?:(?P<owner>[^,;:\"“”]{2,60}?)['’]s\s+|(?P<named>(?-i:(?:[A-Z][\w-]*\s+(?:of\s+)?){1,6})))?"
    r"(?:reports?|claims?|allegations?|accusations?|statements?|information)"
    r"(?:\s+(?:of|by)\s+(?:the\s+)?(?P<source>[^,;:\"“”]{2,60}?))?"
    r"\s+(?:that|according to which|accusing|alleging|claiming)\b",
    _NOCASE,
)
#: What calls a claim false: "... was false", "does not correspond to reality".
_FALSE: Final = re.compile(
    r"\b(?:(?:is|was|are|were)\s+(?:completely\s+|absolutely\s+|totally\s+)?(?:false|untrue|"
    r"groundless|baseless|unfounded|a lie|lies|fabricated|fabrications?|not true|disinformation)"
    r"|do(?:es)? not (?:align|correspond|conform) (?:with|to) (?:reality|the truth|the facts))\b",
    _NOCASE,
)
#: Whose claim it is: "Azerbaijan's claim that", "the statement issued by X, alleging that".
_CLAIM_OF: Final = re.compile(
    r"(?:\b(?P<owner>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})['’]s\s+(?:\w+\s+)?|"
    r"(?i:\b(?:claims?|statements?|allegations?|accusations?|reports?)\s+(?:issued\s+|made\s+|"
    r"released\s+)?(?:of|by)\s+(?:the\s+)?(?P<source>[^,;:\"“”]{2,70}?)\s*,?\s+(?=that|alleging|"
    r"claiming|according)))"
    r"(?i:claims?|statements?|allegations?|accusations?|reports?|that|alleging|claiming|according)\b"
)
_SAID_LEADING: Final = re.compile(
    r"^\W*(?P<np>[^,;:\"“”]{2,90}?)\s+(?:said|says|stated|insisted|added|noted)\s+(?:that\s+)?",
    _NOCASE,
)
#: "This is stated in Tuesday's bulletin of the MOD of Russia", "X said this", "X reported it".
_POINTED: Final = re.compile(
    r"^\W*(?:this|that|it)\s+(?:is|was|has been|had been)\s+(?:stated|reported|said|announced|"
    r"noted|written|declared)\s+(?:in|by)\s+(?P<np>[^\"“”]{2,260}?)\s*[.!]?\s*$",
    _NOCASE,
)
_SAID_THIS: Final = re.compile(
    r"\s(?:said|stated|reported|announced|told|noted|added|confirmed|declared|wrote)\s+"
    r"(?:this|so|it)\b[^\"“”]{0,120}$",
    _NOCASE,
)
#: Institutions a passage names without saying they speak ("the police department was alerted").
_NAMED_INSTITUTION: Final = folded(
    r"\b(?:(?:ministry of [\w ]{4,30}?|[\w-]+ ministry)\b|prosecutor[- ]general'?s? office|"
    r"general prosecutor'?s? office|(?:\w+ )?(?:region(?:al)?|district) prosecutor'?s? office|"
    r"(?:\w+ )?(?:regional |district )?police (?:department|service)|state border service|border service|"
    r"national security service|human rights defender|ombudsman|mine action agency|anama|"
    r"defen[cs]e army|general staff)\b"
)
_APPOSITION: Final = re.compile(
    r"^\W*(?P<person>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s*,\s*(?P<role>[^,;\"“”]{4,160}?)\s*,\s*"
    r"(?=(?:has\s+|have\s+|also\s+)?(?:said|says|stated|told|reported|noted|added|announced|"
    r"declared|explained|confirmed)\b)",
)
_TITLE_VOICE: Final = re.compile(
    r"^\W*(?:official\s+)?(?:statement|information|press release|bulletin|report|message|"
    r"communiqu[eé])\s+(?:of|by|from)\s+(?:the\s+)?(?P<np>[^\n(:]{3,80})",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class Denial:
    """A claim told by its denier: who claims it, who denies it."""

    source: Actor
    denier: Actor


def denial_in(sentence: Sentence, state: Actors) -> Denial | None:
    """ "The Artsakh Defence Ministry denied reports that ...": the claim and its denier."""
    match = _DENIED.match(sentence.text)
    if match is None:
        return _called_false(sentence.text, state)
    denier = state.resolve(match.group("denier"))
    if denier is None or denier.side not in PARTY_SIDES:
        return None
    named = match.group("source") or match.group("owner") or match.group("named")
    source = state.resolve(named) if named else None
    if source is None or source.side is None or source.side is denier.side:
        source = _opposite(denier)
    if source is None:
        return None
    return Denial(source, denier)


def _called_false(text: str, state: Actors) -> Denial | None:
    """ "X said Y's claim that ... was false", "The statement issued by Y, alleging that ...,
    does not correspond to reality": the claim is Y's, disputed by X (or by Y's opponent)."""
    if not _FALSE.search(text):
        return None
    owned = _CLAIM_OF.search(text)
    if owned is None:
        return None
    source = state.peek(owned.group("owner") or owned.group("source") or "")
    if source is None or source.side not in PARTY_SIDES:
        return None
    speaker = _SAID_LEADING.match(text)
    denier = state.peek(speaker.group("np")) if speaker else None
    if denier is None or denier.side is None or denier.side is source.side:
        denier = _opposite(source)
    return Denial(source, denier) if denier is not None else None


def _opposite(actor: Actor) -> Actor | None:
    """The same kind of institution on the side the actor answers: a ministry for a ministry."""
    side = OPPONENT.get(actor.side) if actor.side else None
    if side is None:
        return None
    canonical = next(
        (name for pattern, name in _INSTITUTION_NAMES if pattern.search(actor.name)),
        "authorities",
    )
    return Actor(f"{SIDE_ADJECTIVE[side]} {canonical}", side, is_party=True, institutional=True)


def pointer_in(sentence: Sentence, state: Actors) -> Actor | None:
    """The speaker of a sentence that only attributes the one before ("This is stated in ...",
    "Asatryan, head of ... the General Staff of Armenia, said this")."""
    text = sentence.text
    match = _POINTED.match(text)
    if match is not None:
        return state.resolve(match.group("np"))
    said = _SAID_THIS.search(text)
    if said is None or '"' in text[: said.start()] or "“" in text[: said.start()]:
        return None
    speaker = appositive_speaker(text, state)
    return speaker or state.resolve(text[: said.start()])


def appositive_speaker(text: str, state: Actors) -> Actor | None:
    """ "Samvel Asatryan, head of the department of the General Staff of Armenia, said":
    the institution the apposition names speaks."""
    if "," not in text[:60]:
        return None
    match = _APPOSITION.match(text)
    if match is None:
        return None
    actor = state.resolve(match.group("role"))
    return actor if actor is not None and actor.institutional else None


def title_voice(reading: Reading, state: Actors) -> Actor | None:
    """The institution an official text is titled by ("Information of Azerbaijan Defense
    Ministry", "Statement of Ministry of Defense of Armenia"): it speaks throughout."""
    first = reading.sentences[0].start if reading.sentences else len(reading.text)
    top = reading.text[: max(first, reading.text.find("\n"))]
    for text in (reading.document.headline, top):
        match = _TITLE_VOICE.search(text or "")
        if match is not None:
            actor = state.institution(match.group("np"))
            if actor is not None and actor.side is not None:
                return actor
    return None


def nearest_institution(reading: Reading, sentence: Sentence, state: Actors) -> Actor | None:
    """The institution a passage names for an incident that no one is said to report: in the
    paragraph of the incident, else the next paragraph."""
    section = [s for s in reading.sentences if s.section == sentence.section]
    for distance in (0, 1):
        span = [s for s in section if s.paragraph == sentence.paragraph + distance]
        if not span:
            continue
        start, end = span[0].start, span[-1].end
        for match in _NAMED_INSTITUTION.finditer(reading.folded, start, end):
            actor = _institution_at(reading, state, match.start(), match.end())
            if actor is not None and actor.side in (*PARTY_SIDES, None):
                return actor
    return None


def _institution_at(reading: Reading, state: Actors, start: int, end: int) -> Actor | None:
    before = reading.text[max(0, start - 40) : start].split()[-2:]
    after = re.match(
        r"\s+(?:\([^()]{1,12}\)\s+)?of\s+(?:the\s+)?(?:republic\s+of\s+)?[\w-]+",
        reading.folded[end : end + 50],
    )
    phrase = " ".join(before) + " " + reading.text[start : end + (after.end() if after else 0)]
    return state.institution(phrase.strip())


def context_side(reading: Reading, state: Actors, against: Side | None) -> Side | None:
    """The side of an institution the text does not qualify, when it reports an attack by
    `against`: the party that side fights (Karabakh where the text speaks of Karabakh),
    else the side the article's qualified institutions and named outlets share."""
    karabakh, armenia = _spoken_of(reading.folded)
    if against is Side.AZERBAIJAN:
        return Side.KARABAKH if karabakh and not armenia else Side.ARMENIA
    if against in (Side.ARMENIA, Side.KARABAKH):
        return Side.AZERBAIJAN
    votes: dict[Side, int] = {}
    for side in state.named_sides(reading):
        votes[side] = votes.get(side, 0) + 1
    if votes:
        return max(votes, key=lambda s: votes[s])
    return state.outlet_side


@lru_cache(maxsize=64)
def _spoken_of(low: str) -> tuple[bool, bool]:
    """Whether a text speaks of Karabakh, and of Armenia as a state."""
    karabakh = bool(re.search(r"\bartsakh|\bstepanakert|\bnagorno|\bkarabakh|defen[cs]e army", low))
    armenia = bool(re.search(r"\barmenia's|\brepublic of armenia|\barmenian armed forces", low))
    return karabakh, armenia
