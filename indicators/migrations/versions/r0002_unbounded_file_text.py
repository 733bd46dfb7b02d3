"""Text that comes from imported files has no length limit.

Revision ID: 0002
Revises: 0001

The first schema gave such columns lengths (an area's code, '1287:' and its name, in 20
characters) that SQLite never enforces but PostgreSQL does: the trygghetsmätning example's area
codes were refused there. On SQLite a declared length is only a hint, so nothing changes there.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# table → its columns whose text comes from a file (names, codes, sheets, the measures list)
COLUMNS = {
    "imports": ["file", "source", "layout"],
    "observations": ["geo_code", "geo_name", "sheet"],
    "measures": ["name", "focus_area", "responsible"],
    "free_texts": ["omrade"],
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, columns in COLUMNS.items():
        for column in columns:
            op.alter_column(table, column, type_=sa.Text())
