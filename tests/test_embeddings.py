"""Sentence embeddings (the `embeddings` extra): the bundled model, offline, and linking by meaning."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from ceasefire.config import Settings
from ceasefire.domain.linking import embedding_score
from ceasefire.embeddings import DIMENSIONS, TextEncoder, encoder
from ceasefire.errors import ConfigurationError
from ceasefire.services.ingest import ingest_paths
from ceasefire.storage.schema import claims, link_decisions
from ceasefire.storage.sql import Database

SHOSH_AZ = (
    "Armenian forces shelled the village of Shosh overnight, the Azerbaijani defence ministry said."
)
SHOSH_AM = "The Artsakh defence army said Azerbaijani units fired at positions near Shosh."
MINE_A = "An anti-tank mine exploded under a car in the Fuzuli district, killing four civilians."
MINE_B = "Four people died when their vehicle hit a mine near Fizuli."
TALKS = "The foreign ministers met in Moscow to discuss the peace treaty."


def test_two_accounts_of_one_event_score_high_and_unrelated_reports_low() -> None:
    shosh_az, shosh_am, mine_a, mine_b, talks = encoder().encode(
        [SHOSH_AZ, SHOSH_AM, MINE_A, MINE_B, TALKS]
    )
    assert embedding_score(shosh_az, shosh_am) >= 0.6
    assert embedding_score(mine_a, mine_b) >= 0.6
    for a, b in [(shosh_az, mine_a), (shosh_am, mine_b), (mine_a, talks), (shosh_az, talks)]:
        assert embedding_score(a, b) <= 0.2


def test_vectors_are_normalised_float32_of_the_model_size() -> None:
    vectors = encoder().encode([MINE_A, ""])
    assert encoder().encode([]) == []
    for raw in vectors:
        vector = np.frombuffer(raw, dtype=np.float32)
        assert vector.shape == (DIMENSIONS,)
        assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-4


def test_without_the_extra_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(ConfigurationError, match=r"ceasefire\[embeddings\]"):
        TextEncoder()


def test_unknown_text_similarity_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CEASEFIRE_TEXT_SIMILARITY", "bert")
    with pytest.raises(ConfigurationError, match="CEASEFIRE_TEXT_SIMILARITY"):
        Settings.from_env()


def test_ingest_with_embeddings_stores_vectors_and_links_by_meaning(
    database: Database, tmp_path: Path
) -> None:
    texts = {
        "az.json": "Armenian armed forces fired mortars at the village of Shosh in the Khojaly "
        "district on the night of February 20, the Azerbaijani Defence Ministry said.",
        "ru.json": "Russian peacekeepers recorded mortar fire at Shosh in the Khojaly district "
        "on the night of February 20, the Russian Defence Ministry said in its bulletin.",
    }
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in texts.items():
        envelope = {"text": text, "published": "2022-02-21", "id": name}
        (folder / name).write_text(json.dumps(envelope))
    settings = Settings(text_similarity="embeddings")
    summary = ingest_paths(database, [str(folder)], settings=settings)
    assert summary.claims == 2 and not summary.failures
    with database.connect() as conn:
        rows = conn.execute(select(claims.c.incident_id, claims.c.text_vector)).all()
        reasons = conn.execute(select(link_decisions.c.reasons)).scalars().all()
    assert {len(vector) for _, vector in rows} == {DIMENSIONS * 4}
    assert len({incident for incident, _ in rows}) == 1
    assert any(r.startswith("similar meaning") for decision in reasons for r in decision)
