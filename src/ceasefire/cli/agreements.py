"""`ceasefire agreement add|list|show`: the ceasefires, truces and statements being monitored."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ceasefire.cli._app import JsonOption, app, echo_json, open_database, read_json_file
from ceasefire.domain.agreements import KINDS, Agreement
from ceasefire.errors import InvalidValue
from ceasefire.services import agreements

agreement_app = typer.Typer(
    help="The agreements being monitored: each claim records the one in force at its time "
    "and place.\n\nExample: ceasefire agreement list",
    no_args_is_help=True,
)
app.add_typer(agreement_app, name="agreement")


@agreement_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", help="Its name, unique.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help=f"One of {', '.join(KINDS)}.")] = None,
    party: Annotated[
        list[str] | None, typer.Option("--party", help="A party to it; repeat for each.")
    ] = None,
    effective: Annotated[
        str | None,
        typer.Option("--effective", help="When it takes effect, local time: 2020-11-10T00:00."),
    ] = None,
    tz: Annotated[
        str | None, typer.Option("--tz", help="Time zone of --effective/--ends: Asia/Baku.")
    ] = None,
    ends: Annotated[str | None, typer.Option("--ends", help="When it ends, local time.")] = None,
    zone: Annotated[
        Path | None,
        typer.Option("--zone", help="GeoJSON file: the (Multi)Polygon where it applies."),
    ] = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", help="A citation; repeat for each.")
    ] = None,
    agreement_id: Annotated[
        str | None, typer.Option("--id", help="Slug; default: from the name and date.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="One agreement as JSON, instead of options.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Add an agreement to monitor; an id or name already stored is refused (exit 2).

    Example: ceasefire agreement add --name "Ceasefire of 14 September 2022" --kind ceasefire
    --party Armenia --party Azerbaijan --effective 2022-09-14T20:00 --tz Asia/Yerevan
    --zone border.geojson --source "Interfax, 2022-09-15, https://interfax.com/..."
    """
    if file is not None:
        agreement = Agreement.from_json(read_json_file(file), where=str(file))
    else:
        fields = {
            "id": agreement_id,
            "name": name,
            "kind": kind,
            "parties": party or [],
            "effective": effective,
            "time_zone": tz,
            "ends": ends,
            "zone": None if zone is None else _geometry(read_json_file(zone), zone),
            "sources": source or [],
        }
        agreement = Agreement.from_json({k: v for k, v in fields.items() if v is not None})
    with open_database(ctx) as database:
        agreements.add(database, agreement)
    if as_json:
        echo_json(agreement.to_json())
        return
    typer.echo(f"added {agreement.id}: {agreement.name}")


@agreement_app.command("list")
def list_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the stored agreements in the order they took effect.

    Example: ceasefire agreement list --json
    """
    with open_database(ctx) as database:
        found = agreements.list_agreements(database)
    if as_json:
        echo_json([a.to_json() for a in found])
        return
    for agreement in found:
        ends = f" until {_when(agreement, ends=True)}" if agreement.ends else ""
        zone = " (zoned)" if agreement.zone is not None else ""
        typer.echo(f"{agreement.id}  {_when(agreement)}{ends}{zone}  {agreement.name}")


@agreement_app.command("show")
def show(
    ctx: typer.Context,
    agreement_id: Annotated[str, typer.Argument(help="The agreement's id.", metavar="ID")],
    as_json: JsonOption = False,
) -> None:
    """Show one agreement: parties, effective moment, end, zone, sources and notes.

    Example: ceasefire agreement show trilateral-statement-2020-11-10
    """
    with open_database(ctx) as database:
        agreement = agreements.show(database, agreement_id)
    if as_json:
        echo_json(agreement.to_json())
        return
    lines = [
        f"{agreement.id}: {agreement.name}",
        f"kind       {agreement.kind}",
        f"parties    {', '.join(agreement.parties)}",
        f"effective  {_when(agreement)}",
        f"ends       {_when(agreement, ends=True) if agreement.ends else '-'}",
        f"zone       {agreement.zone['type'] if agreement.zone else 'everywhere'}",
        *(f"source     {s}" for s in agreement.sources),
    ]
    if agreement.notes:
        lines.append(f"notes      {agreement.notes}")
    typer.echo("\n".join(lines))


def _when(agreement: Agreement, *, ends: bool = False) -> str:
    text = agreement.to_json()["ends" if ends else "effective"]
    return f"{text} {agreement.time_zone}"


def _geometry(value: Any, path: Path) -> Any:
    """The geometry of a GeoJSON file: itself, a Feature's, or a one-feature collection's."""
    if isinstance(value, dict) and value.get("type") == "FeatureCollection":
        features = value.get("features") or []
        if len(features) != 1:
            raise InvalidValue("--zone", f"{path}: expected one feature, found {len(features)}")
        value = features[0]
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    return value
