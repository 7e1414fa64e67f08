"""Stage: the agreement in force at each mention's time window and place.

Context mentions (statements, history) violate nothing and get none. A place pins the
mention to a zone only when it is finer than a country (`point_of`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ceasefire.domain.agreements import Agreement, in_force, point_of
from ceasefire.ingest.stages.reading import ExtractorConfig, Mention, MentionKind, Reading


def create(config: ExtractorConfig) -> Callable[[Reading], Reading]:
    """The stage, with the configured timeline (the bundled one when none is given)."""
    agreements = config.timeline()

    def run(reading: Reading) -> Reading:
        if not reading.mentions or not agreements:
            return reading
        mentions = tuple(_with_agreement(m, agreements) for m in reading.mentions)
        return replace(reading, mentions=mentions)

    return run


def _with_agreement(mention: Mention, agreements: Sequence[Agreement]) -> Mention:
    if mention.kind is MentionKind.CONTEXT or mention.time is None:
        return mention
    place = mention.place
    point = None if place is None else point_of(place.lon, place.lat, place.precision.value)
    found = in_force(agreements, mention.time.start, mention.time.end, point)
    return mention if found is None else replace(mention, agreement=found.name)
