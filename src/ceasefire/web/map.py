"""The map page `/`: incidents (clustered), hazardous areas, zones and towns over the bundled
Natural Earth outlines, with filters and a timeline. The page is a shell; `map.js` and
`timeline.js` read the API (`/api/v1/incidents/points`, `/per-day`, `/hazards`, `/zones`,
`/places`) with the browser's credentials. Configuration reaches them through `data-`
attributes (no inline script: the CSP allows scripts from 'self' only).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse

from ceasefire.api.auth import Reader, SettingsDep
from ceasefire.domain.taxonomy import Category, IncidentStatus
from ceasefire.services import incident_filters
from ceasefire.web.security import CONTENT_SECURITY_POLICY
from ceasefire.web.session import render, to_login, visitor

router = APIRouter(tags=["web"])

BASEMAP = Path(__file__).resolve().parent.parent / "data" / "basemap.geojson"

#: Sides a claimant filter can name: words found in the claimants' names.
CLAIMANT_SIDES = (
    ("azerbaijan", "Azerbaijani side"),
    ("armenia", "Armenian side"),
    ("karabakh", "Karabakh authorities"),
    ("peacekeep", "Peacekeepers"),
)


@router.get("/", response_model=None, include_in_schema=False)
def map_page(request: Request, settings: SettingsDep) -> Response:
    """The map of incidents with its filters and timeline; without credentials, the login
    form (or, with public read on, the confirmed incidents only)."""
    who = visitor(request)
    if who.user is None and not settings.public_read:
        return to_login(request)
    page = render(
        request,
        "map.html",
        who,
        tile_url=settings.tile_url,
        tile_attribution=settings.tile_attribution,
        categories=[c.value for c in Category if c is not Category.CONTEXT],
        statuses=[s.value for s in IncidentStatus],
        districts=incident_filters.districts(),
        sides=CLAIMANT_SIDES,
        public=who.user is None,
    )
    origin = _tile_origin(settings.tile_url)
    if origin:  # the office's tile server is the one other place the page may load images
        page.headers["content-security-policy"] = CONTENT_SECURITY_POLICY.replace(
            "img-src 'self' data:", f"img-src 'self' data: {origin}"
        )
    return page


def _tile_origin(template: str) -> str | None:
    """`https://tiles.example.org` of a tile URL template; None for none or a local path."""
    parts = urlsplit(template)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


@router.get("/map/basemap.geojson", include_in_schema=False)
def basemap(_user: Reader) -> FileResponse:
    """The bundled Natural Earth country outlines (public domain), simplified."""
    return FileResponse(BASEMAP, media_type="application/geo+json")
