"""`ceasefire report daily|weekly`: writes the report, refuses bad options with exit 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ceasefire.storage.sql import Database


@pytest.fixture
def centre_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'centre.db'}"
    database = Database(url)
    database.init()
    database.dispose()
    return url


def test_report_writes_markdown_to_a_file(
    run_cli: Callable[..., object], centre_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "daily.md"
    result = run_cli(
        "--database", centre_url, "report", "daily", "--date", "2021-03-09",
        "--issued-at", "2021-03-09T20:00+04:00", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Daily report No. 68/2021")
    assert "2021-03-09 20:00 (UTC+04:00)" in text


def test_report_in_russian_prints_to_stdout(
    run_cli: Callable[..., object], centre_url: str
) -> None:
    result = run_cli(
        "--database", centre_url, "report", "weekly", "--date", "2021-03-09", "--lang", "ru"
    )
    assert result.exit_code == 0
    assert "Еженедельный отчёт" in result.stdout  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "args",
    [
        ("report", "monthly", "--date", "2021-03-09"),
        ("report", "daily", "--date", "9 March"),
        ("report", "daily", "--date", "2021-03-09", "--issued-at", "soon"),
        ("report", "daily", "--date", "2021-03-09", "--format", "docx"),
    ],
)
def test_report_refuses_bad_options_with_exit_2(
    run_cli: Callable[..., object], centre_url: str, args: tuple[str, ...]
) -> None:
    result = run_cli("--database", centre_url, *args)
    assert result.exit_code == 2
