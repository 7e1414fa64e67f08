"""Merging incidents carries the delegations' positions, and their history, to the survivor."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from ceasefire.domain.verification import ConfirmRule
from ceasefire.errors import Conflict
from ceasefire.services import audit, verification
from ceasefire.services import incident_edits as edits
from ceasefire.storage.schema import audit_log, incident_history
from ceasefire.storage.sql import Database
from verification_support import Centre, make_centre, make_incident


@pytest.fixture
def centre(database: Database) -> Centre:
    return make_centre(database)


def _state(database: Database, incident: int) -> verification.VerificationState:
    return verification.state_of(database, incident)


def _stance(database: Database, incident: int, officer: str, position: str, **kw: Any) -> None:
    reason = kw.pop("reason", f"{officer} {position}")
    verification.record_position(
        database, incident, username=officer, position=position, reason=reason, **kw
    )


def _current(database: Database, incident: int) -> dict[str, str | None]:
    return {
        code: None if held is None else held.position.value
        for code, held in _state(database, incident).current.items()
    }


def _history(database: Database, incident: int) -> list[tuple[str, dict[str, Any]]]:
    with database.connect() as conn:
        rows = conn.execute(
            select(incident_history.c.action, incident_history.c.detail)
            .where(incident_history.c.incident_id == incident)
            .order_by(incident_history.c.id)
        ).all()
    return [(row.action, row.detail) for row in rows]


def _chain_intact(database: Database) -> bool:
    with database.connect() as conn:
        return audit.verify(conn).intact


def test_agreeing_positions_carry_over_and_the_rule_confirms(
    database: Database, centre: Centre
) -> None:
    keep, other = make_incident(database), make_incident(database)
    _stance(database, keep, centre.az_officer, "confirms")
    _stance(database, other, centre.az_officer, "confirms", reason="crater seen again")
    _stance(database, other, centre.am_officer, "confirms")
    assert _state(database, keep).status.value == "under_review"

    result = edits.merge_incidents(database, [keep, other], actor="ana")

    state = _state(database, keep)
    assert state.status.value == "confirmed"
    assert _current(database, keep) == {"AM": "confirms", "AZ": "confirms"}
    current_az = state.current["AZ"]
    assert current_az is not None and current_az.reason == "crater seen again"  # the latest
    assert len(state.history) == 3  # every position of both incidents, with who and when
    assert "under_review -> confirmed" in result.message
    steps = [d for action, d in _history(database, keep) if action == "status"]
    assert steps[-1]["via"] == "merge" and steps[-1]["to"] == "confirmed"
    assert _chain_intact(database)


def test_conflicting_positions_send_the_survivor_back_to_review(
    database: Database, centre: Centre
) -> None:
    keep, other = make_incident(database), make_incident(database)
    _stance(database, keep, centre.az_officer, "confirms")
    _stance(database, keep, centre.am_officer, "confirms")
    _stance(database, other, centre.az_officer, "disputes", reason="no crater found")
    assert _state(database, keep).status.value == "confirmed"

    edits.merge_incidents(database, [keep, other], actor="ana")

    state = _state(database, keep)
    assert state.status.value == "under_review"
    assert _current(database, keep) == {"AM": "confirms", "AZ": None}  # AZ must state again
    assert [p.position.value for p in state.history if p.delegation == "AZ"] == [
        "confirms",
        "disputes",
    ]
    history = dict(_history(database, keep))
    merged = history["positions_merged"]
    assert merged["conflicts"] == {"AZ": {"confirms": [keep], "disputes": [other]}}
    assert "conflicting positions (AZ: confirms, disputes)" in merged["reason"]
    with database.connect() as conn:
        entries = conn.execute(
            select(audit_log.c.action, audit_log.c.payload).order_by(audit_log.c.seq.desc())
        ).all()
    assert entries[0].action == "incident.status" and "conflicting positions" in entries[0].payload
    assert entries[1].action == "position.merge"
    assert _chain_intact(database)
    # the delegation states its position again and the review goes on
    _stance(database, keep, centre.az_officer, "confirms")
    assert _state(database, keep).status.value == "confirmed"


def test_positions_of_one_side_only_carry_over(database: Database, centre: Centre) -> None:
    keep, other = make_incident(database), make_incident(database)
    _stance(database, other, centre.az_officer, "confirms")
    _stance(database, other, centre.am_officer, "confirms")

    edits.merge_incidents(database, [keep, other], actor="ana")

    assert _state(database, keep).status.value == "confirmed"
    steps = [(d["from"], d["to"]) for action, d in _history(database, keep) if action == "status"]
    assert steps == [("reported", "under_review"), ("under_review", "confirmed")]
    assert _current(database, keep) == {"AM": "confirms", "AZ": "confirms"}


def test_survivor_positions_stay_when_the_other_has_none(
    database: Database, centre: Centre
) -> None:
    keep, other = make_incident(database), make_incident(database)
    _stance(database, keep, centre.az_officer, "confirms")
    _stance(database, keep, centre.am_officer, "disputes")
    edits.merge_incidents(database, [keep, other], actor="ana")
    assert _state(database, keep).status.value == "disputed"
    assert _current(database, keep) == {"AM": "disputes", "AZ": "confirms"}


def test_merged_positions_that_no_longer_meet_the_rule_reopen_the_review(
    database: Database, centre: Centre
) -> None:
    keep, other = make_incident(database), make_incident(database)
    _stance(database, keep, centre.az_officer, "confirms", rule=ConfirmRule.ANY)
    _stance(database, other, centre.am_officer, "disputes", rule=ConfirmRule.ANY)
    assert _state(database, keep).status.value == "confirmed"

    edits.merge_incidents(database, [keep, other], actor="ana", rule=ConfirmRule.ANY)

    assert _state(database, keep).status.value == "under_review"
    steps = [d for action, d in _history(database, keep) if action == "status"]
    assert "no longer meet the confirm rule (any)" in steps[-1]["reason"]


def test_merged_away_incident_keeps_nothing_live(database: Database, centre: Centre) -> None:
    keep, other = make_incident(database), make_incident(database)
    _stance(database, other, centre.az_officer, "disputes")
    edits.merge_incidents(database, [keep, other], actor="ana")
    retired = _state(database, other)
    assert retired.history == () and all(p is None for p in retired.current.values())
    assert "position" in [action for action, _ in _history(database, other)]  # its own story
    with pytest.raises(Conflict, match="merged into"):
        _stance(database, other, centre.am_officer, "confirms")


def test_a_version_read_before_the_merge_is_stale_after_it(
    database: Database, centre: Centre
) -> None:
    keep, other = make_incident(database), make_incident(database)
    _stance(database, other, centre.az_officer, "confirms")
    read = _state(database, keep).version
    edits.merge_incidents(database, [keep, other], actor="ana")
    with pytest.raises(Conflict, match="version"):
        _stance(database, keep, centre.am_officer, "confirms", expected_version=read)
    fresh = _state(database, keep).version
    assert fresh > read
    _stance(database, keep, centre.am_officer, "confirms", expected_version=fresh)
    assert _state(database, keep).status.value == "confirmed"
    assert _chain_intact(database)


def test_merging_three_incidents_carries_every_position(database: Database, centre: Centre) -> None:
    keep, second, third = (make_incident(database) for _ in range(3))
    _stance(database, second, centre.az_officer, "abstains")
    _stance(database, third, centre.am_officer, "abstains")
    edits.merge_incidents(database, [keep, second, third], actor="ana")
    assert _state(database, keep).status.value == "unconfirmed"
    assert _current(database, keep) == {"AM": "abstains", "AZ": "abstains"}
