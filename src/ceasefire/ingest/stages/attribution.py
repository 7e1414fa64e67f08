"""Stage 3, attribute: who claims each mention (`claimed_by`), whether that is a party, and whom
the claim blames (`perpetrator_alleged`) and what was hit (`target`).

The claimant is, in order: "alleged by X" right after the trigger; a reporter that governs the
clause ("X said that ...", "X issued a statement according to which ...", "according to X");
the speaker of a quotation (`"...," the statement reads`); a trailing reporter (", the
ministry said"); the claimant of the sentences just before; the dateline agency; the outlet.
"the ministry", "the statement", "it" are resolved to the last actor that fits, and an
unqualified "the Defence Ministry" takes the side of the last party actor or of the outlet.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Final

from ceasefire.domain.taxonomy import Category, Side
from ceasefire.ingest.lexicon import (
    NUMBER_WORDS,
    OPPONENT,
    PARTY_SIDES,
    PASSIVE_FIRE,
    REPORT_VERBS,
    SIDE_ADJECTIVE,
    folded,
)
from ceasefire.ingest.stages.actors import Actors, side_of
from ceasefire.ingest.stages.claimants import (
    STATEMENT_OF,
    appositive_speaker,
    context_side,
    denial_in,
    nearest_institution,
    pointer_in,
    title_voice,
)
from ceasefire.ingest.stages.reading import Actor, Mention, MentionKind, Reading, Sentence

_NOCASE: Final = re.IGNORECASE
_VERB: Final = (
    r"(?:(?:has|have|had|also|likewise|later|earlier|further|then|officially|subsequently|"
    rf"previously|separately|again|now|reportedly)\s+)*{REPORT_VERBS}"
)
_ADVERBIAL: Final = (
    r"(?:(?:on|late on|early on|in|at|by) [^,]{2,40},\s*|(?:earlier|later)(?: today| this week| on \w+day)?,\s*|meanwhile,\s*|in turn,\s*|"
    r"however,\s*|also,\s*|later,\s*|separately,\s*|to note,\s*|"
    r"speaking (?:to|on|at|with|from|after) [^,]{2,40},\s*)?"
)
_LEADING: Final = folded(
    rf"^\W*{_ADVERBIAL}(?P<np>[^,;:\"“”]{{2,110}}?)"
    r"(?:\s*,\s*(?:on the other hand|in turn|for (?:its|his|her|their) part|however|in response|meanwhile|"
    r"(?:a|an|the)\s+[^,;:\"“”]{2,80}?)\s*,)?"
    rf"\s*,?\s+{_VERB}\b"
    r"(?P<tail>(?:\s+(?:on|in|at|to|for|during|with|late|early|this|last)\s+[^,;\"“]{1,60}?)?(?:\s*,\s*for (?:its|his|her|their) part,)?"
    r"(?:\s+(?:that|according to which)\b|\s*:|(?=\s)))",
    _NOCASE,
)
_ACCORDING_WHICH: Final = folded(
    r"^\W*(?P<np>[^,;]{2,90}?)\s+(?:issued|released|published|made|circulated|spread)\s+"
    r"(?:\w+\s+){0,3}?(?:statement|report|information|disinformation|message)\s+"
    r"(?:according to which|saying|stating|claiming|alleging|accusing|that)\b",
    _NOCASE,
)
_ACCORDING_TO: Final = folded(
    r"\baccording to (?P<np>(?!which|whom)[^,.;:\"“”]{2,90}?)(?=,|\.|;|$|\s+(?:on|in)\s+\w+day)",
    _NOCASE,
)
_TRAILING: Final = folded(
    # a closing quote, but not the apostrophe of a possessive ("Azerbaijan's ministry said")
    rf"(?:,|[\"”’'](?![a-z])\s*,?)\s*[\"”’']?\s*(?P<np>[^,;\"“”]{{2,130}}?)\s+{_VERB}\b"
    r"(?P<tail>(?:(?!\bthat\b)[^;\"“.]){0,90})[.!?\"”]*\s*$",
    _NOCASE,
)
_INVERTED: Final = folded(
    r",\s*(?:said|says|reported|reports|told|added|noted|wrote|writes|stated|states|informs|announced)\s+(?P<np>[^,;.\"“”]{2,80}?)\s*[.!?]*\s*$",
    _NOCASE,
)
_BY_AFTER: Final = folded(
    r"^\W{0,3}(?:\w+\s+){0,3}?(?:alleged|reported|claimed|registered|recorded|announced) by\s+"
    r"(?P<np>[^,.;\"“”]{2,60}?)(?=\s+on\b|\s+in\b|,|\.|;|$)",
    _NOCASE,
)
_RELAY: Final = folded(
    r"\b(?:quoting|citing|cited|quoted|referring to|reported by|according to a statement by|"
    r"writes|via)\s+"
    r"(?P<np>[^,.;\"“”]{2,60}?)(?=,|\.|;|$|\s+(?:on|in)\s)",
    _NOCASE,
)
#: "..., with Yerevan saying (that) ...": a participial reporter governs what follows it
_WITH_SAYING: Final = folded(
    r"\bwith\s+(?P<np>[^,;:\"“”]{2,60}?)\s+(?:saying|claiming|reporting|alleging|stating|"
    r"insisting|adding)\b(?:\s+that\b)?"
)
#: "Armenia and Azerbaijan accused each other of ...": two claims, each blaming the other
_MUTUAL: Final = folded(
    r"\b(?P<a>[\w'’.-]+(?:\s+[\w'’.-]+){0,3}?)\s+and\s+(?P<b>[\w'’.-]+(?:\s+[\w'’.-]+){0,3}?)\s+"
    r"(?:have\s+|had\s+)?(?:accused|accuse|accusing|blamed|blame|blaming)\s+(?:each other|one another)\b"
)
#: A trailing reporter's tail is an adverbial ("on Monday", "citing X"), never the event told
_TOLD_EVENT: Final = folded(
    r"\b(?:opened|fired|shelled|attacked|killed|wounded|injured|struck|hit|exploded|detonated|"
    r"violated|launched|targeted|came under)\b"
)
_VERB_WORD: Final = folded(rf"\b{REPORT_VERBS}\b")
_ISSUING_WORDS: Final = ("issued", "released", "published", "made", "circulated", "spread")
_RELAY_WORDS: Final = (
    "quoting", "citing", " cited ", " quoted ", "referring to", "reported by", "statement by",
    "writes", " via ",
)  # fmt: skip
_ALLEGED_BY: Final = folded(
    r"\b(?:alleged|reported|claimed) by\s+(?P<np>[^,.;\"“”]{2,60}?)(?=\s+on\b|\s+in\b|,|\.|;|$)"
)
_ANY_ATTRIBUTION: Final = folded(
    rf"\b(?:{REPORT_VERBS}|according|quoting|citing|referring|writes|by|issued|released|"
    r"published|accusing|blaming|alleging|claiming|stating|saying)\b"
)
_ACCUSING: Final = re.compile(
    r"\b(?:accus\w+|blam\w+)\s+(?P<np>[^,.;]{2,70}?)\s+(?:of|in|for)\s+", _NOCASE
)
_FORCE: Final = (
    (re.compile(r"defen[cs]e army", _NOCASE), "Defence Army"),
    (
        re.compile(r"sabotage (?:group|squad)|saboteurs?|reconnaissance[- ]sabotage", _NOCASE),
        "sabotage group",
    ),
    (re.compile(r"\bpolice|law enforcement", _NOCASE), "police"),
    (re.compile(r"\bborder guards?|border service", _NOCASE), "border guards"),
    (re.compile(r"\bpeacekeep", _NOCASE), "peacekeepers"),
    (re.compile(r"\bsoldiers?|servicem[ae]n\b", _NOCASE), "soldiers"),
    (
        re.compile(r"\barmed forces|army|military|troops|units|forces|formations?\b", _NOCASE),
        "armed forces",
    ),
)
_FORCE_WORD: Final = re.compile(
    r"\b(?:forces|army|military|troops|units|soldiers?|servicem[ae]n|police|groups?|squad|side|"
    r"saboteurs?|formations?|guards?|snipers?|militants?|gunmen|enemy|opponents?|occupants|"
    r"occupiers|detachments?)\b",
    _NOCASE,
)
_OPPOSITE: Final = re.compile(r"\b(?:opposite|other|opposing|enemy|adversary)\b", _NOCASE)
_ANTECEDENT: Final = re.compile(
    r"(?P<np>(?:[\w'’-]+\s+){1,6}?)[,]?\s*\b(?:who|which|that)\s+$", _NOCASE
)
_BACK_REFERENCE: Final = re.compile(
    r"(?:they|them|it)(?:\s+\w+)?|(?:the same|these|those|both)\s+(?:[\w-]+\s+)?"
    r"(?:units|troops|forces|soldiers|servicemen|formations|groups)(?:\s+\w+)?",
    _NOCASE,
)
_REDUCED_PASSIVE: Final = re.compile(
    r"\s+(?:in|by|during|as|after|near|when|while|amid|on|at)\b", _NOCASE
)
_OBJECT_AFTER: Final = re.compile(
    rf"\s+(?:the|\d+|several|its|their|our|{'|'.join(NUMBER_WORDS)})\b", _NOCASE
)
_SUBJECT_VERB: Final = re.compile(
    r"\s+(?:had|has|have|will|would|did|does|also|then|reportedly|allegedly)\s+(?:\w+\s+){0,3}$",
    _NOCASE,
)
_ASIDE: Final = re.compile(r",\s*(?:where|which|who|whose|when)\b[^,;]*,", _NOCASE)
_SUBJECT_BOUNDARY: Final = re.compile(
    r"(?:[,;:]\s+|\b(?:that|which|who|when|after|as|while|and|but)\s+|according to which\s+"
    r"|\b(?:said|says|claimed|claims|reported|reports|stated|alleged|added|noted)\s+)",
    _NOCASE,
)
_NOT_SUBJECT: Final = re.compile(
    r"\b(?:killed|wounded|injured|hurt|died|martyred|as a result of|between|hit by|victims?|"
    r"casualt\w+)\b",
    _NOCASE,
)
_NOT_VERBS: Final = frozenset({"as a result of", "between", "hit by", "victim", "victims", "died"})
_PASSIVE_END: Final = re.compile(
    r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:(?:\w+ly|also|then|later|again)\s+)?$",
    _NOCASE,
)
_TARGET: Final = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:at|on|upon|towards?|in the direction of)\s+(?P<np>(?:the\s+)?[^,.;]{3,70}?)"
    r"(?=\s+(?:in|near|from|of the village|located|deployed|adjacent|as|when|while|with|on|at)\b|,|\.|;|$)",
    _NOCASE,
)

#: Verbs that report only with "that" or a colon after them ("the ministry continued:")
_LOOSE_VERB: Final = folded(r"\b(?:continued|read|reads|linked|recorded|registered)\s*$")
_DENIAL_HINT: Final = re.compile(
    r"\b(?:denie[sd]|denying|reject|refut|dismiss|false|untrue|groundless|baseless|unfounded|"
    r"fabricat|disinformation|not true|not (?:align|correspond|conform))",
    _NOCASE,
)
_STATEMENT_HINT: Final = folded(
    r"\b(?:statements?|claims?|reports?|allegations?|accusations?|information) "
    r"(?:(?:issued|released|published|made|spread|circulated) )?(?:of|by)\b"
)
NON_PARTY_NAMES: Final = frozenset({"peacekeepers", "joint monitoring centre"})

Stage = Callable[[Reading], Reading]


@dataclass(frozen=True, slots=True)
class _Found:
    actor: Actor
    span: tuple[int, int]
    governs: bool  # it introduces the clause ("X said that ...") rather than trailing it
    by_after: bool = False  # "violations alleged by X": it names the claimant of the noun


def create(config: object = None) -> Stage:
    """The attribution stage; it needs no configuration."""
    return attribute


def attribute(reading: Reading) -> Reading:
    """Fill claimant, perpetrator, target and attribution spans of every mention."""
    state = Actors(reading.document, reading.dateline_agency)
    outlet = state.outlet()
    by_sentence: dict[int, list[Mention]] = {}
    for mention in reading.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    mentions: list[Mention] = []
    memory: dict[int, tuple[int, int, Actor]] = {}  # section → (paragraph, sentence, claimant)
    last_perpetrator: Actor | None = None
    institutions: dict[int, Actor | None] = {}  # paragraph → the institution it names
    sentences = reading.sentences
    voice = title_voice(reading, state)
    pointers: dict[int, Actor | None] = {}
    for sentence in sentences:
        found, spans = _attributions(reading, sentence, state)
        if not found:
            state.note(reading, sentence)
        denial = denial_in(sentence, state) if _DENIAL_HINT.search(sentence.text) else None
        mutual = (
            _mutual(reading, sentence, state)
            if " each other" in sentence.text or (" one another" in sentence.text)
            else None
        )
        for mention in by_sentence.get(sentence.index, []):
            if mutual is not None and mention.kind is MentionKind.EVENT:
                mentions.extend(_each_blaming_the_other(mention, mutual, reading.text))
                continue
            claimant = denial.source if denial else _claimant_for(mention, found)
            if claimant is None and sentence.index + 1 < len(sentences):
                if sentence.index not in pointers:
                    pointers[sentence.index] = pointer_in(sentences[sentence.index + 1], state)
                claimant = pointers[sentence.index]
            if claimant is None:
                remembered = memory.get(sentence.section)
                if remembered and (
                    remembered[0] == sentence.paragraph
                    or (
                        remembered[0] + 1 == sentence.paragraph
                        and sentence.index - remembered[1] <= 2
                    )
                ):
                    claimant = remembered[2]
            if claimant is None:
                claimant = voice
            if claimant is None and mention.kind is not MentionKind.CONTEXT:
                if sentence.paragraph not in institutions:
                    institutions[sentence.paragraph] = nearest_institution(reading, sentence, state)
                claimant = institutions[sentence.paragraph]
            perpetrator = _perpetrator(mention, reading.text, claimant or outlet, last_perpetrator)
            if denial is not None and perpetrator is None:
                perpetrator = _force(f"{denial.denier.name} forces", denial.source)
            if perpetrator is not None:
                last_perpetrator = perpetrator
            if claimant is not None and claimant.side is None and claimant.institutional:
                claimant = _sided(claimant, reading, state, perpetrator)
            mentions.append(
                replace(
                    mention,
                    claimant=claimant or outlet,
                    perpetrator=perpetrator,
                    target=_target(mention, reading.text),
                    attribution_spans=tuple(spans),
                    disputed_by=denial.denier.name if denial else mention.disputed_by,
                )
            )
        own = _governing(found)
        if denial is not None:
            # a denial's voice is the denier's: "Claims by X that ... are groundless, Y said"
            memory[sentence.section] = (sentence.paragraph, sentence.index, denial.denier)
        elif own is not None:
            memory[sentence.section] = (sentence.paragraph, sentence.index, own.actor)
    return replace(reading, mentions=tuple(mentions))


def _mutual(reading: Reading, sentence: Sentence, state: Actors) -> tuple[Actor, Actor] | None:
    """The two parties of "A and B accused each other", when both are parties of two sides."""
    match = _MUTUAL.search(reading.folded, sentence.start, sentence.end)
    if match is None:
        return None
    a = state.resolve(reading.text[match.start("a") : match.end("a")])
    b = state.resolve(reading.text[match.start("b") : match.end("b")])
    if a is None or b is None or a.side is None or b.side is None or a.side is b.side:
        return None
    return a, b


def _each_blaming_the_other(
    mention: Mention, parties: tuple[Actor, Actor], text: str
) -> list[Mention]:
    """One claim per accuser, each disputed by the other: a claim is never a fact."""
    out = []
    for accuser, accused in (parties, parties[::-1]):
        out.append(
            replace(
                mention,
                claimant=accuser,
                perpetrator=_force(f"{accused.name} forces", accuser),
                target=_target(mention, text),
                disputed_by=accused.name,
            )
        )
    return out


def _sided(claimant: Actor, reading: Reading, state: Actors, perpetrator: Actor | None) -> Actor:
    """An institution the text does not qualify, put on the side the context gives."""
    if claimant.name in NON_PARTY_NAMES or claimant.name in ("authorities", "armed forces"):
        return claimant  # "authorities on both sides said": no side to give
    side = context_side(reading, state, perpetrator.side if perpetrator else None)
    if side is None:
        return claimant
    return Actor(
        f"{SIDE_ADJECTIVE[side]} {claimant.name}",
        side,
        is_party=side in PARTY_SIDES,
        institutional=True,
    )


def _governing(found: list[_Found]) -> _Found | None:
    for item in found:
        if item.governs:
            return item
    return found[0] if found else None


def _claimant_for(mention: Mention, found: list[_Found]) -> Actor | None:
    """The attribution that governs the mention's trigger: "alleged by X" right after it, a
    reporter before it in its clause, then in its sentence, then a trailing one."""
    if not found:
        return None
    trigger = mention.trigger[0] if mention.trigger[1] > mention.trigger[0] else mention.start
    direct = [f for f in found if f.by_after and 0 <= f.span[0] - trigger < 60]
    if direct:
        return direct[0].actor
    governing = sorted(
        (f for f in found if f.governs and f.span[1] <= trigger + 2), key=lambda f: f.span
    )
    in_clause = [f for f in governing if f.span[0] >= mention.start]
    if in_clause:
        return in_clause[-1].actor
    trailing = [f for f in found if not f.governs and f.span[0] >= mention.start]
    if trailing:
        return trailing[0].actor
    if governing:
        return governing[-1].actor
    return found[0].actor


def _attributions(
    reading: Reading, sentence: Sentence, state: Actors
) -> tuple[list[_Found], list[tuple[int, int]]]:
    """Every attribution of a sentence, in the order the actors appear.

    Patterns run on the folded sentence; names are cut from the original by offsets.
    """
    found: list[_Found] = []
    spans: list[tuple[int, int]] = []  # every attribution, even one naming no one we know
    text = reading.text
    s_text = text[sentence.start : sentence.end]
    low = reading.folded[sentence.start : sentence.end]
    base = sentence.start

    def phrase(match: re.Match[str], group: str = "np") -> str:
        return s_text[match.start(group) : match.end(group)]

    def add(name: str, start: int, end: int, governs: bool, by_after: bool = False) -> None:
        spans.append((base + start, base + end))
        actor = state.resolve(name)
        if actor is not None:
            found.append(_Found(actor, (base + start, base + end), governs, by_after))

    if sentence.quote_speaker is not None:
        q_start, q_end = sentence.quote_speaker
        speaker = text[q_start:q_end]
        match = re.match(rf"(?P<np>.+?)\s+{_VERB}\b", speaker, _NOCASE) or re.search(
            rf"{REPORT_VERBS}\s+(?P<np>.+)$", speaker, _NOCASE
        )
        if match:
            spans.append((q_start, q_end))
            actor = state.resolve(match.group("np"))
            if actor is not None:
                found.append(_Found(actor, (q_start, q_end), True))
    if not _ANY_ATTRIBUTION.search(low) and not _STATEMENT_HINT.search(low):
        return found, spans
    if _STATEMENT_HINT.search(low):
        for match in STATEMENT_OF.finditer(low):
            # the statement quoted is not the speaker: "the ministry" later is not its author
            quoted = state.institution(phrase(match))
            spans.append((base + match.start(), base + match.end()))
            if quoted is not None:
                found.append(_Found(quoted, (base + match.start(), base + match.end()), True))
    if "," in s_text[:60]:
        appositive = appositive_speaker(s_text, state)
        if appositive is not None:
            spans.append((base, base + len(s_text)))
            found.append(_Found(appositive, (base, base + s_text.find(",") + 1), True))
    # the patterns below are costly; cheap word tests decide which can match at all
    verbs = [m.start() for m in _VERB_WORD.finditer(low)]
    according_which = (
        _ACCORDING_WHICH.search(low) if any(w in low for w in _ISSUING_WORDS) else None
    )
    if according_which:
        add(phrase(according_which), according_which.start(), according_which.end(), True)
    for clause in sentence.clauses:
        offset = clause.start - base
        if according_which or not any(offset <= v < clause.end - base for v in verbs):
            continue
        lead = _LEADING.match(low[offset : clause.end - base])
        if (
            lead
            and _LOOSE_VERB.search(low, offset, offset + lead.start("tail"))
            and not re.search(r"\bthat\b|according to which|:", lead.group("tail"))
        ):
            lead = None  # "Aggressive actions continued in the following days": no speaker
        if lead:
            name = s_text[offset + lead.start("np") : offset + lead.end("np")]
            if _plausible_speaker(name):
                add(name, offset, offset + lead.end(), True)
    if "with " in low:
        for match in _WITH_SAYING.finditer(low):
            add(phrase(match), match.start(), match.end(), True)
    if "according to" in low:
        for match in _ACCORDING_TO.finditer(low):
            add(phrase(match), match.start(), match.end(), True)
    if " by " in low:
        for match in _BY_AFTER.finditer(low):
            add(phrase(match), match.start(), match.end(), True, True)
    trailing = None
    if verbs and len(low) - verbs[-1] <= 110:
        window = max(0, verbs[-1] - 150)
        trailing = _TRAILING.search(low, window) or _INVERTED.search(low, window)
    if trailing and "tail" in trailing.groupdict() and _TOLD_EVENT.search(trailing["tail"]):
        trailing = None  # "In a statement, X said troops opened fire ...": X leads, not trails
    if trailing and _plausible_speaker(phrase(trailing)):
        relay = _RELAY.search(low, trailing.start(), trailing.end())
        add(phrase(trailing), trailing.start(), len(s_text), False)
        if relay:
            add(phrase(relay), trailing.start(), len(s_text), False)
    if any(w in low for w in _RELAY_WORDS):
        for match in _RELAY.finditer(low):
            if trailing and match.start() >= trailing.start():
                continue
            add(phrase(match), match.start(), match.end(), False)
    if " by " in low:
        for match in _ALLEGED_BY.finditer(low):
            if not any(f.span[0] <= base + match.start() < f.span[1] for f in found):
                add(phrase(match), match.start(), match.end(), True, True)
    return _institutions_first(found), spans


def _institutions_first(found: list[_Found]) -> list[_Found]:
    """Media that relay an institution ("..., writes Interfax") rank after it."""
    institutions = [f for f in found if f.actor.institutional]
    media = [f for f in found if not f.actor.institutional]
    return institutions + media if institutions else media


def _plausible_speaker(phrase: str) -> bool:
    words = phrase.split()
    if not words or len(words) > 18:
        return False
    low = phrase.lower()
    if low in ("as", "as was", "as it was", "as has been", "it"):
        return False  # "As reported earlier, ...": a pointer back, not a speaker
    if re.search(r"\b(?:the|a|an|its|their|his|her)$", low):
        return False  # "the reported violation": an adjective, not a speaker
    if re.search(r"\b(?:killed|wounded|injured|fired|shelled|opened|was|were|is|are)\b", low):
        return bool(re.search(r"\bstatement|report|bulletin\b", low))
    return True


def _perpetrator(
    mention: Mention, text: str, claimant: Actor, previous: Actor | None
) -> Actor | None:
    """Whom the clause blames: "violated by X", "X opened fire", "X's ambush", "accusing X"."""
    if mention.kind is MentionKind.CONTEXT:
        return None
    clause = text[mention.start : mention.end]
    t_start = mention.trigger[0] - mention.start
    t_end = mention.trigger[1] - mention.start
    if mention.category is Category.EXPLOSIVE_ORDNANCE:
        planted = re.search(
            r"\b(?:planted|laid|left(?: behind)?) by\s+(?P<np>[^,.;]{3,60})", clause, _NOCASE
        )
        return _force(planted.group("np"), claimant) if planted else None
    if mention.kind is MentionKind.CASUALTIES:
        return _killer(clause, t_start, t_end, claimant)
    accused = _ACCUSING.search(clause)
    if accused:
        return _force(accused.group("np"), claimant)
    after = clause[t_end : t_end + 90]
    by = re.match(r"\s*(?:\w+\s+){0,3}?by\s+(?P<np>[^,.;]{3,70})", after, _NOCASE)
    if by is None and clause[t_start:t_end].lower().endswith(" by"):
        by = re.match(r"\s*(?P<np>[^,.;]{3,70})", after)  # "the fire opened by the Armenian side"
    if by:
        actor = _force(by.group("np"), claimant)
        first = by.group("np").split()[0]
        told_by = re.search(
            r"\b(?:alleged|reported|claimed|recorded|registered|announced)\s+by", by.group(0)
        )
        if actor is None and side_of(first) and not told_by:
            actor = _force(f"{first} forces", claimant)  # "shelling by Azerbaijan of a village"
        if actor is not None:
            return actor
    source = re.match(
        r"\s*(?:\w+\s+){0,2}?from\s+(?P<np>the (?:opposite|other|opposing|enemy)[^,.;]{0,30}"
        r"|(?:the\s+)?[^,.;]{2,40}?\b(?:side|forces|army|troops|positions|units))\b",
        after,
        _NOCASE,
    )
    if source and (origin_force := _force(source.group("np"), claimant)) is not None:
        return origin_force  # "fire from the Armenian positions"; "from small arms" names no one
    if PASSIVE_FIRE.search(clause, 0, min(len(clause), t_end + 25)):
        # "the country's armed forces came under fire ... from Azerbaijan": the subject is hit
        origin = re.search(r"\bfrom\s+(?:the\s+)?(?P<np>(?:[\w'’-]+\s+){0,6}?[\w'’-]+)", after)
        if origin and side_of(origin.group("np")):
            # "from Azerbaijan", "from a combat post of the Armenian Armed Forces"
            name = origin.group("np")
            return _force(name if _FORCE_WORD.search(name) else f"{name} forces", claimant)
        if not re.search(r"\bby\b", after):
            return None
    before = clause[:t_start]
    # "killed by Armenian sniper fire", "Azerbaijan's ambush", "under Armenian fire", "killed
    # in Armenian shelling": the word just before the trigger first, then the one before it
    adjective = re.search(r"(?P<np>\b[\w-]+(?:'s)?)\s+$", before)
    if adjective is None or not side_of(adjective.group("np")):
        adjective = re.search(r"(?P<np>\b[\w-]+(?:'s)?)\s+(?:[\w-]+\s+)?$", before)
    if (
        adjective
        and side_of(adjective.group("np"))
        and (
            not _NOT_SUBJECT.search(before[-40:])
            or re.search(r"\b(?:by|under|from|in|during|amid)\s+\S+\s+(?:\S+\s+)?$", before)
        )
    ):
        return _force(adjective.group("np") + " forces", claimant)
    trigger_word = clause[t_start:t_end].lower()
    if _PASSIVE_END.search(before) and not trigger_word.split()[0].endswith("ing"):
        # "six Armenian soldiers had been captured": the subject of a passive is the one hit
        # (an agent would have come with "by" above); "were firing" stays active
        return None
    subject = _subject(before)
    if subject is not None:
        if _BACK_REFERENCE.fullmatch(subject.strip()) and previous:
            return previous  # "they also fired", "the same units shelled"
        actor = _force(subject, claimant)
        if actor is not None:
            return actor
    if clause[t_start:t_end].lower().endswith("ing") and re.search(r",\s*$", before):
        # "Azerbaijan launched an operation on Tuesday, shelling Khankendi": the main subject
        for word in before.split()[:4]:
            if side_of(word):
                return _force(word.strip(",.;:"), claimant)
    return None


def _subject(before: str) -> str | None:
    # "members of X, where the peacekeepers are stationed, fired": the aside is not the subject
    before = _ASIDE.sub(" ", before)
    parts = _SUBJECT_BOUNDARY.split(before)
    subject = parts[-1] if parts else before
    if not subject.strip():
        # "Azerbaijani units, which opened fire", "It was Azerbaijani troops who fired":
        # the relative pronoun stands for the words just before it
        antecedent = _ANTECEDENT.search(before)
        if antecedent is None:
            return None
        subject = antecedent.group("np")
    blocked = _NOT_SUBJECT.search(subject)
    if blocked is not None and _REDUCED_PASSIVE.match(subject, blocked.end()):
        return None  # "Azerbaijani soldier killed in shelling": the words name the victim
    if blocked is not None:
        # "The Armenian occupants martyred a soldier with sniper fire": the doer comes first,
        # but "a serviceman was wounded as a result of shelling" names the victim
        head = subject[: blocked.start()]
        if not head.strip() or _PASSIVE_END.search(head) or blocked.group(0).lower() in _NOT_VERBS:
            return None
        subject = head
    if len(subject.split()) > 12:
        # "units of the Armenian armed forces located in the direction of X subjected to fire"
        head = re.match(
            r"\s*(?:[\w'’-]+\s+){0,6}?(?:forces|army|military|troops|units)\b(?!\s+of\b)",
            subject,
            _NOCASE,
        )
        return head.group(0) if head else None
    # "Azerbaijan had carried out four": the subject ends where its verb phrase begins
    verb = _SUBJECT_VERB.search(subject)
    return subject[: verb.start()] if verb and verb.start() > 0 else subject


def _killer(clause: str, t_start: int, t_end: int, claimant: Actor) -> Actor | None:
    """The doer of an active "X killed two soldiers"; None for "two soldiers were killed"."""
    if not _OBJECT_AFTER.match(clause, t_end):
        return None
    before = clause[:t_start]
    if _PASSIVE_END.search(before):
        return None
    subject = _subject(before)
    return _force(subject, claimant) if subject else None


def _force(phrase: str, claimant: Actor) -> Actor | None:
    """An armed actor named by a phrase, or None if the phrase names none."""
    side = side_of(phrase)
    if side is None and _OPPOSITE.search(phrase) and claimant.side in OPPONENT:
        side = OPPONENT[claimant.side]
    if side is None or side not in PARTY_SIDES:
        return None
    named_force = _FORCE_WORD.search(phrase) or re.search(r"\b\w+(?:'s)?\s+forces$", phrase)
    if not named_force and not re.fullmatch(
        r"\s*(?:\w+\s+)?(?:azerbaijan|armenia|artsakh|karabakh|baku|yerevan|stepanakert)\w*(?:'s)?\s*",
        phrase,
        _NOCASE,
    ):
        return None
    force = "armed forces"
    for pattern, name in _FORCE:
        if pattern.search(phrase):
            force = name
            break
    if side is Side.KARABAKH and force == "Defence Army":
        return Actor(name="Karabakh Defence Army", side=side, is_party=True, institutional=True)
    return Actor(
        name=f"{SIDE_ADJECTIVE[side]} {force}", side=side, is_party=True, institutional=True
    )


def _target(mention: Mention, text: str) -> str | None:
    if mention.kind is not MentionKind.EVENT or mention.category is not Category.VIOLATION:
        return None
    after = text[mention.trigger[1] : mention.end]
    match = _TARGET.match(after)
    if not match:
        return None
    target = re.sub(r"^the\s+", "", match.group("np").strip(), flags=_NOCASE)
    if re.match(
        r"(?:village|town|city|settlement|area|direction)\b|\S*\d|(?:[A-Z][a-z]+ \d)", target
    ):
        return None  # a place, which the place stage gives
    return target if 2 <= len(target.split()) <= 10 or side_of(target) else None
