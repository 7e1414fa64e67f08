"""Shared fixtures: `database` on both backends, and `../shared` handling for the `shared` marker.

`database` yields a `ceasefire.storage.sql.Database` at the newest schema revision, once on a
SQLite file and once on a fresh PostgreSQL database of the real server (127.0.0.1:5432). Each
test gets its own database, cloned from a per-session template that `Database.init()` (the code
behind `ceasefire init`) built. PostgreSQL tests skip when the server is down, and fail instead
when CI=true or CEASEFIRE_REQUIRE_POSTGRES=1.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from ceasefire.domain.model import Claim, Document, Evidence, PlaceRef, TimeWindow
from ceasefire.domain.taxonomy import Category, PlacePrecision, TimePrecision
from ceasefire.storage.sql import Database

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
POSTGRES_ADMIN_URL = os.environ.get(
    "CEASEFIRE_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
_SESSION = f"{os.getpid()}_{uuid.uuid4().hex[:6]}"
_counter = itertools.count(1)


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes"}


# --- ../shared --------------------------------------------------------------------------------


def _require_shared() -> Path:
    if SHARED_DIR.is_dir():
        return SHARED_DIR
    message = f"needs {SHARED_DIR} (the shared data folder beside the repository)"
    if _flag("CEASEFIRE_REQUIRE_SHARED"):
        pytest.fail(f"{message}; CEASEFIRE_REQUIRE_SHARED=1 forbids skipping", pytrace=False)
    pytest.skip(message)


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("shared") is not None:
        _require_shared()


@pytest.fixture
def shared_dir() -> Path:
    """`../shared` beside the repository (mark the test `@pytest.mark.shared` too)."""
    return _require_shared()


# --- PostgreSQL -------------------------------------------------------------------------------


def _url_for(name: str) -> str:
    return make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


class PostgresServer:
    """The test server: makes uniquely named databases and drops them again."""

    def __init__(self, admin: Engine) -> None:
        self.admin = admin
        self.template: str | None = None

    def _execute(self, statement: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(statement))

    def create(self, *, from_template: bool = True) -> str:
        """A new database's name: a copy of the session template (at head), or empty + PostGIS."""
        name = f"cf_test_{_SESSION}_{next(_counter)}"
        if from_template:
            self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.session_template()}"')
            return name
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        engine = create_engine(_url_for(name), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
        finally:
            engine.dispose()
        return name

    def session_template(self) -> str:
        if self.template is None:
            name = self.create(from_template=False)
            database = Database(_url_for(name))
            try:
                database.init()
            finally:
                database.dispose()
            self.template = name
        return self.template

    def drop(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | None]:
    """The PostgreSQL server, or None when it cannot be reached."""
    admin = create_engine(
        POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5}
    )
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError:
        admin.dispose()
        yield None
        return
    server = PostgresServer(admin)
    yield server
    if server.template is not None:
        server.drop(server.template)
    admin.dispose()


def _require_postgres(server: PostgresServer | None) -> PostgresServer:
    if server is not None:
        return server
    message = f"PostgreSQL is not reachable at {make_url(POSTGRES_ADMIN_URL).render_as_string()}"
    if _flag("CI") or _flag("CEASEFIRE_REQUIRE_POSTGRES"):
        pytest.fail(f"{message} (CI / CEASEFIRE_REQUIRE_POSTGRES forbid skipping)", pytrace=False)
    pytest.skip(message)


# --- SQLite -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file at head, built once by `Database.init()`; tests get copies."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    database = Database(f"sqlite:///{path}")
    database.init()
    database.dispose()  # the last close checkpoints the WAL into the main file
    return path


# --- the fixtures tests use -------------------------------------------------------------------

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The backend name of this parametrisation: "sqlite" or "postgresql"."""
    return str(request.param)


@pytest.fixture
def empty_database_url(
    backend: str, tmp_path: Path, postgres_server: PostgresServer | None
) -> Iterator[str]:
    """The URL of an empty database (PostGIS installed on PostgreSQL), dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    server = _require_postgres(postgres_server)
    name = server.create(from_template=False)
    try:
        yield _url_for(name)
    finally:
        server.drop(name)


@pytest.fixture
def database(
    backend: str,
    tmp_path: Path,
    sqlite_template: Path,
    postgres_server: PostgresServer | None,
) -> Iterator[Database]:
    """A `Database` at the newest schema revision, on SQLite and on PostgreSQL."""
    if backend == "sqlite":
        path = tmp_path / "ceasefire.db"
        shutil.copyfile(sqlite_template, path)
        database = Database(f"sqlite:///{path}")
        yield database
        database.dispose()
        return
    server = _require_postgres(postgres_server)
    name = server.create()
    database = Database(_url_for(name))
    try:
        yield database
    finally:
        database.dispose()
        server.drop(name)


# --- a stand-in for the extraction pipeline --------------------------------------------------


def _fake_extract(document: Document) -> list[Claim]:
    """One claim per sentence that mentions a mine, fire or a meeting."""
    found = []
    day = document.published or document.modified
    when = day.date() if day else date(2021, 3, 1)
    offset = 0
    for sentence in document.body.split(". "):
        start = document.body.index(sentence, offset)
        offset = start + len(sentence)
        if "mine" in sentence:
            category, type_ = Category.EXPLOSIVE_ORDNANCE, "mine_explosion"
        elif "fire" in sentence:
            category, type_ = Category.VIOLATION, "small_arms_fire"
        elif "meeting" in sentence:
            category, type_ = Category.CONTEXT, "meeting"
        else:
            continue
        found.append(
            Claim(
                category=category,
                type=type_,
                summary=sentence[:80],
                time=TimeWindow(when, when, TimePrecision.DAY),
                place=PlaceRef("Aghdam", 587378, 39.99, 46.93, PlacePrecision.SETTLEMENT),
                evidence=Evidence(start, offset, sentence),
                claimed_by="Ministry of Defence of Azerbaijan",
                claimant_is_party=True,
            )
        )
    return found


@pytest.fixture
def fake_extract() -> Callable[[Document], list[Claim]]:
    """A predictable extractor for service tests that are not about extraction."""
    return _fake_extract


# --- the command line -------------------------------------------------------------------------


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., CliResult]:
    """Run `ceasefire ARGS...` in-process through the real entry point (error translation too)."""

    def run(*args: str) -> CliResult:
        from ceasefire.cli import main  # late: a broken command module fails only CLI tests

        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["ceasefire", *args])
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run
