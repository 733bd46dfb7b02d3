"""The store as it was before migrations: evidence, audit log, commentary and approvals.

Revision ID: 0001
Revises: (none)

A database made by an earlier release (tables created directly, no alembic_version) is adopted
here without losing anything: only the tables it lacks are created, and it is then at 0001 like
a new one. Every later change is a migration of its own on top of this one.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    for name, create in _TABLES.items():
        if name not in existing:
            create()


def _imports() -> None:
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("file", sa.String(500), nullable=False),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("imported_at", sa.String(40), nullable=False),
        sa.Column("user", sa.String(200)),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("layout", sa.String(100), nullable=False),
        sa.Column("origin", sa.String(40), nullable=False),
        sa.Column("observations", sa.Integer, nullable=False),
        sa.Column("archived", sa.Boolean, nullable=False),
        sa.Column("details", sa.Text, nullable=False),
    )


def _observations() -> None:
    op.create_table(
        "observations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("indicator", sa.String(100), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("period_type", sa.String(10), nullable=False),
        sa.Column("period_start", sa.String(10), nullable=False),
        sa.Column("period_end", sa.String(10), nullable=False),
        sa.Column("geo_level", sa.String(10), nullable=False),
        sa.Column("geo_code", sa.String(20)),
        sa.Column("geo_name", sa.String(200), nullable=False),
        sa.Column("breakdown", sa.Text, nullable=False),
        sa.Column("measure", sa.String(20), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("n", sa.Float),
        sa.Column("status", sa.String(20)),
        sa.Column("sheet", sa.String(200)),
        sa.Column("row", sa.Integer),
        sa.Column("cell", sa.String(20)),
        sa.Column("superseded_by", sa.Integer, sa.ForeignKey("imports.id")),
    )
    op.create_index("ix_observations_series", "observations", ["indicator", "geo_code", "period"])


def _measures() -> None:
    op.create_table(
        "measures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("row", sa.Integer),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("focus_area", sa.String(500)),
        sa.Column("responsible", sa.String(200)),
        sa.Column("linked_goals", sa.Text, nullable=False),
        sa.Column("start", sa.String(10)),
        sa.Column("end", sa.String(10)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("comment", sa.Text),
    )


def _free_texts() -> None:
    op.create_table(
        "free_texts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("omrade", sa.String(200)),
        sa.Column("text", sa.Text, nullable=False),
    )


def _audit() -> None:
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )


def _comments() -> None:
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("agreement", sa.String(100), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("goal_id", sa.String(100), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("saved_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_comments_year", "comments", ["agreement", "year"])


def _approvals() -> None:
    op.create_table(
        "approvals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("agreement", sa.String(100), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("approved_by", sa.String(200), nullable=False),
        sa.Column("approved_at", sa.String(40), nullable=False),
        sa.Column("last_import_id", sa.Integer, nullable=False),
        sa.Column("snapshot", sa.Text, nullable=False),
        sa.Column("withdrawn_by", sa.String(200)),
        sa.Column("withdrawn_at", sa.String(40)),
    )


# In dependency order: observations, measures and free texts refer to imports.
_TABLES = {
    "imports": _imports,
    "observations": _observations,
    "measures": _measures,
    "free_texts": _free_texts,
    "audit": _audit,
    "comments": _comments,
    "approvals": _approvals,
}
