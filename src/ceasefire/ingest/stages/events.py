"""Stage 2, detect events: find incident triggers clause by clause and tell incidents apart
from what only looks like one.

A clause gets one mention: an EVENT (a trigger that reports an incident), a FOLLOW_UP ("the
attack", "the ensuing firefight": more about an incident told before), CASUALTIES (figures
without a trigger) or CONTEXT (ceremonies, agreements, meetings, history, tallies). Negated,
hypothetical and answering fire ("haven't recorded any violations", "to prevent violations",
"retaliatory fire") and passing the word on ("informed of the violation") give nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Final

from ceasefire.domain.taxonomy import Category
from ceasefire.ingest.lexicon import (
    AGGREGATE,
    ANAPHORA,
    CONTEXT_KINDS,
    HABITUAL,
    HISTORY,
    INJURED_WORDS,
    KILLED_WORDS,
    MODAL,
    NEGATION,
    NEW_INCIDENT,
    NOTIFICATION,
    NUMBER,
    PLACE_ANAPHORA,
    RESPONSE_FIRE,
    RUNNING_TOTAL,
    TRIGGER_HINTS,
    TRIGGERS,
    WEAPON_TYPES,
    ZERO_CASUALTIES,
    folded,
)
from ceasefire.ingest.stages.reading import Mention, MentionKind, Reading, Sentence

_NOCASE: Final = re.IGNORECASE


def _may_hold(pattern: str, hint: str) -> bool:
    """Whether a trigger pattern can match text holding `hint` (its words contain the hint)."""
    words = pattern.lower()
    return hint in words or (hint == "firing" and "fir(" in words)


_TRIGGERS: Final = tuple(
    (c, t, folded(p), tuple(h for h in TRIGGER_HINTS if _may_hold(p, h))) for c, t, p in TRIGGERS
)
_WEAPONS: Final = tuple((t, folded(p, _NOCASE)) for t, p in WEAPON_TYPES)
_CASUALTY: Final = folded(rf"\b(?:{KILLED_WORDS}|{INJURED_WORDS})\b", _NOCASE)
_COUNTED: Final = folded(
    rf"\b{NUMBER}\b|\b(?:all|both|each) of (?:them|the)\b"
    rf"|\b(?:the|a|an|his|her) (?:\w+ ){{0,3}}?(?:soldier|serviceman|civilian|resident|driver|man|woman|"
    rf"officer|colonel|brother|child|boy|girl|shepherd|farmer|worker|employee|sapper|person|policeman)\b"
    rf"|\b(?:losses|victims|casualties|dead|wounded)\b",
    _NOCASE,
)
_NAMED: Final = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+(?:ov|ev|yan|ian|li|lu|zade|iyev)\b")
_BIG_NUMBER: Final = folded(r"\b\d{1,3}(?:,\d{3})+\b|\b(?!(?:19|20)\d\d\b)(?:[2-9]\d|\d{3,})\b")
_PLURAL_EVENTS: Final = folded(
    r"\b(?:explosions|incidents|violations|attacks|blasts|cases|times|shellings|provocations)\b",
    _NOCASE,
)
_MULTI: Final = folded(
    r"\b(?:several|multiple|numerous|repeated(?:ly)?|many|\d+|two|three|four|five) times\b"
    r"|\bin (?:two|three|four|several|\d+) (?:\w+ )?(?:districts|regions|directions|areas|sectors)\b",
    _NOCASE,
)
_TRIGGER_VERB: Final = folded(
    r"\b(?:open(?:ed|ing|s)?|fired|firing|shelled|struck|hit|exploded|detonated|attacked|"
    r"ambushed|violated|killed|blown|blew|stepped|triggered|launched|crossed)\b",
    _NOCASE,
)
_DEFINITE_BEFORE: Final = folded(r"\b(?:the|this|that|of the|on the)\s+(?:\w+\s+){0,2}$", _NOCASE)
_PERSON_WORDS: Final = folded(
    r"\b(?:soldiers?|servicem[ae]n|civilians?|residents?|citizens?|shepherds?|men|man|women|woman|"
    r"people|persons?|officers?|police\w*|troops|nationals?|farmers?|villagers?|children|child|"
    r"journalists?|drivers?|members?|individuals?|border guards?|prisoners?|him|her|them|who)\b",
    _NOCASE,
)
_HANDOVER: Final = folded(
    r"\b(?:handed over|exchange|released|returned|repatriat\w+|freed)\b", _NOCASE
)
_NEGATED_OTHER: Final = folded(
    r"\s+only\b|\s+(?:\w+\s+){0,2}?(?:casualties|victims|losses|damages?|injuries|deaths|one|body|"
    r"information|comment|details|numbers)\b",
    _NOCASE,
)
_DESCRIBED_AS: Final = folded(
    r"\b(?:described|called|considered|termed|labell?ed|branded|qualified|characteri[sz]ed)\s+"
    r"(?:the|this|that|it|these)\b[^,.;]{0,40}?\s+as\s+(?:an?\s+)?['‘\"“]?\s*$",
    _NOCASE,
)
_MONITORING: Final = folded(
    r"\b(?:cease-?fire|truce|peacekeep\w*|monitoring|observers?|troops|army|military|"
    r"border|line of contact|delegations? of the parties)\b"
)
#: Words without which a clause can be neither a follow-up nor context (see ANAPHORA,
#: HISTORY and CONTEXT_KINDS): a cheap test before those patterns.
_OTHER_HINTS: Final = (
    "incident", "attack", "shoot", "clash", "fight", "skirmish", "ambush", "blast", "explosion",
    "accident", "case", "violation", "provocation", "firing", "gunfire", "war", "conflict",
    "hostilities",
    "fighting", "occupation", "clashes", "erupted", "since", "ceremon", "parade", "commemorat",
    "funeral", "signed", "met", "meeting", "talks", "negotiation", "summit", "visit", "received",
    "deploy", "arrived", "stationed", "opened", "opens", "in 19", "day ", "one of them",
)  # fmt: skip
_TOTAL: Final = folded(r"\b(?:total|tally|death toll|altogether|in all)\b")
_SINCE_RECENTLY: Final = folded(r"\bsince (?:\w+day|yesterday|this morning|last night)\b")
_THOUSANDS: Final = folded(r"\b\d{1,3},\d{3}\b|\bthousands\b")
_PAST_VIOLATION: Final = folded(r"\bin violation of\b", _NOCASE)
_ORDINAL_INCIDENT: Final = folded(
    r"^\W*(?:one of them|the (?:first|second|third|other|latter) (?:one|incident|explosion|case|"
    r"blast|accident|attack))\b"
)
_BORN_IN: Final = folded(r"\bborn in\b")
_ORDNANCE_WORDS: Final = folded(r"\b(?:land)?mines?\b|explosi|\bblast")
_FIRE_WORDS: Final = folded(
    r"\bfir(?:e|ed|ing)\b|\bshot|\bshell|\bsniper|\bgunfire|\battack|\bdrone"
)
#: A blast beside a demining trigger: the demining is the circumstance
_BLAST: Final = folded(
    r"\bexplo(?:sions?|ded|des|ding)\b|\bblast|\bdetonat\w+|\bblown up|\bblew up|\bhit (?:an? |the )?\w*\s*mine"
)
#: The act a violation clause tells first, before the weapons it names
_ACT: Final = folded(
    r"\b(?:open(?:ed|ing|s)? (?:\w+ )?fire|fired (?:at|on|upon)|shelled|attacked|launched|subjected)\b"
)
_ACKNOWLEDGED: Final = folded(
    r"\b(?:acknowledged|admitted|confirmed)\s+(?:the\s+)?(?:fact|reports?|information)\s+of\s+(?:the\s+)?$"
    # "Azerbaijan confirmed shooting down a helicopter": an admission of the act told before
    r"|\b(?:acknowledged|admitted|confirmed)\s+(?:that\s+(?:it|its\s+\w+)\s+(?:had\s+)?)?$"
)
_MUNITION_COUNT: Final = folded(
    r"\b\d[\d,]*\s+(?:[\w-]+\s+){0,2}?(?:mines|landmines|ordnances?|shells|munitions|grenades|"
    r"rounds|hectares|explosive devices)\b"
)
#: "the deadliest incident since 2020": the rest of the clause compares, it counts nothing
_COMPARED_SINCE: Final = folded(
    r"\b(?:first|biggest|deadliest|worst|largest|most serious|heaviest|bloodiest|gravest)\b"
    r"[^.;]{0,60}?\bsince\b.*$"
)
#: A count of ordnance in the hundreds (or fifty and more) is a clearance tally
_CLEARANCE_TALLY: Final = folded(
    r"\b(?:\d{1,3}(?:,\d{3})+|[5-9]\d|\d{3,})\s+(?:[\w-]+\s+){0,2}?(?:mines|landmines|shells|"
    r"munitions|ordnance|explosive devices|items|unexploded)\b"
)
_PROGRAMME: Final = folded(r"\b(?:underway|under way|ongoing|started|began|launched)\b")
#: "the Azerbaijani troops themselves have repeatedly violated ...": a counter-claim, not a habit
_COUNTER_ACCUSATION: Final = folded(r"\bthemselves\b")

Stage = Callable[[Reading], Reading]


def create(config: object = None) -> Stage:
    """The event detection stage; it needs no configuration."""
    return detect_events


def detect_events(reading: Reading) -> Reading:
    """One mention per clause that carries an incident, a casualty figure or context."""
    mentions: list[Mention] = []
    for sentence in reading.sentences:
        for clause in sentence.clauses:
            mention = _mention(reading, sentence, clause.start, clause.end)
            if mention is not None:
                mentions.append(mention)
    return replace(reading, mentions=tuple(mentions))


def _mention(reading: Reading, sentence: Sentence, start: int, end: int) -> Mention | None:
    clause = reading.folded[start:end]  # lower case: the patterns here are case-free
    counted = bool(
        _CASUALTY.search(clause)
        and (_COUNTED.search(clause) or _NAMED.search(reading.text, start, end))
    )
    casualty = counted or bool(ZERO_CASUALTIES.search(clause))
    found, blocked = _chosen_trigger(clause, counted)
    if found is None and blocked and not casualty:
        return None  # "haven't recorded any violations", "to prevent violations"
    if found is None and not casualty and not any(w in clause for w in _OTHER_HINTS):
        return None  # most clauses: no incident, no figure, nothing told before, no context
    flags: set[str] = set()
    if NEW_INCIDENT.search(reading.folded, sentence.start, sentence.end):
        flags.add("new_incident")
    if PLACE_ANAPHORA.search(clause):
        flags.add("place_anaphora")
    if found is None:
        if casualty:
            # "Seven citizens were injured, and one was killed in a mine blast": the sentence
            # says what hurt them
            told = reading.folded[sentence.start : sentence.end]
            category = (
                Category.EXPLOSIVE_ORDNANCE
                if _ORDNANCE_WORDS.search(clause)
                or (_ORDNANCE_WORDS.search(told) and not _FIRE_WORDS.search(told))
                else Category.VIOLATION
            )
            kind = MentionKind.CASUALTIES
            if _is_tally(clause) or _is_tally(reading.folded[sentence.start : sentence.end]):
                # "351 people have been victims since 2020; 65 of them lost their lives, and
                # 288 were injured": every part of a tally is the tally's
                return _context(sentence, start, end, "statement", flags | {"aggregate"})
            verb = _CASUALTY.search(clause)
            at = (start + verb.start(), start + verb.end()) if verb else (start, start)
            return Mention(
                kind=kind,
                category=category,
                type="ceasefire_violation_unspecified"
                if category is Category.VIOLATION
                else "uxo_explosion",
                sentence=sentence.index,
                start=start,
                end=end,
                trigger=at,
                flags=frozenset(flags),
            )
        anaphora = _ORDINAL_INCIDENT.search(clause) or ANAPHORA.search(clause)
        if anaphora is not None and not MODAL.search(clause[: anaphora.start()]):
            if _ORDINAL_INCIDENT.search(clause):
                # "The second incident was recorded in X", "One of them occurred in Y": one of
                # the incidents a sentence before counted, told apart from the others
                flags |= {"ordinal", "new_incident"}
            return Mention(
                kind=MentionKind.FOLLOW_UP,
                category=Category.VIOLATION,
                type="ceasefire_violation_unspecified",
                sentence=sentence.index,
                start=start,
                end=end,
                trigger=(start + anaphora.start(), start + anaphora.end()),
                flags=frozenset(flags | {"bare"}),
            )
        if _history(clause):
            flags.add("history_words")
        return _context_of(sentence, start, end, clause, flags)
    category, type_, t_start, t_end = found
    if _history(_main_part(clause, t_end)):
        flags.add("history_words")
    if HABITUAL.search(clause) and not _COUNTER_ACCUSATION.search(clause):
        flags.add("habitual")
    before = clause[:t_start]
    trigger_text = clause[t_start:t_end]
    if NOTIFICATION.search(clause) and _DEFINITE_BEFORE.search(before):
        return None
    if (
        _PAST_VIOLATION.search(clause)
        and category is Category.VIOLATION
        and type_ == "ceasefire_violation_unspecified"
    ):
        return _context(sentence, start, end, "history", flags)
    if category is Category.DETENTION and (
        not _PERSON_WORDS.search(clause) or _HANDOVER.search(clause)
    ):
        return _context_of(sentence, start, end, clause, flags)
    if _is_tally(clause):
        return _context(sentence, start, end, "statement", flags | {"aggregate"})
    if type_ in ("uxo_found", "demining_activity") and _CLEARANCE_TALLY.search(clause):
        # "436 mines were found in the past month": clearance statistics, not one find
        return _context(sentence, start, end, "statement", flags | {"aggregate"})
    if type_ == "demining_activity" and _PROGRAMME.search(clause):
        # "clearance activities are underway": the mine action programme, not one operation
        return _context(sentence, start, end, "statement", flags)
    if _MULTI.search(clause) or (
        trigger_text.lower().endswith(("violations", "attacks", "incidents", "shellings"))
    ):
        flags.add("multi")
    type_ = _refined(type_, clause)
    follow_up = _is_follow_up(clause, t_start, t_end)
    if _ACKNOWLEDGED.search(before):
        # "the Armenian side acknowledged the fact of shelling": the incident told before
        follow_up = True
        flags.add("acknowledged")
    return Mention(
        kind=MentionKind.FOLLOW_UP if follow_up else MentionKind.EVENT,
        category=category,
        type=type_,
        sentence=sentence.index,
        start=start,
        end=end,
        trigger=(start + t_start, start + t_end),
        flags=frozenset(flags),
    )


def _chosen_trigger(
    clause: str, counted: bool
) -> tuple[tuple[Category, str, int, int] | None, bool]:
    """The first trigger that reports an event, and whether a trigger was set aside as
    negated, hypothetical or answering fire. Demining is only the circumstance of a blast or
    of casualties ("injured ... during mine clearance operations"), never an event beside it."""
    blocked = False
    candidates = _triggers(clause)
    for category, type_, t_start, t_end in candidates:
        before = clause[:t_start]
        if _negated(before) or MODAL.search(before) or _answering_fire(clause, t_start, t_end):
            blocked = True
            continue
        if type_ == "demining_activity" and (counted or _BLAST.search(clause)):
            continue
        if category is Category.VIOLATION:
            # the type is the most specific weapon named; the act is the first told ("units
            # opened fire ... with the use of artillery, mortars"): perpetrator and dates are
            # read around the act
            act = _ACT.search(clause, 0, t_start)
            if act is not None and not _negated(clause[: act.start()]):
                t_start, t_end = act.start(), act.end()
        return (category, type_, t_start, t_end), blocked
    return None, blocked


def _triggers(clause: str) -> Iterator[tuple[Category, str, int, int]]:
    """The first match of each trigger pattern, in priority order (clause folded)."""
    present = frozenset([hint for hint in TRIGGER_HINTS if hint in clause])
    if not present:
        return  # most clauses name no weapon, blast or violation at all
    for category, type_, pattern, hints in _TRIGGERS:
        if present.isdisjoint(hints):
            continue
        match = pattern.search(clause)
        if match is not None:
            yield category, type_, match.start(), match.end()


def _history(clause: str) -> bool:
    """History words in a clause; "born in 1991" dates a person, not the event."""
    if "born" in clause:
        clause = _BORN_IN.sub(lambda m: " " * len(m.group(0)), clause)
    return HISTORY.search(clause) is not None


def _main_part(clause: str, t_end: int) -> str:
    """The clause up to a relative clause after the trigger ("a region that was captured
    during the fighting" says nothing about when the mine exploded)."""
    relative = re.search(r"\b(?:that|which|who|where|whose)\b", clause[t_end:])
    return clause if relative is None else clause[: t_end + relative.start()]


def _negated(before: str) -> bool:
    """A negation in the few words before the trigger: "haven't recorded any violations".

    "No casualties as a result of the violation" negates the casualties, not the violation;
    a negation set off by a comma ("in an area not yet cleared, an explosion occurred")
    belongs to its own phrase.
    """
    window = re.split(r"[,;]", before[-45:])[-1]
    for match in NEGATION.finditer(window):
        if not _NEGATED_OTHER.match(window[match.end() :]):
            return True
    return False


def _answering_fire(clause: str, t_start: int, t_end: int) -> bool:
    for match in RESPONSE_FIRE.finditer(clause):
        if match.start() <= t_end and t_start <= match.end() and match.end() - t_end < 30:
            return True
    return bool(re.match(r"\s*back\b", clause[t_end:], _NOCASE))


def _is_tally(clause: str) -> bool:
    """A count over a period ("some 160 killed since the war"), not one incident; a comparison
    ("the first fatal incident since talks began") only sets the incident against the past."""
    clause = RUNNING_TOTAL.sub("", _COMPARED_SINCE.sub("", clause))
    if len(_MUNITION_COUNT.findall(clause)) >= 2:
        return True  # "88 anti-personnel mines, 75 anti-tank mines and 123 UXO were found"
    if _TOTAL.search(clause):
        return bool(_CASUALTY.search(clause) or _PLURAL_EVENTS.search(clause))
    if AGGREGATE.search(clause):
        return bool(_BIG_NUMBER.search(clause) or _PLURAL_EVENTS.search(clause)) and not (
            _SINCE_RECENTLY.search(clause)
        )
    return bool(_CASUALTY.search(clause) and _THOUSANDS.search(clause))


def _refined(type_: str, clause: str) -> str:
    """A general type made precise by the weapon the clause names."""
    if type_ not in ("fire_unspecified", "ceasefire_violation_unspecified", "artillery_shelling"):
        return type_
    for weapon_type, pattern in _WEAPONS:
        if pattern.search(clause):
            if type_ == "artillery_shelling" and weapon_type not in (
                "mortar_fire",
                "small_arms_fire",
            ):
                continue
            return weapon_type
    return type_


def _is_follow_up(clause: str, t_start: int, t_end: int) -> bool:
    """The trigger is itself a noun pointing back ("the shootout"), or the clause calls an
    incident told before by a name ("described the incident as an ambush")."""
    for match in ANAPHORA.finditer(clause):
        if match.start() <= t_end and t_start <= match.end():
            return True
    return bool(_DESCRIBED_AS.search(clause[:t_start]))


def _context_of(
    sentence: Sentence, start: int, end: int, clause: str, flags: set[str]
) -> Mention | None:
    if "history_words" in flags and _TRIGGER_VERB.search(clause):
        return _context(sentence, start, end, "history", flags)
    for kind, pattern in CONTEXT_KINDS:
        if pattern.search(clause):
            if kind in ("meeting", "deployment") and not _MONITORING.search(clause):
                return None  # meetings and visits matter here only about the ceasefire
            return _context(sentence, start, end, kind, flags)
    return None


def _context(sentence: Sentence, start: int, end: int, type_: str, flags: set[str]) -> Mention:
    return Mention(
        kind=MentionKind.CONTEXT,
        category=Category.CONTEXT,
        type=type_,
        sentence=sentence.index,
        start=start,
        end=end,
        trigger=(start, start),
        flags=frozenset(flags),
    )
