"""Delegations, users, bearer tokens and authentication.

A token is shown once, when it is created; only its SHA-256 is stored, so a copy of the
database does not let anyone act as a user. Every change is appended to the audit log.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, bindparam, select

from ceasefire.domain.taxonomy import Role
from ceasefire.errors import Conflict, Forbidden, InvalidValue, NotFound, Unauthorized
from ceasefire.services import audit
from ceasefire.storage.schema import delegations, tokens, users
from ceasefire.storage.sql import Database

_CODE = re.compile(r"^[A-Z][A-Z0-9_-]{1,15}$")
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
#: Every bearer token starts with this (see `create_token`).
TOKEN_PREFIX = "cf_"


@dataclass(frozen=True, slots=True)
class Delegation:
    code: str
    name: str
    has_public_key: bool


@dataclass(frozen=True, slots=True)
class User:
    id: int
    username: str
    role: Role
    delegation: str | None
    active: bool = True


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """A new bearer token: `secret` is shown once and never stored."""

    id: int
    user: User
    secret: str


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


# --- delegations --------------------------------------------------------------------------------


def add_delegation(
    db: Database, code: str, name: str, *, public_key_pem: str | None = None, actor: str = "cli"
) -> Delegation:
    """Register a delegation (e.g. `AZ`, "Azerbaijani delegation") and its signing key."""
    code = code.strip().upper()
    if not _CODE.match(code):
        raise InvalidValue("code", f"{code!r}: use 2-16 letters, digits, _ or -, e.g. AZ")
    name = name.strip()
    if not name:
        raise InvalidValue("name", "a delegation needs a name")
    if public_key_pem is not None:
        audit.public_key_from_pem(public_key_pem, "public_key")  # refuse a bad key up front
    with db.begin() as conn:
        if conn.execute(select(delegations.c.code).where(delegations.c.code == code)).first():
            raise Conflict(f"delegation {code!r} already exists")
        conn.execute(
            delegations.insert().values(
                code=code, name=name, public_key=public_key_pem, created_at=datetime.now(UTC)
            )
        )
        audit.append(
            conn,
            actor=actor,
            action="delegation.add",
            entity="delegation",
            entity_id=code,
            payload={"name": name, "public_key": public_key_pem},
        )
    return Delegation(code, name, public_key_pem is not None)


def list_delegations(db: Database) -> list[Delegation]:
    with db.connect() as conn:
        rows = conn.execute(select(delegations).order_by(delegations.c.code)).mappings().all()
    return [Delegation(r["code"], r["name"], bool(r["public_key"])) for r in rows]


def delegation_codes(conn: Connection) -> list[str]:
    """Every registered delegation: the electorate of the confirmation rule."""
    return list(conn.execute(select(delegations.c.code).order_by(delegations.c.code)).scalars())


# --- users --------------------------------------------------------------------------------------


def _role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        allowed = "|".join(r.value for r in Role)
        raise InvalidValue("role", f"{value!r}: use {allowed}") from None


def add_user(
    db: Database, username: str, role: str, *, delegation: str | None = None, actor: str = "cli"
) -> User:
    """Add a user; an officer acts for a delegation and so must belong to one."""
    username = username.strip()
    if not _USERNAME.match(username):
        raise InvalidValue(
            "username", f"{username!r}: use lower-case letters, digits, '.', '_' or '-'"
        )
    kind = _role(role)
    code = delegation.strip().upper() if delegation else None
    if kind is Role.OFFICER and code is None:
        raise InvalidValue("delegation", "an officer must belong to a delegation (--delegation)")
    with db.begin() as conn:
        if (
            code is not None
            and not conn.execute(
                select(delegations.c.code).where(delegations.c.code == code)
            ).first()
        ):
            raise NotFound(f"no delegation {code!r}; add it with `ceasefire delegation add`")
        if conn.execute(select(users.c.id).where(users.c.username == username)).first():
            raise Conflict(f"user {username!r} already exists")
        user_id = conn.execute(
            users.insert()
            .values(
                username=username,
                role=kind.value,
                delegation=code,
                active=True,
                created_at=datetime.now(UTC),
            )
            .returning(users.c.id)
        ).scalar_one()
        audit.append(
            conn,
            actor=actor,
            action="user.add",
            entity="user",
            entity_id=username,
            payload={"role": kind.value, "delegation": code},
        )
    return User(user_id, username, kind, code)


def _user_from_row(row: Row[Any]) -> User:
    return User(row.id, row.username, Role(row.role), row.delegation, bool(row.active))


def get_user(conn: Connection, username: str) -> User:
    row = conn.execute(select(users).where(users.c.username == username.strip())).first()
    if row is None:
        raise NotFound(f"no user {username!r}")
    return _user_from_row(row)


def list_users(db: Database) -> list[User]:
    with db.connect() as conn:
        rows = conn.execute(select(users).order_by(users.c.username)).all()
    return [_user_from_row(r) for r in rows]


def require_role(user: User, *roles: Role, doing: str) -> None:
    """Raise Forbidden unless the user is active and holds one of `roles`."""
    if not user.active:
        raise Forbidden(f"user {user.username!r} is deactivated")
    if user.role not in roles:
        allowed = " or ".join(r.value for r in roles)
        raise Forbidden(f"{doing} needs role {allowed}; {user.username!r} is {user.role.value}")


# --- tokens -------------------------------------------------------------------------------------


def create_token(db: Database, username: str, *, actor: str = "cli") -> IssuedToken:
    """Issue a bearer token for `username`; the secret is returned once and only hashed here."""
    # The prefix names the secret for scanners and keeps it from starting with "-", which a
    # command line would take for an option (`ceasefire token revoke -x...`).
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with db.begin() as conn:
        user = get_user(conn, username)
        if not user.active:
            raise Forbidden(f"user {username!r} is deactivated")
        token_id = conn.execute(
            tokens.insert()
            .values(user_id=user.id, token_hash=token_hash(secret), created_at=datetime.now(UTC))
            .returning(tokens.c.id)
        ).scalar_one()
        audit.append(
            conn,
            actor=actor,
            action="token.create",
            entity="token",
            entity_id=token_id,
            payload={"user": user.username},
        )
    return IssuedToken(token_id, user, secret)


def revoke_tokens(
    db: Database, *, secret: str | None = None, username: str | None = None, actor: str = "cli"
) -> int:
    """Revoke one token (by its secret) or every live token of a user; returns how many."""
    if (secret is None) == (username is None):
        raise InvalidValue("token", "give either a token or --user USERNAME")
    now = datetime.now(UTC)
    with db.begin() as conn:
        live = tokens.c.revoked_at.is_(None)
        if secret is not None:
            query = select(tokens.c.id).where(tokens.c.token_hash == token_hash(secret.strip()))
            ids = list(conn.execute(query.where(live)).scalars())
            if not ids:
                raise NotFound("no live token matches")
            whom: dict[str, Any] = {"token_ids": ids}
        else:
            user = get_user(conn, username or "")
            query = select(tokens.c.id).where(tokens.c.user_id == user.id)
            ids = list(conn.execute(query.where(live)).scalars())
            whom = {"user": user.username, "token_ids": ids}
        if ids:
            conn.execute(tokens.update().where(tokens.c.id.in_(ids)).values(revoked_at=now))
            audit.append(
                conn,
                actor=actor,
                action="token.revoke",
                entity="token",
                entity_id=ids[0] if len(ids) == 1 else None,
                payload=whom,
            )
    return len(ids)


def authenticate(conn: Connection, secret: str | None) -> User:
    """The active user a bearer token belongs to; Unauthorized for a missing or bad token."""
    return authenticate_token(conn, secret)[1]


def authenticate_token(conn: Connection, secret: str | None) -> tuple[int, User]:
    """The id of a live bearer token and its active user (a web session records the id)."""
    if not secret:
        raise Unauthorized("a bearer token is required (Authorization: Bearer TOKEN)")
    return _live_token(conn, "token_hash", token_hash(secret), "the token")


def session_user(conn: Connection, token_id: int) -> User:
    """The active user of a web session made from token `token_id`, while that token is live."""
    return _live_token(conn, "id", token_id, "the session's token")[1]


#: The live token whose `token_hash` (or `id`) is `:key`, with its user: built once, as
#: every API request authenticates (building it cost as much as running it).
_LIVE_TOKEN = {
    column: select(users, tokens.c.id.label("token_id"))
    .join(tokens, tokens.c.user_id == users.c.id)
    .where(tokens.c[column] == bindparam("key"), tokens.c.revoked_at.is_(None))
    for column in ("token_hash", "id")
}


def _live_token(conn: Connection, column: str, key: str | int, what: str) -> tuple[int, User]:
    row = conn.execute(_LIVE_TOKEN[column], {"key": key}).first()
    if row is None:
        raise Unauthorized(f"{what} is not valid (unknown or revoked)")
    user = _user_from_row(row)
    if not user.active:
        raise Unauthorized(f"user {user.username!r} is deactivated")
    return int(row.token_id), user
