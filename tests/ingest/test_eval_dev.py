"""Quality on the real articles of ../shared/eval/dev, measured by the shared scorer."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ceasefire.ingest.parsers import parse_bytes
from ceasefire.ingest.pipeline import extract

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DIR = REPO_ROOT.parent / "shared"
THRESHOLDS = {
    "f1": 0.80,
    "date_accuracy": 0.85,
    "place_accuracy": 0.80,
    "casualty_accuracy": 0.85,
    "claimant_side_accuracy": 0.85,
}


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", shared / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    dev = SHARED_DIR / "eval" / "dev"
    if not dev.is_dir():
        pytest.skip(f"needs {dev}")
    predictions = []
    raw = (dev / "articles.jsonl").read_bytes()
    for parsed in parse_bytes(raw, name="articles.jsonl", format="json"):
        document = parsed.document
        claims = [claim.to_json() for claim in extract(document)]
        predictions.append({"document": document.to_json(), "claims": claims})
    gold = [json.loads(line) for line in (dev / "gold.jsonl").read_text().splitlines() if line]
    return dict(_scorer(SHARED_DIR).score(gold, predictions))  # the scorer's own figures


@pytest.mark.shared
@pytest.mark.parametrize("figure", sorted(THRESHOLDS))
def test_the_dev_set_reaches_the_target(figures: dict[str, Any], figure: str) -> None:
    assert figures[figure] is not None and figures[figure] >= THRESHOLDS[figure], figures


@pytest.mark.shared
def test_every_article_is_in_the_output(figures: dict[str, Any]) -> None:
    assert figures["articles_missing_from_output"] == 0
