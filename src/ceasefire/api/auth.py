"""Authentication: FastAPI dependencies that yield the acting user.

A request authenticates with `Authorization: Bearer TOKEN` or with the web UI's session
cookie (web/session.py). With the cookie, an unsafe method (POST, PUT, PATCH, DELETE) must
also send the session's CSRF token in `X-CSRF-Token`, or it gets 403.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ceasefire.config import Settings
from ceasefire.services import users
from ceasefire.services.users import User
from ceasefire.storage.sql import Database
from ceasefire.web.session import (
    CSRF_HEADER,
    UNSAFE_METHODS,
    app_database,
    app_settings,
    require_csrf,
    session_of,
)

_bearer = HTTPBearer(
    auto_error=False,
    description="A token from `ceasefire token create USERNAME`.",
)

Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


# Async on purpose: FastAPI runs a plain dependency in a worker thread, one hop per request.
async def database(request: Request) -> Database:
    return app_database(request)


async def settings(request: Request) -> Settings:
    return app_settings(request)


def current_user(request: Request, credentials: Credentials) -> User:
    """The user of the bearer token, else of the session cookie; 401 without either."""
    with app_database(request).connect() as conn:
        if credentials is not None:
            return users.authenticate(conn, credentials.credentials)
        session = session_of(request)
        if session is None:
            return users.authenticate(conn, None)  # raises Unauthorized
        user = users.session_user(conn, session.token_id)
    if request.method in UNSAFE_METHODS:
        require_csrf(session, request.headers.get(CSRF_HEADER))
    return user


def reader(request: Request, credentials: Credentials) -> User | None:
    """The user, or None for an anonymous read when public read is switched on."""
    anonymous = credentials is None and session_of(request) is None
    if anonymous and app_settings(request).public_read:
        return None
    return current_user(request, credentials)


CurrentUser = Annotated[User, Depends(current_user)]
Reader = Annotated[User | None, Depends(reader)]
DatabaseDep = Annotated[Database, Depends(database)]
SettingsDep = Annotated[Settings, Depends(settings)]
