"""The review queue `/review`: incidents awaiting the officer's delegation's position, and
linking suggestions to accept or reject.

The page only reads; static/review.js answers suggestions through the API
(`POST /api/v1/suggestions/{id}/accept|reject`) with the session's CSRF token.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ceasefire.domain.taxonomy import Role
from ceasefire.reports.naming import place_label
from ceasefire.services import review_queue
from ceasefire.storage.sql import Database
from ceasefire.web.session import render, to_login, visitor

router = APIRouter(include_in_schema=False)


@router.get("/review", response_model=None)
def review_page(request: Request) -> Response:
    """Signed-in users only: the queue holds internal fields, so public read does not open it."""
    who = visitor(request)
    if who.user is None:
        return to_login(request)
    database: Database = request.app.state.database
    policy: str = request.app.state.settings.place_names
    delegation = who.user.delegation if who.user.role is Role.OFFICER else None
    awaiting = review_queue.awaiting_position(database, delegation) if delegation else []
    for item in awaiting:
        item["place_label"] = place_label(item["place_name"], item["gazetteer_id"], policy)
    return render(
        request,
        "review.html",
        who,
        delegation=delegation,
        awaiting=awaiting,
        suggestions=review_queue.list_suggestions(database, limit=500),
        may_answer=who.user.role in review_queue.ANSWERING_ROLES,
    )
