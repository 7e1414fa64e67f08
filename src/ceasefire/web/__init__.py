"""The web UI: server-rendered pages (Jinja2, escaped by default) and a little JavaScript.

Leaflet and its marker-cluster plugin come from the XStatic packages on PyPI, so the UI needs
no CDN. Each page module exposes a `router`; `install` mounts them and the static files.
"""

from __future__ import annotations

from pathlib import Path

import xstatic.pkg.leaflet as leaflet
import xstatic.pkg.leaflet_markercluster as markercluster
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

__all__ = ["install"]

_HERE = Path(__file__).parent


def install(app: FastAPI) -> None:
    """Mount the UI's static files, page routes and security middleware on the application."""
    from ceasefire.web import pages, security  # late: page modules import ceasefire.api.auth

    security.install(app)
    app.mount("/static/app", StaticFiles(directory=_HERE / "static"), name="static-app")
    app.mount(
        "/static/vendor/leaflet", StaticFiles(directory=leaflet.BASE_DIR), name="static-leaflet"
    )
    app.mount(
        "/static/vendor/markercluster",
        StaticFiles(directory=markercluster.BASE_DIR),
        name="static-markercluster",
    )
    for router in pages.routers():
        app.include_router(router)
