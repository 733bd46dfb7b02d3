"""Assessments (bedömning av säkerhetsenheten) of targets no statistic measures.

Revision ID: 0003
Revises: 0002

One row per save, keyed by agreement, target and year, so agreements sharing one store keep
theirs apart (followup/records.py). A database made by a release that created the table itself,
before migrations, already has it and keeps it as it is.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "assessments" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("agreement", sa.String(100), nullable=False),
        sa.Column("target_id", sa.String(100), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("motivation", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("saved_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_assessments_target", "assessments", ["agreement", "target_id", "year"])
