"""One rendering of every error: `{"error": {"code", "type", "message", "field"}}` + status.

`code` is the snake-case name of the domain error (`not_found`, `invalid_value`...), `type`
its class name (kept from the first API), `field` the parameter or body field at fault, or
null. Domain errors carry their status (ceasefire.errors); request validation is a 422.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from ceasefire.errors import CeasefireError, InvalidInput, InvalidValue


class ErrorBody(BaseModel):
    code: str
    type: str
    message: str
    field: str | None


class ErrorOut(BaseModel):
    """Every error response."""

    error: ErrorBody


_MEANING = {
    400: "Bad request: a body that is not JSON",
    401: "No or invalid bearer token",
    403: "The role or delegation may not do this",
    404: "Not found",
    406: "Not acceptable: no representation in the requested format",
    409: "Stale expected_version or a transition the status machine forbids",
    413: "Request body too large",
    422: "Invalid parameter or body; `field` names it",
}


def declared(*statuses: int, **meanings: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for these error statuses, each with the error body's schema.

    Example: `@router.get(..., responses=declared(401, 404))`; `meanings` override a
    description by status (`declared(404, _404="No such incident")`).
    """
    return {
        status: {"model": ErrorOut, "description": meanings.get(f"_{status}", _MEANING[status])}
        for status in statuses
    }


def _code(name: str) -> str:
    """`InvalidTransition` -> `invalid_transition`, `HTTPError` -> `http_error`."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def error_response(status: int, kind: str, message: str, field: str | None = None) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    body = {"error": {"code": _code(kind), "type": kind, "message": message, "field": field}}
    return JSONResponse(body, status, headers=headers)


def _domain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, CeasefireError)
    field = exc.field if isinstance(exc, InvalidValue) else None
    return error_response(exc.http_status, type(exc).__name__, str(exc), field)


def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems, fields = [], []
    for problem in exc.errors():
        loc = [str(part) for part in problem.get("loc", ()) if part not in ("body", "query")]
        where = ".".join(part for part in loc if part != "path")
        problems.append(f"{where or 'body'}: {problem.get('msg', 'invalid')}")
        fields.append(where or None)
    field = fields[0] if fields else None
    return error_response(InvalidInput.http_status, "InvalidInput", "; ".join(problems), field)


def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    kind = {400: "BadRequest", 404: "NotFound", 405: "MethodNotAllowed"}.get(
        exc.status_code, "HTTPError"
    )
    return error_response(exc.status_code, kind, str(exc.detail))


def install(app: FastAPI) -> None:
    """Map domain errors (ceasefire.errors), request validation and routing errors to JSON."""
    app.add_exception_handler(CeasefireError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
