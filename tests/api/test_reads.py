"""Blocking reads of heavy pages: worker threads, one at a time on SQLite only."""

from __future__ import annotations

import threading

import anyio

from ceasefire.api.reads import Reads
from ceasefire.storage.sql import Database

# How long the first read waits for the second's signal; it only ends a wait that, on
# SQLite, cannot be answered: the outcome never depends on the machine's speed.
_PATIENCE = 2.0


def _first_read_saw_the_second(database: Database) -> bool:
    """Start a read that waits for a second one to run, then that second read."""
    reads = Reads(database)
    second_ran = threading.Event()
    first_started = threading.Event()
    outcome: list[bool] = []

    def first() -> None:
        first_started.set()
        outcome.append(second_ran.wait(_PATIENCE))

    async def both() -> None:
        async with anyio.create_task_group() as group:
            group.start_soon(reads.run, first)
            await anyio.to_thread.run_sync(first_started.wait)
            group.start_soon(reads.run, second_ran.set)

    anyio.run(both)
    return outcome[0]


def test_reads_run_one_at_a_time_on_sqlite_and_overlap_on_postgresql(
    database: Database,
) -> None:
    overlapped = _first_read_saw_the_second(database)
    assert overlapped is (database.dialect == "postgresql")


def test_a_read_runs_off_the_event_loop_thread_and_returns_its_value(
    database: Database,
) -> None:
    reads = Reads(database)

    async def read() -> tuple[int, int]:
        return threading.get_ident(), await reads.run(threading.get_ident)

    loop_thread, worker_thread = anyio.run(read)
    assert loop_thread != worker_thread
