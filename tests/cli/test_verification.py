"""The verification and audit commands through the real entry point (both backends)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ceasefire.storage.sql import Database
from verification_support import make_incident

Run = Callable[..., Any]


@pytest.fixture
def cli(run_cli: Run, database: Database) -> Run:
    """`ceasefire --database URL ...` on the test database."""
    url = database.url.render_as_string(hide_password=False)
    return lambda *args: run_cli("--database", url, *args)


@pytest.fixture
def centre(cli: Run, tmp_path: Path) -> Path:
    """Two delegations (AZ with a signing key), one officer each and an admin; returns AZ's key."""
    prefix = tmp_path / "az"
    assert cli("audit", "keygen", "--out", str(prefix)).exit_code == 0
    for args in (
        (
            "delegation",
            "add",
            "AZ",
            "--name",
            "Azerbaijani delegation",
            "--public-key",
            f"{prefix}.pub",
        ),
        ("delegation", "add", "AM", "--name", "Armenian delegation"),
        ("user", "add", "aziz", "--role", "officer", "--delegation", "AZ"),
        ("user", "add", "anahit", "--role", "officer", "--delegation", "AM"),
        ("user", "add", "head", "--role", "admin"),
        ("user", "add", "vic", "--role", "viewer"),
    ):
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
    return Path(f"{prefix}.key")


def test_officer_without_delegation_exits_2_with_a_clear_message(cli: Run) -> None:
    result = cli("user", "add", "olga", "--role", "officer")
    assert result.exit_code == 2
    assert "officer must belong to a delegation" in result.stderr


def test_lists_show_delegations_and_users(cli: Run, centre: Path) -> None:
    delegations = json.loads(cli("delegation", "list", "--json").stdout)
    assert [(d["code"], d["public_key"]) for d in delegations] == [("AM", False), ("AZ", True)]
    listed = cli("user", "list").stdout.splitlines()
    assert "aziz\tofficer\tAZ" in listed and "vic\tviewer\t-" in listed


def test_token_is_the_last_line_and_can_be_revoked(cli: Run, centre: Path) -> None:
    created = cli("token", "create", "aziz")
    assert created.exit_code == 0
    token = created.stdout.strip().splitlines()[-1]
    assert len(token) >= 40 and " " not in token and token.startswith("cf_")
    revoked = cli("token", "revoke", token)
    assert (revoked.exit_code, revoked.stdout.strip()) == (0, "revoked 1 token")
    assert cli("token", "revoke", token).exit_code == 2
    cli("token", "create", "aziz")
    assert cli("token", "revoke", "--user", "aziz").stdout.strip() == "revoked 1 token"


def test_positions_move_the_incident_to_confirmed(
    cli: Run, centre: Path, database: Database
) -> None:
    incident = str(make_incident(database))
    first = cli("position", incident, "confirms", "--reason", "patrol saw craters", "--as", "aziz")
    assert first.exit_code == 0, first.stderr
    assert f"incident {incident}: status under_review, version 2" in first.stdout
    second = cli(
        "position",
        incident,
        "confirms",
        "--reason",
        "agreed",
        "--as",
        "anahit",
        "--expected-version",
        "2",
        "--json",
    )
    state = json.loads(second.stdout)
    assert (state["status"], state["version"]) == ("confirmed", 3)
    assert state["positions"]["current"]["AM"]["reason"] == "agreed"


def test_stale_version_exits_2(cli: Run, centre: Path, database: Database) -> None:
    incident = str(make_incident(database))
    cli("position", incident, "confirms", "--reason", "x", "--as", "aziz")
    result = cli(
        "position",
        incident,
        "disputes",
        "--reason",
        "x",
        "--as",
        "anahit",
        "--expected-version",
        "1",
    )
    assert result.exit_code == 2 and "at version 2, not 1" in result.stderr


def test_acting_for_another_delegation_exits_2(cli: Run, centre: Path, database: Database) -> None:
    incident = str(make_incident(database))
    result = cli(
        "position", incident, "disputes", "--reason", "x", "--as", "aziz", "--delegation", "AM"
    )
    assert result.exit_code == 2 and "cannot state the position of AM" in result.stderr


def test_viewer_cannot_state_a_position(cli: Run, centre: Path, database: Database) -> None:
    incident = str(make_incident(database))
    result = cli("position", incident, "confirms", "--reason", "x", "--as", "vic")
    assert result.exit_code == 2 and "needs role officer" in result.stderr


def test_invalid_transition_exits_2_and_review_can_be_reopened(
    cli: Run, centre: Path, database: Database
) -> None:
    incident = str(make_incident(database))
    closed = cli("review", "close", incident, "--reason", "no access", "--as", "head")
    assert closed.exit_code == 0 and "status unconfirmed" in closed.stdout
    refused = cli("position", incident, "confirms", "--reason", "x", "--as", "aziz")
    assert refused.exit_code == 2 and "reopen" in refused.stderr
    assert cli("review", "reopen", incident, "--reason", "video", "--as", "head").exit_code == 0
    assert "status under_review" in cli("positions", incident).stdout


def test_evidence_is_repeatable_or_comma_separated(
    cli: Run, centre: Path, database: Database
) -> None:
    incident = str(make_incident(database))
    sha = "ab" * 32
    result = cli(
        "position",
        incident,
        "confirms",
        "--reason",
        "x",
        "--as",
        "aziz",
        "--evidence",
        f"attachment:{sha},attachment:{'cd' * 32}",
        "--evidence",
        f"attachment:{'ef' * 32}",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    refs = json.loads(result.stdout)["positions"]["current"]["AZ"]["evidence"]
    assert refs == [f"attachment:{sha}", f"attachment:{'cd' * 32}", f"attachment:{'ef' * 32}"]


def test_bad_position_word_and_evidence_exit_2(cli: Run, centre: Path, database: Database) -> None:
    incident = str(make_incident(database))
    assert cli("position", incident, "agrees", "--reason", "x", "--as", "aziz").exit_code == 2
    bad = cli(
        "position", incident, "confirms", "--reason", "x", "--as", "aziz", "--evidence", "url"
    )
    assert bad.exit_code == 2 and "evidence" in bad.stderr


# --- audit ------------------------------------------------------------------------------------


def test_audit_verify_intact_then_broken_by_an_edit(
    cli: Run, centre: Path, database: Database
) -> None:
    intact = cli("audit", "verify")
    assert (intact.exit_code, intact.stdout.strip()) == (0, "intact: 6 entries")
    with database.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_log SET entity_id = 'XX' WHERE seq = 4")
    broken = cli("audit", "verify")
    assert broken.exit_code == 1
    assert "seq 4" in broken.stdout and "edited" in broken.stdout


def test_audit_verify_finds_a_deleted_row(cli: Run, centre: Path, database: Database) -> None:
    with database.begin() as conn:
        conn.exec_driver_sql("DELETE FROM audit_log WHERE seq = 3")
    broken = cli("audit", "verify")
    assert broken.exit_code == 1 and "seq 4" in broken.stdout


def test_digest_sign_and_check_signature(cli: Run, centre: Path, database: Database) -> None:
    today = datetime.now(UTC).date().isoformat()
    digest = json.loads(cli("audit", "digest", "--date", today, "--json").stdout)
    assert digest["head_seq"] == 6 and len(digest["head_hash"]) == 64
    assert (
        f"head seq 6 hash {digest['head_hash']}" in cli("audit", "digest", "--date", today).stdout
    )
    signed = cli("audit", "sign", "--date", today, "--delegation", "AZ", "--key", str(centre))
    assert signed.exit_code == 0, signed.stderr
    ok = cli("audit", "check-signature", "--date", today, "--delegation", "AZ")
    assert ok.exit_code == 0 and ok.stdout.startswith("ok:")
    with database.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_log SET payload = '{}' WHERE seq = 1")
    broken = cli("audit", "check-signature", "--date", today, "--delegation", "AZ")
    assert broken.exit_code == 1 and "seq 1" in broken.stdout


def test_digest_of_a_day_before_the_log_exits_2(cli: Run, centre: Path) -> None:
    result = cli("audit", "digest", "--date", "2020-11-09")
    assert result.exit_code == 2 and "no entry on or before 2020-11-09" in result.stderr
    assert cli("audit", "digest", "--date", "10/11/2020").exit_code == 2


def test_signing_for_a_delegation_without_key_exits_2(cli: Run, centre: Path) -> None:
    today = datetime.now(UTC).date().isoformat()
    result = cli("audit", "sign", "--date", today, "--delegation", "AM", "--key", str(centre))
    assert result.exit_code == 2 and "has no public key" in result.stderr
