"""Reading agreement timelines from JSON: the bundled one, or a centre's own file.

A file holds a JSON list of agreements or `{"agreements": [...]}` (other top-level keys,
such as `attribution`, are kept out of the way). Each item is `Agreement.from_json`'s shape.

    >>> [a.id for a in bundled()][:1]
    ['ceasefire-1994-05-12']
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from ceasefire.domain.agreements import Agreement
from ceasefire.errors import ParseError

BUNDLED_NAME = "agreements.json"


@cache
def bundled() -> tuple[Agreement, ...]:
    """The timeline shipped with the package (1994 onwards), read once per process."""
    text = files("ceasefire").joinpath("data", BUNDLED_NAME).read_text(encoding="utf-8")
    return parse(text, where=f"bundled {BUNDLED_NAME}")


def load(path: str | Path) -> tuple[Agreement, ...]:
    """The agreements of a JSON file; ParseError names the file, the item and the field."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ParseError(name, error.strerror or str(error)) from None
    except UnicodeDecodeError:
        raise ParseError(name, "not UTF-8 text") from None
    return parse(text, where=name)


def parse(text: str, *, where: str) -> tuple[Agreement, ...]:
    """The agreements of a JSON text (a list, or an object with an `agreements` list)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ParseError(where, f"not JSON: {error.msg} (line {error.lineno})") from None
    items = _items(document, where)
    found = tuple(
        Agreement.from_json(item, where=f"{where}: item {number}")
        for number, item in enumerate(items, start=1)
    )
    _check_unique(found, where)
    return found


def _items(document: Any, where: str) -> list[Any]:
    if isinstance(document, Mapping):
        document = document.get("agreements")
    if not isinstance(document, list):
        raise ParseError(where, 'expected a JSON list of agreements or {"agreements": [...]}')
    return document


def _check_unique(found: tuple[Agreement, ...], where: str) -> None:
    seen: dict[str, int] = {}
    for number, agreement in enumerate(found, start=1):
        for key in (f"id {agreement.id!r}", f"name {agreement.name!r}"):
            if key in seen:
                raise ParseError(
                    f"{where}: item {number}", f"{key} is already used by item {seen[key]}"
                )
            seen[key] = number
