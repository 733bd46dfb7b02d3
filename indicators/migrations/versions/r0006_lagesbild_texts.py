"""The kommun lägesbild's free-text sections and its approvals.

Revision ID: 0006
Revises: 0005

`lagesbild_texts`: one row per save of a section the analysts write (medborgardialog, skolans
kartläggning, their own analysis), keyed by agreement, year and section, as comments are by goal.
`lagesbild_approvals`: the approved lägesbild as a JSON snapshot, shaped as the annual
follow-up's approvals (followup/records.py); a withdrawn approval stays for history. A
database whose alembic_version was lost is migrated again from 0001 and keeps what it has.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "lagesbild_texts" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "lagesbild_texts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("agreement", sa.String(100), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("section", sa.String(100), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("saved_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_lagesbild_texts_year", "lagesbild_texts", ["agreement", "year"])
    op.create_table(
        "lagesbild_approvals",
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
