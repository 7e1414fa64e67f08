"""Every command, including sub-commands added later, has help text with an example."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from ceasefire import __version__
from ceasefire.cli import app


def _commands(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    # Duck-typed: Typer vendors its own copy of click, so isinstance(click.Group) fails.
    for name, command in sorted(getattr(group, "commands", {}).items()):
        if not command.hidden:
            yield from _commands(command, (*path, name))


ALL_COMMANDS = list(_commands(typer.main.get_command(app)))


def test_the_core_commands_are_registered() -> None:
    assert {("init",), ("ingest",), ("demo",)} <= set(ALL_COMMANDS)


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=lambda p: " ".join(p) or "ceasefire")
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"`ceasefire {' '.join(path)} --help` shows no Example"


def test_version_credits_the_gazetteer_data(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout
    assert "GeoNames (geonames.org)" in result.stdout and "CC BY 4.0" in result.stdout
