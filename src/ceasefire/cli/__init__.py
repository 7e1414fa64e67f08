"""Command line: Typer; one service call per command; errors → clean message + exit code.

Each area registers its commands on `app` in its own module, imported below.
"""

from __future__ import annotations

import sys

from ceasefire.cli._app import app
from ceasefire.errors import CeasefireError

# Command modules register themselves on `app` when imported.
from ceasefire.cli import core as core  # isort: skip
from ceasefire.cli import incidents as incidents  # isort: skip
from ceasefire.cli import extract as extract  # isort: skip
from ceasefire.cli import verification as verification  # isort: skip
from ceasefire.cli import audit as audit  # isort: skip
from ceasefire.cli import serve as serve  # isort: skip
from ceasefire.cli import complaints as complaints  # isort: skip
from ceasefire.cli import agreements as agreements  # isort: skip
from ceasefire.cli import mine_action as mine_action  # isort: skip
from ceasefire.cli import exchange as exchange  # isort: skip
from ceasefire.cli import reports as reports  # isort: skip


def main() -> None:
    """Console entry point: run the app; a domain error becomes one line on stderr + exit code."""
    try:
        # Standalone mode: click itself turns usage errors into a message + exit 2.
        # (Typer vendors click, so `click.exceptions` would not match its errors here.)
        app()
    except CeasefireError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)


__all__ = ["app", "main"]
