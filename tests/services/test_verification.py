"""Positions, the incident status they lead to, and optimistic concurrency on both backends."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from ceasefire.domain.verification import ConfirmRule
from ceasefire.errors import Conflict, Forbidden, InvalidTransition, InvalidValue, NotFound
from ceasefire.services import audit, users, verification
from ceasefire.storage.schema import audit_log, incident_history, positions
from ceasefire.storage.sql import Database
from verification_support import Centre, make_centre, make_incident, make_source


@pytest.fixture
def centre(database: Database) -> Centre:
    return make_centre(database)


def _position(
    database: Database, incident: int, username: str, stance: str, **kw: Any
) -> verification.VerificationState:
    return verification.record_position(
        database,
        incident,
        username=username,
        position=stance,
        reason=kw.pop("reason", "seen"),
        **kw,
    )


def test_first_position_puts_the_incident_under_review(database: Database, centre: Centre) -> None:
    incident = make_incident(database)
    state = _position(database, incident, centre.az_officer, "confirms")
    assert (state.status.value, state.version) == ("under_review", 2)
    assert state.current["AZ"] is not None and state.current["AZ"].recorded_by == "aziz"
    assert state.current["AM"] is None


def test_both_delegations_confirming_confirms(database: Database, centre: Centre) -> None:
    incident = make_incident(database)
    _position(database, incident, centre.az_officer, "confirms")
    state = _position(database, incident, centre.am_officer, "confirms", expected_version=2)
    assert (state.status.value, state.version) == ("confirmed", 3)


def test_differing_positions_make_the_incident_disputed_then_refuted(
    database: Database, centre: Centre
) -> None:
    incident = make_incident(database)
    _position(database, incident, centre.az_officer, "confirms")
    assert _position(database, incident, centre.am_officer, "disputes").status.value == "disputed"
    state = _position(database, incident, centre.az_officer, "disputes", reason="crater is old")
    assert state.status.value == "refuted"
    history = [(p.delegation, p.position.value, p.current) for p in state.history]
    assert history == [
        ("AZ", "confirms", False),
        ("AM", "disputes", True),
        ("AZ", "disputes", True),
    ]


def test_all_abstaining_leaves_the_incident_unconfirmed(database: Database, centre: Centre) -> None:
    incident = make_incident(database)
    _position(database, incident, centre.az_officer, "abstains")
    assert (
        _position(database, incident, centre.am_officer, "abstains").status.value == "unconfirmed"
    )


def test_any_rule_confirms_on_the_first_confirmation(database: Database, centre: Centre) -> None:
    incident = make_incident(database)
    state = _position(database, incident, centre.az_officer, "confirms", rule=ConfirmRule.ANY)
    assert state.status.value == "confirmed"
    with database.connect() as conn:
        steps = (
            conn.execute(
                select(incident_history.c.detail).where(incident_history.c.action == "status")
            )
            .scalars()
            .all()
        )
    assert [(s["from"], s["to"]) for s in steps] == [
        ("reported", "under_review"),
        ("under_review", "confirmed"),
    ]


def test_position_on_a_closed_review_is_refused_until_reopened(
    database: Database, centre: Centre
) -> None:
    incident = make_incident(database)
    _position(database, incident, centre.az_officer, "confirms")
    _position(database, incident, centre.am_officer, "confirms")
    with pytest.raises(InvalidTransition, match="reopen"):
        _position(database, incident, centre.am_officer, "disputes")
    reopened = verification.reopen_review(
        database, incident, username=centre.admin, reason="new video"
    )
    assert reopened.status.value == "under_review"
    assert _position(database, incident, centre.am_officer, "disputes").status.value == "disputed"


def test_admin_closes_an_open_review_as_unconfirmed(database: Database, centre: Centre) -> None:
    incident = make_incident(database)
    _position(database, incident, centre.az_officer, "confirms")
    state = verification.close_review(database, incident, username=centre.admin, reason="no access")
    assert state.status.value == "unconfirmed"
    with pytest.raises(InvalidTransition, match="already closed"):
        verification.close_review(database, incident, username=centre.admin, reason="again")


def test_only_an_admin_closes_a_review(database: Database, centre: Centre) -> None:
    incident = make_incident(database)
    with pytest.raises(Forbidden, match="needs role admin"):
        verification.close_review(database, incident, username=centre.az_officer, reason="x")


@pytest.mark.parametrize("who", ["head", "ana", "vic"])
def test_only_officers_state_positions(database: Database, centre: Centre, who: str) -> None:
    incident = make_incident(database)
    with pytest.raises(Forbidden, match="needs role officer"):
        _position(database, incident, who, "confirms")


def test_officer_cannot_act_for_another_delegation(database: Database, centre: Centre) -> None:
    incident = make_incident(database)
    with pytest.raises(
        Forbidden, match="belongs to delegation AZ and cannot state the position of AM"
    ):
        _position(database, incident, centre.az_officer, "confirms", delegation="am")


def test_unknown_incident_is_not_found(database: Database, centre: Centre) -> None:
    with pytest.raises(NotFound, match="no incident 999"):
        _position(database, 999, centre.az_officer, "confirms")


def test_merged_away_incident_takes_no_position(database: Database, centre: Centre) -> None:
    survivor = make_incident(database)
    merged = make_incident(database, merged_into=survivor)
    with pytest.raises(Conflict, match=f"merged into incident {survivor}"):
        _position(database, merged, centre.az_officer, "confirms")


def test_incident_view_adds_verification_to_the_incident_json(
    database: Database, centre: Centre
) -> None:
    incident = make_incident(database)
    _position(database, incident, centre.az_officer, "disputes")
    view = verification.incident_view(database, incident)
    assert (view["id"], view["status"], view["version"]) == (incident, "under_review", 2)
    assert view["positions"]["current"]["AZ"]["position"] == "disputes"
    assert [h["action"] for h in view["history"]] == ["position", "status"]


def test_evidence_must_exist_and_is_kept(database: Database, centre: Centre) -> None:
    incident = make_incident(database)
    source = make_source(database)
    with pytest.raises(InvalidValue, match="no source 4242"):
        _position(database, incident, centre.az_officer, "confirms", evidence=["source:4242"])
    sha = "c0" * 32
    state = _position(
        database,
        incident,
        centre.az_officer,
        "confirms",
        evidence=[f"source:{source}", f"attachment:{sha}"],
    )
    assert state.current["AZ"] is not None
    assert state.current["AZ"].evidence == (f"source:{source}", f"attachment:{sha}")


def test_stale_expected_version_is_a_conflict_and_changes_nothing(
    database: Database, centre: Centre
) -> None:
    incident = make_incident(database)
    _position(database, incident, centre.az_officer, "confirms")
    with database.connect() as conn:
        entries_before = audit.count(conn)
    with pytest.raises(Conflict, match="at version 2, not 1"):
        _position(database, incident, centre.am_officer, "disputes", expected_version=1)
    state = verification.state_of(database, incident)
    assert (state.status.value, state.version, state.current["AM"]) == ("under_review", 2, None)
    with database.connect() as conn:
        assert audit.count(conn) == entries_before


def test_positions_and_status_changes_are_audited(database: Database, centre: Centre) -> None:
    incident = make_incident(database)
    _position(database, incident, centre.az_officer, "confirms")
    _position(database, incident, centre.am_officer, "confirms")
    with database.connect() as conn:
        rows = conn.execute(
            select(audit_log.c.actor, audit_log.c.action)
            .where(audit_log.c.entity == "incident")
            .order_by(audit_log.c.seq)
        ).all()
        assert audit.verify(conn).intact
    assert [tuple(r) for r in rows] == [
        ("aziz", "position.record"),
        ("aziz", "incident.status"),
        ("anahit", "position.record"),
        ("anahit", "incident.status"),
    ]


# --- real concurrency -------------------------------------------------------------------------


def _race(*jobs: Callable[[], object]) -> list[object]:
    """Run the jobs in threads at once; each result is its return value or the exception."""
    results: list[object] = [None] * len(jobs)

    def run(i: int) -> None:
        try:
            results[i] = jobs[i]()
        except Exception as exc:  # collected and asserted by the test
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def test_two_officers_at_once_one_wins_one_conflicts_nothing_lost(
    database: Database, centre: Centre
) -> None:
    incident = make_incident(database)
    barrier = threading.Barrier(2, timeout=30)

    def officer(username: str, stance: str) -> Callable[[], object]:
        def act() -> object:
            read = verification.state_of(database, incident).version
            barrier.wait()  # both have read the same version before either writes
            return _position(database, incident, username, stance, expected_version=read)

        return act

    results = _race(officer(centre.az_officer, "confirms"), officer(centre.am_officer, "disputes"))
    conflicts = [r for r in results if isinstance(r, Conflict)]
    wins = [r for r in results if isinstance(r, verification.VerificationState)]
    assert len(conflicts) == 1 and len(wins) == 1, results
    loser = centre.am_officer if results[1] is conflicts[0] else centre.az_officer
    stance = "disputes" if loser == centre.am_officer else "confirms"
    # The loser reloads and retries: both positions are kept.
    fresh = verification.state_of(database, incident)
    state = _position(database, incident, loser, stance, expected_version=fresh.version)
    assert state.version == 3
    assert {c: p.position.value for c, p in state.current.items() if p} == {
        "AZ": "confirms",
        "AM": "disputes",
    }
    with database.connect() as conn:
        assert len(conn.execute(select(positions.c.id)).all()) == 2
        assert audit.verify(conn).intact


def test_compare_and_set_lets_one_of_two_concurrent_writers_through(
    database: Database, centre: Centre
) -> None:
    incident = make_incident(database)
    barrier = threading.Barrier(2, timeout=30)

    def writer() -> object:
        with database.connect() as conn:
            _, read = verification.read_version(conn, incident)
        barrier.wait()
        with database.begin() as conn:
            return verification.compare_and_set(conn, incident, read)

    results = _race(writer, writer)
    assert sorted(type(r).__name__ for r in results) == ["Conflict", "int"]
    assert verification.state_of(database, incident).version == 2


def test_concurrent_positions_on_different_incidents_both_succeed(
    database: Database, centre: Centre
) -> None:
    first, second = make_incident(database), make_incident(database)
    barrier = threading.Barrier(2, timeout=30)

    def officer(username: str, incident: int) -> Callable[[], object]:
        def act() -> object:
            barrier.wait()
            return _position(database, incident, username, "confirms", expected_version=1)

        return act

    results = _race(officer(centre.az_officer, first), officer(centre.am_officer, second))
    assert all(isinstance(r, verification.VerificationState) for r in results), results
    with database.connect() as conn:
        report = audit.verify(conn)
    assert report.intact and report.entries == 7 + 4


def test_users_module_reports_the_electorate(database: Database, centre: Centre) -> None:
    with database.connect() as conn:
        assert users.delegation_codes(conn) == ["AM", "AZ"]
