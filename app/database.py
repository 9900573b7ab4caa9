"""Where accounts and conversation threads are kept: SQLite files beside the data (the default,
one process), or one PostgreSQL database that several app processes share (`SF_DATABASE_URL`).
SQLAlchemy Core speaks both; LangGraph's own savers keep the checkpoints."""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import psycopg
from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.exc import DBAPIError


def is_postgres(url: str | None) -> bool:
    return bool(url) and url.split(":", 1)[0] in ("postgres", "postgresql")


def libpq_url(url: str) -> str:
    """The URL as psycopg reads it (LangGraph's Postgres saver): no SQLAlchemy driver suffix."""
    scheme, rest = url.split("://", 1)
    return f"postgresql://{rest}" if scheme.startswith("postgres") else url


def engine_for(target: str | Path) -> Engine:
    """An engine on a PostgreSQL URL, or on a SQLite file (made if missing), where deleted rows
    are overwritten, not just unlinked, so that a deleted account leaves no bytes behind."""
    if isinstance(target, str) and is_postgres(target):
        return create_engine("postgresql+psycopg://" + target.split("://", 1)[1],
                             pool_pre_ping=True)
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _secure_delete(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA secure_delete = ON")

    return engine


def race_safe(setup: Callable[[], None], tries: int = 5) -> None:
    """Runs a schema set-up that other processes may be running at the same moment: PostgreSQL
    lets two `CREATE TABLE IF NOT EXISTS` race, and the loser fails; the next try finds the
    tables made."""
    for attempt in range(tries):
        try:
            setup()
            return
        except (DBAPIError, psycopg.Error):  # through SQLAlchemy, or LangGraph's psycopg
            if attempt == tries - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


def create_tables(engine: Engine, meta: MetaData) -> None:
    race_safe(lambda: meta.create_all(engine))
