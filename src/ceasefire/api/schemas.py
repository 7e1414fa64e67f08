"""Request and response bodies of the HTTP API (pydantic 2; requests are strict)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field

#: The largest id or version a database integer holds (both backends).
MAX_ID = 2**31 - 1
#: A record's id in a URL path (`/incidents/{incident_id}`).
RecordId = Annotated[int, Path(ge=1, le=MAX_ID)]

#: A day as JSON gives it ("YYYY-MM-DD"): strict models would want a date object.
Day = Annotated[date, Field(strict=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class PositionIn(_Strict):
    """A delegation's position on an incident, stated by one of its officers."""

    position: Literal["confirms", "disputes", "abstains"]
    reason: str = Field(min_length=1, max_length=4000)
    evidence: list[str] = Field(
        default_factory=list,
        max_length=50,
        description="References: source:ID, claim:ID or attachment:SHA256.",
    )
    expected_version: int | None = Field(
        default=None,
        ge=1,
        le=MAX_ID,
        description="The incident version you read; 409 if it changed since.",
    )
    delegation: str | None = Field(
        default=None, description="Must be the officer's own delegation when given."
    )


class ReviewDecisionIn(_Strict):
    """An admin closes (→ unconfirmed) or reopens (→ under_review) a review."""

    reason: str = Field(min_length=1, max_length=4000)
    expected_version: int | None = Field(default=None, ge=1, le=MAX_ID)


class PositionOut(BaseModel):
    delegation: str
    position: str
    reason: str
    evidence: list[str]
    recorded_by: str
    recorded_at: str
    current: bool


class PositionsOut(BaseModel):
    current: dict[str, PositionOut | None]
    history: list[PositionOut]


class VerificationOut(BaseModel):
    """An incident's verification after a change."""

    incident_id: int
    status: str
    version: int
    positions: PositionsOut


class ChainBreakOut(BaseModel):
    seq: int
    reason: str


class AuditVerifyOut(BaseModel):
    intact: bool
    entries: int
    broken: ChainBreakOut | None


class HealthOut(BaseModel):
    status: Literal["ok"]
    version: str
    database: str
    schema_revision: str | None


class ComplaintIn(_Strict):
    """A formal complaint one delegation lodges against another."""

    text: str = Field(min_length=1, max_length=200_000, description="The complaint's text.")
    headline: str = Field(default="", max_length=500)
    by: str = Field(
        min_length=1, max_length=16, description="Delegation lodging it (an officer's own)."
    )
    against: str = Field(min_length=1, max_length=16, description="Delegation complained against.")
    due: Day | None = Field(default=None, description="Response due by this day.")


class ComplaintResponseIn(_Strict):
    text: str = Field(min_length=1, max_length=20_000, description="The notified party's response.")


class ComplaintVerdictIn(_Strict):
    outcome: Literal["substantiated", "not_substantiated", "unattributable"]
    incident: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="The incident concerned."
    )


class ComplaintOut(BaseModel):
    id: int
    source_id: int
    lodged_by: str
    against: str
    stage: Literal["lodged", "notified", "responded", "verified"]
    lodged_at: str | None
    notified_at: str | None
    response_due: str | None
    response: str | None
    responded_at: str | None
    outcome: str
    incident_id: int | None


class ComplaintsOut(BaseModel):
    items: list[ComplaintOut]
    next: None = None


class TallyOut(BaseModel):
    party: str
    lodged: int
    substantiated: int
    not_substantiated: int
    unattributable: int
    pending: int
    against: int


class RestrictionIn(_Strict):
    """A restriction of the monitors' freedom of movement (access denied, UAV jammed...)."""

    day: Day = Field(alias="date")
    kind: Literal["access_denied", "delayed", "uav_jammed", "uav_fired_upon", "other"]
    description: str = Field(min_length=1, max_length=20_000)
    place: str | None = Field(default=None, max_length=200)
    imposed_by: str | None = Field(default=None, max_length=200)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)


class RestrictionOut(BaseModel):
    id: int
    date: str
    kind: str
    place: str | None
    lat: float | None
    lon: float | None
    imposed_by: str | None
    description: str
    recorded_by: str | None


class RestrictionsOut(BaseModel):
    items: list[RestrictionOut]
    next: None = None


class SuggestionOut(BaseModel):
    """A linking suggestion: claim `claim_id` (now in `claim_incident`) may be `incident_id`."""

    id: int
    claim_id: int
    claim_incident: int
    incident_id: int
    score: float | None
    reasons: list[str]
    summary: str
    suggested_at: str


class SuggestionsOut(BaseModel):
    items: list[SuggestionOut]
    next: None = None


class SuggestionAnswerOut(BaseModel):
    """What answering a suggestion did: the claim's incident now, and the incidents changed."""

    suggestion_id: int
    answer: Literal["accepted", "rejected"]
    incident_id: int
    touched: list[int]
    message: str
