"""The FastAPI application factory: routes, error rendering, and Swagger UI served locally."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import swagger_ui_bundle
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.staticfiles import StaticFiles
from starlette.responses import HTMLResponse

from ceasefire import __version__
from ceasefire.api import errors, ogc, records, reports, resources, suggestions
from ceasefire.api.reads import Reads
from ceasefire.api.routes import router
from ceasefire.config import Settings
from ceasefire.storage.sql import Database
from ceasefire.web import install as install_web

_SWAGGER_STATIC = "/docs/static"


def create_app(settings: Settings | None = None) -> FastAPI:
    """The HTTP API over the configured database; OpenAPI at /openapi.json, docs at /docs."""
    settings = settings or Settings.from_env()
    database = Database(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        database.dispose()

    app = FastAPI(
        title="ceasefire",
        version=__version__,
        description="Ceasefire monitoring centre: incidents, joint verification, audit. "
        "Authenticate with `Authorization: Bearer TOKEN` (`ceasefire token create USERNAME`).",
        docs_url=None,  # FastAPI's default pages load Swagger UI / ReDoc from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.reads = Reads(database)
    errors.install(app)
    app.include_router(router)
    app.include_router(resources.router)
    app.include_router(records.router)
    app.include_router(reports.router)
    app.include_router(suggestions.router)
    app.include_router(ogc.router)
    _mount_docs(app)
    install_web(app)
    return app


def _mount_docs(app: FastAPI) -> None:
    """Swagger UI from the swagger-ui-bundle-v2 package, so /docs works offline."""
    static = Path(str(swagger_ui_bundle.swagger_ui_path))
    app.mount(_SWAGGER_STATIC, StaticFiles(directory=static), name="swagger-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="ceasefire API",
            swagger_js_url=f"{_SWAGGER_STATIC}/swagger-ui-bundle.js",
            swagger_css_url=f"{_SWAGGER_STATIC}/swagger-ui.css",
            swagger_favicon_url=f"{_SWAGGER_STATIC}/favicon-32x32.png",
        )
