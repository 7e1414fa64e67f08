"""Data exchange commands: `export` (GeoJSON, CSV, ACLED, UCDP) and `import` (ACLED, UCDP)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ceasefire.cli._app import (
    FromOption,
    JsonOption,
    ToOption,
    app,
    cli_actor,
    echo_json,
    open_database,
    parse_optional_day,
)
from ceasefire.services.exports import export_incidents
from ceasefire.services.imports import ImportSummary, import_file
from ceasefire.services.incidents import IncidentFilter
from ceasefire.storage.sql import Database


class ExportFormat(StrEnum):
    GEOJSON = "geojson"
    CSV = "csv"
    ACLED = "acled"
    UCDP = "ucdp"


class ImportFormat(StrEnum):
    ACLED = "acled"
    UCDP = "ucdp"


@app.command("export")
def export_command(
    ctx: typer.Context,
    output_format: Annotated[ExportFormat, typer.Option("--format", help="Output format.")],
    start: FromOption = None,
    end: ToOption = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to FILE (default: stdout).")
    ] = None,
) -> None:
    """Export incidents as GeoJSON, CSV, ACLED or UCDP GED columns, streamed oldest first.

    Example: ceasefire export --format acled --from 2021-01-01 -o incidents-acled.csv
    """
    where = IncidentFilter(
        start=parse_optional_day(start, "--from"), end=parse_optional_day(end, "--to")
    )
    with open_database(ctx) as database:
        if output is None:
            export_incidents(database, sys.stdout, format=output_format.value, where=where)
            return
        with output.open("w", encoding="utf-8", newline="") as stream:
            written = export_incidents(database, stream, format=output_format.value, where=where)
    typer.echo(f"wrote {written} incidents to {output}", err=True)


@app.command("import")
def import_command(
    ctx: typer.Context,
    input_format: Annotated[ImportFormat, typer.Option("--format", help="Dataset format.")],
    path: Annotated[str, typer.Argument(help="A CSV file of the dataset (HDX files too).")],
    as_json: JsonOption = False,
) -> None:
    """Import an ACLED or UCDP GED file: each row a source of kind `import` with one claim.

    Rows of one file never merge with each other; re-importing a file adds nothing. Bad rows
    are reported with their line and field, the good ones land, and the exit code is 2.

    Example: ceasefire import --format acled acled-armenia-azerbaijan.csv
    """
    with open_database(ctx) as database:
        if as_json or not sys.stderr.isatty():
            summary = import_file(database, path, format=input_format.value, actor=cli_actor())
        else:
            summary = _import_with_progress(database, path, input_format)
    if as_json:
        echo_json(summary.to_json())
    else:
        _print_summary(Console(), summary)
    if not summary.ok:
        typer.echo(f"error: {len(summary.problems)} of {summary.rows} rows failed", err=True)
        raise typer.Exit(2)


def _import_with_progress(
    database: Database, path: str, input_format: ImportFormat
) -> ImportSummary:
    columns = (
        TextColumn("importing"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return import_file(
            database, path, format=input_format.value, actor=cli_actor(), on_progress=advance
        )


def _print_summary(console: Console, summary: ImportSummary) -> None:
    table = Table(title=f"Import of {summary.file}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (
        ("rows", summary.rows),
        ("new", summary.new),
        ("unchanged", summary.unchanged),
        ("incidents touched", len(summary.incident_ids)),
        ("bad rows", len(summary.problems)),
    ):
        table.add_row(label, str(value))
    console.print(table)
    if summary.problems:
        bad = Table(title="Rows not imported", title_style="bold red")
        for column in ("line", "field", "error"):
            bad.add_column(column, overflow="fold")
        for problem in summary.problems:
            bad.add_row(str(problem.line), problem.field, problem.message)
        console.print(bad)
