"""Create the store: datasets, list versions, listed entities, rejections, screening runs.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "datasets",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "list_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "dataset",
            sa.String(200),
            sa.ForeignKey("datasets.name", name="fk_list_versions_dataset"),
            nullable=False,
        ),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("format", sa.String(50), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("published", sa.String(50), nullable=True),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entity_count", sa.Integer, nullable=False),
        sa.Column("rejected_count", sa.Integer, nullable=False),
        sa.Column("is_current", sa.Boolean, nullable=False),
    )
    op.create_index("ix_list_versions_dataset", "list_versions", ["dataset"])
    op.create_index(
        "uq_list_versions_current",
        "list_versions",
        ["dataset"],
        unique=True,
        sqlite_where=sa.text("is_current"),
        postgresql_where=sa.text("is_current"),
    )
    op.create_table(
        "listed_entities",
        sa.Column(
            "version_id",
            sa.Integer,
            sa.ForeignKey(
                "list_versions.id", name="fk_listed_entities_version", ondelete="CASCADE"
            ),
            primary_key=True,
        ),
        sa.Column("entity_id", sa.String(300), primary_key=True),
        sa.Column("schema", sa.String(50), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("data", JSONType, nullable=False),
    )
    op.create_index("ix_listed_entities_entity_id", "listed_entities", ["entity_id"])
    op.create_table(
        "load_rejections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "version_id",
            sa.Integer,
            sa.ForeignKey(
                "list_versions.id", name="fk_load_rejections_version", ondelete="CASCADE"
            ),
            nullable=False,
        ),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("position", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("excerpt", sa.Text, nullable=False),
    )
    op.create_index("ix_load_rejections_version_id", "load_rejections", ["version_id"])
    op.create_table(
        "screening_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("list_fingerprint", sa.String(64), nullable=False),
        sa.Column("parameters", JSONType, nullable=False),
        sa.Column("query_count", sa.Integer, nullable=False),
        sa.Column("match_count", sa.Integer, nullable=False),
    )
    op.create_table(
        "screening_results",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "run_id",
            sa.Integer,
            sa.ForeignKey("screening_runs.id", name="fk_screening_results_run", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("query_id", sa.String(300), nullable=False),
        sa.Column("query", JSONType, nullable=False),
        sa.Column("entity_id", sa.String(300), nullable=True),
        sa.Column("dataset", sa.String(200), nullable=True),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("explanation", JSONType, nullable=True),
    )
    op.create_index("ix_screening_results_run_id", "screening_results", ["run_id"])
    op.create_index("ix_screening_results_entity_id", "screening_results", ["entity_id"])


def downgrade() -> None:
    op.drop_table("screening_results")
    op.drop_table("screening_runs")
    op.drop_table("load_rejections")
    op.drop_table("listed_entities")
    op.drop_table("list_versions")
    op.drop_table("datasets")
