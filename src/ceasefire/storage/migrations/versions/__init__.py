"""Alembic revisions (pre-release: one initial migration)."""
