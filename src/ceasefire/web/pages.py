"""The page modules of the UI and the one Jinja2 environment they render with."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.templating import Jinja2Templates

# Autoescape is on for .html: text from ingested sources is never trusted markup.
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def routers() -> list[APIRouter]:
    """Every page router, in the order their paths are matched."""
    from ceasefire.web import (  # late: page modules import `templates` from here
        incident_page,
        ingest_page,
        map,
        review_page,
        session,
    )

    return [
        session.router,
        map.router,
        incident_page.router,
        review_page.router,
        ingest_page.router,
    ]
