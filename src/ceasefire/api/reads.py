"""Where the API runs the blocking reads of heavy pages: worker threads, one at a time on SQLite.

SQLite answers inside this process, so a page's query and its Python work both take the GIL:
more threads at once only contend for it. With 8 clients on 2 cores (benchmarks/api.py,
JSON, 100,000 incidents) one thread at a time reached 0.57 of the baseline's throughput, two
0.51 and FastAPI's pool of 40 0.43; the event loop itself 0.59, but there one slow query (a
filter no index serves) would hold up every request. PostgreSQL answers from its own server,
and FastAPI's pool lets requests overlap those waits (8 clients: 154 req/s; 108 in the loop).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

import anyio
import anyio.to_thread
from fastapi import Depends, Request

from ceasefire.storage.sql import Database

T = TypeVar("T")


class Reads:
    """Runs blocking database reads off the event loop, as the database's kind wants it."""

    def __init__(self, database: Database) -> None:
        self._one_at_a_time = database.dialect == "sqlite"
        self._limiter: anyio.CapacityLimiter | None = None

    async def run(self, work: Callable[[], T]) -> T:
        """`work()` in a worker thread; on SQLite after the one before it has finished."""
        if self._one_at_a_time and self._limiter is None:
            self._limiter = anyio.CapacityLimiter(1)  # made in the event loop it serves
        return await anyio.to_thread.run_sync(work, limiter=self._limiter)


async def reads(request: Request) -> Reads:
    found: Reads = request.app.state.reads
    return found


ReadsDep = Annotated[Reads, Depends(reads)]
