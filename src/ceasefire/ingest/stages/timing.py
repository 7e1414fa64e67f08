"""Stage 4, ground time: the tightest window of days the text supports for each mention.

In order: a date said of the event in its clause or sentence (several close dates give one
window: "from 2220 on August 11 to 0005 on August 12"); the date of the sentence before in
the same paragraph ("They also fired ..."), or of the passage an "in the area" points back to;
the date of the report only ("the ministry said on 22 September": the day before to that
day); otherwise a window that ends at publication, of precision "unknown": from the start of
the agreement in force when the text says "since/despite the deal", else a week. Without a
publication day relative dates cannot be grounded; the window then runs from the first
monitored agreement to today, precision "unknown", which is all the text supports.

Whether an event is background is a matter of framing, never of a fixed date: history words
("during the war", "was liberated in"), or a dated event told long before the report's own
day (a retrospective).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Final

from ceasefire.domain.model import TimeWindow
from ceasefire.domain.taxonomy import Category, TimePrecision
from ceasefire.ingest.stages.reading import Mention, MentionKind, Reading, Sentence, TimeBasis
from ceasefire.ingest.stages.timex import TimeExpression, find_times, precision_of

_NOCASE: Final = re.IGNORECASE
_HISTORY_CUE: Final = re.compile(
    r"(?<![-\w])(?<!newly )(?<!recently )(?:liberated|liberation|occupation|occupied|signed|signing|born|founded|established|"
    r"since|agreement|deal|memorandum|war|ended|ending|captured|took control|taken under|"
    r"handed over|returned|reclaimed|regained|recaptured|retook|victory)\b(?:\s+[\w'’-]+){0,3}\s*$",
    _NOCASE,
)
_SINCE_CEASEFIRE: Final = re.compile(
    r"\b(?:since|despite|after|following|in breach of)\b(?:\s+[\w'’-]+){0,5}?\s+"
    r"(?:cease-?fire|truce|deal|agreement|statement|war|hostilities|conflict)\b",
    _NOCASE,
)
_UNGROUNDED: Final = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|yesterday|overnight|"
    r"this (?:week|month|morning)|last (?:week|month|night))\b",
    re.IGNORECASE,
)
_POINTER: Final = re.compile(
    r"^\W*(?:this|that|it)\s+(?:is|was|has been)\s+(?:stated|reported|said|announced|noted)\b",
    re.IGNORECASE,
)
_CLOCK: Final = re.compile(
    r"\b(?:at|around|about|from|by)\s+(?:about\s+|around\s+|roughly\s+|approximately\s+)?"
    r"(?:[01]?\d|2[0-3])(?::[0-5]\d|[0-5]\d)\b(?:\s*(?:a\.m\.|p\.m\.|am|pm|gmt|hours|local time))?"
    # a named time of day without a day: "shortly after midnight", "in the early hours", "at dawn"
    r"|\b(?:(?:shortly|just|soon|right)\s+)?(?:after|before|around|at|past)\s+(?:midnight|dawn|daybreak)\b"
    r"|\bin\s+the\s+(?:early|small|pre-dawn)\s+hours\b|\bat\s+(?:first\s+light|nightfall|dusk)\b",
    re.IGNORECASE,
)
_SAME_DAY: Final = re.compile(
    r"\b(?:on\s+)?(?:the\s+same\s+day|that\s+same\s+day|that\s+day|the\s+same\s+night)\b",
    _NOCASE,
)
_RELATIVE_ASIDE: Final = re.compile(r",\s*(?:where|when|which|who|whose)\b[^,;]*(?:,|$)", _NOCASE)
#: How many sentences an undated document's running date carries over.
_RUNNING_SENTENCES: Final = 5
#: How far before the latest dated day of an undated text a year-less date may fall.
_DAYS_BEFORE_LATEST: Final = 31
_A_YEAR: Final = re.compile(r"\b(?:19|20)\d\d\b")
_CALENDAR: Final = frozenset(
    {"iso", "dmy_numeric", "month_day", "day_month", "month_day_range", "day_range_month", "year"}
)
_RANGE_BETWEEN: Final = re.compile(
    r"\s*(?:\(?[\d:.]+\)?\s*)?(?:\w+\s+)?(?:to|until|till|through|-|–|and)\s+(?:(?:about\s+)?[\d:.]+\s*)?(?:on\s+)?(?:the\s+)?",
    _NOCASE,
)


@dataclass(frozen=True, slots=True)
class TimingConfig:
    """When the monitored agreements took effect, how far back an undated report reaches,
    how old a dated event must be to be background, and today."""

    agreement_starts: tuple[date, ...] = ()
    fallback_days: int = 7
    today: date | None = None
    #: A dated event this many days before the report's day is a retrospective, not news.
    background_days: int = 45

    def since(self, reference: date) -> date | None:
        """The start of the latest agreement in force by `reference`, if any."""
        started = [d for d in self.agreement_starts if d <= reference]
        return max(started) if started else None

    def first(self, today: date) -> date:
        """Where an undated document's window starts: the first agreement monitored."""
        if self.agreement_starts:
            return min(min(self.agreement_starts), today)
        return today - timedelta(days=self.fallback_days)


Stage = Callable[[Reading], Reading]


def create(config: TimingConfig | None = None) -> Stage:
    """The time stage, built from the agreements' start days and the fallback window."""
    settings = config or TimingConfig()

    def ground_time(reading: Reading) -> Reading:
        return _ground(reading, settings)

    return ground_time


@dataclass(frozen=True, slots=True)
class _Found:
    window: tuple[date, date]
    basis: TimeBasis
    text: str


def _ground(reading: Reading, config: TimingConfig) -> Reading:
    reference = reading.reference
    today = config.today or date.today()
    by_sentence: dict[int, list[Mention]] = {}
    for mention in reading.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    if reference is None:
        times = {s.index: find_times(s.text, reference) for s in reading.sentences}
        times = _dated_by_the_text(reading, times)
    else:
        # only sentences that date a mention: its own, one before it in its paragraph, or the
        # one after it that points back ("This is stated in Tuesday's bulletin")
        needed = _dating_sentences(reading, by_sentence)
        times = {
            s.index: find_times(s.text, reference) if s.index in needed else []
            for s in reading.sentences
        }
    out: list[Mention] = []
    paragraph_time: tuple[int, _Found] | None = None
    section_time: tuple[int, _Found] | None = None
    lede_time: tuple[int, _Found] | None = None
    running: tuple[int, _Found] | None = None  # the last day the story told, and where
    told_before: _Found | None = None  # the date the last dated sentence told
    sentences = reading.sentences
    for sentence in sentences:
        expressions = [e for e in times[sentence.index] if not _is_history(sentence.text, e)]
        attribution = _spans_of(by_sentence.get(sentence.index, []), sentence)
        event_exprs = [e for e in expressions if not _inside(e, attribution)]
        report_exprs = [e for e in expressions if _inside(e, attribution)]
        asides = _asides(sentence.text) if event_exprs else []
        for mention in by_sentence.get(sentence.index, []):
            found = _own_time(mention, sentence, event_exprs, report_exprs, asides)
            if found is None and reference is None and _UNGROUNDED.search(sentence.text):
                # "on Sunday" without a publication day: its own day, unknown; not the day before
                found = _fallback(mention, reading.text, reference, config, today)
            if (
                found is None
                and told_before is not None
                and _SAME_DAY.search(sentence.text, 0, mention.trigger[1] - sentence.start + 1)
            ):
                # "The same day, units fired ...": the day the sentence before told
                found = replace(told_before, basis=TimeBasis.INHERITED)
            if found is None and paragraph_time and paragraph_time[0] == sentence.paragraph:
                found = replace(paragraph_time[1], basis=TimeBasis.INHERITED)
            if (
                found is None
                and section_time
                and section_time[0] == sentence.section
                and "place_anaphora" in mention.flags
            ):
                found = replace(section_time[1], basis=TimeBasis.INHERITED)
            if (
                found is None
                and lede_time
                and lede_time[0] + 1 == sentence.paragraph
                and "new_incident" not in mention.flags
                and mention.kind is not MentionKind.CONTEXT
            ):
                # a one-sentence lede dates the details that follow it
                found = replace(lede_time[1], basis=TimeBasis.INHERITED)
            if (
                found is None
                and reference is None
                and running is not None
                and sentence.index - running[0] <= _RUNNING_SENTENCES
            ):
                # no publication day to fall back on: the story's running date holds
                found = replace(running[1], basis=TimeBasis.INHERITED)
            if found is None and reference is not None:
                found = (
                    _pointed(sentences, sentence, times)
                    or _quoted_on(reading.text, sentence, reference)
                    or _clock_day(sentence, reference)
                )
            if found is None:
                found = _fallback(mention, reading.text, reference, config, today)
            out.append(_with_time(mention, found, config, reference))
            if found.basis is not TimeBasis.FALLBACK and _short(found):
                running = (sentence.index, found)  # the last day the story told an event
        # what later sentences inherit is the sentence's own date, not a relative clause's
        main_exprs = [e for e in event_exprs if not _within_any(e.start, asides)]
        own = _choose(main_exprs, None, sentence.text)
        told = any(m.kind is not MentionKind.CONTEXT for m in by_sentence.get(sentence.index, []))
        if own is not None and _short(own):
            running = (sentence.index, own)
        if own is not None:
            told_before = own
        if own is not None:
            paragraph_time = (sentence.paragraph, own)
            if told:
                section_time = (sentence.section, own)
        elif paragraph_time and paragraph_time[0] != sentence.paragraph:
            paragraph_time = None
        if own is not None and told and _alone(sentences, sentence):
            lede_time = (sentence.paragraph, own)
        elif lede_time and sentence.paragraph > lede_time[0] + 1:
            lede_time = None
    return replace(reading, mentions=tuple(out))


def _dating_sentences(reading: Reading, by_sentence: dict[int, list[Mention]]) -> set[int]:
    needed: set[int] = set()
    last_paragraph: dict[int, int] = {}  # paragraph → its last sentence that tells something
    for index in by_sentence:
        paragraph = reading.sentences[index].paragraph
        last_paragraph[paragraph] = max(last_paragraph.get(paragraph, -1), index)
        needed.update((index, index + 1))
    for sentence in reading.sentences:
        if sentence.index <= last_paragraph.get(sentence.paragraph, -1):
            needed.add(sentence.index)
    return needed


def _alone(sentences: tuple[Sentence, ...], sentence: Sentence) -> bool:
    """Whether a sentence is a paragraph of its own (a lede)."""
    index = sentence.index
    before = index > 0 and sentences[index - 1].paragraph == sentence.paragraph
    after = index + 1 < len(sentences) and sentences[index + 1].paragraph == sentence.paragraph
    return not (before or after)


def _pointed(
    sentences: tuple[Sentence, ...], sentence: Sentence, times: dict[int, list[TimeExpression]]
) -> _Found | None:
    """ "Two violations were recorded. This is stated in Tuesday's bulletin": the report day
    of the sentence that points back, the day before to that day."""
    following = sentences[sentence.index + 1] if sentence.index + 1 < len(sentences) else None
    if following is None or not _POINTER.match(following.text):
        return None
    dated = [e for e in times[following.index] if e.kind not in ("year", "month_year")]
    if not dated:
        return None
    first, last = dated[0].first, dated[0].last
    return _Found((first - timedelta(days=1), last), TimeBasis.REPORT, dated[0].text)


def _quoted_on(text: str, sentence: Sentence, reference: date) -> _Found | None:
    """A quotation dated only by its speaker ("...," the ministry said in a statement released
    on Tuesday night): the day of the statement or the day before."""
    if sentence.quote_speaker is None:
        return None
    start, end = sentence.quote_speaker
    dated = [
        e for e in find_times(text[start:end], reference) if e.kind not in ("year", "month_year")
    ]
    if not dated:
        return None
    return _Found(
        (dated[0].first - timedelta(days=1), dated[0].last), TimeBasis.REPORT, dated[0].text
    )


def _clock_day(sentence: Sentence, reference: date) -> _Found | None:
    """A time of day without a day ("at 0250 in the morning", "at roughly 07:50 GMT") is the
    latest such hour: the day of publication or the day before."""
    match = _CLOCK.search(sentence.text)
    if match is None:
        return None
    return _Found((reference - timedelta(days=1), reference), TimeBasis.REPORT, match.group(0))


def _dated_by_the_text(
    reading: Reading, times: dict[int, list[TimeExpression]]
) -> dict[int, list[TimeExpression]]:
    """Without a publication day, "March 6" takes its year from "March 5, 2023" elsewhere in the
    text: the first such day from a month before the latest dated day on (news tells what
    followed the background it dates: "since August 2024 ... on Jan. 6" is January 2025).
    Weekdays and "yesterday" stay ungrounded (they need the day of publication)."""
    years = [
        e.last
        for found in times.values()
        for e in found
        if (e.kind in _CALENDAR or e.kind == "month_year")
        and e.kind != "year"
        and _A_YEAR.search(e.text)
    ]
    if not years:
        return times
    horizon = max(years) + timedelta(days=365 - _DAYS_BEFORE_LATEST)
    return {
        index: [e for e in find_times(sentence.text, horizon) if e.kind in _CALENDAR]
        for index, sentence in ((s.index, s) for s in reading.sentences)
    }


def _spans_of(mentions: list[Mention], sentence: Sentence) -> tuple[tuple[int, int], ...]:
    spans = {span for m in mentions for span in m.attribution_spans}
    return tuple((s - sentence.start, e - sentence.start) for s, e in spans)


def _inside(expression: TimeExpression, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(s <= expression.start and expression.end <= e for s, e in spans)


def _short(found: _Found) -> bool:
    return found.window[1] - found.window[0] <= timedelta(days=2)


def _asides(text: str) -> list[tuple[int, int]]:
    """The relative clauses of a sentence (", where soldiers were fired upon on May 2,")."""
    return [(a.start(), a.end()) for a in _RELATIVE_ASIDE.finditer(text)]


def _within_any(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _is_history(text: str, expression: TimeExpression) -> bool:
    if re.match(r",?\s+when\b", text[expression.end : expression.end + 8]):
        return False  # "since November 13, when several servicemen were wounded": its own day
    if expression.text.lower() in ("today", "tonight", "this morning", "yesterday"):
        return False  # "mines laid during the occupation exploded today": news, not history
    if expression.text.lower().startswith("since "):
        return True  # "the first of their kind since September 2024": the past compared with
    return bool(_HISTORY_CUE.search(text[max(0, expression.start - 40) : expression.start]))


def _own_time(
    mention: Mention,
    sentence: Sentence,
    event_exprs: list[TimeExpression],
    report_exprs: list[TimeExpression],
    asides: list[tuple[int, int]],
) -> _Found | None:
    c_start, c_end = mention.start - sentence.start, mention.end - sentence.start
    trigger = mention.trigger[0] - sentence.start
    # "the post, where soldiers were fired upon on February 12, was destroyed": the date of
    # a relative clause is its own event's, unless the trigger is in it
    others = [(s, e) for s, e in asides if not s <= trigger < e]
    event_exprs = [e for e in event_exprs if not _within_any(e.start, others)]
    in_clause = [e for e in event_exprs if c_start <= e.start < c_end]
    chosen = _choose(in_clause or event_exprs, mention.trigger[0] - sentence.start, sentence.text)
    if chosen is not None:
        return chosen
    report = _choose(report_exprs, mention.trigger[0] - sentence.start, sentence.text)
    if report is not None:
        first, last = report.window
        return _Found((first - timedelta(days=1), last), TimeBasis.REPORT, report.text)
    return None


def _choose(
    expressions: list[TimeExpression], trigger: int | None, sentence_text: str
) -> _Found | None:
    """One window from the expressions of a clause: close days join, else the nearest wins."""
    if not expressions:
        return None
    dated = [e for e in expressions if e.kind not in ("year", "month_year")] or expressions
    anchor = trigger if trigger is not None else dated[0].start
    nearest = min(dated, key=lambda e: abs(e.start - anchor))
    first, last, text = nearest.first, nearest.last, nearest.text
    for a, b in itertools.pairwise(dated):
        if _RANGE_BETWEEN.fullmatch(sentence_text[a.end : b.start]):
            # "from 2220 on August 11 to 0005 on August 12" wins over a date nearer the verb
            lo, hi = min(a.first, b.first), max(a.last, b.last)
            if nearest in (a, b) or lo <= nearest.first <= hi:
                first, last = lo, hi
                text = sentence_text[a.start : b.end]
    return _Found((first, last), TimeBasis.EVENT, text)


def _fallback(
    mention: Mention, text: str, reference: date | None, config: TimingConfig, today: date
) -> _Found:
    """No date in the text: a window that ends at publication, never one made-up day."""
    if reference is None:
        return _Found((config.first(today), today), TimeBasis.FALLBACK, "")
    start = config.since(reference)
    clause = text[mention.start : mention.end]
    if start is not None and _SINCE_CEASEFIRE.search(clause):
        return _Found((start, reference), TimeBasis.FALLBACK, "")
    week = reference - timedelta(days=config.fallback_days)
    return _Found((week if start is None else max(week, start), reference), TimeBasis.FALLBACK, "")


def _with_time(
    mention: Mention, found: _Found, config: TimingConfig, reference: date | None
) -> Mention:
    first, last = found.window
    precision = (
        TimePrecision.UNKNOWN
        if found.basis is TimeBasis.FALLBACK
        else TimePrecision(precision_of(first, last))
    )
    window = TimeWindow(first, last, precision, found.text)
    updated = replace(mention, time=window, time_basis=found.basis)
    if mention.kind is MentionKind.CONTEXT:
        return updated
    dated = found.basis in (TimeBasis.EVENT, TimeBasis.INHERITED)
    retrospective = (
        dated and reference is not None and (reference - last).days > config.background_days
    )
    history = retrospective or (
        "history_words" in mention.flags and found.basis is not TimeBasis.EVENT
    )
    if history:
        return replace(updated, kind=MentionKind.CONTEXT, category=Category.CONTEXT, type="history")
    if "habitual" in mention.flags and found.basis is not TimeBasis.EVENT:
        # a habit without a date of its own is a statement about the situation
        return replace(
            updated, kind=MentionKind.CONTEXT, category=Category.CONTEXT, type="statement"
        )
    return updated
