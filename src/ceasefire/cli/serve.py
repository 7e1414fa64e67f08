"""`ceasefire serve`: the HTTP API (and later the web UI) under uvicorn."""

from __future__ import annotations

import gc
from typing import Annotated

import typer

from ceasefire.cli._app import app, settings_of
from ceasefire.services import setup
from ceasefire.storage.sql import Database


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the HTTP API: /api/v1/..., OpenAPI at /openapi.json, docs at /docs.

    Example: ceasefire --database sqlite:///centre.db serve --port 8000
    """
    import uvicorn

    from ceasefire.api import create_app

    settings = settings_of(ctx)
    database = Database(settings.database_url)
    try:
        setup.require_schema(database)  # refuse early rather than on the first request
    finally:
        database.dispose()
    typer.echo(f"serving {database.safe_url} on http://{host}:{port} (docs at /docs)")
    served = create_app(settings)
    # What is alive now (modules, the app, the gazetteer) lives as long as the process: out
    # of the collector's sight, each full collection no longer walks it (benchmarks/api.py).
    gc.freeze()
    uvicorn.run(served, host=host, port=port, log_level="info")
