"""One rendering of every error as `{"error": {"type", "message"}}` with its HTTP status."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ceasefire.errors import CeasefireError, InvalidInput


def error_response(status: int, kind: str, message: str) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": {"type": kind, "message": message}}, status, headers=headers)


def _domain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, CeasefireError)
    return error_response(exc.http_status, type(exc).__name__, str(exc))


def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for problem in exc.errors():
        where = ".".join(str(part) for part in problem.get("loc", ()) if part != "body")
        problems.append(f"{where or 'body'}: {problem.get('msg', 'invalid')}")
    return error_response(InvalidInput.http_status, "InvalidInput", "; ".join(problems))


def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    kind = {404: "NotFound", 405: "MethodNotAllowed"}.get(exc.status_code, "HTTPError")
    return error_response(exc.status_code, kind, str(exc.detail))


def install(app: FastAPI) -> None:
    """Map domain errors (ceasefire.errors), request validation and routing errors to JSON."""
    app.add_exception_handler(CeasefireError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
