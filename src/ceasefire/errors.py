"""Domain errors: raised anywhere, translated only at the edges (CLI exit code, HTTP status).

CeasefireError                  base; exit code 1, HTTP 500
├── InvalidInput                bad input or usage; exit 2, HTTP 400/422
│   ├── InvalidValue            a field holds a bad value (names the field)
│   ├── ParseError              a document cannot be read (names the file, line or field)
│   ├── UnknownFormat           no parser knows this input
│   └── InputTooLarge           refused before parsing, above the size limit
├── ConfigurationError          bad setting or database URL; exit 2
│   └── DatabaseUnavailable     the database cannot be reached; exit 2
├── NotFound                    no such incident, claim, user...; exit 2, HTTP 404
├── Unauthorized                no or bad token; HTTP 401
├── Forbidden                   role or delegation may not do this; exit 2, HTTP 403
├── Conflict                    stale version or invalid transition; exit 2, HTTP 409
│   └── InvalidTransition       the status machine does not allow this change
└── IntegrityFailure            a check found a broken record (audit chain); exit 1
"""

from __future__ import annotations


class CeasefireError(Exception):
    """Base of every error the system raises on purpose."""

    exit_code = 1
    http_status = 500


class InvalidInput(CeasefireError):
    exit_code = 2
    http_status = 422


class InvalidValue(InvalidInput):
    """A value is outside what the domain allows; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class ParseError(InvalidInput):
    """A document cannot be read; `where` names the file (and line or field when known)."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where


class UnknownFormat(ParseError):
    pass


class InputTooLarge(ParseError):
    pass


class ConfigurationError(CeasefireError):
    exit_code = 2
    http_status = 500


class DatabaseUnavailable(ConfigurationError):
    pass


class NotFound(CeasefireError):
    exit_code = 2
    http_status = 404


class Unauthorized(CeasefireError):
    exit_code = 2
    http_status = 401


class Forbidden(CeasefireError):
    exit_code = 2
    http_status = 403


class Conflict(CeasefireError):
    exit_code = 2
    http_status = 409


class InvalidTransition(Conflict):
    pass


class IntegrityFailure(CeasefireError):
    exit_code = 1
    http_status = 500
