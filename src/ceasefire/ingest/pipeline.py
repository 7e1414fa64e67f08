"""The extraction pipeline: a document in, claims out.

    sentences → detect events → attribute → ground time → resolve place → casualties
    → merge mentions of one incident → agreement in force → neutral summary

Each stage is built once from an `ExtractorConfig` (the gazetteer is loaded once) and the
chain is the one list `STAGES` below; a new stage is a new module in `stages/` and a new
line here.

    >>> claims = extract(Document(body="Azerbaijani forces shelled Tağaverd on Monday."))
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Final

from ceasefire.domain.model import Claim, Document
from ceasefire.ingest.stages import (
    agreement,
    attribution,
    casualties,
    events,
    merging,
    places,
    sentences,
    summary,
    timing,
)
from ceasefire.ingest.stages.reading import ExtractorConfig, Reading

Stage = Callable[[Reading], Reading]
Extractor = Callable[[Document], list[Claim]]


def _places(config: ExtractorConfig) -> Stage:
    gazetteer = config.gazetteer
    if gazetteer is None and config.use_gazetteer:
        from ceasefire.gazetteer import Gazetteer

        gazetteer = Gazetteer.bundled()
    return places.create(gazetteer)


def _timing(config: ExtractorConfig) -> Stage:
    starts = tuple(a.effective.date() for a in config.timeline())
    return timing.create(timing.TimingConfig(starts, config.fallback_days, config.today))


#: The chain, in order: (name, how to build the stage from the configuration).
STAGES: Final[tuple[tuple[str, Callable[[ExtractorConfig], Stage]], ...]] = (
    ("sentences", sentences.create),
    ("events", events.create),
    ("attribution", attribution.create),
    ("time", _timing),
    ("place", _places),
    ("casualties", casualties.create),
    ("merge", merging.create),
    ("agreement", agreement.create),  # after merge: it may move a mention's time or place
    ("summary", summary.create),
)


def build_extractor(config: ExtractorConfig | None = None) -> Extractor:
    """An extractor with every stage built once from `config` (defaults when None)."""
    settings = config or ExtractorConfig()
    stages = [build(settings) for _, build in STAGES]

    def run(document: Document) -> list[Claim]:
        reading = Reading(
            document=document,
            reference=document.published.date() if document.published else None,
        )
        for stage in stages:
            reading = stage(reading)
        return list(reading.claims)

    return run


@cache
def _default() -> Extractor:
    return build_extractor()


def extract(document: Document) -> list[Claim]:
    """The claims of one document, with the default extractor (built on first use)."""
    return _default()(document)


__all__ = ["STAGES", "ExtractorConfig", "build_extractor", "extract"]
