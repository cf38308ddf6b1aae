"""Alembic environment of the store, driven from code (no alembic.ini).

``interdictor.store.migrate`` hands over an open connection in
``config.attributes["connection"]``; migrations run inside its transaction.
"""

from __future__ import annotations

from alembic import context

from interdictor.store.tables import metadata


def run_migrations_online() -> None:
    """Run the pending revisions on the connection the caller provides."""
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("the store migrations need a connection in config.attributes")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite alters tables by copy-and-move
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
