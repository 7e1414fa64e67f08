"""Pages of a list: `Page(items, next)`, and the opaque id cursors of lists ordered by id."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from ceasefire.errors import InvalidValue

#: The largest page a list ordered by id hands out.
MAX_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class Page:
    items: list[dict[str, Any]]
    next: str | None  # cursor of the following page, None on the last

    def to_json(self) -> dict[str, Any]:
        return {"items": self.items, "next": self.next}


def encode_after(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"id|{last_id}".encode()).decode()


def decode_after(cursor: str | None) -> int | None:
    """The id a cursor points after; a cursor not made here raises InvalidValue."""
    if cursor is None:
        return None
    try:
        tag, last_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        if tag == "id":
            return int(last_id)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        pass
    raise InvalidValue("cursor", f"not a cursor from a previous page: {cursor!r}")


def check_limit(limit: int, most: int = MAX_LIMIT) -> None:
    if not 1 <= limit <= most:
        raise InvalidValue("limit", f"must be 1..{most}, got {limit}")


def page_by_id(items: list[dict[str, Any]], limit: int) -> Page:
    """The first `limit` of up to `limit + 1` items read by ascending id, with the cursor."""
    shown = items[:limit]
    return Page(shown, encode_after(int(shown[-1]["id"])) if len(items) > limit else None)
