"""Mine action: hazardous areas, their status history, land release, accident links, victims.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-12

On PostgreSQL `hazard_areas` also gets a PostGIS `geom` (SRID 4326) generated from its
GeoJSON, with a GiST index (storage/spatial.py); SQLite uses the bbox columns.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ceasefire.storage import spatial

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def _stamps() -> list[sa.Column[object]]:
    return [
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "hazard_areas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("district", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("evidence", sa.String(length=16), nullable=True),
        sa.Column("geometry", sa.Text(), nullable=False),
        sa.Column("min_lon", sa.Float(), nullable=False),
        sa.Column("min_lat", sa.Float(), nullable=False),
        sa.Column("max_lon", sa.Float(), nullable=False),
        sa.Column("max_lat", sa.Float(), nullable=False),
        sa.Column("area_m2", sa.Float(), nullable=False),
        sa.Column("remaining_m2", sa.Float(), nullable=False),
        sa.Column("review", sa.String(length=16), nullable=False),
        sa.Column("suggested_for", sa.Integer(), nullable=True),
        sa.Column("import_key", sa.String(length=64), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "remaining_m2 >= 0 AND remaining_m2 <= area_m2",
            name=op.f("ck_hazard_areas_remaining"),
        ),
        sa.ForeignKeyConstraint(
            ["suggested_for"],
            ["incidents.id"],
            name=op.f("fk_hazard_areas_suggested_for_incidents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hazard_areas")),
        sa.UniqueConstraint("import_key", name=op.f("uq_hazard_areas_import_key")),
        sa.UniqueConstraint("suggested_for", name=op.f("uq_hazard_areas_suggested_for")),
    )
    op.create_index(
        "ix_hazard_areas_bbox",
        "hazard_areas",
        ["min_lon", "max_lon", "min_lat", "max_lat"],
        unique=False,
    )
    op.create_table(
        "hazard_status_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hazard_area_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=True),
        sa.Column("to_status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        *_stamps(),
        _area_key("hazard_status_history"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hazard_status_history")),
    )
    _index_area("hazard_status_history")
    op.create_table(
        "clearance_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hazard_area_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=24), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("area_m2", sa.Float(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("team", sa.Text(), nullable=True),
        *_stamps(),
        sa.CheckConstraint("area_m2 > 0", name=op.f("ck_clearance_tasks_area")),
        _area_key("clearance_tasks"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clearance_tasks")),
    )
    _index_area("clearance_tasks")
    op.create_table(
        "incident_hazards",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("hazard_area_id", sa.Integer(), nullable=False),
        sa.Column("linked_by", sa.Text(), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        _area_key("incident_hazards"),
        _incident_key("incident_hazards"),
        sa.PrimaryKeyConstraint("incident_id", name=op.f("pk_incident_hazards")),
    )
    _index_area("incident_hazards")
    op.create_table(
        "eo_victims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("age_group", sa.String(length=8), nullable=False),
        sa.Column("sex", sa.String(length=8), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        *_stamps(),
        _incident_key("eo_victims"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eo_victims")),
    )
    op.create_index(op.f("ix_eo_victims_incident_id"), "eo_victims", ["incident_id"], unique=False)
    for statement in spatial.create_hazard_extras_sql(op.get_bind().dialect.name):
        op.execute(statement)


def _area_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["hazard_area_id"],
        ["hazard_areas.id"],
        name=op.f(f"fk_{table}_hazard_area_id_hazard_areas"),
    )


def _incident_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["incident_id"], ["incidents.id"], name=op.f(f"fk_{table}_incident_id_incidents")
    )


def _index_area(table: str) -> None:
    op.create_index(op.f(f"ix_{table}_hazard_area_id"), table, ["hazard_area_id"], unique=False)


def downgrade() -> None:
    for statement in spatial.drop_hazard_extras_sql(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_index(op.f("ix_eo_victims_incident_id"), table_name="eo_victims")
    op.drop_table("eo_victims")
    for table in ("incident_hazards", "clearance_tasks", "hazard_status_history"):
        op.drop_index(op.f(f"ix_{table}_hazard_area_id"), table_name=table)
        op.drop_table(table)
    op.drop_index("ix_hazard_areas_bbox", table_name="hazard_areas")
    op.drop_table("hazard_areas")
