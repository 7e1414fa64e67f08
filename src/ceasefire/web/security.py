"""HTTP hardening for the whole application: security headers and a request-body size limit.

Every response gets `X-Content-Type-Options: nosniff`, a `Referrer-Policy` and
`X-Frame-Options`; every response but Swagger UI's (/docs, which needs an inline script) gets
the Content-Security-Policy, which allows no inline script and nothing from another origin.

A request whose body is larger than `Settings.max_input_bytes` gets 413 with the API's error
body: at once when its Content-Length says so, else as soon as the streamed body passes it.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ceasefire.config import Settings

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
_ALWAYS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
)
#: Swagger UI's page boots with an inline script; it is the one page without the policy.
_WITHOUT_CSP = ("/docs",)


def _too_large_body(limit: int) -> bytes:
    message = f"the request body is larger than the limit of {limit} bytes (CEASEFIRE_MAX_INPUT)"
    error = {"code": "input_too_large", "type": "InputTooLarge", "message": message, "field": None}
    return orjson.dumps({"error": error})


class _BodyTooLarge(Exception):
    """Raised inside `receive` once the streamed body passes the limit."""


class SecurityMiddleware:
    """Pure ASGI middleware (no buffering): headers on the way out, the size limit on the way in."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _send_too_large(send, limit, _with_csp(scope))
            return
        state: dict[str, Any] = {"received": 0, "over": False, "started": False}

        async def counted_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit:
                    state["over"] = True
                    raise _BodyTooLarge
            return message

        csp = _with_csp(scope)

        async def guarded_send(message: Message) -> None:
            if state["over"]:
                # Whatever the app answers to a body it could not finish reading, it is a 413.
                if message["type"] == "http.response.start" and not state["started"]:
                    state["started"] = True
                    await _send_too_large(send, limit, csp)
                return
            if message["type"] == "http.response.start":
                state["started"] = True
                message["headers"] = _secured(list(message.get("headers", [])), csp)
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except _BodyTooLarge:
            if not state["started"]:
                state["started"] = True
                await _send_too_large(send, limit, csp)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _with_csp(scope: Scope) -> bool:
    path: str = scope.get("path", "")
    return not any(path == p or path.startswith(p + "/") for p in _WITHOUT_CSP)


def _secured(headers: list[tuple[bytes, bytes]], csp: bool) -> list[tuple[bytes, bytes]]:
    present = {name.lower() for name, _ in headers}
    extra = [(name, value) for name, value in _ALWAYS if name not in present]
    if csp and b"content-security-policy" not in present:
        extra.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
    return headers + extra


async def _send_too_large(send: Send, limit: int, csp: bool) -> None:
    body = _too_large_body(limit)
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 413, "headers": _secured(headers, csp)})
    await send({"type": "http.response.body", "body": body})


def install(app: FastAPI) -> None:
    settings: Settings = app.state.settings
    app.add_middleware(SecurityMiddleware, max_body_bytes=settings.max_input_bytes)
