"""Browser sessions: a bearer token exchanged at /login for a signed session cookie.

The cookie holds the token's id, a CSRF token and an expiry, signed with HMAC-SHA256 under
`Settings.session_key`; nothing secret is in it and nothing is stored server-side, so
revoking the token (`ceasefire token revoke`) ends every session made from it. The cookie is
HttpOnly and SameSite=Strict, and Secure over https (or always, `secure_cookies`).

Unsafe requests made with the cookie must echo the CSRF token: the UI's JavaScript in the
`X-CSRF-Token` header, HTML forms in the hidden field `csrf_token`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

import orjson
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ceasefire.config import Settings
from ceasefire.errors import Forbidden, Unauthorized
from ceasefire.services import users
from ceasefire.services.users import User
from ceasefire.storage.sql import Database

COOKIE = "ceasefire_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
#: Methods that change something: with the cookie they need the CSRF token.
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True, slots=True)
class Session:
    """What the cookie says: whose token, the CSRF token, and when it ends (Unix seconds)."""

    token_id: int
    csrf: str
    expires: int


def _sign(payload: bytes, key: str) -> str:
    digest = hmac.new(key.encode(), payload, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def seal(session: Session, key: str) -> str:
    """The cookie value: base64url(JSON).signature."""
    body = orjson.dumps({"t": session.token_id, "c": session.csrf, "e": session.expires})
    payload = base64.urlsafe_b64encode(body).decode().rstrip("=")
    return f"{payload}.{_sign(payload.encode(), key)}"


def unseal(value: str, key: str, now: float | None = None) -> Session | None:
    """The session a cookie value carries; None when forged, malformed or expired."""
    payload, _, signature = value.partition(".")
    if not payload or not hmac.compare_digest(signature, _sign(payload.encode(), key)):
        return None
    try:
        data = orjson.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        session = Session(int(data["t"]), str(data["c"]), int(data["e"]))
    except (ValueError, KeyError, TypeError):
        return None
    return session if session.expires > (time.time() if now is None else now) else None


def app_settings(request: Request) -> Settings:
    """The settings the application was made with (the API's dependencies read them here)."""
    settings: Settings = request.app.state.settings
    return settings


def app_database(request: Request) -> Database:
    """The application's database handle."""
    database: Database = request.app.state.database
    return database


def session_of(request: Request) -> Session | None:
    """The valid session the request's cookie carries, if any."""
    value = request.cookies.get(COOKIE)
    return None if not value else unseal(value, app_settings(request).session_key)


def csrf_matches(session: Session, offered: str | None) -> bool:
    return offered is not None and hmac.compare_digest(session.csrf, offered)


def require_csrf(session: Session | None, offered: str | None) -> None:
    """Forbidden when a cookie-authenticated change does not echo the session's CSRF token."""
    if session is not None and not csrf_matches(session, offered):
        raise Forbidden(
            f"a change made with the session cookie needs the CSRF token "
            f"({CSRF_HEADER} header or {CSRF_FIELD} form field); reload the page"
        )


def bearer_secret(request: Request) -> str | None:
    scheme, _, secret = request.headers.get("authorization", "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" and secret.strip() else None


# --- who is looking at a page -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Visitor:
    """The user behind a page request (None: anonymous) and their session (None: bearer)."""

    user: User | None
    session: Session | None

    @property
    def csrf(self) -> str:
        return self.session.csrf if self.session else ""


def visitor(request: Request) -> Visitor:
    """Who asks: the bearer header wins, then the session cookie; Unauthorized for a bad
    bearer token, anonymous for no credentials (or a session whose token was revoked)."""
    secret = bearer_secret(request)
    with app_database(request).connect() as conn:
        if secret is not None:
            return Visitor(users.authenticate(conn, secret), None)
        session = session_of(request)
        if session is None:
            return Visitor(None, None)
        try:
            return Visitor(users.session_user(conn, session.token_id), session)
        except Unauthorized:
            return Visitor(None, None)


def to_login(request: Request) -> RedirectResponse:
    """Send a visitor without credentials to the login form, coming back here afterwards."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='/')}", status_code=303)


def render(
    request: Request, template: str, who: Visitor, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """A page of the UI, with the visitor and the CSRF token its forms and scripts echo."""
    from ceasefire.web.pages import templates  # late: pages imports the page modules

    response: HTMLResponse = templates.TemplateResponse(
        request,
        template,
        {"user": who.user, "csrf": who.csrf, "signed_in": who.session is not None, **context},
        status_code=status_code,
    )
    return response


# --- /login and /logout -------------------------------------------------------------------------


def _safe_next(target: str | None) -> str:
    """Only a path on this server ("/review"), never "//elsewhere" or "https://..."."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login")
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", visitor(request), next=_safe_next(next), error=None)


@router.post("/login", response_model=None)
def login(
    request: Request,
    token: Annotated[str, Form(max_length=500)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Exchange a bearer token for a session cookie."""
    settings = app_settings(request)
    try:
        with app_database(request).connect() as conn:
            token_id, _user = users.authenticate_token(conn, token.strip() or None)
    except Unauthorized as exc:
        anonymous = Visitor(None, None)
        return render(request, "login.html", anonymous, 401, next=_safe_next(next), error=str(exc))
    lifetime = settings.session_hours * 3600
    session = Session(token_id, secrets.token_urlsafe(32), int(time.time()) + lifetime)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        COOKIE,
        seal(session, settings.session_key),
        max_age=lifetime,
        path="/",
        httponly=True,
        samesite="strict",
        secure=settings.secure_cookies or request.url.scheme == "https",
    )
    return response


@router.post("/logout", response_model=None)
def logout(request: Request, csrf_token: Annotated[str, Form(max_length=200)] = "") -> Response:
    """End the session: the cookie is cleared (the bearer token itself stays valid)."""
    require_csrf(session_of(request), csrf_token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response
