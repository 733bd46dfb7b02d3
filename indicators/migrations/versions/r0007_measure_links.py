"""The åtgärdsplan's links: the lägesbild problems and the agreement targets a measure answers.

Revision ID: 0007
Revises: 0006

Two columns on `measure_plans` (indicators/store.py), each a JSON list of ids: `problems` the
lägesbild's crime categories (the template's "Problem i lägesbilden"), `targets` the agreement
targets ("Delmål"). NULL on the rows of imports made before them: those measures link to
nothing. A database whose measure_plans already has the columns keeps them as they are.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("measure_plans")}
    for column in ("problems", "targets"):
        if column not in present:
            op.add_column("measure_plans", sa.Column(column, sa.Text))
