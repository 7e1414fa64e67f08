"""The one schema, shared by SQLite and PostgreSQL (SQLAlchemy Core).

Dialect-specific extras (R*Tree on SQLite, PostGIS geometry and GiST on PostgreSQL) are added
by `ceasefire.storage.spatial`, called from the migrations.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# --- sources and claims (ingest) -------------------------------------------------------------

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),  # identity: same bytes, same source
    Column("kind", String(32), nullable=False),
    Column("format", String(16), nullable=False),  # text, html, feed, json, acled, ucdp
    Column("filename", Text),
    Column("document_id", Text),  # the envelope `id` when one was given
    Column("headline", Text, nullable=False, default=""),
    Column("body", Text, nullable=False),
    Column("published", DateTime(timezone=True)),
    Column("modified", DateTime(timezone=True)),
    Column("section", Text),
    Column("agency", Text),
    Column("publisher", Text),
    Column("author", Text),
    Column("url", Text),
    Column("language", String(16), nullable=False, default="en"),
    Column("related_headlines", JSON, nullable=False, default=list),
    Column("reliability", String(1), nullable=False, default="F"),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("raw", LargeBinary, nullable=False),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("category", String(32), nullable=False),
    Column("type", String(64), nullable=False),
    Column("status", String(16), nullable=False, default="reported"),
    Column("time_start", Date, nullable=False),
    Column("time_end", Date, nullable=False),
    Column("time_precision", String(8), nullable=False),
    Column("place_name", Text),
    Column("gazetteer_id", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("place_precision", String(16), nullable=False, default="unknown"),
    Column("casualties", JSON, nullable=False, default=dict),  # best/low/high by kind and status
    Column("claimants", JSON, nullable=False, default=list),
    Column("perpetrators", JSON, nullable=False, default=list),
    Column("third_party_reported", Boolean, nullable=False, default=False),
    Column("disputed_attribution", Boolean, nullable=False, default=False),
    Column("summary", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),  # optimistic concurrency
    # The name of the agreement in force at its estimated time and place (agreements.name),
    # kept by linking and by adding agreements (services/agreements.py): lists read it.
    Column("agreement", Text),
    # Set when an analyst operation took the last claim away: the record stays, as history.
    Column("merged_into", ForeignKey("incidents.id")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # lon/lat ride along so that a bbox + time query filters inside the index (no row reads).
    # Windows run forward: the spatial indexes and date ranges rely on it.
    CheckConstraint("time_start <= time_end", name="time_order"),
    Index("ix_incidents_category_time", "category", "time_start", "time_end", "lon", "lat"),
    Index("ix_incidents_time", "time_start", "time_end"),
    # Windows longer than a month ("year" precision) are few; time queries read them apart.
    Index("ix_incidents_precision", "time_precision", "category", "time_start"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="RESTRICT"), nullable=False),
    Column("ordinal", Integer, nullable=False),  # position within its source
    # Context claims belong to no incident; every other claim is in exactly one.
    Column("incident_id", ForeignKey("incidents.id", ondelete="RESTRICT"), index=True),
    Column("category", String(32), nullable=False),
    Column("type", String(64), nullable=False),
    Column("summary", Text, nullable=False),
    Column("time_start", Date, nullable=False),
    Column("time_end", Date, nullable=False),
    Column("time_precision", String(8), nullable=False),
    Column("time_text", Text, nullable=False, default=""),
    Column("place_name", Text),
    Column("gazetteer_id", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("place_precision", String(16), nullable=False, default="unknown"),
    Column("place_text", Text, nullable=False, default=""),
    Column("perpetrator_alleged", Text),
    Column("target", Text),
    Column("claimed_by", Text, nullable=False),
    Column("claimant_is_party", Boolean, nullable=False),
    Column("disputed_by", Text),
    Column("casualties", JSON, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("credibility", Integer, nullable=False, default=6),
    # Sentence embedding of summary + quote (embeddings.py), when text_similarity=embeddings.
    Column("text_vector", LargeBinary),
    # The name of the agreement in force at the claim's time and place (agreements.name).
    Column("agreement", Text),
    # Every town one attack names, when it names several (PlaceRef JSON each); else null.
    Column("places", JSON),
    UniqueConstraint("source_id", "ordinal"),
    CheckConstraint("time_start <= time_end", name="time_order"),
    Index("ix_claims_category_time", "category", "time_start", "time_end"),
    # The linker's lookup of vague (month/year) windows, which the time range cannot bound.
    Index("ix_claims_category_precision", "category", "time_precision"),
)

# --- agreements being monitored ------------------------------------------------------------

agreements = Table(
    "agreements",
    metadata,
    Column("id", String(80), primary_key=True),  # slug, e.g. trilateral-statement-2020-11-10
    Column("name", Text, nullable=False, unique=True),  # what claims/incidents.agreement record
    Column("kind", String(32), nullable=False),
    Column("parties", JSON, nullable=False, default=list),
    # Stored in UTC; `time_zone` (IANA name or offset) gives back the agreement's own clock.
    Column("effective", DateTime(timezone=True), nullable=False),
    Column("ends", DateTime(timezone=True)),
    Column("time_zone", String(64), nullable=False),
    Column("zone", JSON),  # GeoJSON Polygon/MultiPolygon, lon/lat; null: applies everywhere
    Column("sources", JSON, nullable=False, default=list),
    Column("notes", Text, nullable=False, default=""),
    Column("created_by", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# --- linking ---------------------------------------------------------------------------------

link_decisions = Table(
    "link_decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("claim_id", ForeignKey("claims.id"), nullable=False, index=True),
    Column("incident_id", ForeignKey("incidents.id"), index=True),
    # linked, new, suggested, accepted, rejected, merged, split, manual_link, manual_unlink
    Column("decision", String(16), nullable=False),
    Column("score", Float),
    Column("reasons", JSON, nullable=False, default=list),
    Column("decided_by", Text, nullable=False, default="system"),
    Column("decided_at", DateTime(timezone=True), nullable=False),
)

incident_history = Table(
    "incident_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("incident_id", ForeignKey("incidents.id"), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(32), nullable=False),
    Column("detail", JSON, nullable=False, default=dict),
)

# --- verification, users, audit --------------------------------------------------------------

delegations = Table(
    "delegations",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("name", Text, nullable=False),
    Column("public_key", Text),  # Ed25519, PEM; used to check signed audit digests
    Column("created_at", DateTime(timezone=True), nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("delegation", ForeignKey("delegations.code")),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

tokens = Table(
    "tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("users.id"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # SHA-256; never the token
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

positions = Table(
    "positions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("incident_id", ForeignKey("incidents.id"), nullable=False),
    Column("delegation", ForeignKey("delegations.code"), nullable=False),
    Column("position", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("evidence", JSON, nullable=False, default=list),
    Column("recorded_by", ForeignKey("users.id"), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("current", Boolean, nullable=False, default=True),  # older positions stay as history
    Index("ix_positions_incident_delegation", "incident_id", "delegation"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(48), nullable=False),
    Column("entity", String(32), nullable=False),
    Column("entity_id", Text),
    Column("payload", Text, nullable=False),  # canonical JSON of the change
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)

audit_signatures = Table(
    "audit_signatures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("day", Date, nullable=False),
    Column("head_seq", Integer, nullable=False),
    Column("head_hash", String(64), nullable=False),
    Column("delegation", ForeignKey("delegations.code"), nullable=False),
    Column("signature", Text, nullable=False),  # base64 Ed25519 signature of the digest
    Column("signed_at", DateTime(timezone=True), nullable=False),
)

complaints = Table(
    "complaints",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("sources.id"), nullable=False, unique=True),
    Column("lodged_by", ForeignKey("delegations.code"), nullable=False),
    Column("against", ForeignKey("delegations.code"), nullable=False),
    Column("lodged_at", DateTime(timezone=True), nullable=False),
    Column("notified_at", DateTime(timezone=True)),
    Column("response_due", Date),
    Column("response", Text),
    Column("responded_at", DateTime(timezone=True)),
    Column("incident_id", ForeignKey("incidents.id")),
    # pending, substantiated, not_substantiated, unattributable
    Column("outcome", String(24), nullable=False, default="pending"),
)

restrictions = Table(
    "restrictions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("day", Date, nullable=False),
    Column(
        "kind", String(32), nullable=False
    ),  # access_denied, delayed, uav_jammed, uav_fired_upon
    Column("place_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("imposed_by", Text),
    Column("description", Text, nullable=False),
    Column("recorded_by", ForeignKey("users.id")),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)

# --- mine action (IMSMA Land, Activity, Accident, Victim) -------------------------------------

hazard_areas = Table(
    "hazard_areas",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("district", Text),
    # suspected, confirmed, cancelled, reduced, cleared (domain/mine_action.py)
    Column("status", String(16), nullable=False),
    Column("evidence", String(16)),  # direct, indirect; null: not stated
    # GeoJSON Polygon/MultiPolygon, lon/lat. PostgreSQL adds a PostGIS `geom` made from it.
    Column("geometry", Text, nullable=False),
    Column("min_lon", Float, nullable=False),
    Column("min_lat", Float, nullable=False),
    Column("max_lon", Float, nullable=False),
    Column("max_lat", Float, nullable=False),
    Column("area_m2", Float, nullable=False),  # estimated: geodesic area of the polygon
    Column("remaining_m2", Float, nullable=False),
    # accepted; pending/rejected: suggested around an accident, for an analyst to answer
    Column("review", String(16), nullable=False, default="accepted"),
    Column("suggested_for", ForeignKey("incidents.id"), unique=True),
    # SHA-256 of an imported feature's name and geometry: the same feature imports once.
    Column("import_key", String(64), unique=True),
    Column("created_by", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("remaining_m2 >= 0 AND remaining_m2 <= area_m2", name="remaining"),
    Index("ix_hazard_areas_bbox", "min_lon", "max_lon", "min_lat", "max_lat"),
)

hazard_status_history = Table(
    "hazard_status_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("hazard_area_id", ForeignKey("hazard_areas.id"), nullable=False, index=True),
    Column("day", Date, nullable=False),  # when the change happened on the ground
    Column("from_status", String(16)),  # null: the area was recorded
    Column("to_status", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)

clearance_tasks = Table(
    "clearance_tasks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("hazard_area_id", ForeignKey("hazard_areas.id"), nullable=False, index=True),
    # clearance, technical_survey, non_technical_survey
    Column("method", String(24), nullable=False),
    Column("day", Date, nullable=False),
    Column("area_m2", Float, nullable=False),
    Column("items", JSON, nullable=False, default=dict),  # {"ap_mine": 3, "uxo": 1}
    Column("team", Text),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("area_m2 > 0", name="area"),
)

incident_hazards = Table(
    "incident_hazards",
    metadata,
    # An explosive-ordnance incident (accident) happened in at most one hazardous area.
    Column("incident_id", ForeignKey("incidents.id"), primary_key=True),
    Column("hazard_area_id", ForeignKey("hazard_areas.id"), nullable=False, index=True),
    Column("linked_by", Text, nullable=False),
    Column("linked_at", DateTime(timezone=True), nullable=False),
)

eo_victims = Table(
    "eo_victims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("incident_id", ForeignKey("incidents.id"), nullable=False, index=True),
    Column("age_group", String(8), nullable=False),  # child, adult, unknown
    Column("sex", String(8), nullable=False),  # female, male, unknown
    Column("role", String(16), nullable=False),  # civilian, deminer, military, unknown
    Column("outcome", String(8), nullable=False),  # killed, injured, unknown
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)
