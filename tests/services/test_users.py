"""Delegations, users and bearer tokens: roles, hashing, revocation, audit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ceasefire.domain.taxonomy import Role
from ceasefire.errors import Conflict, Forbidden, InvalidValue, NotFound, Unauthorized
from ceasefire.services import audit, users
from ceasefire.storage.schema import audit_log, tokens
from ceasefire.storage.sql import Database
from verification_support import make_centre


def test_officer_must_belong_to_a_delegation(database: Database) -> None:
    with pytest.raises(InvalidValue, match="officer must belong to a delegation"):
        users.add_user(database, "olga", "officer")


def test_officer_of_an_unknown_delegation_is_refused(database: Database) -> None:
    with pytest.raises(NotFound, match="no delegation 'XX'"):
        users.add_user(database, "olga", "officer", delegation="XX")


def test_users_and_delegations_are_listed_with_their_roles(database: Database) -> None:
    make_centre(database)
    assert [d.code for d in users.list_delegations(database)] == ["AM", "AZ"]
    listed = {u.username: (u.role, u.delegation) for u in users.list_users(database)}
    assert listed["aziz"] == (Role.OFFICER, "AZ")
    assert listed["vic"] == (Role.VIEWER, None)


@pytest.mark.parametrize(
    ("username", "role", "field"),
    [("Bad Name", "viewer", "username"), ("olga", "general", "role")],
)
def test_bad_user_fields_are_named(
    database: Database, username: str, role: str, field: str
) -> None:
    with pytest.raises(InvalidValue) as caught:
        users.add_user(database, username, role)
    assert caught.value.field == field


def test_duplicates_are_conflicts(database: Database) -> None:
    make_centre(database)
    with pytest.raises(Conflict):
        users.add_delegation(database, "az", "again")
    with pytest.raises(Conflict):
        users.add_user(database, "aziz", "viewer")


def test_delegation_public_key_must_be_ed25519_pem(database: Database) -> None:
    with pytest.raises(InvalidValue, match="public_key"):
        users.add_delegation(database, "AZ", "Azerbaijani delegation", public_key_pem="not a key")


def test_token_authenticates_its_user_and_only_its_hash_is_stored(database: Database) -> None:
    make_centre(database)
    issued = users.create_token(database, "aziz")
    with database.connect() as conn:
        assert users.authenticate(conn, issued.secret).username == "aziz"
        stored = conn.execute(select(tokens.c.token_hash)).scalars().all()
        logged = " ".join(conn.execute(select(audit_log.c.payload)).scalars())
    assert stored == [users.token_hash(issued.secret)]
    assert issued.secret not in logged and stored[0] not in logged


def test_revoked_token_no_longer_authenticates(database: Database) -> None:
    make_centre(database)
    first = users.create_token(database, "aziz")
    second = users.create_token(database, "aziz")
    assert users.revoke_tokens(database, secret=first.secret) == 1
    with database.connect() as conn:
        with pytest.raises(Unauthorized, match="not valid"):
            users.authenticate(conn, first.secret)
        assert users.authenticate(conn, second.secret).username == "aziz"
    assert users.revoke_tokens(database, username="aziz") == 1
    with database.connect() as conn, pytest.raises(Unauthorized):
        users.authenticate(conn, second.secret)


def test_revoking_an_unknown_token_is_not_found(database: Database) -> None:
    with pytest.raises(NotFound):
        users.revoke_tokens(database, secret="nope")
    with pytest.raises(InvalidValue):
        users.revoke_tokens(database)


def test_missing_token_is_unauthorized(database: Database) -> None:
    with database.connect() as conn, pytest.raises(Unauthorized, match="bearer token is required"):
        users.authenticate(conn, None)


def test_require_role_names_what_was_refused() -> None:
    viewer = users.User(1, "vic", Role.VIEWER, None)
    with pytest.raises(Forbidden, match="needs role officer; 'vic' is viewer"):
        users.require_role(viewer, Role.OFFICER, doing="recording a position")


def test_every_change_is_audited(database: Database) -> None:
    make_centre(database)
    users.create_token(database, "aziz")
    users.revoke_tokens(database, username="aziz")
    with database.connect() as conn:
        actions = conn.execute(select(audit_log.c.action).order_by(audit_log.c.seq)).scalars().all()
        assert audit.verify(conn).intact
    assert actions == ["delegation.add"] * 2 + ["user.add"] * 5 + ["token.create", "token.revoke"]
