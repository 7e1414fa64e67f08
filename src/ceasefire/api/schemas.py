"""Request and response bodies of the HTTP API (pydantic 2; requests are strict)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


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
        default=None, ge=1, description="The incident version you read; 409 if it changed since."
    )
    delegation: str | None = Field(
        default=None, description="Must be the officer's own delegation when given."
    )


class ReviewDecisionIn(_Strict):
    """An admin closes (→ unconfirmed) or reopens (→ under_review) a review."""

    reason: str = Field(min_length=1, max_length=4000)
    expected_version: int | None = Field(default=None, ge=1)


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
