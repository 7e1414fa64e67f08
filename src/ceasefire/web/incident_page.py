"""The incident page `/incidents/{id}`: claims with their sources and quotes in context, time and
place with precision, estimates, linking reasons, positions with history, audit, and the form
an officer records their delegation's position with.

The form is sent by static/incident.js to `POST /api/v1/incidents/{id}/positions` with the
session's CSRF token; without JavaScript it posts here and is handled the same way.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from ceasefire.api.schemas import RecordId
from ceasefire.config import Settings
from ceasefire.domain.taxonomy import IncidentStatus, Role
from ceasefire.domain.verification import ConfirmRule
from ceasefire.errors import CeasefireError, NotFound
from ceasefire.reports.naming import place_label
from ceasefire.services import dossier, incidents, verification
from ceasefire.storage.sql import Database
from ceasefire.web.session import Visitor, render, require_csrf, to_login, visitor

router = APIRouter(include_in_schema=False)

#: Casualty estimate rows the page shows, in order.
_CASUALTY_KINDS = ("killed", "injured")
_CASUALTY_CELLS = ("total", "military", "civilian", "unknown")


def _state(request: Request) -> tuple[Settings, Database]:
    return request.app.state.settings, request.app.state.database


def _estimates(casualties: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows `{kind, cell, best, low, high, claims}` for every stated estimate."""
    rows = []
    for kind in _CASUALTY_KINDS:
        cells = (casualties or {}).get(kind) or {}
        for cell in _CASUALTY_CELLS:
            found = cells.get(cell)
            if found:
                rows.append({"kind": kind, "cell": cell, **found})
    return rows


def _label_places(view: dict[str, Any], policy: str) -> None:
    """Add `label` to every place: its name under the naming policy (reports/naming.py)."""
    places = [view.get("place")]
    for claim in view.get("claims", []):
        places.append(claim.get("place"))
    for place in places:
        if place:
            place["label"] = place_label(place.get("name"), place.get("gazetteer_id"), policy)


def _public_dossier(database: Database, incident_id: int) -> dict[str, Any]:
    """What an anonymous reader (public read) sees: a confirmed incident, no internal fields."""
    view = verification.incident_view(database, incident_id)
    if view["status"] != IncidentStatus.CONFIRMED:
        raise NotFound(f"no incident {incident_id}")
    return incidents.public_view(view)


def _page(
    request: Request, who: Visitor, incident_id: int, message: str | None = None, status: int = 200
) -> Response:
    settings, database = _state(request)
    anonymous = who.user is None
    view = (
        _public_dossier(database, incident_id)
        if anonymous
        else dossier.incident_dossier(database, incident_id)
    )
    _label_places(view, settings.place_names)
    user = who.user
    may_state = (
        user is not None
        and user.role is Role.OFFICER
        and user.delegation is not None
        and not view.get("merged_into")
    )
    return render(
        request,
        "incident.html",
        who,
        status_code=status,
        incident=view,
        public=anonymous,
        estimates=_estimates(view.get("casualties") or {}),
        may_state=may_state,
        message=message,
    )


@router.get("/incidents/{incident_id}", response_model=None)
def incident_page(incident_id: RecordId, request: Request) -> Response:
    who = visitor(request)
    settings, _ = _state(request)
    if who.user is None and not settings.public_read:
        return to_login(request)
    return _page(request, who, incident_id)


@router.post("/incidents/{incident_id}/positions", response_model=None)
def record_position_form(
    incident_id: RecordId,
    request: Request,
    position: Annotated[str, Form(max_length=16)],
    reason: Annotated[str, Form(max_length=4000)],
    expected_version: Annotated[int | None, Form(ge=1)] = None,
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """The position form without JavaScript: same service, then back to the page (303)."""
    who = visitor(request)
    if who.user is None:
        return to_login(request)
    require_csrf(who.session, csrf_token)
    settings, database = _state(request)
    try:
        verification.record_position(
            database,
            incident_id,
            username=who.user.username,
            position=position,
            reason=reason,
            expected_version=expected_version,
            rule=ConfirmRule(settings.confirm_rule),
        )
    except CeasefireError as exc:
        if isinstance(exc, NotFound):
            raise
        return _page(request, who, incident_id, message=str(exc), status=exc.http_status)
    return RedirectResponse(f"/incidents/{incident_id}", status_code=303)
