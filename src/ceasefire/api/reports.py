"""Daily and weekly reports under /api/v1/reports, as `ceasefire report daily|weekly` writes them.

`GET /api/v1/reports` lists the days incidents start on (newest first, paged);
`GET /api/v1/reports/daily?date=2021-03-09&format=pdf&lang=ru` gives one report. Anonymous
reads (public read switched on) get the public edition: confirmed incidents only, without
restrictions, complaints or the delegations' positions.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from ceasefire.api.auth import DatabaseDep, Reader, SettingsDep
from ceasefire.api.errors import declared
from ceasefire.api.resources import PageOut, Pages
from ceasefire.services import reports

router = APIRouter(prefix="/api/v1")

_TEXT: dict[str, Any] = {"type": "string"}
_REPORT_JSON: dict[str, Any] = {
    "type": "object",
    "description": "The report as data: every figure is the list of incident ids it counts.",
    "required": ["period", "previous", "issued_at", "violations", "incidents", "public"],
    "properties": {
        "period": {"type": "object"},
        "previous": {"type": "object"},
        "issued_at": {"type": "string", "format": "date-time"},
        "violations": {"type": "object"},
        "incidents": {"type": "array", "items": {"type": "object"}},
        "public": {"type": "boolean"},
    },
}
_REPORT_CONTENT: dict[str, Any] = {
    "application/json": {"schema": _REPORT_JSON},
    "text/markdown": {"schema": _TEXT},
    "text/html": {"schema": _TEXT},
    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
}


@router.get("/reports", tags=["reports"], responses=declared(401, 422))
def list_report_days(db: DatabaseDep, user: Reader, pages: Pages) -> PageOut:
    """Days that have incidents, newest first, with how many start that day: `{"date", "incidents"}`.

    Ask `/api/v1/reports/daily?date=DAY` (or `weekly`, the 7 days ending on DAY) for a report.
    Anonymous reads count confirmed incidents only.
    """
    with db.connect() as conn:
        page = reports.report_days(
            conn, public=user is None, limit=pages.limit, cursor=pages.cursor
        )
    return PageOut(items=page.items, next=page.next)


@router.get(
    "/reports/{kind}",
    tags=["reports"],
    response_class=Response,
    responses={
        200: {"description": "The report in the requested format", "content": _REPORT_CONTENT},
        **declared(401, 422),
    },
)
def get_report(
    kind: Literal["daily", "weekly"],
    db: DatabaseDep,
    settings: SettingsDep,
    user: Reader,
    day: Annotated[date, Query(alias="date", description="The day the period ends on")],
    format: Annotated[
        Literal["json", "md", "html", "pdf"], Query(description="json, Markdown, HTML or PDF")
    ] = "json",
    lang: Annotated[Literal["en", "ru", "tr"], Query(description="Language")] = "en",
) -> Response:
    """The daily report for `date` (24 hours to the cut-off that day) or the weekly one (7 days).

    The same report as `ceasefire report`; `format=json` gives its figures as data.
    """
    content = reports.produce(
        db,
        kind,
        day,
        settings=settings,
        output_format=format,
        language=lang,
        public=user is None,
    )
    return Response(content, media_type=reports.MEDIA_TYPES[format])
