"""The Typer application, its global options and the error translation at the edge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer

from ceasefire import DATA_ATTRIBUTION, __version__
from ceasefire.config import Settings

app = typer.Typer(
    name="ceasefire",
    help="Ceasefire monitoring centre: ingest reports, extract claims, link incidents, "
    "verify jointly, publish.\n\nExample: ceasefire demo",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


@dataclass
class State:
    """What the global options set; commands read it from `ctx.obj`."""

    database_url: str | None = None

    def settings(self) -> Settings:
        return Settings.from_env(self.database_url)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ceasefire {__version__}\n{DATA_ATTRIBUTION}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            envvar="CEASEFIRE_DATABASE",
            help="Database URL: sqlite:///FILE (default sqlite:///ceasefire.db) or "
            "postgresql+psycopg://USER@HOST:PORT/DB.",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show version and data credits."
        ),
    ] = False,
) -> None:
    """Ceasefire monitoring centre.

    Example: ceasefire --database sqlite:///centre.db init
    """
    ctx.obj = State(database_url=database)


def settings_of(ctx: typer.Context) -> Settings:
    state = ctx.find_root().obj
    return state.settings() if isinstance(state, State) else Settings.from_env()
