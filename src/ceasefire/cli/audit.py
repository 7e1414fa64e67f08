"""Commands for the audit log: verify the chain, daily digests, Ed25519 keys and signatures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ceasefire.cli._app import JsonOption, app, echo_json, open_database, parse_day
from ceasefire.services import audit

audit_app = typer.Typer(
    help="The tamper-evident audit log: every change, hash-chained; delegations sign daily "
    "digests.\n\nExample: ceasefire audit verify",
    no_args_is_help=True,
)
app.add_typer(audit_app, name="audit")

DateOption = Annotated[str, typer.Option("--date", help="The day, YYYY-MM-DD (UTC) or today.")]
DelegationOption = Annotated[str, typer.Option("--delegation", help="Delegation code, e.g. AZ.")]


@audit_app.command("verify")
def verify(ctx: typer.Context) -> None:
    """Re-compute the hash chain: exit 0 when intact, 1 naming the first bad entry.

    Example: ceasefire audit verify
    """
    with open_database(ctx) as database, database.connect() as conn:
        report = audit.verify(conn)
    if report.broken is None:
        typer.echo(f"intact: {report.entries} entries")
        return
    typer.echo(f"broken: first bad entry seq {report.broken.seq}: {report.broken.reason}")
    raise typer.Exit(1)


@audit_app.command("digest")
def digest(ctx: typer.Context, day: DateOption, as_json: JsonOption = False) -> None:
    """Print the day's head: the seq and hash of the last entry before midnight UTC.

    Example: ceasefire audit digest --date 2020-11-10
    """
    with open_database(ctx) as database, database.connect() as conn:
        found = audit.digest(conn, parse_day(day))
    if as_json:
        echo_json(
            {
                "date": found.day.isoformat(),
                "head_seq": found.head_seq,
                "head_hash": found.head_hash,
            }
        )
        return
    typer.echo(f"{found.day.isoformat()} head seq {found.head_seq} hash {found.head_hash}")


@audit_app.command("keygen")
def keygen(
    out: Annotated[Path, typer.Option("--out", help="Writes PREFIX.key (private) and PREFIX.pub.")],
) -> None:
    """Make an Ed25519 key pair for a delegation; register PREFIX.pub with `delegation add`.

    Example: ceasefire audit keygen --out keys/az
    """
    key, pub = audit.generate_keypair(out)
    typer.echo(f"private key {key} (keep it secret)\npublic key {pub}")


@audit_app.command("sign")
def sign(
    ctx: typer.Context,
    day: DateOption,
    delegation: DelegationOption,
    key: Annotated[Path, typer.Option("--key", help="The delegation's private key (PEM).")],
) -> None:
    """Sign the day's digest with the delegation's private key and store the signature.

    Example: ceasefire audit sign --date 2020-11-10 --delegation AZ --key keys/az.key
    """
    private_key = audit.private_key_from_file(key)
    code = delegation.strip().upper()
    with open_database(ctx) as database, database.begin() as conn:
        signed = audit.sign(
            conn,
            day=parse_day(day),
            delegation=code,
            private_key=private_key,
            actor=f"delegation {code}",
        )
    typer.echo(
        f"{code} signed {signed.digest.day.isoformat()}: head seq {signed.digest.head_seq} "
        f"hash {signed.digest.head_hash}"
    )


@audit_app.command("check-signature")
def check_signature(ctx: typer.Context, day: DateOption, delegation: DelegationOption) -> None:
    """Check a stored signature and that the chain still hashes to the signed head (exit 1 if not).

    Example: ceasefire audit check-signature --date 2020-11-10 --delegation AZ
    """
    code = delegation.strip().upper()
    with open_database(ctx) as database, database.connect() as conn:
        check = audit.check_signature(conn, day=parse_day(day), delegation=code)
    head = f"head seq {check.signed.head_seq}"
    if check.ok:
        typer.echo(f"ok: {code} signed {check.signed.day.isoformat()} ({head}); the chain matches")
        return
    typer.echo(
        f"broken: {code} signature of {check.signed.day.isoformat()} ({head}): {check.problem}"
    )
    raise typer.Exit(1)
