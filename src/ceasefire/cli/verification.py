"""Commands for joint verification: delegations, users, tokens, positions, closing a review."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ceasefire.cli._app import JsonOption, app, echo_json, open_database, settings_of
from ceasefire.domain.verification import ConfirmRule
from ceasefire.errors import InvalidInput
from ceasefire.services import users, verification

AsUser = Annotated[
    str,
    typer.Option("--as", help="The user acting (an officer for positions, an admin for reviews)."),
]

# --- delegations --------------------------------------------------------------------------------

delegation_app = typer.Typer(
    help="Delegations of the parties that verify incidents jointly.\n\n"
    "Example: ceasefire delegation add AZ --name 'Azerbaijani delegation' --public-key az.pub",
    no_args_is_help=True,
)
app.add_typer(delegation_app, name="delegation")


@delegation_app.command("add")
def delegation_add(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="Short code, e.g. AZ or AM.")],
    name: Annotated[str, typer.Option("--name", help="Full name of the delegation.")],
    public_key: Annotated[
        Path | None,
        typer.Option(
            "--public-key", help="Ed25519 public key (PEM) that checks its audit signatures."
        ),
    ] = None,
) -> None:
    """Register a delegation; every delegation takes part in the confirmation rule.

    Example: ceasefire delegation add AM --name 'Armenian delegation' --public-key am.pub
    """
    pem = None
    if public_key is not None:
        try:
            pem = public_key.read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"{public_key}: cannot read the public key ({exc})") from None
    with open_database(ctx) as database:
        added = users.add_delegation(database, code, name, public_key_pem=pem)
    key = "with" if added.has_public_key else "without"
    typer.echo(f"added delegation {added.code} ({added.name}) {key} a public key")


@delegation_app.command("list")
def delegation_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the delegations.

    Example: ceasefire delegation list --json
    """
    with open_database(ctx) as database:
        found = users.list_delegations(database)
    if as_json:
        echo_json([{"code": d.code, "name": d.name, "public_key": d.has_public_key} for d in found])
        return
    for d in found:
        typer.echo(f"{d.code}\t{d.name}\tpublic key: {'yes' if d.has_public_key else 'no'}")


# --- users --------------------------------------------------------------------------------------

user_app = typer.Typer(
    help="Users and their roles (admin, officer, analyst, viewer).\n\n"
    "Example: ceasefire user add aziz --role officer --delegation AZ",
    no_args_is_help=True,
)
app.add_typer(user_app, name="user")


@user_app.command("add")
def user_add(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Login name: lower-case letters, digits, . _ -")],
    role: Annotated[str, typer.Option("--role", help="admin | officer | analyst | viewer")],
    delegation: Annotated[
        str | None, typer.Option("--delegation", help="Delegation code; required for an officer.")
    ] = None,
) -> None:
    """Add a user; an officer must belong to a delegation.

    Example: ceasefire user add anahit --role officer --delegation AM
    """
    with open_database(ctx) as database:
        user = users.add_user(database, username, role, delegation=delegation)
    of = f" of delegation {user.delegation}" if user.delegation else ""
    typer.echo(f"added user {user.username} ({user.role.value}{of})")


@user_app.command("list")
def user_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List users with role and delegation.

    Example: ceasefire user list
    """
    with open_database(ctx) as database:
        found = users.list_users(database)
    if as_json:
        echo_json(
            [
                {
                    "username": u.username,
                    "role": u.role.value,
                    "delegation": u.delegation,
                    "active": u.active,
                }
                for u in found
            ]
        )
        return
    for u in found:
        typer.echo(f"{u.username}\t{u.role.value}\t{u.delegation or '-'}")


# --- tokens -------------------------------------------------------------------------------------

token_app = typer.Typer(
    help="Bearer tokens for the HTTP API (only their SHA-256 is stored).\n\n"
    "Example: ceasefire token create aziz",
    no_args_is_help=True,
)
app.add_typer(token_app, name="token")


@token_app.command("create")
def token_create(
    ctx: typer.Context, username: Annotated[str, typer.Argument(help="Whose token.")]
) -> None:
    """Create a bearer token; it is printed once, as the last line, and never stored.

    Example: TOKEN=$(ceasefire token create aziz | tail -n 1)
    """
    with open_database(ctx) as database:
        issued = users.create_token(database, username)
    typer.echo(f"token {issued.id} for {issued.user.username} (shown once; keep it secret):")
    typer.echo(issued.secret)


@token_app.command("revoke")
def token_revoke(
    ctx: typer.Context,
    token: Annotated[str | None, typer.Argument(help="The token to revoke.")] = None,
    user: Annotated[
        str | None, typer.Option("--user", help="Revoke every live token of this user.")
    ] = None,
) -> None:
    """Revoke one token, or every token of a user.

    Example: ceasefire token revoke --user aziz
    """
    with open_database(ctx) as database:
        revoked = users.revoke_tokens(database, secret=token, username=user)
    typer.echo(f"revoked {revoked} token{'s' if revoked != 1 else ''}")


# --- positions and reviews ------------------------------------------------------------------------


def _print_state(state: verification.VerificationState, as_json: bool) -> None:
    if as_json:
        echo_json({"incident_id": state.incident_id, **state.to_json()})
        return
    typer.echo(
        f"incident {state.incident_id}: status {state.status.value}, version {state.version}"
    )
    for code, held in state.current.items():
        stance = "no position yet" if held is None else f"{held.position.value}: {held.reason}"
        typer.echo(f"  {code}\t{stance}")


@app.command()
def position(
    ctx: typer.Context,
    incident_id: Annotated[int, typer.Argument(help="The incident.")],
    stance: Annotated[str, typer.Argument(metavar="confirms|disputes|abstains")],
    reason: Annotated[
        str, typer.Option("--reason", help="Why the delegation holds this position.")
    ],
    as_user: AsUser,
    evidence: Annotated[
        list[str] | None,
        typer.Option(
            "--evidence",
            help="source:ID, claim:ID or attachment:SHA256 (repeat it, or separate by commas).",
        ),
    ] = None,
    expected_version: Annotated[
        int | None,
        typer.Option(
            "--expected-version", help="The incident version you read; refused if changed."
        ),
    ] = None,
    delegation: Annotated[
        str | None, typer.Option("--delegation", help="Must be the officer's own delegation.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Record your delegation's position on an incident (it can be changed later; history is kept).

    Example: ceasefire position 12 confirms --reason 'patrol saw the craters' --as aziz --evidence source:3
    """
    settings = settings_of(ctx)
    with open_database(ctx) as database:
        state = verification.record_position(
            database,
            incident_id,
            username=as_user,
            position=stance,
            reason=reason,
            evidence=[ref for given in evidence or () for ref in given.replace(",", " ").split()],
            expected_version=expected_version,
            delegation=delegation,
            rule=ConfirmRule(settings.confirm_rule),
        )
    _print_state(state, as_json)


@app.command()
def positions(
    ctx: typer.Context,
    incident_id: Annotated[int, typer.Argument(help="The incident.")],
    as_json: JsonOption = False,
) -> None:
    """Show an incident's verification status, version and each delegation's position.

    Example: ceasefire positions 12 --json
    """
    with open_database(ctx) as database:
        state = verification.state_of(database, incident_id)
    _print_state(state, as_json)


review_app = typer.Typer(
    help="Close or reopen the joint review of an incident (admins).\n\n"
    "Example: ceasefire review close 12 --reason 'no access to the site' --as head",
    no_args_is_help=True,
)
app.add_typer(review_app, name="review")

ReasonOption = Annotated[str, typer.Option("--reason", help="Why (kept in the audit log).")]
VersionOption = Annotated[
    int | None, typer.Option("--expected-version", help="The incident version you read.")
]


@review_app.command("close")
def review_close(
    ctx: typer.Context,
    incident_id: Annotated[int, typer.Argument(help="The incident.")],
    reason: ReasonOption,
    as_user: AsUser,
    expected_version: VersionOption = None,
    as_json: JsonOption = False,
) -> None:
    """Close a review that cannot conclude: the incident becomes unconfirmed.

    Example: ceasefire review close 12 --reason 'no access to the site' --as head
    """
    with open_database(ctx) as database:
        state = verification.close_review(
            database,
            incident_id,
            username=as_user,
            reason=reason,
            expected_version=expected_version,
        )
    _print_state(state, as_json)


@review_app.command("reopen")
def review_reopen(
    ctx: typer.Context,
    incident_id: Annotated[int, typer.Argument(help="The incident.")],
    reason: ReasonOption,
    as_user: AsUser,
    expected_version: VersionOption = None,
    as_json: JsonOption = False,
) -> None:
    """Reopen a closed review (confirmed, refuted or unconfirmed) so positions can change.

    Example: ceasefire review reopen 12 --reason 'new UAV footage' --as head
    """
    with open_database(ctx) as database:
        state = verification.reopen_review(
            database,
            incident_id,
            username=as_user,
            reason=reason,
            expected_version=expected_version,
        )
    _print_state(state, as_json)
