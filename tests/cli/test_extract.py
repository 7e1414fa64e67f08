"""`ceasefire extract`: JSON Lines out, one bad file reported without stopping the others."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ARTICLE = (
    "Armenian units fired at Azerbaijani positions near Zamanli on Monday, the Defence Ministry "
    "said. No one was injured."
)


def _lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_extract_prints_one_json_object_per_document_in_the_contract_shape(
    run_cli: Any, tmp_path: Path
) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text(
        json.dumps({"id": "a1", "text": ARTICLE, "published": "2021-08-12", "source": "Azernews"})
        + "\n"
        + json.dumps({"id": "a2", "text": "Talks resumed in Brussels."})
        + "\n"
    )
    result = run_cli("extract", "--format", "json", str(path))
    assert result.exit_code == 0, result.stderr
    rows = _lines(result.stdout)
    assert [row["document"]["id"] for row in rows] == ["a1", "a2"]
    assert set(rows[0]["document"]) >= {
        "id", "headline", "published", "modified", "section", "agency", "source", "url", "body",
        "related_headlines",
    }  # fmt: skip
    claim = rows[0]["claims"][0]
    assert set(claim) >= {
        "category", "type", "summary", "time", "place", "perpetrator_alleged", "target",
        "claimed_by", "claimant_is_party", "disputed_by", "casualties", "evidence", "confidence",
    }  # fmt: skip
    assert claim["time"] == {
        "start": "2021-08-09", "end": "2021-08-09", "precision": "day", "text": "on Monday"
    }  # fmt: skip
    assert claim["place"]["precision"] == "settlement"
    assert claim["casualties"]["injured"]["military"] == {"min": 0, "max": 0}
    assert claim["claimed_by"] == "Azerbaijani Defence Ministry"
    assert rows[1]["claims"] == []


def test_a_bad_file_is_one_error_line_and_exit_2_while_others_are_processed(
    run_cli: Any, tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    result = run_cli("extract", str(tmp_path / "missing.txt"), str(good))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'missing.txt'}: No such file or directory"
    ]
    assert len(_lines(result.stdout)) == 1


def test_published_fills_the_day_relative_dates_need(
    run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    result = run_cli("extract", "-", "--format", "text", "--published", "2021-08-12")
    assert result.exit_code == 0, result.stderr
    claim = _lines(result.stdout)[0]["claims"][0]
    assert claim["time"]["start"] == "2021-08-09"


def test_a_bad_published_day_is_a_usage_error(run_cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = run_cli("extract", str(path), "--published", "12/08/2021")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_input_above_the_limit_is_refused_with_a_clear_message(
    run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CEASEFIRE_MAX_INPUT", "100")
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 5)
    result = run_cli("extract", str(path))
    assert result.exit_code == 2
    assert f"error: {path}:" in result.stderr and "limit" in result.stderr
