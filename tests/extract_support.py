"""Helpers for the extraction tests: run the pipeline on our own sentences, up to a stage."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from ceasefire.domain.model import Claim, Document
from ceasefire.ingest.pipeline import STAGES, Extractor, build_extractor
from ceasefire.ingest.stages.reading import ExtractorConfig, Reading

TODAY = date(2024, 1, 1)
CONFIG = ExtractorConfig(today=TODAY)


@cache
def _stages() -> tuple[tuple[str, object], ...]:
    return tuple((name, build(CONFIG)) for name, build in STAGES)


@cache
def extractor() -> Extractor:
    return build_extractor(CONFIG)


def document(body: str, published: str | None = "2021-08-12", **fields: str) -> Document:
    day = datetime.fromisoformat(published) if published else None
    return Document(body=body, published=day, **fields)  # type: ignore[arg-type]


def reading_after(
    stage: str, body: str, published: str | None = "2021-08-12", **fields: str
) -> Reading:
    """The reading of `body` once the named stage ("sentences", "events", ...) has run."""
    doc = document(body, published, **fields)
    reading = Reading(document=doc, reference=doc.published.date() if doc.published else None)
    for name, run in _stages():
        reading = run(reading)  # type: ignore[operator]
        if name == stage:
            return reading
    raise KeyError(stage)


def claims_of(body: str, published: str | None = "2021-08-12", **fields: str) -> list[Claim]:
    return extractor()(document(body, published, **fields))


def incidents_of(body: str, published: str | None = "2021-08-12", **fields: str) -> list[Claim]:
    return [c for c in claims_of(body, published, **fields) if c.category.value != "context"]
