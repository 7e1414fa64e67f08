"""`ceasefire extract`: claims of documents as JSON Lines, without a database."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ceasefire.cli._app import InputFormat, app, parse_optional_day, settings_of
from ceasefire.errors import CeasefireError
from ceasefire.ingest.agreements import load as load_agreements
from ceasefire.ingest.parsers import parse_bytes, read_input
from ceasefire.ingest.pipeline import ExtractorConfig, build_extractor


@app.command()
def extract(
    ctx: typer.Context,
    paths: Annotated[
        list[str], typer.Argument(help="Files to read; '-' reads standard input.", metavar="PATH|-")
    ],
    format: Annotated[
        InputFormat, typer.Option("--format", help="Input format; auto sniffs it.")
    ] = InputFormat.AUTO,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication day (YYYY-MM-DD) for documents that do not state one.",
            metavar="YYYY-MM-DD",
        ),
    ] = None,
    agreements: Annotated[
        Path | None,
        typer.Option(
            "--agreements",
            help="JSON file of agreements that replaces the bundled timeline (README).",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Extract claims from documents and print one JSON object per document (JSON Lines).

    Each line is {"document": {...}, "claims": [...]}; nothing is stored. A file that cannot
    be read gives one "error: FILE: ..." line on stderr, the others are still processed, and
    the exit code is 2.

    Each claim records the agreement in force at its time and place: from the bundled
    timeline, or from --agreements FILE to serve another ceasefire.

    Example: ceasefire extract --format json articles.jsonl > claims.jsonl
    """
    day = parse_optional_day(published, "--published")
    settings = settings_of(ctx)
    timeline = None if agreements is None else load_agreements(agreements)
    extractor = build_extractor(ExtractorConfig(agreements=timeline))
    failed = False
    out = sys.stdout
    for path in paths:
        name = "<stdin>" if path == "-" else path
        try:
            raw = read_input(path, settings.max_input_bytes)
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
