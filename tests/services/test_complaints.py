"""Complaints between the parties (steps in order, tally) and restrictions on the monitors."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from ceasefire.domain.model import Claim, Document
from ceasefire.errors import Conflict, InvalidTransition, InvalidValue, NotFound
from ceasefire.services import audit, complaints, restrictions
from ceasefire.storage.schema import audit_log, sources
from ceasefire.storage.sql import Database
from verification_support import make_centre, make_incident


def no_claims(_document: Document) -> list[Claim]:
    """A stand-in extractor: complaints here are about the workflow, not extraction."""
    return []


@pytest.fixture
def complaint_file(tmp_path: Path) -> Path:
    path = tmp_path / "az-complaint.txt"
    path.write_text(
        "On 14 November Armenian units fired mortars at Aghdam district positions "
        "in violation of the ceasefire, the Azerbaijani side states.\n",
        encoding="utf-8",
    )
    return path


def _lodge(database: Database, path: Path, **kw: object) -> complaints.Complaint:
    return complaints.lodge(database, path, by="az", against="AM", extractor=no_claims, **kw)  # type: ignore[arg-type]


def test_lodged_complaint_is_a_source_of_kind_complaint(
    database: Database, complaint_file: Path
) -> None:
    make_centre(database)
    lodged = _lodge(database, complaint_file, due=date(2020, 11, 21))
    assert (lodged.lodged_by, lodged.against, lodged.stage, lodged.outcome) == (
        "AZ",
        "AM",
        "lodged",
        "pending",
    )
    with database.connect() as conn:
        kind = conn.execute(select(sources.c.kind).where(sources.c.id == lodged.source_id)).scalar()
        actions = conn.execute(select(audit_log.c.action)).scalars().all()
    assert kind == "complaint"
    assert "source.ingest" in actions and "complaint.lodge" in actions


def test_same_text_cannot_be_lodged_twice(database: Database, complaint_file: Path) -> None:
    make_centre(database)
    first = _lodge(database, complaint_file)
    with pytest.raises(Conflict, match=f"already lodged as complaint {first.id}"):
        _lodge(database, complaint_file)


def test_lodging_needs_two_known_different_parties(
    database: Database, complaint_file: Path
) -> None:
    make_centre(database)
    with pytest.raises(InvalidValue, match="against itself"):
        complaints.lodge(database, complaint_file, by="AZ", against="az", extractor=no_claims)
    with pytest.raises(InvalidValue, match="no delegation 'RU'"):
        complaints.lodge(database, complaint_file, by="AZ", against="RU", extractor=no_claims)


def test_steps_in_order_lead_to_a_verified_outcome(
    database: Database, complaint_file: Path
) -> None:
    make_centre(database)
    incident = make_incident(database)
    lodged = _lodge(database, complaint_file)
    assert complaints.notify(database, lodged.id).stage == "notified"
    answered = complaints.respond(database, lodged.id, "No firing from our positions.")
    assert answered.stage == "responded" and answered.response == "No firing from our positions."
    verified = complaints.verify(database, lodged.id, "substantiated", incident_id=incident)
    assert (verified.stage, verified.outcome, verified.incident_id) == (
        "verified",
        "substantiated",
        incident,
    )
    with database.connect() as conn:
        assert audit.verify(conn).intact


def test_steps_out_of_order_are_refused(database: Database, complaint_file: Path) -> None:
    make_centre(database)
    lodged = _lodge(database, complaint_file)
    with pytest.raises(InvalidTransition, match="notified first"):
        complaints.respond(database, lodged.id, "early")
    with pytest.raises(InvalidTransition, match="notified first"):
        complaints.verify(database, lodged.id, "substantiated")
    complaints.notify(database, lodged.id)
    with pytest.raises(InvalidTransition, match="already notified"):
        complaints.notify(database, lodged.id)
    with pytest.raises(InvalidTransition, match="awaits the response of AM"):
        complaints.verify(database, lodged.id, "substantiated")
    complaints.respond(database, lodged.id, "denied")
    complaints.verify(database, lodged.id, "unattributable")
    with pytest.raises(InvalidTransition, match="already verified"):
        complaints.verify(database, lodged.id, "substantiated")


def test_verification_without_response_waits_for_the_due_date(
    database: Database, complaint_file: Path
) -> None:
    make_centre(database)
    due = datetime.now(UTC).date()
    lodged = _lodge(database, complaint_file, due=due)
    complaints.notify(database, lodged.id)
    with pytest.raises(InvalidTransition, match=f"due {due.isoformat()}"):
        complaints.verify(database, lodged.id, "not_substantiated", today=due)
    late = complaints.verify(
        database, lodged.id, "not_substantiated", today=due + timedelta(days=1)
    )
    assert late.outcome == "not_substantiated" and late.response is None


def test_bad_outcome_and_unknown_ids(database: Database, complaint_file: Path) -> None:
    make_centre(database)
    lodged = _lodge(database, complaint_file)
    with pytest.raises(InvalidValue, match="outcome"):
        complaints.verify(database, lodged.id, "proven")
    with pytest.raises(NotFound, match="no complaint 99"):
        complaints.notify(database, 99)
    complaints.notify(database, lodged.id)
    complaints.respond(database, lodged.id, "denied")
    with pytest.raises(NotFound, match="no incident 4242"):
        complaints.verify(database, lodged.id, "substantiated", incident_id=4242)


def test_tally_counts_per_party(database: Database, tmp_path: Path) -> None:
    make_centre(database)
    outcomes = ["substantiated", "not_substantiated", "unattributable", None]
    for number, outcome in enumerate(outcomes):
        path = tmp_path / f"c{number}.txt"
        path.write_text(f"Complaint number {number} about shelling near Martuni.", encoding="utf-8")
        lodged = _lodge(database, path)
        if outcome:
            complaints.notify(database, lodged.id)
            complaints.respond(database, lodged.id, "denied")
            complaints.verify(database, lodged.id, outcome)
    rows = {row.party: row for row in complaints.tally(database)}
    assert rows["AZ"] == complaints.TallyRow("AZ", 4, 1, 1, 1, 1, 0)
    assert rows["AM"] == complaints.TallyRow("AM", against=4)


# --- restrictions -------------------------------------------------------------------------------


def test_restrictions_are_recorded_and_listed_by_date(database: Database) -> None:
    centre = make_centre(database)
    restrictions.add(
        database,
        day=date(2020, 11, 15),
        kind="access_denied",
        place="Lachin",
        imposed_by="armed men at a checkpoint",
        description="Patrol turned back.",
        recorded_by=centre.az_officer,
    )
    restrictions.add(
        database, day=date(2020, 11, 20), kind="UAV-jammed", description="Signal lost."
    )
    found = restrictions.list_restrictions(database, start=date(2020, 11, 16))
    assert [(r.kind, r.description) for r in found] == [("uav_jammed", "Signal lost.")]
    first = restrictions.list_restrictions(database, end=date(2020, 11, 15))[0]
    assert (first.place_name, first.recorded_by) == ("Lachin", "aziz")
    with database.connect() as conn:
        assert conn.execute(
            select(audit_log.c.action).where(audit_log.c.entity == "restriction")
        ).scalars().all() == [
            "restriction.add",
            "restriction.add",
        ]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "rude_guards"}, "kind"),
        ({"description": " "}, "description"),
        ({"lat": 40.0}, "lon"),
        ({"day": date(2999, 1, 1)}, "date"),
    ],
)
def test_bad_restriction_names_the_field(
    database: Database, overrides: dict[str, object], field: str
) -> None:
    values: dict[str, object] = {
        "day": date(2020, 11, 15),
        "kind": "delayed",
        "description": "Held 2h.",
    }
    values.update(overrides)
    with pytest.raises(InvalidValue) as caught:
        restrictions.add(database, **values)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_restriction_list_refuses_an_inverted_range(database: Database) -> None:
    with pytest.raises(InvalidValue, match="before"):
        restrictions.list_restrictions(database, start=date(2020, 12, 1), end=date(2020, 11, 1))
