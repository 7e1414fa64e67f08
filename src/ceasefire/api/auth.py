"""Bearer-token authentication: a FastAPI dependency that yields the acting user."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ceasefire.config import Settings
from ceasefire.services import users
from ceasefire.services.users import User
from ceasefire.storage.sql import Database

_bearer = HTTPBearer(
    auto_error=False,
    description="A token from `ceasefire token create USERNAME`.",
)

Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def database(request: Request) -> Database:
    db: Database = request.app.state.database
    return db


def settings(request: Request) -> Settings:
    configured: Settings = request.app.state.settings
    return configured


def current_user(request: Request, credentials: Credentials) -> User:
    """The user the bearer token belongs to; 401 without a valid token."""
    with database(request).connect() as conn:
        return users.authenticate(conn, credentials.credentials if credentials else None)


def reader(request: Request, credentials: Credentials) -> User | None:
    """The user, or None for an anonymous read when public read is switched on."""
    if credentials is None and settings(request).public_read:
        return None
    return current_user(request, credentials)


CurrentUser = Annotated[User, Depends(current_user)]
Reader = Annotated[User | None, Depends(reader)]
DatabaseDep = Annotated[Database, Depends(database)]
SettingsDep = Annotated[Settings, Depends(settings)]
