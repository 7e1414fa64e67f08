"""Incident commands: list and show incidents, and the analyst's merge/split/link tools."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.cli._app import (
    FromOption,
    ToOption,
    app,
    cli_actor,
    parse_optional_day,
    settings_of,
)
from ceasefire.domain.values import BBox
from ceasefire.domain.verification import ConfirmRule
from ceasefire.services import incident_edits, setup
from ceasefire.services.incidents import (
    IncidentFilter,
    incident_json,
    list_incidents,
    to_csv,
    to_geojson,
)
from ceasefire.storage.sql import Database

suggestion_app = typer.Typer(
    help="Answer a linking suggestion.\n\nExample: ceasefire suggestion accept 12",
    no_args_is_help=True,
)
app.add_typer(suggestion_app, name="suggestion")


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    GEOJSON = "geojson"
    CSV = "csv"


def _database(ctx: typer.Context) -> Database:
    database = Database(settings_of(ctx).database_url)
    setup.require_schema(database)
    return database


def _ids(text: str, field: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise typer.BadParameter(
            f"expected comma-separated ids, got {text!r}", param_hint=field
        ) from None


@app.command("incidents")
def incidents_command(
    ctx: typer.Context,
    start: FromOption = None,
    end: ToOption = None,
    bbox: Annotated[
        str | None, typer.Option(help="Only inside WEST,SOUTH,EAST,NORTH (degrees).")
    ] = None,
    category: Annotated[str | None, typer.Option(help="violation, explosive_ordnance, ...")] = None,
    status: Annotated[str | None, typer.Option(help="reported, confirmed, disputed, ...")] = None,
    limit: Annotated[
        int | None, typer.Option(help="Page size; without it every match is printed.")
    ] = None,
    cursor: Annotated[
        str | None, typer.Option(help="The `next` value of the previous page.")
    ] = None,
    output: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = (
        OutputFormat.TABLE
    ),
) -> None:
    """List incidents, oldest first, filtered by time, place, category and status.

    Example: ceasefire incidents --from 2023-03-01 --bbox 46.5,39.6,47.0,40.0 --format json
    """
    where = IncidentFilter(
        start=parse_optional_day(start, "--from"),
        end=parse_optional_day(end, "--to"),
        bbox=BBox.parse(bbox) if bbox else None,
        category=category,
        status=status,
    )
    database = _database(ctx)
    try:
        with database.connect() as conn:
            page = list_incidents(conn, where, limit=limit, cursor=cursor)
    finally:
        database.dispose()
    if output is OutputFormat.JSON:
        typer.echo(json.dumps(page.to_json(), ensure_ascii=False))
    elif output is OutputFormat.GEOJSON:
        typer.echo(json.dumps(to_geojson(page), ensure_ascii=False))
    elif output is OutputFormat.CSV:
        typer.echo(to_csv(page.items), nl=False)
    else:
        _print_table(Console(), page.items, page.next)


def _print_table(console: Console, items: list[dict[str, Any]], following: str | None) -> None:
    table = Table(title=f"{len(items)} incidents")
    for name in (
        "id",
        "dates",
        "type",
        "place",
        "killed",
        "injured",
        "claims",
        "status",
    ):
        table.add_column(name, overflow="fold", no_wrap=name in ("id", "dates"))
    for item in items:
        time = item["time"]
        dates = time["start"] if time["start"] == time["end"] else f"{time['start']}..{time['end']}"
        place = item["place"]["name"] if item["place"] else "-"
        table.add_row(
            str(item["id"]),
            dates,
            item["type"].replace("_", " "),
            place or "-",
            _range(item["casualties"], "killed"),
            _range(item["casualties"], "injured"),
            str(len(item["claims"])),
            item["status"] + (" (attribution disputed)" if item["disputed_attribution"] else ""),
        )
    console.print(table)
    if following:
        console.print(f"more: --cursor {following}")


def _range(casualties: dict[str, Any], kind: str) -> str:
    total = ((casualties or {}).get(kind) or {}).get("total")
    if not total:
        return "-"
    if total["low"] == total["high"]:
        return str(total["best"])
    return f"{total['best']} ({total['low']}-{total['high']})"


@app.command("incident")
def incident_command(
    ctx: typer.Context,
    incident_id: Annotated[int, typer.Argument(help="The incident id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead.")] = False,
) -> None:
    """Show one incident: estimates, its claims with sources and quotes, and why they link.

    Example: ceasefire incident 12
    """
    database = _database(ctx)
    try:
        with database.connect() as conn:
            found = incident_json(conn, incident_id)
    finally:
        database.dispose()
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False))
        return
    _print_incident(Console(soft_wrap=True), found)


def _print_incident(console: Console, item: dict[str, Any]) -> None:
    time, place = item["time"], item["place"]
    console.print(
        f"[bold]Incident {item['id']}[/bold]  {item['category']} / {item['type']}  "
        f"status: {item['status']}  version {item['version']}"
    )
    if item.get("merged_into"):
        console.print(f"[yellow]merged into incident {item['merged_into']}[/yellow]")
    console.print(f"when:  {time['start']} .. {time['end']} ({time['precision']})")
    where = "unknown" if not place else f"{place['name']} ({place['precision']})"
    if place and place["lat"] is not None:
        where += f"  {place['lat']:.4f}, {place['lon']:.4f}"
    console.print(f"where: {where}")
    console.print(f"what:  {item['summary']}")
    console.print(
        f"killed: {_range(item['casualties'], 'killed')}   "
        f"injured: {_range(item['casualties'], 'injured')}  (best (low-high))"
    )
    console.print(f"claimed by: {'; '.join(item['claimants']) or '-'}")
    disputed = "  [red](attribution disputed)[/red]" if item["disputed_attribution"] else ""
    console.print(f"alleged perpetrators: {'; '.join(item['perpetrators']) or '-'}{disputed}")
    console.print(f"third-party report: {'yes' if item['third_party_reported'] else 'no'}")
    if "mine_action" in item:
        from ceasefire.cli.mine_action import victim_lines

        for line in victim_lines(item["mine_action"]):
            console.print(line, markup=False)
    for claim in item["claims"]:
        source = claim["source"]
        console.rule(f"claim {claim['id']}  ({claim['type']}, {claim['time']['start']})")
        console.print(f"source: {source['publisher'] or '-'}  {source['url'] or ''}")
        if source["headline"]:
            console.print(f"headline: {source['headline']}")
        console.print(
            f"claimed by: {claim['claimed_by']}"
            + (f"; blames {claim['perpetrator_alleged']}" if claim["perpetrator_alleged"] else "")
        )
        console.print(f'quote: "{claim["evidence"]["quote"]}"', markup=False)
        link = claim.get("link")
        if link:
            score = f" {link['score']:.2f}" if link["score"] is not None else ""
            console.print(
                f"linked ({link['decision']}{score}): {'; '.join(link['reasons'])}", markup=False
            )
    if item["history"]:
        console.rule("history")
        for h in item["history"]:
            console.print(
                f"{h['at']}  {h['actor']}  {h['action']}  {json.dumps(h['detail'])}", markup=False
            )


@app.command("merge")
def merge_command(
    ctx: typer.Context,
    incident_ids: Annotated[list[int], typer.Argument(help="Incidents; the first one is kept.")],
) -> None:
    """Merge incidents: every claim and delegation's position of the others moves into the first.

    Conflicting positions of one delegation send the merged incident back to under_review.

    Example: ceasefire merge 12 15 19
    """
    rule = ConfirmRule(settings_of(ctx).confirm_rule)
    _run(
        ctx,
        lambda db: incident_edits.merge_incidents(db, incident_ids, actor=cli_actor(), rule=rule),
    )


@app.command("split")
def split_command(
    ctx: typer.Context,
    incident_id: Annotated[int, typer.Argument(help="The incident to split.")],
    claim_ids: Annotated[str, typer.Option("--claims", help="Claims that leave, e.g. 4,7.")],
) -> None:
    """Split an incident: the named claims leave together for a new incident.

    Example: ceasefire split 12 --claims 31,32
    """
    ids = _ids(claim_ids, "--claims")
    _run(ctx, lambda db: incident_edits.split_incident(db, incident_id, ids, actor=cli_actor()))


@app.command("link")
def link_command(
    ctx: typer.Context,
    claim_id: Annotated[int, typer.Argument(help="The claim to move.")],
    incident_id: Annotated[int, typer.Argument(help="The incident it belongs to.")],
) -> None:
    """Move a claim into an incident.

    Example: ceasefire link 31 12
    """
    _run(ctx, lambda db: incident_edits.link_claim(db, claim_id, incident_id, actor=cli_actor()))


@app.command("unlink")
def unlink_command(
    ctx: typer.Context, claim_id: Annotated[int, typer.Argument(help="The claim to take out.")]
) -> None:
    """Take a claim out of its incident into a new incident of its own.

    Example: ceasefire unlink 31
    """
    _run(ctx, lambda db: incident_edits.unlink_claim(db, claim_id, actor=cli_actor()))


@app.command("suggestions")
def suggestions_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead.")] = False,
) -> None:
    """List linking suggestions waiting for an analyst (best first).

    Example: ceasefire suggestions
    """
    database = _database(ctx)
    try:
        with database.connect() as conn:
            pending = incident_edits.pending_suggestions(conn)
    finally:
        database.dispose()
    if as_json:
        typer.echo(json.dumps(pending, ensure_ascii=False))
        return
    table = Table(title=f"{len(pending)} suggestions")
    for name in ("id", "claim", "in incident", "may belong to", "score", "why"):
        table.add_column(name, overflow="fold")
    for s in pending:
        table.add_row(
            str(s["id"]),
            str(s["claim_id"]),
            str(s["claim_incident"]),
            str(s["incident_id"]),
            f"{s['score']:.2f}",
            "; ".join(s["reasons"]),
        )
    Console().print(table)


@suggestion_app.command("accept")
def accept_command(
    ctx: typer.Context, suggestion_id: Annotated[int, typer.Argument(help="Suggestion id.")]
) -> None:
    """Accept a suggestion: its claim joins the suggested incident.

    Example: ceasefire suggestion accept 12
    """
    _run(ctx, lambda db: incident_edits.accept_suggestion(db, suggestion_id, actor=cli_actor()))


@suggestion_app.command("reject")
def reject_command(
    ctx: typer.Context, suggestion_id: Annotated[int, typer.Argument(help="Suggestion id.")]
) -> None:
    """Reject a suggestion: the claim and that incident are different events.

    Example: ceasefire suggestion reject 12
    """
    _run(ctx, lambda db: incident_edits.reject_suggestion(db, suggestion_id, actor=cli_actor()))


def _run(ctx: typer.Context, operation: Any) -> None:
    database = _database(ctx)
    try:
        result = operation(database)
    finally:
        database.dispose()
    typer.echo(result.message)
