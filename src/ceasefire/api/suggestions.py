"""Linking suggestions under /api/v1, as the CLI has them (`ceasefire suggestions`,
`ceasefire suggestion accept|reject ID`).

Roles: every signed-in user reads the pending suggestions; officers, analysts and admins
answer them. Public read never shows them.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ceasefire.api.auth import CurrentUser, DatabaseDep
from ceasefire.api.errors import declared
from ceasefire.api.schemas import RecordId, SuggestionAnswerOut, SuggestionOut, SuggestionsOut
from ceasefire.services import review_queue
from ceasefire.services.paging import MAX_LIMIT

router = APIRouter(prefix="/api/v1", tags=["linking"])

_ANSWER_ERRORS = declared(
    401,
    403,
    404,
    413,
    422,
    _404="No such suggestion (or no longer a live incident)",
    _422="The suggestion is answered or out of date; `field` names it",
)


@router.get("/suggestions", responses=declared(401, 422))
def list_suggestions(
    db: DatabaseDep,
    _user: CurrentUser,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> SuggestionsOut:
    """Linking suggestions nobody has answered yet, best score first."""
    pending = review_queue.list_suggestions(db, limit=limit)
    return SuggestionsOut(items=[SuggestionOut.model_validate(s) for s in pending])


def _answer(
    db: DatabaseDep, suggestion_id: int, user: CurrentUser, accept: bool
) -> SuggestionAnswerOut:
    result = review_queue.answer_suggestion(db, suggestion_id, user=user, accept=accept)
    return SuggestionAnswerOut(
        suggestion_id=suggestion_id,
        answer="accepted" if accept else "rejected",
        incident_id=result.incident_id,
        touched=list(result.touched),
        message=result.message,
    )


@router.post("/suggestions/{suggestion_id}/accept", responses=_ANSWER_ERRORS)
def accept_suggestion(
    suggestion_id: RecordId, db: DatabaseDep, user: CurrentUser
) -> SuggestionAnswerOut:
    """Accept: the suggestion's claim joins the suggested incident."""
    return _answer(db, suggestion_id, user, accept=True)


@router.post("/suggestions/{suggestion_id}/reject", responses=_ANSWER_ERRORS)
def reject_suggestion(
    suggestion_id: RecordId, db: DatabaseDep, user: CurrentUser
) -> SuggestionAnswerOut:
    """Reject: the claim and the suggested incident are different events."""
    return _answer(db, suggestion_id, user, accept=False)
