"""Setting up a database: create or upgrade the schema, and build the demo database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from ceasefire.errors import CeasefireError, ConfigurationError
from ceasefire.services import users
from ceasefire.storage import migrations
from ceasefire.storage.schema import claims, incidents, sources
from ceasefire.storage.sql import Database

if TYPE_CHECKING:
    from ceasefire.services.ingest import Extractor, IngestSummary


@dataclass(frozen=True, slots=True)
class InitResult:
    """What `init_database` did: the revision before (None: empty database) and after, and
    how many agreements of the bundled timeline it stored (0 when some were already there)."""

    database: str
    before: str | None
    after: str
    agreements_loaded: int = 0

    @property
    def changed(self) -> bool:
        return self.before != self.after


def init_database(database: Database) -> InitResult:
    """Create the schema, or upgrade it to the newest revision, and store the bundled agreements
    in an empty agreements table; a second run changes nothing."""
    from ceasefire.services import agreements

    before, after = database.init()
    loaded = agreements.load_bundled(database)
    return InitResult(database.safe_url, before, after, loaded)


def require_schema(database: Database) -> None:
    """Refuse to work on a database that `ceasefire init` has not brought up to date."""
    current = database.revision()
    head = migrations.head_revision()
    if current == head:
        return
    action = "initialise it" if current is None else f"upgrade it from revision {current}"
    raise ConfigurationError(
        f"database {database.safe_url} is not at schema revision {head}: "
        f"run `ceasefire --database {database.safe_url} init` to {action}"
    )


@dataclass(frozen=True, slots=True)
class Counts:
    sources: int
    claims: int
    incidents: int


def counts(database: Database) -> Counts:
    """How many sources, claims and incidents the database holds."""
    with database.connect() as conn:
        totals = [
            int(conn.execute(select(func.count()).select_from(table)).scalar_one())
            for table in (sources, claims, incidents)
        ]
    return Counts(*totals)


DEMO_FILENAME = "ceasefire-demo.db"


def demo_url(directory: Path | None = None) -> str:
    """The default demo database: `ceasefire-demo.db` in the current (or given) folder."""
    return f"sqlite:///{(directory or Path.cwd()) / DEMO_FILENAME}"


@dataclass(frozen=True, slots=True)
class IncidentLine:
    """One incident as the demo lists it."""

    id: int
    date: str
    place: str
    type: str
    claimants: str


@dataclass(frozen=True, slots=True)
class DemoOverview:
    """What `build_demo` ingested and what the demo database now holds."""

    ingest: IngestSummary
    counts: Counts
    by_category: list[tuple[str, int]]
    latest: list[IncidentLine]


def build_demo(database: Database, *, extractor: Extractor | None = None) -> DemoOverview:
    """Initialise `database` and ingest the bundled fictional sources through the real ingest.

    Idempotent: sources already present are left unchanged, so a re-run adds nothing.
    """
    from ceasefire.demo import sources_by_kind
    from ceasefire.services.ingest import IngestSummary, ingest_paths

    init_database(database)
    total = IngestSummary()
    for kind, files in sources_by_kind().items():
        done = ingest_paths(
            database, [str(f) for f in files], kind=kind, actor="demo", extractor=extractor
        )
        total.files += done.files
        total.documents += done.documents
        total.new_sources += done.new_sources
        total.unchanged += done.unchanged
        total.claims += done.claims
        total.incident_ids |= done.incident_ids
        total.failures += done.failures
    if total.failures:
        first = total.failures[0]
        raise CeasefireError(f"bundled demo source {first.file} failed: {first.message}")
    return DemoOverview(total, counts(database), by_category(database), latest(database, 8))


def by_category(database: Database) -> list[tuple[str, int]]:
    """Incident counts per category, largest first."""
    number = func.count().label("n")
    query = (
        select(incidents.c.category, number)
        .group_by(incidents.c.category)
        .order_by(number.desc(), incidents.c.category)
    )
    with database.connect() as conn:
        return [(row.category, int(row.n)) for row in conn.execute(query)]


def latest(database: Database, limit: int) -> list[IncidentLine]:
    """The most recent incidents (by event date), for a first look."""
    query = (
        select(incidents)
        .order_by(incidents.c.time_start.desc(), incidents.c.id.desc())
        .limit(limit)
    )
    with database.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        IncidentLine(
            id=int(row["id"]),
            date=_window(row["time_start"], row["time_end"]),
            place=row["place_name"] or "unknown",
            type=row["type"],
            claimants=", ".join(str(c) for c in row["claimants"] or []),
        )
        for row in rows
    ]


def _window(start: object, end: object) -> str:
    return str(start) if start == end else f"{start}..{end}"


#: The demo's officer: `ceasefire demo --serve` prints a fresh token of theirs.
DEMO_OFFICER = "demo-officer"


def demo_officer_token(database: Database) -> users.IssuedToken:
    """A new token of the demo officer (Azerbaijani delegation), who is added on first use
    with the two demo delegations. Old tokens stay valid; `ceasefire token revoke` ends them."""
    known = {d.code for d in users.list_delegations(database)}
    for code, name in (("AZ", "Azerbaijani delegation"), ("AM", "Armenian delegation")):
        if code not in known:
            users.add_delegation(database, code, name, actor="demo")
    if DEMO_OFFICER not in {u.username for u in users.list_users(database)}:
        users.add_user(database, DEMO_OFFICER, "officer", delegation="AZ", actor="demo")
    return users.create_token(database, DEMO_OFFICER, actor="demo")
