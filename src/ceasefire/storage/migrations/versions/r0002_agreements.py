"""Agreements as data: the `agreements` table and the agreement each claim falls under;
the `places` of a claim that names several towns of one attack.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05

The bundled timeline is loaded by `ceasefire init` (services/agreements.py), not here: it is
audited like any other write, and a centre's own edits survive later upgrades.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "agreements",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("parties", sa.JSON(), nullable=False),
        sa.Column("effective", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends", sa.DateTime(timezone=True), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("zone", sa.JSON(), nullable=True),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreements")),
        sa.UniqueConstraint("name", name=op.f("uq_agreements_name")),
    )
    op.add_column("claims", sa.Column("agreement", sa.Text(), nullable=True))
    op.add_column("claims", sa.Column("places", sa.JSON(), nullable=True))


def downgrade() -> None:
    # SQLite drops a column only by rebuilding the table; batch mode does that on SQLite
    # and is a plain ALTER TABLE on PostgreSQL.
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("places")
        batch.drop_column("agreement")
    op.drop_table("agreements")
