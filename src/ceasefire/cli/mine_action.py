"""Mine action: `ceasefire hazards ...`, `ceasefire clearance add`, `ceasefire victims ...`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.cli._app import (
    JsonOption,
    app,
    cli_actor,
    echo_json,
    open_database,
    parse_day,
    read_json_file,
    settings_of,
)
from ceasefire.domain.mine_action import (
    AgeGroup,
    ItemType,
    ReleaseMethod,
    Review,
    Sex,
    Victim,
    VictimOutcome,
    VictimRole,
    choice,
    parse_items,
)
from ceasefire.domain.mine_action import Release as LandRelease
from ceasefire.services import accidents, hazards, land_release

hazards_app = typer.Typer(
    help="Hazardous areas (IMSMA Land): list them (without a sub-command), import, show, "
    "change status, link accidents, answer suggested areas.\n\n"
    "Example: ceasefire hazards --format json",
    invoke_without_command=True,
)
clearance_app = typer.Typer(
    help="Land release and clearance (IMSMA Activity).\n\n"
    "Example: ceasefire clearance add 3 --date 2021-04-02 --area-m2 2500 --items ap_mine=2",
    no_args_is_help=True,
)
victims_app = typer.Typer(
    help="Victims of explosive-ordnance accidents (IMSMA Victim).\n\n"
    "Example: ceasefire victims add 12 --age adult --sex male --role deminer --outcome injured",
    no_args_is_help=True,
)
app.add_typer(hazards_app, name="hazards")
app.add_typer(clearance_app, name="clearance")
app.add_typer(victims_app, name="victims")


class HazardFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    GEOJSON = "geojson"


@hazards_app.callback()
def hazards_command(
    ctx: typer.Context,
    output: Annotated[HazardFormat, typer.Option("--format", help="Output format.")] = (
        HazardFormat.TABLE
    ),
    status: Annotated[
        str | None, typer.Option(help="Only this status: suspected, confirmed, ...")
    ] = None,
    suggested: Annotated[
        bool, typer.Option("--suggested", help="List the suggestions waiting for an analyst.")
    ] = False,
) -> None:
    """List the hazardous areas (without a sub-command), with estimated and remaining m².

    Example: ceasefire hazards --format geojson > hazards.geojson
    """
    if ctx.invoked_subcommand is not None:
        return
    review = Review.PENDING if suggested else Review.ACCEPTED
    with open_database(ctx) as database:
        items = hazards.list_areas(database, review=review, status=status)
    if output is HazardFormat.JSON:
        echo_json({"items": [hazards.without_geometry(i) for i in items]})
    elif output is HazardFormat.GEOJSON:
        echo_json(hazards.to_geojson(items))
    else:
        _print_areas(items, "suggested areas" if suggested else "hazardous areas")


def _print_areas(items: list[dict[str, Any]], title: str) -> None:
    table = Table(title=f"{len(items)} {title}")
    for name in ("id", "name", "district", "status", "area m²", "remaining m²", "incidents"):
        table.add_column(name, overflow="fold", justify="right" if "m²" in name else "left")
    for item in items:
        table.add_row(
            str(item["id"]),
            item["name"],
            item["district"] or "-",
            item["status"],
            f"{item['area_m2']:,.0f}",
            f"{item['remaining_m2']:,.0f}",
            ", ".join(str(i) for i in item["incidents"]) or "-",
        )
    Console().print(table)


@hazards_app.command("import")
def import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="GeoJSON FeatureCollection.", metavar="FILE")],
    day: Annotated[
        str, typer.Option("--date", help="Day the areas were recorded (YYYY-MM-DD).")
    ] = "today",
    as_json: JsonOption = False,
) -> None:
    """Import hazardous areas from a GeoJSON file; the same file again adds nothing.

    Each feature needs `name` and `status` properties (`district` and `evidence`: direct or
    indirect, are optional). A bad polygon is refused, naming the feature; the others land
    and the exit code is 2.

    Example: ceasefire hazards import areas.geojson
    """
    collection = read_json_file(path)
    with open_database(ctx) as database:
        result = hazards.import_geojson(
            database, collection, where=str(path), actor=cli_actor(), day=parse_day(day)
        )
    if as_json:
        echo_json(result.to_json())
    else:
        typer.echo(
            f"{len(result.added)} areas added, {result.unchanged} already stored, "
            f"{len(result.refused)} refused"
        )
    for problem in result.refused:
        typer.echo(f"error: {problem}", err=True)
    if not result.ok:
        raise typer.Exit(2)


@hazards_app.command("show")
def show_command(
    ctx: typer.Context,
    area_id: Annotated[int, typer.Argument(help="The area's id.", metavar="HAZARD_ID")],
    as_json: JsonOption = False,
) -> None:
    """Show one area: figures, status history, land release and linked accidents.

    Example: ceasefire hazards show 3 --json
    """
    with open_database(ctx) as database:
        item = hazards.show_area(database, area_id)
    if as_json:
        echo_json(item)
        return
    lines = [
        f"hazardous area {item['id']}: {item['name']}",
        f"district   {item['district'] or '-'}",
        f"status     {item['status']} ({item['review']})",
        f"evidence   {item['evidence'] or '-'}",
        f"area       {item['area_m2']:,.1f} m², {item['remaining_m2']:,.1f} m² remain",
        f"incidents  {', '.join(str(i) for i in item['incidents']) or '-'}",
    ]
    lines += [
        f"{h['day']}  {h['from'] or 'new'} -> {h['to']}: {h['reason']}" for h in item["history"]
    ]
    lines += [
        f"{r['date']}  {r['method']}: {r['area_m2']:,.1f} m²"
        + "".join(f", {n} {kind}" for kind, n in r["items"].items())
        for r in item["releases"]
    ]
    typer.echo("\n".join(lines))


@hazards_app.command("status")
def status_command(
    ctx: typer.Context,
    area_id: Annotated[int, typer.Argument(help="The area's id.", metavar="HAZARD_ID")],
    status: Annotated[str, typer.Argument(help="confirmed, cancelled, reduced or cleared.")],
    reason: Annotated[str, typer.Option("--reason", help="Why it changes.")],
    day: Annotated[str, typer.Option("--date", help="When it changed (YYYY-MM-DD).")] = "today",
) -> None:
    """Change an area's status along the allowed transitions (a refused one exits 2).

    Example: ceasefire hazards status 3 confirmed --reason "AT mine seen by patrol" --date 2021-03-09
    """
    with open_database(ctx) as database:
        item = hazards.change_status(
            database, area_id, status, day=parse_day(day), reason=reason, actor=cli_actor()
        )
    typer.echo(f"hazardous area {area_id} is {item['status']}")


@hazards_app.command("link")
def link_command(
    ctx: typer.Context,
    incident_id: Annotated[int, typer.Argument(help="An explosive_ordnance incident.")],
    area_id: Annotated[int, typer.Argument(help="The area it happened in.", metavar="HAZARD_ID")],
) -> None:
    """Link an explosive-ordnance accident to the hazardous area it happened in.

    Example: ceasefire hazards link 12 3
    """
    with open_database(ctx) as database:
        typer.echo(accidents.link_incident(database, incident_id, area_id, actor=cli_actor()))


@hazards_app.command("unlink")
def unlink_command(
    ctx: typer.Context,
    incident_id: Annotated[int, typer.Argument(help="An explosive_ordnance incident.")],
) -> None:
    """Remove an accident's link to a hazardous area.

    Example: ceasefire hazards unlink 12
    """
    with open_database(ctx) as database:
        typer.echo(accidents.unlink_incident(database, incident_id, actor=cli_actor()))


@hazards_app.command("suggest")
def suggest_command(
    ctx: typer.Context,
    radius: Annotated[
        float | None,
        typer.Option("--radius", help="Metres; default CEASEFIRE_HAZARD_RADIUS (250)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Link accidents to the known areas holding them, or suggest areas around them.

    An accident outside every known area gets a suggested `suspected` area (a circle of
    --radius metres); ingest already does this for the incidents it touches.

    Example: ceasefire hazards suggest --radius 300
    """
    radius_m = settings_of(ctx).hazard_radius_m if radius is None else radius
    with open_database(ctx) as database:
        result = accidents.suggest_areas(database, radius_m=radius_m, actor=cli_actor())
    if as_json:
        echo_json(result.to_json())
        return
    typer.echo(
        f"{len(result.linked)} accidents linked to known areas, "
        f"{len(result.suggested)} areas suggested (see `ceasefire hazards --suggested`)"
    )


@hazards_app.command("accept")
def accept_command(
    ctx: typer.Context,
    area_id: Annotated[int, typer.Argument(help="A suggested area.", metavar="HAZARD_ID")],
    reason: Annotated[str, typer.Option("--reason", help="Why.")] = "",
) -> None:
    """Accept a suggested area: it joins the register as `suspected`.

    Example: ceasefire hazards accept 7
    """
    with open_database(ctx) as database:
        hazards.review_suggestion(database, area_id, accept=True, reason=reason, actor=cli_actor())
    typer.echo(f"hazardous area {area_id} accepted")


@hazards_app.command("reject")
def reject_command(
    ctx: typer.Context,
    area_id: Annotated[int, typer.Argument(help="A suggested area.", metavar="HAZARD_ID")],
    reason: Annotated[str, typer.Option("--reason", help="Why.")] = "",
) -> None:
    """Reject a suggested area; its accident is no longer linked to it.

    Example: ceasefire hazards reject 7 --reason "road accident, not ordnance"
    """
    with open_database(ctx) as database:
        hazards.review_suggestion(database, area_id, accept=False, reason=reason, actor=cli_actor())
    typer.echo(f"suggested area {area_id} rejected")


@clearance_app.command("add")
def clearance_add_command(
    ctx: typer.Context,
    area_id: Annotated[int, typer.Argument(help="The hazardous area.", metavar="HAZARD_ID")],
    day: Annotated[str, typer.Option("--date", help="Day of the work (YYYY-MM-DD).")],
    area_m2: Annotated[float, typer.Option("--area-m2", help="Square metres released.")],
    method: Annotated[
        ReleaseMethod, typer.Option("--method", help="How the land was released.")
    ] = ReleaseMethod.CLEARANCE,
    items: Annotated[
        list[str] | None,
        typer.Option(
            "--items",
            help=f"TYPE=COUNT found; repeat or separate by commas. Types: {', '.join(ItemType)}.",
        ),
    ] = None,
    team: Annotated[str | None, typer.Option("--team", help="Who did the work.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Record land released on a hazardous area and the explosive ordnance found.

    Land is cancelled (non_technical_survey), reduced (technical_survey) or cleared
    (clearance). The remaining m² go down; at zero the area is `cleared`. Releasing more
    than remains exits 2 and changes nothing.

    Example: ceasefire clearance add 3 --date 2021-04-02 --area-m2 2500 --items ap_mine=2,uxo=1
    """
    pairs = [part for value in items or () for part in value.split(",") if part.strip()]
    release = LandRelease(method, parse_day(day), area_m2, parse_items(pairs), team)
    with open_database(ctx) as database:
        record = land_release.add_release(database, area_id, release, actor=cli_actor())
    if as_json:
        echo_json(record)
        return
    typer.echo(
        f"released {record['area_m2']:.1f} m² of area {area_id} ({record['method']}): "
        f"{record['remaining_m2']:.1f} m² remain, status {record['status']}"
    )


@victims_app.command("add")
def victims_add_command(
    ctx: typer.Context,
    incident_id: Annotated[int, typer.Argument(help="An explosive_ordnance incident.")],
    age: Annotated[str, typer.Option("--age", help="child, adult or unknown.")] = "unknown",
    sex: Annotated[str, typer.Option("--sex", help="female, male or unknown.")] = "unknown",
    role: Annotated[
        str, typer.Option("--role", help="civilian, deminer, military or unknown.")
    ] = "unknown",
    outcome: Annotated[
        str, typer.Option("--outcome", help="killed, injured or unknown.")
    ] = "unknown",
    count: Annotated[int, typer.Option("--count", help="How many victims alike.")] = 1,
    as_json: JsonOption = False,
) -> None:
    """Record victims of an explosive-ordnance accident, as far as known.

    Example: ceasefire victims add 12 --age child --sex female --role civilian --outcome killed
    """
    victim = Victim(
        choice(AgeGroup, age, "--age"),
        choice(Sex, sex, "--sex"),
        choice(VictimRole, role, "--role"),
        choice(VictimOutcome, outcome, "--outcome"),
    )
    with open_database(ctx) as database:
        record = accidents.add_victims(
            database, incident_id, victim, count=count, actor=cli_actor()
        )
    if as_json:
        echo_json(record)
        return
    typer.echo(f"incident {incident_id}: {record['victim_count']} victims recorded")


@victims_app.command("list")
def victims_list_command(
    ctx: typer.Context,
    incident_id: Annotated[int, typer.Argument(help="An explosive_ordnance incident.")],
    as_json: JsonOption = False,
) -> None:
    """List an accident's victims and the hazardous area it happened in.

    Example: ceasefire victims list 12 --json
    """
    with open_database(ctx) as database:
        record = accidents.victims(database, incident_id)
    if as_json:
        echo_json(record)
        return
    typer.echo("\n".join(victim_lines(record)))


def victim_lines(record: dict[str, Any]) -> list[str]:
    """An accident's area and victims as text lines (also under `ceasefire incident ID`)."""
    area = record["hazard_area_id"]
    lines = [f"hazardous area: {area if area is not None else '-'}"]
    lines += [
        f"victim {v['id']}: {v['outcome']}, {v['role']}, {v['age_group']}, {v['sex']}"
        for v in record["victims"]
    ]
    return lines
