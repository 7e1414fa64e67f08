"""Who speaks in an article: actors from noun phrases ("the Azerbaijani Defence Ministry",
"the ministry", "Akar", "Baku"), with their side and whether they are a party.

`Actors` remembers who the document named so far, so that "the ministry said", "it added"
and an unqualified "the Defence Ministry" resolve to the right institution and side.
"""

from __future__ import annotations

import itertools
import re
from typing import Final

from ceasefire.domain.model import Document
from ceasefire.domain.taxonomy import Side
from ceasefire.ingest.lexicon import (
    INSTITUTIONS,
    MEDIA_NAMES,
    NON_PARTY_INSTITUTIONS,
    OUTLET_SIDES,
    PARTY_SIDES,
    SIDE_ADJECTIVE,
    SIDE_WORDS,
    fold,
    folded,
)
from ceasefire.ingest.stages.reading import Actor, Reading, Sentence

_NOCASE: Final = re.IGNORECASE
_SIDES: Final = tuple((side, re.compile(rf"\b(?:{p})", _NOCASE)) for side, p in SIDE_WORDS)
_INSTITUTIONS: Final = tuple((re.compile(rf"\b{p}\b", _NOCASE), name) for p, name in INSTITUTIONS)
_OUTLETS: Final = tuple((side, re.compile(p, _NOCASE)) for side, p in OUTLET_SIDES)
_MEMORY: Final = 32  # speakers remembered for "the ministry", "it"
_ANY_INSTITUTION: Final = folded(
    r"\b(?:ministry of [\w ]{4,30}?\b|[\w-]+ ministry|prosecutor[- ]general'?s? office|"
    r"general prosecutor'?s? office|prosecutor'?s? office|police|border service|"
    r"human rights defender|ombudsman)\b"
)
_OF_SIDE: Final = folded(r"\s+of\s+(?:the\s+)?(?:republic\s+of\s+)?[\w-]+")
_INNER_SOURCE: Final = re.compile(
    r"\b(?:statement|report|bulletin|message|press release|information)\s+(?:released|issued|published|of|by|from)\s+(?:by\s+)?"
    r"(?P<np>[^,.;\"“”]{2,60})|\bpress service of\s+(?P<np2>[^,.;\"“”]{2,60})",
    _NOCASE,
)
_PRONOUN: Final = re.compile(
    r"^(?:the\s+)?(?:it|he|she|they|ministry|statement|report|bulletin|agency|office|command|"
    r"department|source|document|press service|spokesm[ae]n|spokeswoman|communiqu[eé])$",
    _NOCASE,
)
_PERSON_NAME: Final = re.compile(r"\b[A-Z][a-zəüöçşğı'’-]+(?:\s+[A-Z][a-zəüöçşğı'’-]+){0,2}\b")
_TITLE: Final = re.compile(
    r"\b(?:president|prime minister|premier|(?:deputy )?defen[cs]e minister|foreign minister|"
    r"state minister|minister|spokes(?:man|woman|person)|colonel|general|gen\.|ombudsman|"
    r"human rights defender|commander|leader|chief of (?:the )?general staff|head)\b",
    _NOCASE,
)
_STRIP_NP: Final = re.compile(
    r"^(?:the|a|an)\s+|\s+(?:on|in|at)\s+(?:\w+day|\w+ \d{1,2}|\d{1,2} \w+)(?:,? \d{4})?.*$|"
    r"\s+(?:has|have|had|also|likewise|later|earlier)$",
    _NOCASE,
)


class Actors:
    """What the document has said so far about who speaks, to resolve "the ministry", "it"."""

    def __init__(self, document: Document, dateline_agency: str | None) -> None:
        self.document = document
        self.dateline_agency = dateline_agency
        self.seen: list[Actor] = []
        self.outlet_side = _outlet_side(document, dateline_agency)
        self._described: dict[str, list[str]] = {}

    def outlet(self) -> Actor:
        name = self.dateline_agency or self.document.agency or self.document.source
        return Actor(name=(name or "the outlet").strip(), side=None)

    def note(self, reading: Reading, sentence: Sentence) -> None:
        """Remember institutions a sentence names ("The Artsakh Defense Ministry issued a
        statement.") so that a later "the ministry said" finds them."""
        low = reading.folded[sentence.start : sentence.end]
        for match in _ANY_INSTITUTION.finditer(low):
            before = reading.text[
                sentence.start + max(0, match.start() - 40) : sentence.start + match.start()
            ]
            after = _OF_SIDE.match(low, match.end())
            end = after.end() if after else match.end()
            words = " ".join(before.split()[-3:])
            name = words + " " + reading.text[sentence.start + match.start() : sentence.start + end]
            actor = self._institution(name.strip())
            if actor is not None and actor.side is not None:
                self._remember(actor)

    def resolve(self, phrase: str) -> Actor | None:
        """The actor a noun phrase names, or None when it names no one we can use."""
        phrase = clean(phrase)
        if not phrase:
            return None
        inner = _INNER_SOURCE.search(phrase)
        if inner:
            phrase = clean(inner.group("np") or inner.group("np2") or phrase)
        if _PRONOUN.match(phrase):
            return self._pronoun(phrase)
        if re.search(r"\b(?:were|was|is|are|not|had|have|been)\b", phrase, _NOCASE):
            return None  # a clause, not a name: "according to last the police were not allowed"
        actor = (
            self._capital(phrase)
            or self._institution(phrase)
            or self._media(phrase)
            or self._person(phrase)
        )
        if actor is not None:
            self._remember(actor)
        return actor

    def peek(self, phrase: str) -> Actor | None:
        """`resolve` without remembering: an actor named in passing is no later "it"."""
        seen = list(self.seen)
        actor = self.resolve(phrase)
        self.seen[:] = seen
        return actor

    def _remember(self, actor: Actor) -> None:
        self.seen.append(actor)
        if len(self.seen) > 2 * _MEMORY:
            del self.seen[:-_MEMORY]  # a long document: only recent speakers are referred to

    def _pronoun(self, phrase: str) -> Actor | None:
        low = phrase.lower()
        if "ministry" in low:
            candidates = [a for a in self.seen if "Ministry" in a.name]
        elif low in ("he", "she", "the spokesman", "the spokeswoman"):
            candidates = [a for a in self.seen if not a.institutional or _TITLE.search(a.name)]
        else:
            candidates = [a for a in self.seen if a.institutional]
        if candidates:
            return candidates[-1]
        if self.seen:
            return self.seen[-1]
        # "the ministry said" with no ministry named before: the outlet's government
        return self._institution(phrase) if "ministry" in low else None

    def institution(self, phrase: str) -> Actor | None:
        """The institution a phrase names ("the Prosecutor General's Office"), or None."""
        return self._institution(phrase)

    def named_sides(self, reading: Reading) -> list[Side]:
        """The sides of the institutions the body qualifies ("the State Border Service of the
        Republic of Azerbaijan") and of the outlets it names ("Azernews reports")."""
        sides: list[Side] = []
        for match in _ANY_INSTITUTION.finditer(reading.folded):
            start = max(0, match.start() - 30)
            after = _OF_SIDE.match(reading.folded, match.end())
            end = after.end() if after else match.end()
            side = side_of(reading.text[start:end])
            if side in PARTY_SIDES:
                sides.append(side)
        for word in set(re.findall(r"\b[A-Z][\w.]+\b", reading.text)):
            for side, pattern in _OUTLETS:
                if side in PARTY_SIDES and pattern.fullmatch(word):
                    sides.append(side)
        return sides

    def _institution(self, phrase: str) -> Actor | None:
        for pattern, canonical in _INSTITUTIONS:
            match = pattern.search(phrase)
            if not match:
                continue
            if canonical == "armed forces" and re.search(r"\b(?:said|claimed)\b", phrase, _NOCASE):
                continue
            side = side_of(phrase)
            if side is None:
                side = self._side_for(canonical)
            qualifier = ""
            if canonical == "prosecutor's office":
                region = re.search(r"\b([A-Z]\w+) (?:region(?:al)?|district)\b", phrase)
                qualifier = f"{region.group(1)} region " if region else "regional "
            person = self._titled_person(phrase, canonical)
            if person is not None:
                return person
            adjective = SIDE_ADJECTIVE.get(side, "") if side else ""
            name = f"{adjective} {qualifier}{canonical}".strip()
            party = side in PARTY_SIDES and canonical not in NON_PARTY_INSTITUTIONS
            return Actor(name=name, side=side, is_party=party, institutional=True)
        return None

    def _titled_person(self, phrase: str, canonical: str) -> Actor | None:
        if canonical not in (
            "President",
            "Prime Minister",
            "State Minister",
            "Defence Minister",
            "Foreign Minister",
        ):
            return None
        names = [
            n for n in _PERSON_NAME.findall(phrase) if not _TITLE.fullmatch(n) and not side_of(n)
        ]
        side = side_of(phrase) or self._side_for(canonical)
        adjective = SIDE_ADJECTIVE.get(side, "") if side else ""
        title = canonical
        name = names[-1] if names else ""
        return Actor(
            name=f"{adjective} {title} {name}".strip(),
            side=side,
            is_party=side in PARTY_SIDES,
            institutional=True,
        )

    def _person(self, phrase: str) -> Actor | None:
        names = [n for n in _PERSON_NAME.findall(phrase) if not side_of(n)]
        if not names or len(phrase.split()) > 4:
            return None
        surname = names[-1].split()[-1]
        for described in self._descriptions(surname):
            side = side_of(described)
            title = _TITLE.search(described)
            if side or title:
                adjective = SIDE_ADJECTIVE.get(side, "") if side else ""
                title_text = _title_case(title.group(0)) if title else ""
                full = self._full_name(surname) or names[-1]
                return Actor(
                    name=f"{adjective} {title_text} {full}".replace("  ", " ").strip(),
                    side=side,
                    is_party=side in PARTY_SIDES and title is not None,
                    institutional=title is not None,
                )
        return Actor(name=names[-1], side=side_of(phrase), is_party=False)

    def _descriptions(self, surname: str) -> list[str]:
        """How the text introduces a person: "Turkish Defence Minister Hulusi Akar", "Anna
        Hakobyan, a spokeswoman for the Armenian Defence Ministry"."""
        if surname in self._described:
            return self._described[surname]
        body = self.document.body
        out: list[str] = []
        self._described[surname] = out
        for match in itertools.islice(re.finditer(rf"\b{re.escape(surname)}\b", body), 12):
            before = re.split(r"[,;:.\"“”(]", body[max(0, match.start() - 80) : match.start()])[-1]
            out.append(" ".join(before.split()[-6:]))
            after = re.match(
                r"\s*,\s*(?:the|a|an)\s+([^,.;]{3,80})", body[match.end() : match.end() + 90]
            )
            if after:
                out.append(after.group(1))
        return out

    def _full_name(self, surname: str) -> str | None:
        match = re.search(
            rf"\b([A-Z][a-zəüöçşğı'’-]+)\s+{re.escape(surname)}\b", self.document.body
        )
        if match and not _TITLE.fullmatch(match.group(1)) and not side_of(match.group(1)):
            return f"{match.group(1)} {surname}"
        return None

    def _media(self, phrase: str) -> Actor | None:
        if MEDIA_NAMES.search(fold(phrase)) or re.search(
            r"\b(?:eyewitness|witness|resident|source)", phrase, _NOCASE
        ):
            side = side_of(phrase)
            return Actor(name=phrase, side=side, is_party=False)
        return None

    @staticmethod
    def _capital(phrase: str) -> Actor | None:
        for side, pattern in _SIDES:
            if pattern.fullmatch(phrase.lower()) or pattern.fullmatch(phrase):
                # a capital for its government: "alleged by Stepanakert", "Baku said"
                adjective = SIDE_ADJECTIVE.get(side, phrase)
                country = re.fullmatch(
                    r"(?:the\s+)?(?:republic of\s+)?(?:azerbaijan|armenia|russia|turkey|t[üu]rkiye|artsakh|(?:nagorno[- ])?karabakh)",
                    phrase,
                    _NOCASE,
                )
                return Actor(
                    name=f"{adjective} authorities"
                    if country
                    else f"{adjective} authorities ({phrase})",
                    side=side,
                    is_party=side in PARTY_SIDES,
                    institutional=True,
                )
        return None

    def _side_for(self, canonical: str) -> Side | None:
        """The side of an unqualified institution: the same institution named before, the last
        party actor, then the outlet's country."""
        for actor in reversed(self.seen):
            if canonical in actor.name and actor.side is not None:
                return actor.side
        for actor in reversed(self.seen):
            if actor.side in PARTY_SIDES and actor.institutional:
                return actor.side
        return self.outlet_side


def _outlet_side(document: Document, dateline_agency: str | None) -> Side | None:
    host = re.sub(r"^[a-z]+://(?:www\.)?|/.*$", "", document.url or "")
    for value in (dateline_agency, document.agency, document.source, host):
        if not value:
            continue
        for side, pattern in _OUTLETS:
            if pattern.search(value):
                return side
    return None


def side_of(phrase: str) -> Side | None:
    """The first side a phrase names, the more specific Karabakh before Armenia."""
    best: tuple[int, Side] | None = None
    for side, pattern in _SIDES:
        match = pattern.search(phrase)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), side)
    if best is None:
        return None
    # "Karabakh Armenian police", "ethnic Armenian police in Nagorno-Karabakh": Karabakh
    if best[1] is Side.ARMENIA and _SIDES[0][1].search(phrase):
        return Side.KARABAKH
    return best[1]


def clean(phrase: str) -> str:
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.;:\"“”'’")
    phrase = re.sub(r"^(?:and|but|while|as|also|then|meanwhile)\s+", "", phrase, flags=_NOCASE)
    previous = None
    while previous != phrase:
        previous = phrase
        phrase = _STRIP_NP.sub("", phrase).strip()
    return phrase


def _title_case(title: str) -> str:
    return " ".join(w.capitalize() if w not in ("of", "the") else w for w in title.split())
