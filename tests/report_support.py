"""Test support for reports: a monitored day with violations, a disputed incident, mine action
and a restriction, whose claims and positions use loaded words that no report may repeat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from ceasefire.domain.mine_action import (
    AgeGroup,
    ItemType,
    Release,
    ReleaseMethod,
    Sex,
    Victim,
    VictimOutcome,
    VictimRole,
)
from ceasefire.services import (
    accidents,
    agreements,
    hazards,
    land_release,
    restrictions,
    verification,
)
from ceasefire.storage.schema import claims
from ceasefire.storage.sql import Database
from mine_action_support import AGHDAM_FIELD, collection, feature
from verification_support import make_centre, make_incident, make_source

DAY = date(2021, 3, 9)
BEFORE = date(2021, 3, 8)
ISSUED = datetime(2021, 3, 9, 16, 30, tzinfo=UTC)
LOADED_SUMMARY = "The Armenian occupants martyred a soldier; the aggressor's terrorist provocation."
LOADED_QUOTE = (
    "Armenian terrorists martyred a soldier in liberated Aghdam; genocide by the enemy. "
    "Оккупанты и террористы, агрессор. Şehit, işgalci, terörist, soykırım."
)


def _casualties(killed_military: int, injured_civilian: int) -> dict[str, Any]:
    def cell(n: int) -> dict[str, int] | None:
        return {"best": n, "low": n, "high": n + 1} if n else None

    return {
        "killed": {"military": cell(killed_military), "civilian": None, "unknown": None,
                   "total": cell(killed_military)},
        "injured": {"military": None, "civilian": cell(injured_civilian), "unknown": None,
                    "total": cell(injured_civilian)},
    }  # fmt: skip


@dataclass(frozen=True)
class MonitoredDay:
    mortar: int  # in Khankendi, alleged Armenian side, one soldier killed
    disputed: int  # small-arms fire alleged against the Azerbaijani side, disputed
    yesterday: int  # a violation of the day before
    accident: int  # a mine explosion with two victims
    area: int


def monitored_day(database: Database) -> MonitoredDay:
    centre = make_centre(database)
    agreements.load_bundled(database)
    common = {"time_start": DAY, "time_end": DAY, "summary": LOADED_SUMMARY}
    mortar = make_incident(
        database,
        **common,
        type="mortar_fire",
        place_name="Khankendi",
        gazetteer_id=146970,
        lat=39.8265,
        lon=46.7656,
        perpetrators=["Armenian armed forces"],
        casualties=_casualties(1, 0),
    )
    disputed = make_incident(
        database,
        **common,
        type="small_arms_fire",
        perpetrators=["Azerbaijani armed forces"],
        casualties=_casualties(0, 2),
    )
    yesterday = make_incident(
        database, time_start=BEFORE, time_end=BEFORE, type="sniper_fire", summary=LOADED_SUMMARY
    )
    accident = make_incident(
        database,
        **common,
        category="explosive_ordnance",
        type="mine_explosion",
        lat=40.005,
        lon=46.935,
        perpetrators=[],
    )
    source = make_source(database, LOADED_QUOTE, kind="party_statement")
    with database.begin() as conn:
        conn.execute(claims.insert().values(
            source_id=source, ordinal=0, incident_id=mortar, category="violation",
            type="mortar_fire", summary=LOADED_SUMMARY, time_start=DAY, time_end=DAY,
            time_precision="day", claimed_by="Ministry of Defence of Azerbaijan",
            claimant_is_party=True, casualties={}, evidence_start=0,
            evidence_end=len(LOADED_QUOTE), quote=LOADED_QUOTE, confidence=0.9,
        ))  # fmt: skip
    verification.record_position(
        database,
        disputed,
        username=centre.az_officer,
        position="disputes",
        reason="A provocation staged by the aggressor; our positions did not fire.",
    )
    verification.record_position(
        database,
        disputed,
        username=centre.am_officer,
        position="confirms",
        reason="Patrol heard small-arms fire from the occupied heights.",
    )
    result = hazards.import_geojson(
        database,
        collection(feature("Aghdam north field", "confirmed", AGHDAM_FIELD)),
        where="test",
        actor="test",
    )
    area = result.added[0]
    land_release.add_release(
        database,
        area,
        Release(ReleaseMethod.CLEARANCE, DAY, 5000.0, ((ItemType.AP_MINE, 3), (ItemType.UXO, 1))),
        actor="test",
    )
    land_release.add_release(
        database, area, Release(ReleaseMethod.TECHNICAL_SURVEY, BEFORE, 2500.0), actor="test"
    )
    accidents.link_incident(database, accident, area, actor="test")
    victim = Victim(AgeGroup.ADULT, Sex.MALE, VictimRole.DEMINER, VictimOutcome.INJURED)
    accidents.add_victims(database, accident, victim, count=2, actor="test")
    restrictions.add(
        database,
        day=DAY,
        kind="access_denied",
        description="Patrol turned back at a checkpoint by terrorist-minded guards.",
        place="Khankendi",
        imposed_by="checkpoint staff",
    )
    return MonitoredDay(mortar, disputed, yesterday, accident, area)
