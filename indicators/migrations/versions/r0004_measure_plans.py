"""The åtgärdsplan's columns of a measure, in a table of their own beside `measures`.

Revision ID: 0004
Revises: 0003

Brå's template adds orsak, operativa mål, när, vem and a follow-up per year to a measure
(indicators/store.py). They are text from the imported file, so `Text` (PostgreSQL enforces a
VARCHAR's length; see 0002). A database made by a release that created the table itself, before
migrations, already has it; its när and vem columns, declared with lengths, are widened on
PostgreSQL (SQLite never enforces a length).
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if "measure_plans" in sa.inspect(bind).get_table_names():
        if bind.dialect.name != "sqlite":
            for column in ("nar", "vem"):
                op.alter_column("measure_plans", column, type_=sa.Text())
        return
    op.create_table(
        "measure_plans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("row", sa.Integer, nullable=False),
        sa.Column("orsak", sa.Text),
        sa.Column("operativa_mal", sa.Text),
        sa.Column("nar", sa.Text),
        sa.Column("vem", sa.Text),
        sa.Column("uppfoljning", sa.Text, nullable=False),
    )
