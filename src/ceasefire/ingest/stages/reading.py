"""The plain data the extraction stages pass along: sentences, clauses, mentions, a reading.

A `Reading` starts as a document and its reference date; each stage returns a new one with
more filled in. Offsets are always offsets into `Document.body`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from ceasefire.domain.agreements import Agreement
from ceasefire.domain.model import Claim, Document, PlaceRef, TimeWindow
from ceasefire.domain.taxonomy import Category, Side

if TYPE_CHECKING:
    from ceasefire.gazetteer import Gazetteer


@dataclass(frozen=True, slots=True)
class Clause:
    """A part of a sentence that can carry its own event, place and casualty figures."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the body; `text` is `body[start:end]` with editorial brackets blanked."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    section: int
    clauses: tuple[Clause, ...]
    #: Offsets of the quotation the sentence sits in (or None) and who the quote is given to.
    quote_speaker: tuple[int, int] | None = None


class MentionKind(StrEnum):
    EVENT = "event"  # a trigger that reports an incident
    FOLLOW_UP = "follow_up"  # "the attack", "the shootout": more about an incident told before
    CASUALTIES = "casualties"  # figures without a trigger: they belong to the incident before
    CONTEXT = "context"  # statements, agreements, ceremonies, history, tallies


class TimeBasis(StrEnum):
    """How a mention's time window was found, strongest first."""

    EVENT = "event"  # a date said of the event itself
    INHERITED = "inherited"  # the date of the sentence before, in the same passage
    REPORT = "report"  # only the date of the report ("the ministry said on 22 September")
    FALLBACK = "fallback"  # no date: a window that ends at publication


@dataclass(frozen=True, slots=True)
class Figure:
    """One stated number of killed or injured people, as the text words it."""

    kind: str  # "killed" | "injured"
    status: str  # "military" | "civilian" | "unknown"
    min: int
    max: int | None
    side: Side | None = None  # whose people, when the text says ("two Azerbaijani soldiers")
    named: bool = False  # counted from a list of names, a breakdown of a stated total
    names: tuple[str, ...] = ()  # the names counted, so two tellings count each person once
    contrast: bool = (
        False  # "on the Azerbaijani side, ...": the other side's losses, never a re-telling
    )


@dataclass(frozen=True, slots=True)
class Actor:
    """Who asserts or who is alleged to have acted: a display name and the side it belongs to."""

    name: str
    side: Side | None
    is_party: bool = False
    institutional: bool = False  # a ministry, office, police, president... rather than media


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an event (or of context) in one clause, filled in stage by stage."""

    kind: MentionKind
    category: Category
    type: str
    sentence: int
    start: int  # the clause, which becomes the evidence quote
    end: int
    trigger: tuple[int, int]
    flags: frozenset[str] = frozenset()
    claimant: Actor | None = None
    perpetrator: Actor | None = None
    target: str | None = None
    attribution_spans: tuple[tuple[int, int], ...] = ()
    time: TimeWindow | None = None
    time_basis: TimeBasis = TimeBasis.FALLBACK
    place: PlaceRef | None = None
    place_group: str | None = None  # the district the place lies in, to split and to merge
    places: tuple[PlaceRef, ...] = ()  # every town one attack names, when it names several
    place_anaphora: bool = False  # "in the area", "in the region": the place told before
    figures: tuple[Figure, ...] = ()
    zero_statement: str | None = None  # "no casualties": which statuses are zero ("all"/"military")
    disputed_by: str | None = None
    confidence: float = 0.5
    agreement: str | None = None  # the name of the agreement in force at its time and place


@dataclass(frozen=True, slots=True)
class Reading:
    """A document on its way through the pipeline."""

    document: Document
    reference: date | None  # the publication day, against which relative dates are grounded
    text: str = ""  # the body with editorial brackets blanked, same length as the body
    folded: str = ""  # `text` folded to lower case (lexicon.fold), for case-free patterns
    sentences: tuple[Sentence, ...] = ()
    dateline: tuple[int, int] | None = None
    dateline_agency: str | None = None
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True, slots=True)
class ExtractorConfig:
    """What the stages are built from: the agreements monitored, the fallback window, the
    gazetteer.

    `agreements` None means the bundled timeline (ceasefire.ingest.agreements); the time
    stage takes "since the ceasefire" from it and the agreement stage names the one in force.
    `today` bounds windows of undated documents (default: the day of extraction);
    `gazetteer` None with `use_gazetteer` loads the bundled one.
    """

    fallback_days: int = 7
    today: date | None = None
    use_gazetteer: bool = True
    gazetteer: Gazetteer | None = None
    agreements: tuple[Agreement, ...] | None = None

    def timeline(self) -> tuple[Agreement, ...]:
        """The agreements configured, or the bundled timeline."""
        if self.agreements is not None:
            return self.agreements
        from ceasefire.ingest.agreements import bundled

        return tuple(bundled())
