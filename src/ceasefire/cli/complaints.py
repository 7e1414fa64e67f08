"""Commands for formal complaints between the parties and restrictions on the monitors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ceasefire.cli._app import JsonOption, app, echo_json, open_database, parse_day, settings_of
from ceasefire.services import complaints, restrictions
from ceasefire.services.complaints import Complaint

complaint_app = typer.Typer(
    help="Formal complaints: lodge → notify → respond → verify, and a tally per party.\n\n"
    "Example: ceasefire complaint lodge complaint.txt --by AZ --against AM --due 2020-11-20",
    no_args_is_help=True,
)
app.add_typer(complaint_app, name="complaint")

ComplaintId = Annotated[int, typer.Argument(help="The complaint's number.")]


def _print(complaint: Complaint, as_json: bool, verb: str) -> None:
    if as_json:
        echo_json(complaint.to_json())
        return
    line = f"{verb} complaint {complaint.id}: {complaint.lodged_by} against {complaint.against}"
    typer.echo(f"{line}, stage {complaint.stage}, outcome {complaint.outcome}")


@complaint_app.command("lodge")
def lodge(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The complaint's text (any ingest format).")],
    by: Annotated[str, typer.Option("--by", help="Delegation lodging it.")],
    against: Annotated[str, typer.Option("--against", help="Delegation complained against.")],
    due: Annotated[str | None, typer.Option("--due", help="Response due by YYYY-MM-DD.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Lodge a complaint: its text is ingested as a source of kind complaint.

    Example: ceasefire complaint lodge az-2020-11-14.txt --by AZ --against AM --due 2020-11-21
    """
    due_day = None if due is None else parse_day(due, "--due")
    with open_database(ctx) as database:
        complaint = complaints.lodge(
            database, file, by=by, against=against, due=due_day, settings=settings_of(ctx)
        )
    _print(complaint, as_json, "lodged")


@complaint_app.command("notify")
def notify(ctx: typer.Context, complaint_id: ComplaintId, as_json: JsonOption = False) -> None:
    """Record that the party complained against was notified.

    Example: ceasefire complaint notify 3
    """
    with open_database(ctx) as database:
        _print(complaints.notify(database, complaint_id), as_json, "notified")


@complaint_app.command("respond")
def respond(
    ctx: typer.Context,
    complaint_id: ComplaintId,
    text: Annotated[str, typer.Option("--text", help="The notified party's response.")],
    as_json: JsonOption = False,
) -> None:
    """Record the response of the party complained against.

    Example: ceasefire complaint respond 3 --text 'No firing from our positions that night.'
    """
    with open_database(ctx) as database:
        _print(complaints.respond(database, complaint_id, text), as_json, "answered")


@complaint_app.command("verify")
def verify(
    ctx: typer.Context,
    complaint_id: ComplaintId,
    outcome: Annotated[
        str, typer.Option("--outcome", help="substantiated | not_substantiated | unattributable")
    ],
    incident: Annotated[
        int | None, typer.Option("--incident", help="The incident the finding concerns.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Record the monitors' finding (after the response, or once the due date has passed).

    Example: ceasefire complaint verify 3 --outcome substantiated --incident 12
    """
    with open_database(ctx) as database:
        found = complaints.verify(database, complaint_id, outcome, incident_id=incident)
    _print(found, as_json, "verified")


@complaint_app.command("list")
def list_(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the complaints with their stage and outcome.

    Example: ceasefire complaint list --json
    """
    with open_database(ctx) as database:
        found = complaints.list_complaints(database)
    if as_json:
        echo_json([c.to_json() for c in found])
        return
    for c in found:
        due = c.response_due.isoformat() if c.response_due else "-"
        typer.echo(f"{c.id}\t{c.lodged_by}→{c.against}\t{c.stage}\t{c.outcome}\tdue {due}")


@complaint_app.command("tally")
def tally(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Per party: complaints lodged, substantiated, not substantiated, unattributable, pending.

    Example: ceasefire complaint tally
    """
    with open_database(ctx) as database:
        rows = complaints.tally(database)
    if as_json:
        echo_json([r.to_json() for r in rows])
        return
    typer.echo("party\tlodged\tsubstantiated\tnot_substantiated\tunattributable\tpending\tagainst")
    for r in rows:
        typer.echo(
            f"{r.party}\t{r.lodged}\t{r.substantiated}\t{r.not_substantiated}\t"
            f"{r.unattributable}\t{r.pending}\t{r.against}"
        )


# --- restrictions -------------------------------------------------------------------------------

restriction_app = typer.Typer(
    help="Restrictions of the monitors' movement: access denied, delayed, UAV jammed or fired "
    "upon.\n\nExample: ceasefire restriction list --from 2020-11-10 --to 2020-11-30",
    no_args_is_help=True,
)
app.add_typer(restriction_app, name="restriction")


@restriction_app.command("add")
def restriction_add(
    ctx: typer.Context,
    day: Annotated[str, typer.Option("--date", help="YYYY-MM-DD")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind", help="access_denied | delayed | uav_jammed | uav_fired_upon | other"
        ),
    ],
    description: Annotated[str, typer.Option("--description", help="What happened.")],
    place: Annotated[str | None, typer.Option("--place", help="Where.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who imposed it.")] = None,
    lat: Annotated[float | None, typer.Option("--lat", help="Latitude (WGS84).")] = None,
    lon: Annotated[float | None, typer.Option("--lon", help="Longitude (WGS84).")] = None,
    as_user: Annotated[str | None, typer.Option("--as", help="The reporting user.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Record a restriction on the monitors.

    Example: ceasefire restriction add --date 2020-11-15 --kind access_denied --place Lachin --by 'armed men at checkpoint' --description 'Patrol turned back'
    """
    with open_database(ctx) as database:
        added = restrictions.add(
            database,
            day=parse_day(day),
            kind=kind,
            description=description,
            place=place,
            imposed_by=by,
            lat=lat,
            lon=lon,
            recorded_by=as_user,
        )
    if as_json:
        echo_json(added.to_json())
        return
    typer.echo(f"added restriction {added.id}: {added.day.isoformat()} {added.kind}")


@restriction_app.command("list")
def restriction_list(
    ctx: typer.Context,
    start: Annotated[str | None, typer.Option("--from", help="From YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="To YYYY-MM-DD (inclusive).")] = None,
    as_json: JsonOption = False,
) -> None:
    """List restrictions, oldest first.

    Example: ceasefire restriction list --from 2020-11-10 --json
    """
    with open_database(ctx) as database:
        found = restrictions.list_restrictions(
            database,
            start=None if start is None else parse_day(start, "--from"),
            end=None if end is None else parse_day(end, "--to"),
        )
    if as_json:
        echo_json([r.to_json() for r in found])
        return
    for r in found:
        typer.echo(
            f"{r.id}\t{r.day.isoformat()}\t{r.kind}\t{r.place_name or '-'}\t"
            f"{r.imposed_by or '-'}\t{r.description}"
        )
