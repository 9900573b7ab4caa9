"""The companion assembled from settings: chat model + memory store + graph + saved threads."""
from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from langchain_core.language_models import BaseChatModel
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.graph.state import CompiledStateGraph

from graph import build_graph
from memory.store import MemoryStore

from app.chat_models import make_chat_model
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


class Threads:
    """Conversation threads on SQLite: LangGraph's checkpoints, plus each user's current thread,
    so that a restarted app or command line goes on where the user left off."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(path), check_same_thread=False)
        self.conn.execute("PRAGMA secure_delete = ON")  # deleted threads leave no bytes behind
        self.checkpointer = SqliteSaver(self.conn)
        with self.conn:  # every thread a user started, the newest being the current one
            self.conn.execute("CREATE TABLE IF NOT EXISTS sf_threads (thread_id TEXT PRIMARY KEY, "
                              "user TEXT NOT NULL, seq INTEGER NOT NULL)")

    @classmethod
    def open(cls, s: Settings) -> "Threads":
        return cls(Path(s.data_dir) / "threads.sqlite")

    def current(self, user: str) -> str:
        row = self.conn.execute("SELECT thread_id FROM sf_threads WHERE user = ? "
                                "ORDER BY seq DESC LIMIT 1", (user,)).fetchone()
        return row[0] if row else self.new(user)

    def new(self, user: str) -> str:
        thread_id = str(uuid.uuid4())
        with self.conn:
            self.conn.execute("INSERT INTO sf_threads SELECT ?, ?, COALESCE(MAX(seq), 0) + 1 "
                              "FROM sf_threads", (thread_id, user))
        return thread_id

    def forget_user(self, user: str) -> int:
        """Drops every thread of the user, checkpoints included. Returns how many."""
        ids = [r[0] for r in self.conn.execute("SELECT thread_id FROM sf_threads WHERE user = ?",
                                               (user,))]
        for thread_id in ids:
            self.checkpointer.delete_thread(thread_id)
        with self.conn:
            self.conn.execute("DELETE FROM sf_threads WHERE user = ?", (user,))
        # The checkpointer keeps SQLite in WAL mode: old pages stay in the log until this.
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return len(ids)

    def close(self) -> None:
        self.conn.close()
