"""Officers' goods decisions, control-list catalogue versions, analysts' alert feedback.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "goods_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("decision_key", sa.Text, nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("entry", sa.String(64), nullable=False),
        sa.Column("hs_code", sa.String(32), nullable=False),
        sa.Column("decided_by", sa.String(200), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
    )
    op.create_index("ix_goods_decisions_key_hash", "goods_decisions", ["key_hash"])
    op.create_table(
        "catalogue_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("label", sa.String(300), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("overlay", sa.Text, nullable=True),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entry_count", sa.Integer, nullable=False),
        sa.Column("rejected_count", sa.Integer, nullable=False),
    )
    op.create_table(
        "catalogue_entries",
        sa.Column(
            "version_id",
            sa.Integer,
            sa.ForeignKey(
                "catalogue_versions.id", name="fk_catalogue_entries_version", ondelete="CASCADE"
            ),
            primary_key=True,
        ),
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("data", JSONType, nullable=False),
    )
    op.create_table(
        "catalogue_rejections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "version_id",
            sa.Integer,
            sa.ForeignKey(
                "catalogue_versions.id", name="fk_catalogue_rejections_version", ondelete="CASCADE"
            ),
            nullable=False,
        ),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("position", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("excerpt", sa.Text, nullable=False),
    )
    op.create_index("ix_catalogue_rejections_version_id", "catalogue_rejections", ["version_id"])
    op.create_table(
        "alert_feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("alert_id", sa.String(64), nullable=False),
        sa.Column("typology", sa.String(50), nullable=True),
        sa.Column("record_ids", JSONType, nullable=False),
        sa.Column("entity_ids", JSONType, nullable=False),
        sa.Column("verdict", sa.String(20), nullable=False),
        sa.Column("analyst", sa.String(200), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.CheckConstraint(
            "verdict IN ('confirmed', 'dismissed')", name="ck_alert_feedback_verdict"
        ),
    )
    op.create_index("ix_alert_feedback_alert_id", "alert_feedback", ["alert_id"])


def downgrade() -> None:
    op.drop_table("alert_feedback")
    op.drop_table("catalogue_rejections")
    op.drop_table("catalogue_entries")
    op.drop_table("catalogue_versions")
    op.drop_table("goods_decisions")
