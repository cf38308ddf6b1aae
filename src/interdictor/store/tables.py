"""The tables of the store, as SQLAlchemy Core metadata.

The Alembic revisions in ``migrations/versions`` create these tables; this module
is what the queries use. ``tests/store/test_migrations.py`` checks that the two agree.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# JSON on SQLite, JSONB on PostgreSQL (indexable, compact).
JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

metadata = sa.MetaData()

datasets = sa.Table(
    "datasets",
    metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

list_versions = sa.Table(
    "list_versions",
    metadata,
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
    sa.Index("ix_list_versions_dataset", "dataset"),
    # At most one current version per dataset, enforced by the database itself.
    sa.Index(
        "uq_list_versions_current",
        "dataset",
        unique=True,
        sqlite_where=sa.text("is_current"),
        postgresql_where=sa.text("is_current"),
    ),
)

listed_entities = sa.Table(
    "listed_entities",
    metadata,
    sa.Column(
        "version_id",
        sa.Integer,
        sa.ForeignKey("list_versions.id", name="fk_listed_entities_version", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("entity_id", sa.String(300), primary_key=True),
    sa.Column("schema", sa.String(50), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("data", JSONType, nullable=False),
    sa.Index("ix_listed_entities_entity_id", "entity_id"),
)

load_rejections = sa.Table(
    "load_rejections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "version_id",
        sa.Integer,
        sa.ForeignKey("list_versions.id", name="fk_load_rejections_version", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("position", sa.String(200), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("excerpt", sa.Text, nullable=False),
    sa.Index("ix_load_rejections_version_id", "version_id"),
)

screening_runs = sa.Table(
    "screening_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("list_fingerprint", sa.String(64), nullable=False),
    sa.Column("parameters", JSONType, nullable=False),
    sa.Column("query_count", sa.Integer, nullable=False),
    sa.Column("match_count", sa.Integer, nullable=False),
)

screening_results = sa.Table(
    "screening_results",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "run_id",
        sa.Integer,
        sa.ForeignKey("screening_runs.id", name="fk_screening_results_run", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("query_id", sa.String(300), nullable=False),
    sa.Column("query", JSONType, nullable=False),
    # A query without any match keeps one row with no entity, so a re-screen sees it.
    sa.Column("entity_id", sa.String(300), nullable=True),
    sa.Column("dataset", sa.String(200), nullable=True),
    sa.Column("score", sa.Float, nullable=True),
    sa.Column("explanation", JSONType, nullable=True),
    sa.Index("ix_screening_results_run_id", "run_id"),
    sa.Index("ix_screening_results_entity_id", "entity_id"),
)

# Officers' goods classification decisions, append-only. The decision in force for a
# description is the latest (``decided_at``, then ``id``) of its key; earlier ones stay.
goods_decisions = sa.Table(
    "goods_decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("decision_key", sa.Text, nullable=False),
    # SHA-256 of decision_key: an index on the key itself could exceed PostgreSQL's limit.
    sa.Column("key_hash", sa.String(64), nullable=False),
    sa.Column("entry", sa.String(64), nullable=False),
    sa.Column("hs_code", sa.String(32), nullable=False),
    sa.Column("decided_by", sa.String(200), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Index("ix_goods_decisions_key_hash", "key_hash"),
)

# Stored control-list catalogues; the newest version (highest id) is the one in force.
catalogue_versions = sa.Table(
    "catalogue_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("label", sa.String(300), nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("overlay", sa.Text, nullable=True),
    sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("entry_count", sa.Integer, nullable=False),
    sa.Column("rejected_count", sa.Integer, nullable=False),
)

catalogue_entries = sa.Table(
    "catalogue_entries",
    metadata,
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

catalogue_rejections = sa.Table(
    "catalogue_rejections",
    metadata,
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
    sa.Index("ix_catalogue_rejections_version_id", "version_id"),
)

# Analysts' verdicts on alerts, append-only; the latest per alert id is in force.
alert_feedback = sa.Table(
    "alert_feedback",
    metadata,
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
    sa.CheckConstraint("verdict IN ('confirmed', 'dismissed')", name="ck_alert_feedback_verdict"),
    sa.Index("ix_alert_feedback_alert_id", "alert_id"),
)
