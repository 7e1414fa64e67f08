"""Stage 6, casualties: killed and injured people stated in each mention's clause.

Counts in digits and words ("two civilians", "a soldier", "one serviceman"), vague ones
("several" → at least two), open ones ("at least four"), elided nouns ("two killed and three
injured"), lists of names ("Razi Huseynov and Bayram Huseynov were killed") and "all of them"
(the people the sentence before named). Ages, years, partitives ("two of the officers", a
subset of people already counted) and ordinals ("the third") are not counts. Each figure keeps
its status (military, civilian, unknown) and, when the text says, whose people they were.
"No casualties" and "ruled out any casualties among the army personnel" give zeros.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Final

from ceasefire.domain.taxonomy import Side
from ceasefire.ingest.lexicon import (
    INJURED_WORDS,
    KILLED_WORDS,
    NUMBER_WORDS,
    PERSON_STATUS,
    RUNNING_TOTAL,
    SIDE_WORDS,
    VAGUE_NUMBERS,
    ZERO_CASUALTIES,
    fold,
)
from ceasefire.ingest.stages.reading import Figure, MentionKind, Reading

_NOCASE: Final = re.IGNORECASE
_VERB: Final = re.compile(rf"\b(?:(?P<k>{KILLED_WORDS})|(?P<i>{INJURED_WORDS}))\b", _NOCASE)
_QUANTIFIER: Final = (
    r"(?P<mod>at least|more than|over|some|about|around|nearly|almost|up to|as many as|a total of|"
    r"another|a further|further)?\s*"
)
_COUNT_WORD: Final = (
    r"(?P<n>\d{1,3}(?:,\d{3})*|"
    + "|".join(
        sorted((re.escape(w) for w in (*NUMBER_WORDS, *VAGUE_NUMBERS)), key=len, reverse=True)
    )
    + r")(?:\s*(?:-|–|to|or)\s*(?P<n2>\d{1,3}|"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r"))?"
)
_NUMBER: Final = re.compile(rf"(?<![\w-]){_QUANTIFIER}{_COUNT_WORD}\b", _NOCASE)
_STATUS: Final = tuple(
    (status, re.compile(rf"\b(?:{p})\b", _NOCASE)) for status, p in PERSON_STATUS
)
_PERSON: Final = re.compile("|".join(rf"\b(?:{p})\b" for _, p in PERSON_STATUS), _NOCASE)
_SIDES: Final = tuple((side, re.compile(rf"\b(?:{p})", _NOCASE)) for side, p in SIDE_WORDS)
_NAME_TOKEN: Final = r"[A-Z][a-zəüöçşğı'’]+(?:-[A-Z][a-z]+)?"
_NAME: Final = re.compile(rf"\b{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}}\b")
_SURNAME: Final = re.compile(
    r"(?:ov|ova|ev|eva|yev|yeva|yan|ian|li|lu|zade|oglu|enko|in|ski|sky|dze|shvili)$"
)
_NOT_NAME: Final = re.compile(
    r"^(?:The|A|An|His|Her|Their|On|In|At|As|According|Azerbaijani?|Armenian?|Russian?|Turkish|"
    r"Karabakh|Artsakh|Nagorno|Ministry|Defen[cs]e|Prosecutor|General|Office|Police|President|"
    r"Colonel|Major|Captain|Lieutenant|Sergeant|Meanwhile|Earlier|Later|Two|Three|Four|Five|One|"
    r"Both|All|Several|Some|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|January|"
    r"February|March|April|May|June|July|August|September|October|November|December|Baku|"
    r"Yerevan|Stepanakert|Moscow|Khankendi|Shusha|Shushi|Lachin|Aghdam|Fuzuli|Fizuli|Tartar|"
    r"Terter|Kalbajar|Gadabay|Gazakh|Tavush|Syunik|State|Emergencies|Interior|Foreign|Republic)$"
)
_PARTITIVE_AFTER: Final = re.compile(r"^\s+of\s+(?:the|them|those|these|us|whom)\b", _NOCASE)
_PARTITIVE_BEFORE: Final = re.compile(r"\bof\s+(?:the|these|those)\s*$", _NOCASE)
_NOT_COUNT_AFTER: Final = re.compile(
    r"^(?:-|\s+)(?:year|years|month|months|day|days|hours?|km|kilomet|times|percent|%|mines?|"
    r"houses?|homes?|buildings?|cars?|vehicles?|shells?|rounds?|villages?|settlements?|"
    r"districts?|regions?|positions?|violations?|incidents?|attacks?|cases?|tanks?|drones?|"
    r"cows?|cattle|sheep|horses?|livestock|animals?|goats?|pigs?|dogs?|heads? of)\b"
    r"|^\s*\)|^[:.]\d|^-year",
    _NOCASE,
)
_ALL_OF_THEM: Final = re.compile(
    r"\b(?:all|both|each) of (?:them|whom|the \w+)\b|\ball (?:were|have been|had been)\b", _NOCASE
)
_LOST_LIMB: Final = re.compile(
    r"\blost (?:a|one|his|her|both) (?:legs?|arms?|limbs?|eyes?|hands?|feet|foot)\b", _NOCASE
)
_SIDE_CLAUSE: Final = re.compile(r"\b(?:on|from|among) the (\w+) side\b", _NOCASE)
#: "the Azerbaijani side has two wounded servicemen": whose losses they are
_SIDE_HAS: Final = re.compile(r"\bthe (\w+) side (?:has|had|suffered|lost|reported)\b", _NOCASE)
_ELIDED: Final = re.compile(
    r"(?:\s*,?\s*(?:have|has|had|been|were|was|are|is|being|reported|also|others?|more|severely|"
    r"seriously|slightly|lightly|critically|badly|gravely|people)\b){0,5}\s*[,:]?\s*",
    _NOCASE,
)
_PASSIVE: Final = re.compile(
    r"\b(?:was|were|been|be|being|is|are|get|got|gets)\s+(?:\w+ly\s+)?[\"“'‘]?\s*$", _NOCASE
)
_ONE_PERSON: Final = re.compile(
    r"\s*(?:the|its|his|her|their|our)\s+(?:[\w-]+\s+){0,2}?(?:driver|soldier|serviceman|shepherd|farmer|"
    r"man|woman|boy|girl|child|resident|civilian|officer|operator|worker|passenger|sapper|deminer|"
    r"policeman|guard)\b",
    _NOCASE,
)
_JOINED: Final = re.compile(r"\s*(?:,\s*and|,|and|as well as)\s*", _NOCASE)
_TOLL: Final = re.compile(
    rf"\b(?:number|toll) of (?P<who>(?:[\w-]+\s+){{0,4}}?)(?P<verb>{KILLED_WORDS}|{INJURED_WORDS})\b"
    rf"[^.;]{{0,90}}?\b(?:reached|rose to|risen to|climbed to|stands at|stood at|increased to|is|was)\s+"
    rf"{_QUANTIFIER}{_COUNT_WORD}\b",
    _NOCASE,
)
_NEGATED_COUNT: Final = re.compile(r"\b(?:no|not|none|nor|without)\s*$", _NOCASE)
_PART_OF_COUNT: Final = re.compile(
    r"\b(?:including|among them|among whom|of whom|of them)\s*$", _NOCASE
)
#: "three persons, including two journalists and an official, were killed": the total counts
_TOTAL_THEN_PARTS: Final = re.compile(
    rf"(?<![\w-]){_QUANTIFIER}{_COUNT_WORD}\s+(?P<noun>(?:[\w-]+\s+){{0,2}}?"
    rf"(?:{_PERSON.pattern}))\s*,?\s*"
    r"(?:including|among them|among whom|of whom)\b",
    _NOCASE,
)
_OF_BEFORE: Final = re.compile(r"\b(?:of|in|at|from|by|on)\s+(?:the\s+)?$")
_BROKEN_NP: Final = re.compile(
    r"[,.;]|\b(?:and|were|was|have|has|had|that|which|who|reported|said|says|told|according)\b"
)
_TWO_SIDES: Final = re.compile(
    r"\b(?:azerbaijani|armenian|russian|turkish|karabakh)s?\s+and\s+"
    r"(?:azerbaijani|armenian|russian|turkish|karabakh)s?\b",
    _NOCASE,
)
_NOMINAL: Final = re.compile(r"\s+of\b", _NOCASE)  # "the killing of two or more people" (law)
_MILITARY_ZERO: Final = re.compile(
    r"\b(?:army|military|servicem[ae]n|personnel|soldiers|troops|units)\b", _NOCASE
)

_SINGULAR: Final = (
    r"soldier|serviceman|service member|civilian|resident|driver|man|woman|boy|girl|child|shepherd|"
    r"farmer|worker|employee|officer|sapper|deminer|policeman|guard|operator|citizen|passenger|"
    r"person|villager|teenager|journalist|mother|father|wife|husband|son|daughter|grandmother|grandfather"
)
_TITLED_NAME: Final = re.compile(
    rf"\s*(?i:(?:the\s+|an?\s+)?(?:[\w-]+\s+)?(?P<noun>{_SINGULAR}))(?=\s+{_NAME_TOKEN})"
)
_ATTRIBUTIVE: Final = re.compile(rf"\s+(?:[\w-]+\s+)?(?:{_SINGULAR})\b(?!s)", _NOCASE)
#: "a resident of the Fizuli district, born in 1978, received varying degrees of bodily
#: injuries": one person who received, sustained or suffered the injuries (the noun)
_TOOK_INJURY: Final = (
    r"(?:has |have |had )?(?:received|sustained|suffered)(?:\s+(?:[\w-]+\s+){0,3}?"
    r"(?:degrees? of|severity|serious|severe|minor|light|bodily|leg|shrapnel|gunshot|"
    r"multiple|various|varying|grave|fatal))*\s+"
)
_ONE_SUBJECT: Final = re.compile(
    rf"(?:^|\b(?:the|a|an|its|his|her|their|our)\s+|\s)(?:[\w-]+\s+){{0,2}}?(?P<noun>{_SINGULAR})\b"
    r"(?:\s+(?:of|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?[\w'’-]+)?"
    r"(?:(?:\s*,[^,]{0,60}){1,3},|\s*,)?\s+"
    rf"(?:(?:has been|had been|was|is|got|gets)\s+(?:\w+ly\s+)?|{_TOOK_INJURY})$",
    _NOCASE,
)
_ANOTHER: Final = re.compile(
    r"\s*another\b(?=\s*(?:$|[,.;]|(?:in|on|at|near|while|when|during|and|as)\b))", _NOCASE
)
_BODY_PART_OF: Final = re.compile(
    r"^\s*(?:the\s+)?(?:[\w-]+\s+)?(?:legs?|arms?|hands?|feet|foot|eyes?|heads?|faces?)\s+of\s+",
    _NOCASE,
)
_RESULTED_IN: Final = re.compile(
    r"\b(?:resulted in|resulting in|led to|caused)\s+(?:the\s+)?$", _NOCASE
)
#: "11 cows were killed, 19 injured": an elided count after animals counts animals too
_ANIMAL: Final = r"(?:cows?|cattle|sheep|horses?|livestock|animals?|goats?|pigs?|dogs?)"
_ANIMALS_BEFORE: Final = re.compile(
    rf"(?:\b{_ANIMAL}\s+(?:were\s+|was\s+|have been\s+|had been\s+)?"
    r"(?:killed|died|dead|injured|wounded)"
    rf"|\b(?:killed|killing|injured|wounded)\s+(?:[\w-]+\s+){{0,2}}?{_ANIMAL})\b[^.;]{{0,60}}$",
    _NOCASE,
)
#: "the biggest since hundreds died when ...": a count in a "since" clause tallies the past
_SINCE_BEFORE: Final = re.compile(r"\bsince\s+(?:(?:some|about|over|more than)\s+)?$", _NOCASE)
#: "three days after 12 people were killed in X": a count of another, earlier incident
_OTHER_TIME_BEFORE: Final = re.compile(
    r"\b(?:days?|weeks?|months?|hours?)\s+(?:after|before)\s+(?:(?:some|about|over|at least)\s+)?$",
    _NOCASE,
)
#: "the soldier, born in 2001, died of his wounds": one person, the subject of an active death
_ONE_DIED: Final = re.compile(
    rf"\b(?:the|a|an|its|his|her|their|our)\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>{_SINGULAR})\b"
    r"(?:\s*,[^,]{0,60},)?\s*$",
    _NOCASE,
)
#: "four were killed and another was wounded": one more person, of the status told before
_ANOTHER_SUBJECT: Final = re.compile(
    r"\banother\s+(?:one\s+)?(?:was|has been|had been|is|got)\s+(?:\w+ly\s+)?$", _NOCASE
)
_MONTH_BEFORE: Final = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", _NOCASE
)

Stage = Callable[[Reading], Reading]


def create(config: object = None) -> Stage:
    """The casualty stage; it needs no configuration."""
    return count_casualties


def count_casualties(reading: Reading) -> Reading:
    """Fill `figures` and `zero_statement` of every incident mention."""
    sentence_of = {s.index: s for s in reading.sentences}
    parts: dict[tuple[int, int], int] = {}
    for mention in reading.mentions:
        if "split" in mention.flags:
            parts[(mention.start, mention.end)] = parts.get((mention.start, mention.end), 0) + 1
    out = []
    for mention in reading.mentions:
        if mention.kind is MentionKind.CONTEXT:
            out.append(mention)
            continue
        clause = reading.text[mention.start : mention.end]
        sentence = sentence_of[mention.sentence]
        side_hint = _side_hint(sentence.text)
        figures = figures_in(clause, side_hint)
        if figures and _ANIMALS_BEFORE.search(
            reading.text[sentence.start : mention.end].rstrip(".!?;")
        ):
            # "11 cows killed on the farm, 19 injured": the elided count is of animals too
            figures = [f for f in figures if f.status != "unknown"]
        if "split" in mention.flags:
            # figures of a sentence split by district cannot be told apart, except one person
            # per place: "two citizens were wounded in mine blasts in Tartar and Aghdam"
            pieces = parts[(mention.start, mention.end)]
            each = [f for f in figures if f.min == f.max == pieces]
            figures = [replace(each[0], min=1, max=1)] if len(figures) == 1 and each else []
        if side_hint is not None:
            figures = [replace(f, contrast=True) for f in figures]
        if not figures and _ALL_OF_THEM.search(clause):
            previous = sentence_of.get(mention.sentence - 1)
            verb = _VERB.search(clause)
            if previous is not None and verb is not None:
                kind = "killed" if verb.group("k") else "injured"
                figures = [replace(f, kind=kind) for f in people_in(previous.text)]
        zero = _zero(clause)
        out.append(replace(mention, figures=tuple(figures), zero_statement=zero))
    return replace(reading, mentions=tuple(out))


def figures_in(clause: str, side_hint: Side | None = None) -> list[Figure]:
    """The killed and injured figures a clause states, each person counted once."""
    figures: list[Figure] = []
    consumed: list[tuple[int, int]] = []
    # asides in brackets are ages, clock times or legal articles, not casualties
    clause = re.sub(r"\([^()]{0,120}(?:\)|$)", lambda m: " " * len(m.group(0)), clause)
    clause = RUNNING_TOTAL.sub(lambda m: " " * len(m.group(0)), clause)
    toll = _TOLL.search(clause)
    if toll is not None:
        # "the number of servicemen killed in the attack has reached 105"
        kind = "killed" if re.match(KILLED_WORDS, toll.group("verb"), _NOCASE) else "injured"
        low, high = _count(toll)
        return [
            Figure(
                kind, _status(toll.group("who")), low, high, _side(toll.group("who")) or side_hint
            )
        ]
    verbs = [
        v
        for v in _VERB.finditer(clause)
        if not _NOMINAL.match(clause, v.end())
        or _RESULTED_IN.search(clause, 0, v.start())
        or v.group(0).lower() == "died"  # "died of his wounds" is a death, not a noun
    ]
    for index, verb in enumerate(verbs):
        kind = "killed" if verb.group("k") else "injured"
        if _LOST_LIMB.fullmatch(verb.group(0)):
            figures.append(Figure(kind, "unknown", 1, 1, side_hint))
            continue
        left_start = verbs[index - 1].end() if index else 0
        attributive = _ATTRIBUTIVE.match(clause, verb.end())
        if attributive and re.search(
            r"\b(?:the|a|an|one)\s+(?:\w+ly-?)?$", clause[left_start : verb.start()]
        ):
            # "the wounded soldier Ibadulla Mardanli has been given first aid"
            figures.append(Figure(kind, _status(attributive.group(0)), 1, 1, side_hint))
            continue
        left = _left_figures(clause, left_start, verb.start(), kind, consumed, figures, side_hint)
        if left:
            figures.extend(left)
            continue
        if _PASSIVE.search(clause[left_start : verb.start()]):
            continue  # "had been gunned down with ...": nothing after a passive is its object
        right_end = verbs[index + 1].start() if index + 1 < len(verbs) else len(clause)
        figures.extend(
            _right_figures(clause, verb.end(), right_end, kind, consumed, side_hint, figures)
        )
    return figures


def people_in(text: str) -> list[Figure]:
    """People counted in a sentence without a casualty verb ("an officer and four employees")."""
    figures = []
    for match in _NUMBER.finditer(text):
        if _skip_number(text, match):
            continue
        noun = _person_noun(text[match.end() : match.end() + 60])
        if noun is None:
            continue
        low, high = _count(match)
        figures.append(Figure("injured", _status(noun), low, high, _side(noun)))
    return figures


def _left_figures(
    clause: str,
    start: int,
    verb: int,
    kind: str,
    consumed: list[tuple[int, int]],
    figures: list[Figure],
    side_hint: Side | None,
) -> list[Figure]:
    segment = clause[start:verb]
    whole = _TOTAL_THEN_PARTS.search(segment)
    if whole is not None and not _overlaps((start + whole.start(), verb), consumed):
        consumed.append((start + whole.start(), verb))
        low, high = _count(whole)
        status = _status(whole.group("noun"))
        return [Figure(kind, status, low, high, _side(segment) or side_hint)]
    numbers = [m for m in _NUMBER.finditer(segment) if not _skip_number(segment, m)]
    for match in reversed(numbers):
        absolute = (start + match.start(), start + match.end())
        if _overlaps(absolute, consumed):
            continue
        between = segment[match.end() :]
        if len(between.split()) > 12:
            break
        noun = _person_noun(between)
        if noun is None:
            if _ELIDED.fullmatch(between) and not _ANIMALS_BEFORE.search(
                clause, 0, start + match.start()
            ):
                # an elided noun: "two killed and three injured", "one wounded"
                previous = figures[-1] if figures else None
                low, high = _count(match)
                consumed.append((absolute[0], start + len(segment)))
                side = _side(between) or (previous.side if previous else side_hint)
                status = previous.status if previous else "unknown"
                return [Figure(kind, status, low, high, side)]
            continue
        low, high = _count(match)
        consumed.append((absolute[0], start + len(segment)))
        found = [Figure(kind, _status(noun), low, high, _side(between) or side_hint)]
        # "three policemen and two soldiers were killed": the coordinated counts too
        current = match
        for earlier in reversed([m for m in numbers if m.end() <= match.start()]):
            tail = segment[earlier.end() : current.start()]
            earlier_noun = _person_noun(tail)
            if earlier_noun is None or not _JOINED.fullmatch(tail[len(earlier_noun) :]):
                break
            low, high = _count(earlier)
            found.insert(
                0, Figure(kind, _status(earlier_noun), low, high, _side(earlier_noun) or side_hint)
            )
            consumed.append((start + earlier.start(), start + current.start()))
            current = earlier
        return found
    names = _names(segment)
    if names:
        consumed.append((start, verb))
        return [
            Figure(
                kind, "unknown", len(names), len(names), side_hint, named=True, names=tuple(names)
            )
        ]
    if _ANOTHER_SUBJECT.search(segment):
        consumed.append((start, verb))
        status = figures[-1].status if figures else "unknown"
        return [Figure(kind, status, 1, 1, figures[-1].side if figures else side_hint)]
    died = re.match(r"(?:died|perished|succumbed)\b", clause[verb:], _NOCASE)
    one = _ONE_SUBJECT.search(segment) or (_ONE_DIED.search(segment) if died else None)
    if one and not _NEGATED_COUNT.search(segment[: one.start()]):
        # "the tractor driver was slightly injured", "ANAMA employee has been injured"
        consumed.append((start + one.start(), verb))
        return [Figure(kind, _status(one.group("noun")), 1, 1, _side(segment) or side_hint)]
    return []


def _right_figures(
    clause: str,
    start: int,
    end: int,
    kind: str,
    consumed: list[tuple[int, int]],
    side_hint: Side | None,
    before: list[Figure],
) -> list[Figure]:
    segment = clause[start : min(end, start + 120)]
    if re.match(r"\s*[,;:.]", segment):
        return []  # "Of the five people killed, three are ...": a breakdown, not an object
    out: list[Figure] = []
    previous = before[-1] if before else None
    if previous is not None and _ANOTHER.match(segment):
        # "killed one civilian and injured another in ..."
        return [Figure(kind, previous.status, 1, 1, previous.side)]
    cursor = 0
    while True:
        match = _NUMBER.search(segment, cursor)
        if match is None or len(segment[cursor : match.start()].split()) > (3 if not out else 2):
            break
        if _skip_number(segment, match):
            cursor = match.end()
            continue
        noun = _person_noun(segment[match.end() : match.end() + 60])
        low, high = _count(match)
        if noun is None:
            rest = segment[match.end() :].split()
            if (
                out
                or not rest
                or rest[0][0] in ",.;:"
                or rest[0].lower() in ("and", "dead", "killed", "injured", "wounded")
            ):
                previous = out[-1] if out else (before[-1] if before else None)
                out.append(
                    Figure(
                        kind,
                        previous.status if previous else "unknown",
                        low,
                        high,
                        previous.side if previous else side_hint,
                    )
                )
                cursor = match.end()
                continue
            break
        out.append(Figure(kind, _status(noun), low, high, _side(noun) or side_hint))
        consumed.append((start + match.start(), start + match.end() + len(noun)))
        cursor = match.end() + len(noun)
        if not re.match(r"\s*(?:,|and|as well as)\s", segment[cursor:]):
            break
    if not out:
        one = _ONE_PERSON.match(segment)
        if one:
            return [Figure(kind, _status(one.group(0)), 1, 1, _side(one.group(0)) or side_hint)]
        remainder = _BODY_PART_OF.sub("", segment, count=1)
        status = "unknown"
        titled = _TITLED_NAME.match(remainder)
        if titled:
            # "wounded soldier Muraz Babakishev": the noun before the name gives the status
            status = _status(titled.group("noun"))
            remainder = remainder[titled.end() :]
        name = re.match(rf"\s*({_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}})", remainder)
        if name and _is_name(name.group(1)):
            # "injured the legs of Mirfattah Bagirov, born in 1965, and Khagani Teymurov"
            listed = [
                n.group(0)
                for n in _NAME.finditer(
                    re.split(r"[;.]|\b(?:who|which|while|when)\b", remainder)[0]
                )
                if _is_name(n.group(0))
            ]
            names = tuple(dict.fromkeys(listed)) or (name.group(1),)
            out.append(Figure(kind, status, len(names), len(names), side_hint, True, names))
    return out


def _skip_number(text: str, match: re.Match[str]) -> bool:
    """Ages, years, times, partitives and numbers of things are not counts of people."""
    word = match.group("n").lower()
    after = text[match.end() :]
    if _NOT_COUNT_AFTER.match(after) or _PARTITIVE_AFTER.match(after):
        return True
    before = text[max(0, match.start() - 40) : match.start()]
    if _PARTITIVE_BEFORE.search(before):
        return True
    if _NEGATED_COUNT.search(before):
        return True  # "no one was hurt", "not a single soldier"
    if _SINCE_BEFORE.search(before):
        return True  # "the deadliest since hundreds died in 2020": a tally of the past
    if _OTHER_TIME_BEFORE.search(before):
        return True  # "three days after 12 people were killed in Ganja": another incident
    if _PART_OF_COUNT.search(before):
        return True  # "32 people, including seven civilians": a part of a count
    if re.search(r"[A-Z][\w'’-]+,\s*$", before) and re.match(r"\s*[,;)]", after):
        return True  # "Rafis Mamishov, 37, ...": an age
    if word.isdigit() and (
        int(word) >= 1900
        or text[max(0, match.start() - 1) : match.start()] == "("
        or _MONTH_BEFORE.search(before)
    ):
        return True  # years, asides and days of a month ("on July 23 reported that ...")
    if word in ("a", "an", "another", "one", "some"):
        # only with a person right after: "a soldier", "a fourth individual", not "a result"
        return _person_noun(after[:40]) is None and word != "one"
    return False


def _person_noun(text: str) -> str | None:
    """The words up to and including the person noun that starts `text`, if it names people."""
    noun = _PERSON.search(text[:80])
    if noun is None:
        return None
    head = text[: noun.end()]
    lead = text[: noun.start()]
    if noun.start() > 0 and _OF_BEFORE.search(lead):
        return None  # "the explosion of an anti-personnel mine" is not a person
    # "30 Azerbaijani and Armenian soldiers": two sides' adjectives joined stay one noun phrase
    joined = _TWO_SIDES.sub(" ", lead)
    if len(head.split()) > 6 or _BROKEN_NP.search(joined):
        return None
    return head


def _status(noun: str) -> str:
    for status, pattern in _STATUS:
        if pattern.search(noun):
            return status
    return "unknown"


def _side(text: str) -> Side | None:
    if _TWO_SIDES.search(text):
        return None  # "Azerbaijani and Armenian soldiers": both sides' people
    for side, pattern in _SIDES:
        if pattern.search(text):
            return side
    return None


def _side_hint(sentence: str) -> Side | None:
    match = _SIDE_CLAUSE.search(sentence) or _SIDE_HAS.search(sentence)
    return _side(match.group(1)) if match else None


def _count(match: re.Match[str]) -> tuple[int, int | None]:
    word = match.group("n").lower()
    modifier = (match.group("mod") or "").lower()
    if word in VAGUE_NUMBERS:
        return VAGUE_NUMBERS[word]
    value = int(word.replace(",", "")) if word[0].isdigit() else NUMBER_WORDS.get(word, 1)
    if match.group("n2"):
        second = match.group("n2").lower()
        high = int(second) if second.isdigit() else NUMBER_WORDS.get(second, value)
        return min(value, high), max(value, high)
    if modifier == "at least":
        return value, None
    if modifier in ("more than", "over"):
        return value + 1, None
    if modifier == "up to":
        return 1, value
    return value, value


def _names(segment: str) -> list[str]:
    """The people named just before a verb: "Razi Huseynov and Bayram Huseynov"."""
    names = [n for n in (_untitled(m.group(0)) for m in _NAME.finditer(segment)) if n]
    if not names:
        return []
    # only the list closest to the verb, joined by commas and "and"
    last_list = re.search(
        rf"({_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}}(?:\s*(?:,|and|,\s*and)\s+{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}})*)"
        r"(?:\s*\(\d+\))?(?:,[^,]{0,80},['’\"”]?)?,?\s*(?:[\w\"'“”‘’]+\s*){0,5}$",
        segment,
    )
    if last_list is None:
        return []
    listed = [
        n for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", last_list.group(1)) if _is_name(n)
    ]
    if len(names) > len(listed) and re.search(r"\band\b", segment):
        # "officer A of the Border Service and employee B of the Agency were injured"
        return list(dict.fromkeys(names))
    return listed


def _untitled(text: str) -> str | None:
    """A person's name without the rank or title in front ("Sergeant Ramin Aliyev")."""
    tokens = text.split()
    while tokens and _NOT_NAME.match(tokens[0]):
        tokens = tokens[1:]
    name = " ".join(tokens)
    return name if name and _is_name(name) else None


def _is_name(text: str) -> bool:
    tokens = text.split()
    if not 1 <= len(tokens) <= 3 or any(_NOT_NAME.match(t) for t in tokens):
        return False
    return any(_SURNAME.search(t.lower()) for t in tokens)


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def _zero(clause: str) -> str | None:
    clause = fold(clause)
    match = ZERO_CASUALTIES.search(clause)
    if match is None:
        return None
    return "military" if _MILITARY_ZERO.search(clause[match.end() : match.end() + 60]) else "all"
