"""The Typer application, its global options and the error translation at the edge."""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ceasefire import DATA_ATTRIBUTION, __version__
from ceasefire.config import Settings
from ceasefire.errors import InvalidValue, ParseError
from ceasefire.storage.sql import Database

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


@contextmanager
def open_database(ctx: typer.Context) -> Iterator[Database]:
    """The configured database, checked to be at the current schema; disposed afterwards."""
    from ceasefire.services import setup

    database = Database(settings_of(ctx).database_url)
    try:
        setup.require_schema(database)
        yield database
    finally:
        database.dispose()


def cli_actor() -> str:
    """Who acts, as the audit log and histories record a command-line user."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "cli"


def parse_day(value: str, option: str = "--date") -> date:
    """A YYYY-MM-DD option value (or `today`, UTC) as a date; InvalidValue names the option."""
    if value.strip().lower() == "today":
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidValue(option, f"{value!r} is not a date (YYYY-MM-DD)") from None


def parse_optional_day(value: str | None, option: str) -> date | None:
    return None if value is None else parse_day(value, option)


def read_json_file(path: Path) -> Any:
    """The JSON in a file; an unreadable or malformed file is a ParseError naming it."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ParseError(str(path), error.strerror or str(error)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ParseError(str(path), f"not JSON: {error}") from None


def echo_json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
FromOption = Annotated[str | None, typer.Option("--from", help="Incidents on or after YYYY-MM-DD.")]
ToOption = Annotated[str | None, typer.Option("--to", help="Incidents on or before YYYY-MM-DD.")]


class InputFormat(StrEnum):
    """Formats of documents to read; `auto` sniffs them."""

    AUTO = "auto"
    TEXT = "text"
    HTML = "html"
    FEED = "feed"
    JSON = "json"
