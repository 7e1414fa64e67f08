"""Core commands: `init` (schema), `ingest` (sources into the database), `demo`."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ceasefire.cli._app import InputFormat, app, parse_optional_day, settings_of
from ceasefire.domain.taxonomy import SourceKind
from ceasefire.services import setup
from ceasefire.services.ingest import FileOutcome, IngestSummary, expand_paths, ingest_paths
from ceasefire.storage.sql import Database

#: Where `demo --serve` serves the UI.
DEMO_ADDRESS = "http://127.0.0.1:8000"
#: Above this many files, and on a terminal, `ingest` shows a progress bar.
PROGRESS_FROM_FILES = 5


class IngestKind(StrEnum):
    MEDIA = "media"
    PARTY_STATEMENT = "party_statement"
    COMPLAINT = "complaint"
    PATROL = "patrol"
    UAV = "uav"
    HOTLINE = "hotline"


@app.command()
def init(ctx: typer.Context) -> None:
    """Create the database schema, or upgrade it; running it again changes nothing.

    Example: ceasefire --database postgresql+psycopg://postgres@127.0.0.1:5432/centre init
    """
    database = Database(settings_of(ctx).database_url)
    try:
        result = setup.init_database(database)
    finally:
        database.dispose()
    if result.before is None:
        typer.echo(f"created schema revision {result.after} in {result.database}")
    elif result.changed:
        typer.echo(f"upgraded {result.database} from {result.before} to {result.after}")
    else:
        typer.echo(f"{result.database} is already at schema revision {result.after}")
    if result.agreements_loaded:
        typer.echo(f"stored the bundled timeline: {result.agreements_loaded} agreements")


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders to ingest; - reads standard input.")
    ],
    input_format: Annotated[
        InputFormat, typer.Option("--format", help="Input format; auto sniffs each file.")
    ] = InputFormat.AUTO,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for documents that give none."),
    ] = None,
    kind: Annotated[IngestKind, typer.Option(help="What kind of source these are.")] = (
        IngestKind.MEDIA
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Store sources, extract their claims and link them to incidents (same bytes: no-op).

    One bad file is reported and the others go on; the exit code is 2 if any file failed.

    Example: ceasefire ingest reports/ statement.json --kind party_statement
    """
    settings = settings_of(ctx)
    day = parse_optional_day(published, "--published")
    database = Database(settings.database_url)
    files = expand_paths(paths)
    show_progress = not as_json and sys.stdout.isatty() and len(files) >= PROGRESS_FROM_FILES
    try:
        if show_progress:
            summary = _ingest_with_progress(database, files, input_format, day, kind, settings)
        else:
            summary = ingest_paths(
                database,
                files,
                format=input_format.value,
                published=day,
                kind=SourceKind(kind.value),
                settings=settings,
            )
    finally:
        database.dispose()
    if as_json:
        typer.echo(json.dumps(summary.to_json(), ensure_ascii=False))
    else:
        _print_summary(Console(), summary)
    if not summary.ok:
        typer.echo(f"error: {len(summary.failures)} of {summary.files} files failed", err=True)
        raise typer.Exit(2)


def _ingest_with_progress(
    database: Database,
    files: list[str],
    input_format: InputFormat,
    day: date | None,
    kind: IngestKind,
    settings: object,
) -> IngestSummary:
    from ceasefire.config import Settings

    columns = (
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task("", total=len(files))

        def advance(outcome: FileOutcome) -> None:
            progress.update(task, advance=1, description=outcome.file)

        return ingest_paths(
            database,
            files,
            format=input_format.value,
            published=day,
            kind=SourceKind(kind.value),
            settings=settings if isinstance(settings, Settings) else None,
            on_file=advance,
        )


def _print_summary(console: Console, summary: IngestSummary) -> None:
    table = Table(title="Ingest summary", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (
        ("files", summary.files),
        ("documents", summary.documents),
        ("new sources", summary.new_sources),
        ("unchanged", summary.unchanged),
        ("claims", summary.claims),
        ("incidents touched", summary.incidents_touched),
        ("failures", len(summary.failures)),
    ):
        table.add_row(label, str(value))
    console.print(table)
    if summary.failures:
        failed = Table(title="Files that failed", title_style="bold red")
        failed.add_column("file", overflow="fold")
        failed.add_column("error", overflow="fold")
        for failure in summary.failures:
            failed.add_row(failure.file, failure.message)
        console.print(failed)


@app.command()
def demo(
    ctx: typer.Context,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database",
            help="Where to build the demo (default: sqlite:///ceasefire-demo.db in this folder).",
        ),
    ] = None,
    serve: Annotated[
        bool, typer.Option("--serve", help="Then serve the web UI and API on the demo database.")
    ] = False,
) -> None:
    """Build a demo database from the bundled fictional sources and show what is in it.

    Works offline. Running it again adds nothing: sources are identified by their bytes.

    Example: ceasefire demo --database sqlite:///demo.db
    """
    root = ctx.find_root()
    if database_url is None and _given_on_command_line(root, "database"):
        # `ceasefire --database URL demo` names the target; CEASEFIRE_DATABASE alone does not,
        # so the demo never writes into the centre's own database by accident.
        database_url = settings_of(ctx).database_url
    url = database_url or setup.demo_url()
    database = Database(url)
    try:
        overview = setup.build_demo(database)
    finally:
        database.dispose()
    _print_demo(Console(), url, overview)
    if serve:
        _serve_demo(ctx, url)


def _given_on_command_line(ctx: Any, name: str) -> bool:
    source = getattr(ctx, "get_parameter_source", lambda _: None)(name)
    return source is not None and source.name == "COMMANDLINE"


def _print_demo(console: Console, url: str, overview: setup.DemoOverview) -> None:
    console.print(f"[bold]Demo database[/bold] {url}  (fictional scenario, bundled sources)")
    counts = overview.counts
    console.print(
        f"{counts.sources} sources, {counts.claims} claims, {counts.incidents} incidents "
        f"({overview.ingest.new_sources} sources added now, {overview.ingest.unchanged} unchanged)"
    )
    by_category = Table(title="Incidents by category")
    by_category.add_column("category")
    by_category.add_column("incidents", justify="right")
    for category, number in overview.by_category:
        by_category.add_row(category, str(number))
    console.print(by_category)
    rows = Table(title="Latest incidents")
    for column in ("id", "date", "place", "type", "claimants"):
        rows.add_column(column, overflow="fold")
    for incident in overview.latest:
        rows.add_row(
            str(incident.id), incident.date, incident.place, incident.type, incident.claimants
        )
    console.print(rows)
    console.print("Next: ceasefire --database " + url + " incidents")


def _serve_demo(ctx: typer.Context, url: str) -> None:
    """Serve the UI on the demo database, with a fresh token of the demo officer to sign in."""
    from ceasefire.cli._app import State
    from ceasefire.cli.serve import serve

    database = Database(url)
    try:
        token = setup.demo_officer_token(database)
    finally:
        database.dispose()
    typer.echo(
        f"Web UI: {DEMO_ADDRESS}/  (map, incidents, review queue)\n"
        f"Demo officer {token.user.username!r} (delegation {token.user.delegation}), "
        f"token: {token.secret}\n"
        "Sign in with this token on the login page, or send it as "
        "`Authorization: Bearer TOKEN`; the demo does not switch public read on."
    )
    root = ctx.find_root()
    root.obj = State(database_url=url)
    serve(ctx, host="127.0.0.1", port=8000)
