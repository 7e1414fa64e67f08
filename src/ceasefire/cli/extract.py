"""`ceasefire extract`: claims of documents as JSON Lines, without a database."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from ceasefire.cli._app import app, settings_of
from ceasefire.errors import CeasefireError, InputTooLarge, ParseError
from ceasefire.ingest.parsers import parse_bytes
from ceasefire.ingest.pipeline import build_extractor


class ExtractFormat(StrEnum):
    AUTO = "auto"
    TEXT = "text"
    HTML = "html"
    FEED = "feed"
    JSON = "json"


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


def _read(path: str, limit: int) -> bytes:
    """The bytes of a file (or stdin for "-"), refused above `limit` before reading it all."""
    name = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            return _read_limited(sys.stdin.buffer, name, limit)
        with Path(path).open("rb") as stream:
            return _read_limited(stream, name, limit)
    except OSError as error:
        raise ParseError(name, error.strerror or str(error)) from None


def _read_limited(stream: BinaryIO, name: str, limit: int) -> bytes:
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise InputTooLarge(
            name, f"more than {limit} bytes, the input limit (CEASEFIRE_MAX_INPUT); split the file"
        )
    return raw


@app.command()
def extract(
    ctx: typer.Context,
    paths: Annotated[
        list[str], typer.Argument(help="Files to read; '-' reads standard input.", metavar="PATH|-")
    ],
    format: Annotated[
        ExtractFormat, typer.Option("--format", help="Input format; auto sniffs it.")
    ] = ExtractFormat.AUTO,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication day (YYYY-MM-DD) for documents that do not state one.",
            metavar="YYYY-MM-DD",
        ),
    ] = None,
) -> None:
    """Extract claims from documents and print one JSON object per document (JSON Lines).

    Each line is {"document": {...}, "claims": [...]}; nothing is stored. A file that cannot
    be read gives one "error: FILE: ..." line on stderr, the others are still processed, and
    the exit code is 2.

    Example: ceasefire extract --format json articles.jsonl > claims.jsonl
    """
    day = _day(published)
    settings = settings_of(ctx)
    extractor = build_extractor()
    failed = False
    out = sys.stdout
    for path in paths:
        name = "<stdin>" if path == "-" else path
        try:
            raw = _read(path, settings.max_input_bytes)
            parsed = parse_bytes(
                raw,
                name=name,
                format=format.value,
                published=day,
                max_bytes=settings.max_input_bytes,
            )
        except CeasefireError as error:
            print(f"error: {error}", file=sys.stderr)
            failed = True
            continue
        for item in parsed:
            document = item.document
            claims = extractor(document)
            record = {"document": document.to_json(), "claims": [c.to_json() for c in claims]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    if failed:
        raise typer.Exit(2)
