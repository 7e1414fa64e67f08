"""The HTTP API (FastAPI): `create_app(settings)` builds it; `ceasefire serve` runs it."""

from ceasefire.api.app import create_app

__all__ = ["create_app"]
