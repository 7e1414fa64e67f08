"""The agreement in force stored with each incident (`incidents.agreement`), for lists.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

Lists used to find each incident's agreement when they were read (3.8 ms for a page of 500
with the bundled timeline); now linking stores it with the estimates, and adding agreements
sets it again (services/agreements.py). Upgrading fills it for the incidents already stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    from ceasefire.services.agreements import assign_to_incidents

    op.add_column("incidents", sa.Column("agreement", sa.Text(), nullable=True))
    assign_to_incidents(op.get_bind())


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+): batch mode would copy the table and lose the
    # R*Tree triggers of storage/spatial.py.
    op.drop_column("incidents", "agreement")
