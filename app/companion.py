"""The companion assembled from settings: chat model + memory store + graph + saved threads."""
from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from langchain_core.language_models import BaseChatModel
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.postgres import PostgresSaver
from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.graph.state import CompiledStateGraph
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool
from sqlalchemy import Column, Float, MetaData, String, Table, select

from graph import build_graph
from memory.store import MemoryStore

from app.chat_models import make_chat_model
from app.database import create_tables, engine_for, is_postgres, libpq_url, race_safe
from app.memory_factory import forgetting_curve, open_store, recall_weights
from app.settings import Settings


def make_companion(s: Settings, *, store: MemoryStore | None = None,
                   model: BaseChatModel | None = None,
                   checkpointer: BaseCheckpointSaver | None = None,
                   clock: Callable[[], date] = date.today) -> CompiledStateGraph:
    return build_graph(model or make_chat_model(s), store or open_store(s),
                       checkpointer=checkpointer, curve=forgetting_curve(s), clock=clock,
                       recall_k=s.recall_k, history_exchanges=s.history_exchanges,
                       recall_weights=recall_weights(s), reflect_every=s.reflect_every or None)


_meta = MetaData()
THREADS = Table("sf_threads", _meta,  # every thread a user started; the newest is the current one
                Column("thread_id", String, primary_key=True),
                Column("user", String, nullable=False, index=True),
                Column("seq", Float, nullable=False))


class Threads:
    """Conversation threads: LangGraph's checkpoints, plus each user's current thread, so that a
    restarted app or command line goes on where the user left off. On a SQLite file (the
    default) or a PostgreSQL URL (`app.database`), which several app processes can share."""

    def __init__(self, target: str | Path) -> None:
        self.engine = engine_for(target)
        create_tables(self.engine, _meta)
        if isinstance(target, str) and is_postgres(target):
            self._pool = ConnectionPool(libpq_url(target), open=True, kwargs={
                "autocommit": True, "prepare_threshold": 0, "row_factory": dict_row})
            self.checkpointer = PostgresSaver(self._pool)
            race_safe(self.checkpointer.setup)
            self.conn = None
        else:
            self._pool = None
            self.conn = sqlite3.connect(str(target), check_same_thread=False)
            self.conn.execute("PRAGMA secure_delete = ON")  # deleted threads leave no bytes
            self.checkpointer = SqliteSaver(self.conn)

    @classmethod
    def open(cls, s: Settings) -> "Threads":
        return cls(s.database_url or Path(s.data_dir) / "threads.sqlite")

    def current(self, user: str) -> str:
        with self.engine.connect() as db:
            thread_id = db.scalar(select(THREADS.c.thread_id).where(THREADS.c.user == user)
                                  .order_by(THREADS.c.seq.desc()).limit(1))
        return thread_id or self.new(user)

    def new(self, user: str) -> str:
        thread_id = str(uuid.uuid4())
        with self.engine.begin() as db:  # ordered by time: processes share no counter
            db.execute(THREADS.insert().values(thread_id=thread_id, user=user, seq=time.time()))
        return thread_id

    def forget_user(self, user: str) -> int:
        """Drops every thread of the user, checkpoints included. Returns how many."""
        with self.engine.connect() as db:
            ids = list(db.scalars(select(THREADS.c.thread_id).where(THREADS.c.user == user)))
        for thread_id in ids:
            self.checkpointer.delete_thread(thread_id)
        with self.engine.begin() as db:
            db.execute(THREADS.delete().where(THREADS.c.user == user))
        if self.conn is not None:
            # The checkpointer keeps SQLite in WAL mode: old pages stay in the log until this.
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return len(ids)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        if self._pool is not None:
            self._pool.close()
        self.engine.dispose()
