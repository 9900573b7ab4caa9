"""Reading a user's pieces: by id or key, all of them, by day, and nearest to a query vector."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np

from memory.records import MemoryPiece, summary_id
from memory.store.chroma import Match, day_filter, matches, to_piece
from memory.store.strength import Strength


class Reading(Strength):
    def find(self, user: str, key: str) -> MemoryPiece | None:
        """The user's piece with this id, or else the one its writer named `key`."""
        self.flush(user)
        col = self._collection(user, create=False)
        if col is None or not key:
            return None
        got = col.get(ids=[key], include=["metadatas"])
        if not got["ids"]:
            got = col.get(where={"key": key}, limit=1, include=["metadatas"])
        return to_piece(got["ids"][0], got["metadatas"][0]) if got["ids"] else None

    def count(self, user: str) -> int:
        col = self._collection(user, create=False)
        return 0 if col is None else col.count()

    def pieces(self, user: str, kind: str | None = None,
               since: date | None = None) -> list[MemoryPiece]:
        """A user's pieces (of one kind, from one day on, if asked), in (date, kind, index) order."""
        self.flush(user)
        return self._stored_pieces(user, kind, since)

    def _stored_pieces(self, user: str, kind: str | None = None,
                       since: date | None = None) -> list[MemoryPiece]:
        # Without waiting for queued reinforcement: safe under `_lock`, which the writer needs.
        col = self._collection(user, create=False)
        if col is None:
            return []
        where = [{"kind": kind}] if kind else []
        if since is not None:
            where.append({"day": {"$gte": since.toordinal()}})
        got = col.get(where=(where[0] if len(where) == 1 else {"$and": where}) if where else None,
                      include=["metadatas"])
        out = [to_piece(i, m) for i, m in zip(got["ids"], got["metadatas"])]
        return sorted(out, key=lambda p: (p.date, p.kind != "summary", p.index))

    def nearest(self, user: str, embedding: Sequence[float], n: int,
                within: tuple[date, date] | None = None) -> list[Match]:
        """The n pieces nearest to `embedding` (made between the two days of `within`, if
        given), nearest first, with their vectors and cosine similarity. These reads, which
        recall makes, count queued reinforcements in (`_with_queued`) instead of waiting."""
        col = self._collection(user, create=False)
        if col is None or n <= 0:
            return []
        def read() -> list[Match]:
            got = col.query(query_embeddings=[list(embedding)], n_results=n,
                            where=None if within is None else day_filter(*within),
                            include=["metadatas", "embeddings", "distances"])
            return matches({k: got[k][0] for k in ("ids", "metadatas", "embeddings",
                                                    "distances")}, similarity=True)

        found = self._with_queued(user, read)
        if within is not None and len(found) < n:
            # Fewer than asked: the window holds no more (then reading it is cheap), or Chroma's
            # filtered graph search missed some (it does, now and then, for a filter that lets
            # few pieces through). Either way the window is read and ranked exactly.
            found = _ranked(self.on_days(user, *within), embedding, n)
        return found

    def _by_ids(self, user: str, col, ids: list[str]) -> list[Match]:
        return self._with_queued(user, lambda: matches(
            col.get(ids=ids, include=["metadatas", "embeddings"]))) if ids else []

    def nearest_on_days(self, user: str, embedding: Sequence[float], n: int, start: date,
                        end: date) -> list[Match]:
        """The n pieces made between start and end (inclusive) nearest to `embedding`, ranked
        exactly: one day is read whole; of a longer span, the vectors are read first and only
        the n nearest whole (a week of a talkative user is 280 pieces, a month over a thousand).
        Chroma's filtered search took 80-130 ms at 100,000 pieces (BENCHMARKS.md)."""
        col = self._collection(user, create=False)
        if col is None or n <= 0:
            return []
        if start == end:
            return _ranked(self.on_days(user, start, end), embedding, n)
        # One filtered read (at 100,000 pieces each costs some 20 ms, whatever it returns).
        got = col.get(where=day_filter(start, end), include=["embeddings"])
        ids = got["ids"]
        if len(ids) > n:
            rows = np.asarray(got["embeddings"], dtype=np.float32)
            rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
            ids = [ids[i] for i in np.argsort(-(rows @ np.asarray(embedding, np.float32)),
                                              kind="stable")[:n]]
        return _ranked(self._by_ids(user, col, ids), embedding, n)

    def summaries(self, user: str, days: Iterable[str]) -> dict[str, Match]:
        """The daily summaries of `days` (YYYY-MM-DD) that exist, by day, with their vectors."""
        col = self._collection(user, create=False)
        days = sorted(set(days))
        if col is None or not days:
            return {}
        found = self._with_queued(user, lambda: matches(col.get(
            ids=[summary_id(user, d) for d in days], include=["metadatas", "embeddings"])))
        return {m.piece.date: m for m in found}

    def on_days(self, user: str, start: date, end: date) -> list[Match]:
        """Pieces made between start and end (inclusive), with their vectors."""
        col = self._collection(user, create=False)
        if col is None:
            return []
        return self._with_queued(user, lambda: matches(
            col.get(where=day_filter(start, end), include=["metadatas", "embeddings"])))


def _ranked(found: list[Match], embedding: Sequence[float], n: int) -> list[Match]:
    """The n of `found` nearest to `embedding` by cosine, nearest first, with it."""
    if not found:
        return []
    rows = np.asarray([m.vector for m in found], dtype=np.float32)
    q = np.asarray(embedding, dtype=np.float32)
    sims = rows @ q / np.maximum(np.linalg.norm(rows, axis=1) * np.linalg.norm(q), 1e-12)
    return [found[i]._replace(similarity=float(sims[i])) for i in np.argsort(-sims)[:n]]
