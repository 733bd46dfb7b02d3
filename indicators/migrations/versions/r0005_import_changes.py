"""What each import changed: values revised, periods it was the first to give, statuses changed.

Revision ID: 0005
Revises: 0004

One row per import that stored anything (indicators/store.py, design.md "What changed");
`statuses` is NULL until the import's targets are judged after its commit. Imports made before
this table have no row: their changes were never recorded. A database made by a release that
created the table itself, before migrations, already has it and keeps it as it is.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "import_changes" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "import_changes",
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), primary_key=True),
        sa.Column("revised", sa.Integer, nullable=False),
        sa.Column("new_periods", sa.Text, nullable=False),
        sa.Column("statuses", sa.Text),
    )
