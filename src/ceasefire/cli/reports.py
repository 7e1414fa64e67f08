"""`ceasefire report daily|weekly`: the monitoring report of a period, as md, html, pdf or json."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ceasefire.cli._app import app, open_database, parse_day, settings_of
from ceasefire.errors import InvalidValue
from ceasefire.services.reports import produce


class ReportKind(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"


class ReportFormat(StrEnum):
    MD = "md"
    HTML = "html"
    PDF = "pdf"
    JSON = "json"


class Language(StrEnum):
    EN = "en"
    RU = "ru"
    TR = "tr"


@app.command("report")
def report_command(
    ctx: typer.Context,
    kind: Annotated[ReportKind, typer.Argument(help="daily or weekly.")],
    day: Annotated[
        str, typer.Option("--date", help="The day the period ends on: YYYY-MM-DD or today.")
    ],
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", help="Markdown, HTML, PDF, or JSON (the figures as data)."),
    ] = ReportFormat.MD,
    language: Annotated[Language, typer.Option("--lang", help="Language.")] = Language.EN,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to FILE (default: stdout).")
    ] = None,
    issued_at: Annotated[
        str | None,
        typer.Option(
            "--issued-at",
            help="Pin the issue time (ISO date-time with offset) so the same data give the "
            "same bytes; default: now.",
        ),
    ] = None,
) -> None:
    """Write the daily or weekly monitoring report for the period ending on --date.

    The period ends at the cut-off (CEASEFIRE_REPORT_CUTOFF, default 19:30) in
    CEASEFIRE_REPORT_TZ (default Asia/Baku). Every figure traces to its incidents.

    Example: ceasefire report daily --date 2021-03-09 --format pdf --lang ru -o daily-2021-03-09-ru.pdf
    """
    when = parse_day(day)
    pinned = _moment(issued_at) if issued_at else None
    with open_database(ctx) as database:
        content = produce(
            database,
            kind.value,
            when,
            settings=settings_of(ctx),
            output_format=output_format.value,
            language=language.value,
            issued_at=pinned,
        )
    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return
    output.write_bytes(content)
    typer.echo(f"wrote the {kind.value} report for {when} to {output}", err=True)


def _moment(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidValue("--issued-at", f"{value!r} is not an ISO date-time") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
