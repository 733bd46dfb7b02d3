"""Alembic's environment, run by indicators/schema.py on a connection it has already opened and
locked (config.attributes["connection"]): the migrations run inside the caller's transaction, so
two processes starting at once cannot both create the tables, and a failed migration leaves the
database as it was (PostgreSQL and SQLite both roll DDL back)."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, transaction_per_migration=False)
with context.begin_transaction():  # a no-op inside the caller's transaction
    context.run_migrations()
