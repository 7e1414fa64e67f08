"""The map page `/`: incidents (clustered), hazardous areas, zones and towns over the bundled
Natural Earth outlines, with filters and a timeline. The page is a shell; `map.js` and
`timeline.js` read the API (`/api/v1/incidents/points`, `/per-day`, `/hazards`, `/zones`,
`/places`) with the browser's credentials. Configuration reaches them through `data-`
attributes (no inline script: the CSP allows scripts from 'self' only).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from ceasefire.api.auth import Reader, SettingsDep
from ceasefire.api.errors import declared
from ceasefire.domain.taxonomy import Category, IncidentStatus
from ceasefire.services import incident_filters
from ceasefire.web.pages import templates

router = APIRouter(tags=["web"])

BASEMAP = Path(__file__).resolve().parent.parent / "data" / "basemap.geojson"

#: Sides a claimant filter can name: words found in the claimants' names.
CLAIMANT_SIDES = (
    ("azerbaijan", "Azerbaijani side"),
    ("armenia", "Armenian side"),
    ("karabakh", "Karabakh authorities"),
    ("peacekeep", "Peacekeepers"),
)


@router.get("/", response_class=HTMLResponse, responses=declared(401))
def map_page(request: Request, user: Reader, settings: SettingsDep) -> HTMLResponse:
    """The map of incidents with its filters and timeline."""
    return templates.TemplateResponse(
        request,
        "map.html",
        {
            "user": user,
            "tile_url": settings.tile_url,
            "tile_attribution": settings.tile_attribution,
            "categories": [c.value for c in Category if c is not Category.CONTEXT],
            "statuses": [s.value for s in IncidentStatus],
            "districts": incident_filters.districts(),
            "sides": CLAIMANT_SIDES,
            "public": user is None,
        },
    )


@router.get("/map/basemap.geojson", include_in_schema=False)
def basemap(_user: Reader) -> FileResponse:
    """The bundled Natural Earth country outlines (public domain), simplified."""
    return FileResponse(BASEMAP, media_type="application/geo+json")
